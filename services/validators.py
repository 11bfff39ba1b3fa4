"""Validators for the values coordinators type in: the errors name what is wrong, in the user's language."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

# ASCII digits only (\d would accept Arabic-Indic or full-width digits) and \Z, not $ (which accepts a final newline).
_BUSINESS_ID = re.compile(r"\A(\d{7})-(\d)\Z", re.ASCII)
_BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
_POSTAL_CODE = re.compile(r"\A\d{5}\Z", re.ASCII)
_PHONE = re.compile(r"\A\+[1-9]\d{0,2}( ?\d){4,14}\Z", re.ASCII)


def business_id_check_digit(first_seven: str) -> int | None:
    """The check digit of a Finnish business ID (Y-tunnus); None where no valid one exists (remainder 1)."""
    remainder = sum(int(d) * w for d, w in zip(first_seven, _BUSINESS_ID_WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def validate_business_id(value: str) -> None:
    match = _BUSINESS_ID.match(value or "")
    if not match:
        raise ValidationError(
            _("Enter a business ID in the form 1234567-8."),
            code="business_id_format",
            params={"value": value},
        )
    expected = business_id_check_digit(match.group(1))
    if expected is None or expected != int(match.group(2)):
        raise ValidationError(
            _("The check digit of business ID %(value)s is wrong."),
            code="business_id_check_digit",
            params={"value": value},
        )


def validate_postal_code(value: str) -> None:
    if not _POSTAL_CODE.match(value or ""):
        raise ValidationError(_("A postal code has five digits, for example 00100."), code="postal_code")


def validate_phone_number(value: str) -> None:
    if not _PHONE.match(value or ""):
        raise ValidationError(
            _("Enter the phone number in international form, for example +358 29 5000."), code="phone_number"
        )


validate_http_url = URLValidator(schemes=["http", "https"], message=_("Enter a web address that starts with https://."))
