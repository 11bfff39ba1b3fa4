"""Opening hours as people write them on doors and web pages in Finland, Swedish-speaking Finland and in English:
the coordinator types them into the location's text box in the admin and gets the rows, or an error that says in
their language exactly what could not be read. (The text box is the parser's only user; the exchange import
reads structured hours.)"""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from services import opening_hours
from services.models import OpeningHours, Service, ServiceLocation
from tests.admin_support import ITA_SUOMI, form_data, make_coordinator
from tests.factories import ProviderFactory, ServiceFactory, ServiceLocationFactory, municipality

pytestmark = pytest.mark.django_db

MIKKELI = "491"
WEEKDAYS = [1, 2, 3, 4, 5]


def hours(text: str) -> list[tuple[int, str, str]]:
    return [(p.weekday, f"{p.opens:%H:%M}", f"{p.closes:%H:%M}") for p in opening_hours.parse(text)]


def every(days: list[int], opens: str, closes: str) -> list[tuple[int, str, str]]:
    return [(day, opens, closes) for day in days]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ma–pe klo 9–16", every(WEEKDAYS, "09:00", "16:00")),
        ("ma-pe klo 9.00-16.00", every(WEEKDAYS, "09:00", "16:00")),
        ("mån–fre kl. 9–16", every(WEEKDAYS, "09:00", "16:00")),
        ("Mån-Fre kl 9:00-16:00", every(WEEKDAYS, "09:00", "16:00")),
        ("må–fr 9.00–16.00", every(WEEKDAYS, "09:00", "16:00")),
        ("Mon–Fri 9am–4pm", every(WEEKDAYS, "09:00", "16:00")),
        ("Monday—Friday 9 a.m. – 4.30 p.m.", every(WEEKDAYS, "09:00", "16:30")),
        ("arkisin 8.30–15.45", every(WEEKDAYS, "08:30", "15:45")),
        ("vardagar 9–16", every(WEEKDAYS, "09:00", "16:00")),
        ("ma–pe: 9–16", every(WEEKDAYS, "09:00", "16:00")),
        ("ma 9–11, 12–16", [(1, "09:00", "11:00"), (1, "12:00", "16:00")]),
        ("ti klo 9–11 ja klo 12–16", [(2, "09:00", "11:00"), (2, "12:00", "16:00")]),
        ("ma, ke 9–12", [(1, "09:00", "12:00"), (3, "09:00", "12:00")]),
        ("mån och ons 9–12", [(1, "09:00", "12:00"), (3, "09:00", "12:00")]),
        ("Mon, Wed and Fri 10–14", every([1, 3, 5], "10:00", "14:00")),
        ("ma–to 9–16, pe 9–14", [*every([1, 2, 3, 4], "09:00", "16:00"), (5, "09:00", "14:00")]),
        ("torstaisin 12–18", [(4, "12:00", "18:00")]),
        ("mån. 9–16\nlör–sön stängt", [(1, "09:00", "16:00")]),
        ("ma–pe 9–16\nla–su suljettu", every(WEEKDAYS, "09:00", "16:00")),
        ("Mon–Fri 9–16\nSat–Sun closed", every(WEEKDAYS, "09:00", "16:00")),
        ("la kiinni", []),
    ],
)
def test_the_usual_forms_are_read(text, expected):
    assert hours(text) == expected


@pytest.mark.parametrize(
    ("text", "fi", "sv"),
    [
        ("xx 9–16", "Rivi 1: ”xx” ei ole viikonpäivä.", "Rad 1: ”xx” är inte en veckodag."),
        ("ma 9", "Rivi 1: kohdassa ”9” ei ole sulkemisaikaa; kirjoita aukioloaika muodossa 9–16.",
         "Rad 1: ”9” saknar stängningstid; skriv öppettiden som 9–16."),
        ("ma", "Rivi 1: kirjoita päivien jälkeen aukioloaika, esimerkiksi ”9–16”, tai ”suljettu”.",
         "Rad 1: skriv öppettiden efter dagarna, till exempel ”9–16”, eller ”stängt”."),
        ("ma 9–16 lounas", "Rivi 1: kohtaa ”lounas” ei voitu lukea.", "Rad 1: ”lounas” kunde inte läsas."),
        ("ma 9–16 / 17–18", "Rivi 1: kohtaa ”/ 17–18” ei voitu lukea.", "Rad 1: ”/ 17–18” kunde inte läsas."),
        ("ma klo aamusta", "Rivi 1: kohtaa ”aamusta” ei voitu lukea aukioloajaksi, kuten 9–16 tai 9.00–16.00.",
         "Rad 1: ”aamusta” kunde inte läsas som öppettid, till exempel 9–16 eller 9.00–16.00."),
        ("ma 25–26", "Rivi 1: 25 ei ole kellonaika.", "Rad 1: 25 är inte ett klockslag."),
        ("ma suljettu\nma 9–16",
         "Rivi 1: maanantai on merkitty suljetuksi, mutta sille on annettu aukioloaika toisella rivillä.",
         "Rad 1: måndag är markerad som stängd men har öppettider på en annan rad."),
    ],
)  # fmt: skip
def test_what_could_not_be_read_is_named_in_the_coordinators_language(text, fi, sv):
    for language, expected in [("fi", fi), ("sv", sv)]:
        with translation.override(language), pytest.raises(ValidationError) as raised:
            opening_hours.parse(text)
        assert raised.value.messages == [expected]


@pytest.mark.parametrize("text", ["ma 16–9", "pe–ma 9–16", "ma 9–12, 11–14", "maanantaina 9–16", "9–16", "13pm–14pm"])
def test_impossible_hours_are_still_refused(text):
    with pytest.raises(ValidationError):
        opening_hours.parse(text)


# --- In the admin ------------------------------------------------------------------------------------------


@pytest.fixture
def location() -> ServiceLocation:
    provider = ProviderFactory(municipality=municipality(MIKKELI))
    service = ServiceFactory(provider=provider, status=Service.Status.DRAFT)
    return ServiceLocationFactory(service=service, municipality=municipality(MIKKELI))


@pytest.fixture
def coordinator() -> Client:
    client = Client()
    client.force_login(make_coordinator("ita", ITA_SUOMI))
    return client


def save_hours(client: Client, location: ServiceLocation, text: str, language: str = "fi"):
    url = f"/{language}/admin/services/service/{location.service.pk}/change/"
    data = form_data(client.get(url).content.decode(), "service_form")
    data["locations-0-opening_hours_text"] = text
    return client.post(url, data)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fi", "ma–pe klo 9–16\nla–su suljettu"),
        ("sv", "mån–fre kl. 9.00–16.00\nlör–sön stängt"),
        ("en", "Mon–Fri 9am–4pm\nSat–Sun closed"),
    ],
)
def test_a_coordinator_saves_hours_as_written_on_a_door(coordinator, location, language, text):
    assert save_hours(coordinator, location, text, language).status_code == 302
    rows = OpeningHours.objects.filter(location=location).order_by("weekday")
    assert [(r.weekday, r.opens, r.closes) for r in rows] == [
        (day, datetime.time(9), datetime.time(16)) for day in WEEKDAYS
    ]
    # The form shows them back in the coordinator's language, days joined.
    url = f"/{language}/admin/services/service/{location.service.pk}/change/"
    shown = {"fi": "ma–pe 9.00–16.00", "sv": "må–fr 9.00–16.00", "en": "Mon–Fri 9.00–16.00"}[language]
    assert shown in coordinator.get(url).content.decode()


def test_a_lunch_break_and_a_list_of_days_are_saved(coordinator, location):
    assert save_hours(coordinator, location, "ma, ke 9–11, 12–16\nto klo 12–18").status_code == 302
    rows = OpeningHours.objects.filter(location=location).order_by("weekday", "opens")
    assert [(r.weekday, r.opens.hour, r.closes.hour) for r in rows] == [
        (1, 9, 11), (1, 12, 16), (3, 9, 11), (3, 12, 16), (4, 12, 18)
    ]  # fmt: skip


def test_the_admin_names_what_it_could_not_read_and_keeps_the_old_hours(coordinator, location):
    OpeningHours.objects.create(location=location, weekday=1, opens=datetime.time(8), closes=datetime.time(12))
    response = save_hours(coordinator, location, "ma–pe klo 9–16\nla aamusta", "sv")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Rad 2: ”aamusta” kunde inte läsas som öppettid, till exempel 9–16 eller 9.00–16.00." in page
    assert list(OpeningHours.objects.filter(location=location).values_list("opens", flat=True)) == [datetime.time(8)]
