"""Open data: the HSDS 3.0 export of a small directory, one dataset per language with shared ids."""

from __future__ import annotations

import datetime
import io
import json
import uuid

import pytest
from django.core.management import call_command

from regions.models import EmploymentArea
from services.models import ElectronicChannel, Service, TargetGroup
from tests.factories import (
    ElectronicChannelFactory,
    OpeningHoursFactory,
    PhoneChannelFactory,
    ProviderFactory,
    ServiceFactory,
    ServiceLocationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(tmp_path):
    provider = ProviderFactory(external_id="test:provider:olkkari", name_fi="Ohjaamo Olkkari", name_sv=None)
    service = ServiceFactory(
        provider=provider,
        external_id="test:service:olkkari",
        name_fi="Ohjaamo Olkkari",
        name_sv="Navigatorn Olkkari",
        name_en=None,
        languages=["fi", "en", "uk"],
        last_reviewed=datetime.date(2026, 5, 4),
    )
    service.target_groups.set(TargetGroup.objects.filter(code="young-people"))
    service.employment_areas.set(EmploymentArea.objects.filter(code=23))
    location = ServiceLocationFactory(service=service)
    for weekday in (1, 2, 3):
        OpeningHoursFactory(location=location, weekday=weekday)
    OpeningHoursFactory(location=location, weekday=5, closes=datetime.time(14))
    PhoneChannelFactory(service=service)
    ElectronicChannelFactory(service=service, kind=ElectronicChannel.Kind.CHAT, url_fi="https://www.mikkeli.fi/")
    ServiceFactory(provider=provider, status=Service.Status.DRAFT, external_id="test:service:draft")
    call_command("export_hsds", str(tmp_path), stdout=io.StringIO())
    return tmp_path


def read(directory, language: str, name: str) -> list[dict]:
    return json.loads((directory / language / name).read_text(encoding="utf-8"))


def is_uuid(value: str) -> bool:
    return str(uuid.UUID(value)) == value


def test_only_published_services_are_exported_with_their_organization(exported):
    services = read(exported, "fi", "services.json")
    organizations = read(exported, "fi", "organizations.json")
    assert [s["name"] for s in services] == ["Ohjaamo Olkkari"]
    assert len(organizations) == 1
    service = services[0]
    assert service["organization_id"] == organizations[0]["id"] == service["organization"]["id"]
    assert service["status"] == "active"
    assert service["assured_date"] == "2026-05-04"
    assert json.loads((exported / "index.json").read_text())["version"] == "3.0"


def test_every_object_has_a_uuid_and_points_to_its_parent(exported):
    service = read(exported, "fi", "services.json")[0]
    assert is_uuid(service["id"])
    physical, virtual = service["service_at_locations"]
    assert physical["service_id"] == virtual["service_id"] == service["id"]
    assert physical["location_id"] == physical["location"]["id"]
    assert physical["location"]["location_type"] == "physical"
    assert physical["location"]["addresses"][0]["city"] == "Mikkeli"
    assert physical["location"]["addresses"][0]["postal_code"] == "50100"
    assert virtual["location"]["location_type"] == "virtual"
    assert virtual["location"]["url"] == "https://www.mikkeli.fi/"
    assert service["url"] == "https://www.mikkeli.fi/"
    for phone in service["phones"]:
        assert phone["service_id"] == service["id"] and phone["number"] == "+358 29 5000"
    for language in service["languages"]:
        assert language["service_id"] == service["id"] and is_uuid(language["id"])
    assert [lang["code"] for lang in service["languages"]] == ["fi", "en", "uk"]
    area = service["service_areas"][0]
    assert area["service_id"] == service["id"]
    assert area["attributes"][0]["taxonomy_term"]["code"] == "employment_area:23"


def test_opening_hours_become_weekly_schedules_one_per_opening_span(exported):
    at_location = read(exported, "fi", "services.json")[0]["service_at_locations"][0]
    schedules = {(s["byday"], s["opens_at"], s["closes_at"]) for s in at_location["schedules"]}
    assert schedules == {("MO,TU,WE", "09:00", "16:00"), ("FR", "09:00", "14:00")}
    assert all(
        s["freq"] == "WEEKLY" and s["service_at_location_id"] == at_location["id"] for s in at_location["schedules"]
    )


def test_each_language_is_a_dataset_with_the_same_ids_and_marked_fallbacks(exported):
    fi, sv, en = (read(exported, code, "services.json")[0] for code in ("fi", "sv", "en"))
    assert fi["id"] == sv["id"] == en["id"]
    assert sv["name"] == "Navigatorn Olkkari"
    assert en["name"] == "Ohjaamo Olkkari"  # no English name: the Finnish one, and it says so
    text_language = [a for a in en["attributes"] if a["link_type"] == "liv:text-language"]
    assert [a["taxonomy_term"]["code"] for a in text_language] == ["fi"]
    assert "name" in text_language[0]["value"].split()
    assert not [a for a in fi["attributes"] if a["link_type"] == "liv:text-language"]
    target_groups = {
        code: next(a for a in s["attributes"] if a["link_type"] == "liv:target-group")
        for code, s in (("fi", fi), ("sv", sv), ("en", en))
    }
    assert target_groups["fi"]["taxonomy_term"]["name"] == "Nuoret"
    assert target_groups["sv"]["taxonomy_term"]["name"] == "Unga"
    assert target_groups["en"]["taxonomy_term"]["name"] == "Young people"


def test_the_export_is_the_same_every_time(exported, tmp_path_factory):
    again = tmp_path_factory.mktemp("again")
    call_command("export_hsds", str(again), stdout=io.StringIO())
    for language in ("fi", "sv", "en"):
        assert read(again, language, "services.json") == read(exported, language, "services.json")
