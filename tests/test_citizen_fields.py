"""The fields citizens need: who can use a service, how to apply, e-mail, coordinates, exceptions to the opening
hours and when the entry last changed — validated, on the page in fi/sv/en only when present, and in the API."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from services import opening_hours_exceptions
from services.admin_forms import ServiceLocationForm, scoped_form
from services.models import OpeningHoursException, Service, ServiceLocation
from services.permissions import Scope
from tests.factories import ServiceFactory, ServiceLocationFactory, municipality

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NEXT_WEEK = TODAY + datetime.timedelta(days=7)


@pytest.fixture
def service():
    service = ServiceFactory(
        eligibility_fi="Alle 30-vuotiaat, jotka asuvat Mikkelissä.",
        eligibility_sv="Personer under 30 år som bor i S:t Michel.",
        eligibility_en="People under 30 who live in Mikkeli.",
        how_to_apply_fi="Varaa aika puhelimitse tai tule käymään.",
        how_to_apply_sv="Boka tid per telefon eller kom förbi.",
        how_to_apply_en="Book a time by phone or drop in.",
        emails=["ohjaamo@example.fi"],
    )
    location = ServiceLocationFactory(
        service=service, email="toimipiste@example.fi", latitude=Decimal("61.688727"), longitude=Decimal("27.272146")
    )
    OpeningHoursException.objects.create(
        location=location,
        valid_from=NEXT_WEEK,
        valid_to=NEXT_WEEK + datetime.timedelta(days=2),
        closed=True,
        note_fi="Suljettu koulutuspäivien ajan",
        note_sv="Stängt under utbildningsdagarna",
        note_en="Closed for staff training",
    )
    OpeningHoursException.objects.create(
        location=location,
        valid_from=TODAY - datetime.timedelta(days=30),
        closed=False,
        opens=datetime.time(9),
        closes=datetime.time(12),
        note_fi="Mennyt poikkeus",
    )
    return service


@pytest.mark.parametrize(
    ("lang", "eligibility", "apply", "note", "headings"),
    [
        ("fi", "Alle 30-vuotiaat", "Varaa aika", "Suljettu koulutuspäivien ajan", ("Kenelle", "Näin haet")),
        ("sv", "Personer under 30", "Boka tid", "Stängt under utbildningsdagarna", ("Vem", "Så här ansöker du")),
        ("en", "People under 30", "Book a time", "Closed for staff training", ("Who can use", "How to apply")),
    ],
)
def test_the_new_fields_are_on_the_page_in_each_language(client, service, lang, eligibility, apply, note, headings):
    # Late in the evening in UTC is already the next day in Finland: the page says the Finnish date.
    late_evening_utc = datetime.datetime(2026, 3, 4, 23, 30, tzinfo=datetime.UTC)
    Service.objects.filter(pk=service.pk).update(modified=late_evening_utc)
    page = client.get(f"/{lang}/services/{service.pk}/").content.decode()
    for text in (eligibility, apply, note, *headings):
        assert text in page, text
    assert 'href="mailto:ohjaamo@example.fi"' in page
    assert 'href="mailto:toimipiste@example.fi"' in page
    assert f'datetime="{NEXT_WEEK:%Y-%m-%d}"' in page
    assert 'datetime="2026-03-05"' in page  # last updated
    assert "Mennyt poikkeus" not in page  # an exception that has passed is no news


def test_a_service_without_the_new_fields_shows_no_empty_headings(client):
    plain = ServiceFactory()
    page = client.get(f"/en/services/{plain.pk}/").content.decode()
    for absent in ("Who can use the service", "How to apply", "Exceptions to opening hours", "mailto:"):
        assert absent not in page


def test_a_missing_translation_is_shown_in_finnish_with_its_language(client):
    finnish_only = ServiceFactory(eligibility_fi="Kaikki työikäiset.", eligibility_en="")
    page = client.get(f"/en/services/{finnish_only.pk}/").content.decode()
    assert '<div lang="fi"><p>Kaikki työikäiset.</p></div>' in page


def test_the_api_gives_the_new_fields_and_matches_its_description(client, service):
    body = client.get(f"/api/v1/services/{service.pk}/", {"lang": "sv"}).json()
    assert body["eligibility"] == {"text": "Personer under 30 år som bor i S:t Michel.", "lang": "sv"}
    assert body["how_to_apply"]["text"] == "Boka tid per telefon eller kom förbi."
    assert body["emails"] == ["ohjaamo@example.fi"]
    location = body["locations"][0]
    assert (location["latitude"], location["longitude"]) == (61.688727, 27.272146)
    assert location["email"] == "toimipiste@example.fi"
    assert location["opening_hours_exceptions"] == [
        {
            "from": NEXT_WEEK.isoformat(),
            "to": (NEXT_WEEK + datetime.timedelta(days=2)).isoformat(),
            "closed": True,
            "opens": None,
            "closes": None,
            "note": {"text": "Stängt under utbildningsdagarna", "lang": "sv"},
        }
    ]
    spec = json.loads((Path(__file__).resolve().parent.parent / "docs" / "openapi.json").read_text(encoding="utf-8"))
    jsonschema.validate(body, {"$ref": "#/components/schemas/ServiceDetail", "components": spec["components"]})


@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [
        (Decimal("27.272146"), Decimal("61.688727"), "latitude"),  # swapped
        (Decimal("61.688727"), Decimal("45.0"), "longitude"),
    ],
)
def test_coordinates_outside_finland_are_refused(latitude, longitude, field):
    location = ServiceLocationFactory.build(
        service=ServiceFactory(), municipality=municipality("491"), latitude=latitude, longitude=longitude
    )
    with pytest.raises(ValidationError) as error:
        location.full_clean()
    assert field in error.value.message_dict


def test_a_latitude_without_a_longitude_is_refused_by_the_form_and_the_database():
    location = ServiceLocationFactory.build(service=ServiceFactory(), latitude=Decimal("61.5"), longitude=None)
    with pytest.raises(ValidationError):
        location.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        location.save()


def test_a_closed_day_with_hours_is_refused_by_the_database():
    location = ServiceLocationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningHoursException.objects.create(
            location=location, valid_from=TODAY, closed=True, opens=datetime.time(9), closes=datetime.time(12)
        )


def _location_form(location: ServiceLocation, exceptions_text: str):
    form_class = scoped_form(ServiceLocationForm, Scope(national=True, centre_ids=frozenset()))
    data = {
        "service": location.service_id,
        "municipality": location.municipality_id,
        "postal_code": location.postal_code,
        "name_fi": "Ohjaamo",
        "exceptions_text": exceptions_text,
        "opening_hours_text": "",
    }
    return form_class(data=data, instance=location)


def test_a_coordinator_types_exceptions_in_one_box_and_reads_them_back():
    location = ServiceLocationFactory()
    text = (
        f"{NEXT_WEEK:%d.%m.%Y}–{NEXT_WEEK + datetime.timedelta(days=2):%d.%m.%Y} suljettu"
        " | Suljettu joulun ajan | Stängt över julen | Closed over Christmas\n"
        f"{NEXT_WEEK + datetime.timedelta(days=5):%Y-%m-%d} 9.00–14"
    )
    form = _location_form(location, text)
    assert form.is_valid(), form.errors
    form.save()
    rows = list(location.opening_hours_exceptions.all())
    assert [(r.closed, r.opens, r.note_sv) for r in rows] == [
        (True, None, "Stängt över julen"),
        (False, datetime.time(9), None),
    ]
    again = opening_hours_exceptions.format_exceptions(rows)
    assert opening_hours_exceptions.parse(again) == opening_hours_exceptions.parse(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31.2.2026 closed", "Line 1: 31.2.2026 is not a date."),
        ("24.12.2026–20.12.2026 closed", "Line 1: the last day is before the first."),
        ("24.12.2026 sometimes", "Line 1: “sometimes” is neither “closed” nor hours such as 9.00–14.00."),
        ("24.12.2026 14–9", "Line 1: closing time must be later than opening time."),
        ("joulu closed", "Line 1: write the dates and “closed” or the hours, for example “24.12.2026 closed”."),
    ],
)
def test_a_faulty_exception_line_is_named(text, message):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        opening_hours_exceptions.parse(text)
    assert message in error.value.messages


def test_the_page_s_structured_data_gives_the_coordinates_and_e_mail(client, service):
    page = client.get(f"/fi/services/{service.pk}/").content.decode()
    data = json.loads(page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])
    place = data["availableChannel"][0]["serviceLocation"]
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 61.688727, "longitude": 27.272146}
    assert place["address"]["email"] == "toimipiste@example.fi"
    assert data["email"] == "ohjaamo@example.fi"


def test_who_can_use_a_service_and_how_to_apply_are_searched_in_each_language(client) -> None:
    """People search by their situation ("drop in", "registered jobseeker") as often as by the service's topic."""
    wanted = ServiceFactory(
        name_fi="Nuorten neuvontapiste",
        name_sv="Rådgivning för unga",
        name_en="Advice point for young people",
        eligibility_fi="Työnhakijaksi ilmoittautuneet nuoret.",
        eligibility_sv="Unga som har anmält sig som arbetssökande.",
        eligibility_en="Young people registered as jobseekers.",
        how_to_apply_fi="Tule käymään ilman ajanvarausta.",
        how_to_apply_sv="Kom förbi utan tidsbokning.",
        how_to_apply_en="Drop in without an appointment.",
    )
    ServiceFactory(name_fi="Nuorten harrastusneuvonta", name_sv="Fritidsrådgivning för unga", name_en="Hobby advice")

    def found(text: str, lang: str) -> list[str]:
        body = client.get("/api/v1/services/", {"q": text, "lang": lang}).json()
        return [row["id"] for row in body["results"]][:1] if not body.get("partial") else []

    assert found("ilman ajanvarausta", "fi") == [wanted.pk]
    assert found("ilmoittautuneet nuoret", "fi") == [wanted.pk]
    assert found("utan tidsbokning", "sv") == [wanted.pk]
    assert found("registered jobseekers", "en") == [wanted.pk]
    # Walk-in is a synonym across the languages (ilman ajanvarausta ↔ utan tidsbokning ↔ drop-in), so all three go.
    wanted.how_to_apply_fi = "Varaa aika verkossa."
    wanted.how_to_apply_sv = "Boka tid på nätet."
    wanted.how_to_apply_en = "Book an appointment online."
    wanted.save()
    assert found("ilman ajanvarausta", "fi") == []  # the documents followed the edit
