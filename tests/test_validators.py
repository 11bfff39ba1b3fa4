"""Validators reject what a coordinator could mistype, with the checks the official formats define."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from services.models import OpeningHours
from services.validators import (
    business_id_check_digit,
    validate_business_id,
    validate_http_url,
    validate_phone_number,
    validate_postal_code,
)
from tests.factories import OpeningHoursFactory, ProviderFactory, ServiceLocationFactory

WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def _reference_check_digit(first_seven: str) -> int | None:
    """The Finnish Tax Administration's rule, written out independently: weights 7, 9, 10, 5, 8, 4, 2,
    remainder modulo 11; 0 gives 0, 1 gives no valid ID, otherwise 11 minus the remainder."""
    remainder = sum(int(digit) * weight for digit, weight in zip(first_seven, WEIGHTS, strict=True)) % 11
    return {0: 0, 1: None}.get(remainder, 11 - remainder)


# Prefixes chosen to hit every branch: remainder 0, remainder 1 (no valid check digit), the others.
PREFIXES = ["0737546", "0112038", "0201256", "1234567", "2331972", "0000000", "1000000", "9999999", "0000006"]


@pytest.mark.parametrize(
    "business_id", ["0737546-2", "0112038-9", "0201256-6", "1234567-1", "2331972-7", "0000000-0", "9999999-2"]
)
def test_valid_business_ids_are_accepted(business_id):
    validate_business_id(business_id)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_only_the_computed_check_digit_is_accepted(prefix):
    expected = _reference_check_digit(prefix)
    assert business_id_check_digit(prefix) == expected
    for digit in range(10):
        if digit == expected:
            validate_business_id(f"{prefix}-{digit}")
        else:
            with pytest.raises(ValidationError) as error:
                validate_business_id(f"{prefix}-{digit}")
            assert error.value.code == "business_id_check_digit"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "0737546",
        "07375462",
        "0737546-",
        "737546-2",
        "00737546-2",
        "0737546–2",
        " 0737546-2",
        "O737546-2",
        "0737546-2\n",
        "٠٧٣٧٥٤٦-٢",
    ],
)
def test_malformed_business_ids_are_rejected(value):
    with pytest.raises(ValidationError) as error:
        validate_business_id(value)
    assert error.value.code == "business_id_format"


@pytest.mark.django_db
def test_provider_with_wrong_check_digit_fails_model_validation():
    provider = ProviderFactory.build(business_id="0737546-3")
    with pytest.raises(ValidationError) as error:
        provider.full_clean(exclude=["municipality"])
    assert "business_id" in error.value.message_dict


@pytest.mark.parametrize("value", ["00100", "99999", "65100"])
def test_postal_codes_with_five_digits_are_accepted(value):
    validate_postal_code(value)


@pytest.mark.parametrize("value", ["", "0010", "001000", "00 100", "FI-00100", "abcde", "００１００", "00100\n"])
def test_other_postal_codes_are_rejected(value):
    with pytest.raises(ValidationError):
        validate_postal_code(value)


@pytest.mark.parametrize(
    "value", ["+358 29 5000", "+358295000", "+358 40 1234567", "+46 8 123 456 78", "+1 202 555 0143"]
)
def test_phone_numbers_in_international_form_are_accepted(value):
    validate_phone_number(value)


@pytest.mark.parametrize(
    "value",
    ["", "029 5000", "0401234567", "+0 123 4567", "+358", "+358 2", "+358 29 5000\n", "358 29 5000",
     "+358-29-5000", "+358 29 5000 ext 1", "+358  29 5000", "+3581234567890123456"],
)  # fmt: skip
def test_phone_numbers_not_in_international_form_are_rejected(value):
    with pytest.raises(ValidationError):
        validate_phone_number(value)


@pytest.mark.parametrize(
    "value", ["https://www.example.fi/", "http://example.org/ohjaus?kieli=fi", "https://palvelu.fi"]
)
def test_http_and_https_addresses_are_accepted(value):
    validate_http_url(value)


@pytest.mark.parametrize(
    "value",
    ["javascript:alert(1)", "ftp://example.fi/", "mailto:ohjaus@example.fi", "file:///etc/passwd", "www.example.fi",
     "data:text/html,hi", "https://", ""],
)  # fmt: skip
def test_other_addresses_are_rejected(value):
    with pytest.raises(ValidationError):
        validate_http_url(value)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("opens", "closes"), [(datetime.time(16), datetime.time(9)), (datetime.time(9), datetime.time(9))]
)
def test_opening_hours_closing_before_opening_fail_validation(opens, closes):
    hours = OpeningHours(location=ServiceLocationFactory(), weekday=1, opens=opens, closes=closes)
    with pytest.raises(ValidationError) as error:
        hours.full_clean()
    assert "closes" in error.value.message_dict


@pytest.mark.django_db
def test_database_refuses_opening_hours_closing_before_opening():
    """The check constraint holds even for code that skips model validation (imports, bulk updates)."""
    hours = OpeningHoursFactory()
    with transaction.atomic(), pytest.raises(IntegrityError, match="opening_hours_open_before_close"):
        OpeningHours.objects.filter(pk=hours.pk).update(opens=datetime.time(17), closes=datetime.time(8))
    with transaction.atomic(), pytest.raises(IntegrityError, match="opening_hours_open_before_close"):
        OpeningHours.objects.create(
            location=hours.location, weekday=2, opens=datetime.time(12), closes=datetime.time(12)
        )
    hours.refresh_from_db()
    assert hours.opens < hours.closes


@pytest.mark.django_db
def test_database_refuses_weekday_outside_monday_to_sunday():
    location = ServiceLocationFactory()
    with transaction.atomic(), pytest.raises(IntegrityError, match="opening_hours_weekday_1_7"):
        OpeningHours.objects.create(location=location, weekday=8, opens=datetime.time(9), closes=datetime.time(10))
