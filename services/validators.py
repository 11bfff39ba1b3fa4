"""Validators for the values coordinators type in: the errors name what is wrong, in the user's language."""

from __future__ import annotations

import re
from decimal import Decimal

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


# Finland with its sea areas, with a margin: a point outside is a typing error or latitude and longitude swapped
# (every location lies in a Finnish municipality).
FINLAND_LATITUDE = (59.0, 70.5)
FINLAND_LONGITUDE = (19.0, 32.0)


def validate_latitude(value: float | Decimal | None) -> None:
    if value is not None and not FINLAND_LATITUDE[0] <= float(value) <= FINLAND_LATITUDE[1]:
        raise ValidationError(
            _("A latitude in Finland is between %(low)s and %(high)s degrees north (WGS84), for example 61.688."),
            code="latitude",
            params={"low": FINLAND_LATITUDE[0], "high": FINLAND_LATITUDE[1]},
        )


def validate_longitude(value: float | Decimal | None) -> None:
    if value is not None and not FINLAND_LONGITUDE[0] <= float(value) <= FINLAND_LONGITUDE[1]:
        raise ValidationError(
            _("A longitude in Finland is between %(low)s and %(high)s degrees east (WGS84), for example 27.272."),
            code="longitude",
            params={"low": FINLAND_LONGITUDE[0], "high": FINLAND_LONGITUDE[1]},
        )


validate_http_url = URLValidator(schemes=["http", "https"], message=_("Enter a web address that starts with https://."))
