"""Open data in HSDS 3.0: every object of the export and of the /api/hsds/v3/ endpoints validates against Open
Referral's official compiled schemas (vendored in fixtures/hsds/3.0/), for the demo directory and for a richer one
(phones, business ids, addresses and locations without, coordinates, never-reviewed services, fallback texts);
the tabular form (CSV + datapackage.json) holds the same data; the endpoints page, filter and return HSDS's
envelope in each language."""

from __future__ import annotations

import csv
import datetime
import io
import json
import random
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from exchange.hsds import validation
from exchange.hsds.objects import hsds_id, service_id
from regions.models import EmploymentArea, Municipality
from services.models import ElectronicChannel, NationalGoal, Provider, Service, ServiceType, TargetGroup
from services.search import documents
from tests.factories import (
    ElectronicChannelFactory,
    OpeningHoursFactory,
    PhoneChannelFactory,
    ProviderFactory,
    ServiceFactory,
    ServiceLocationFactory,
)

pytestmark = pytest.mark.django_db

COLLECTION_SCHEMAS = {
    "services": "service",
    "organizations": "organization",
    "service_at_locations": "service_at_location",
    "taxonomies": "taxonomy",
    "taxonomy_terms": "taxonomy_term",
}
ENVELOPE_KEYS = ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"]


def business_id(number: int) -> str:
    """A Finnish business ID (Y-tunnus) with a valid check digit."""
    digits = f"{number:07d}"
    remainder = sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    if remainder == 1:
        return business_id(number + 1)
    return f"{digits}-{0 if remainder == 0 else 11 - remainder}"


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


def read(directory: Path, language: str, name: str) -> list[dict]:
    page = json.loads((directory / language / name).read_text(encoding="utf-8"))
    assert list(page) == ENVELOPE_KEYS
    assert page["total_items"] == page["size"] == len(page["contents"])
    return page["contents"]


def is_uuid(value: str) -> bool:
    return str(uuid.UUID(value)) == value


def no_nulls(value: object, path: str = "") -> list[str]:
    """Paths of every null or empty string in an object: HSDS leaves optional fields out instead."""
    if value is None or value == "":
        return [path]
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in no_nulls(item, f"{path}/{key}")]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in no_nulls(item, f"{path}/{index}")]
    return []


def every_problem(directory: Path) -> list[str]:
    """Every object of every collection and language, and every table row, against the official schemas."""
    found = []
    for language in ("fi", "sv", "en"):
        for collection, kind in COLLECTION_SCHEMAS.items():
            for index, obj in enumerate(read(directory, language, f"{collection}.json")):
                found += [f"{language}/{collection}[{index}] {p}" for p in validation.problems(kind, obj)]
                found += [f"{language}/{collection}[{index}] null at {p}" for p in no_nulls(obj)]
        found += [f"{language}/tabular {p}" for p in validation.problems("tabular", tabular_rows(directory, language))]
    return found


def tabular_rows(directory: Path, language: str) -> dict[str, list[dict]]:
    """The CSV files read back through datapackage.json, typed by its field types, empty cells left out."""
    package = json.loads((directory / language / "tabular" / "datapackage.json").read_text(encoding="utf-8"))
    tables = {}
    for resource in package["resources"]:
        types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
        with (directory / language / "tabular" / resource["path"]).open(encoding="utf-8", newline="") as file:
            rows = list(csv.DictReader(file))
        assert rows, resource["path"]
        assert list(rows[0]) == [f["name"] for f in resource["schema"]["fields"]]
        tables[resource["name"]] = [
            {k: (float(v) if types[k] == "number" else v) for k, v in row.items() if v != ""} for row in rows
        ]
    return tables


# --- the export ------------------------------------------------------------------------------------------------


def test_only_published_services_are_exported_with_their_organization(exported):
    services = read(exported, "fi", "services.json")
    organizations = read(exported, "fi", "organizations.json")
    assert [s["name"] for s in services] == ["Ohjaamo Olkkari"]
    assert len(organizations) == 1
    service = services[0]
    assert service["organization_id"] == organizations[0]["id"] == service["organization"]["id"]
    assert [s["id"] for s in organizations[0]["services"]] == [service["id"]]
    assert service["status"] == "active"
    assert service["assured_date"] == "2026-05-04"
    index = json.loads((exported / "index.json").read_text())
    assert index["version"] == "3.0"
    assert index["languages"]["sv"]["tabular"] == "sv/tabular/datapackage.json"


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
    assert [lang["code"] for lang in service["languages"]] == ["fi", "en", "uk"]
    area = service["service_areas"][0]
    assert area["service_id"] == service["id"]
    assert area["attributes"][0]["taxonomy_term"]["code"] == "employment_area:23"
    at_locations = read(exported, "fi", "service_at_locations.json")
    assert [at["id"] for at in at_locations] == [physical["id"], virtual["id"]]
    assert at_locations[0]["service"]["id"] == service["id"]


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
    names = {
        code: next(a for a in s["attributes"] if a["link_type"] == "liv:target-group")["taxonomy_term"]["name"]
        for code, s in (("fi", fi), ("sv", sv), ("en", en))
    }
    assert names == {"fi": "Nuoret", "sv": "Unga", "en": "Young people"}


def test_taxonomies_and_their_terms_are_collections_of_their_own(exported):
    taxonomies = {t["name"]: t for t in read(exported, "sv", "taxonomies.json")}
    assert set(taxonomies) == {
        "liv:service-type",
        "liv:target-group",
        "liv:national-goal",
        "liv:area",
        "liv:text-language",
    }
    terms = read(exported, "sv", "taxonomy_terms.json")
    young = next(t for t in terms if t["code"] == "young-people")
    assert young["name"] == "Unga" and young["taxonomy_id"] == taxonomies["liv:target-group"]["id"]
    assert len([t for t in terms if t["code"].startswith("municipality:")]) == Municipality.objects.count()
    service = read(exported, "sv", "services.json")[0]
    used = {a["taxonomy_term_id"] for a in service["attributes"]}
    assert used <= {t["id"] for t in terms}


def test_the_tabular_form_holds_the_same_objects(exported):
    tables = tabular_rows(exported, "fi")
    service = read(exported, "fi", "services.json")[0]
    assert [row["id"] for row in tables["service"]] == [service["id"]]
    assert tables["service"][0]["name"] == "Ohjaamo Olkkari"
    assert {row["service_at_location_id"] for row in tables["schedule"]} == {service["service_at_locations"][0]["id"]}
    assert tables["address"][0]["postal_code"] == "50100"
    assert len(tables["attribute"]) >= 3
    package = json.loads((exported / "fi" / "tabular" / "datapackage.json").read_text())
    assert package["profile"] == "tabular-data-package"
    assert {r["path"] for r in package["resources"]} >= {"services.csv", "organizations.csv", "locations.csv"}


def test_the_export_is_the_same_every_time(exported, tmp_path_factory):
    again = tmp_path_factory.mktemp("again")
    call_command("export_hsds", str(again), stdout=io.StringIO())
    for language in ("fi", "sv", "en"):
        for collection in COLLECTION_SCHEMAS:
            assert read(again, language, f"{collection}.json") == read(exported, language, f"{collection}.json")


def test_every_object_of_the_demo_export_validates_against_the_official_schemas(tmp_path):
    call_command("load_demo_directory", stdout=io.StringIO(), stderr=io.StringIO())
    call_command("export_hsds", str(tmp_path), stdout=io.StringIO())
    assert len(read(tmp_path, "fi", "services.json")) == Service.objects.published().count() > 40
    assert every_problem(tmp_path) == []


@pytest.fixture
def rich_directory() -> None:
    """Everything an export can meet: business ids, phones with notes, addresses and locations without a street
    address or postal code, coordinates, e-mail, never-reviewed services, texts only in Finnish, every channel,
    every kind of area, vocabularies; generated services (no phones or addresses) besides."""
    rng = random.Random(15)
    municipalities = list(Municipality.objects.order_by("code"))
    for number in range(12):
        provider = ProviderFactory(
            external_id=f"test:provider:{number}",
            business_id=business_id(2_000_000 + number * 137) if number % 3 else "",
            website="https://www.example.fi/" if number % 2 else "",
            description_fi="" if number % 4 == 0 else "Ohjausta kaikenikäisille.",
            kind=rng.choice(Provider.Kind.values),
        )
        for index in range(3):
            service = ServiceFactory(
                provider=provider,
                external_id=f"test:service:{number}:{index}",
                name_sv=None if index == 0 else f"Tjänst {number} {index}",
                name_en=None if index < 2 else f"Service {number} {index}",
                summary_en="",
                description_fi="" if index == 1 else "Pitkä kuvaus palvelusta.",
                last_reviewed=None if (number + index) % 3 == 0 else datetime.date(2026, 1, 1 + index),
                nationwide=number == 0,
                languages=["fi", "sv", "smn", "prs"][: 1 + index],
                emails=["neuvonta@example.fi"] if index == 2 else [],
            )
            service.service_types.set(ServiceType.objects.order_by("code")[index : index + 2])
            service.target_groups.set(TargetGroup.objects.order_by("code")[number % 5 : number % 5 + 2])
            service.national_goals.set(NationalGoal.objects.filter(number__in=[1 + index, 5]))
            service.municipalities.set(rng.sample(municipalities, 2))
            service.employment_areas.set(EmploymentArea.objects.order_by("code")[number : number + 1])
            location = ServiceLocationFactory(
                service=service,
                municipality=rng.choice(municipalities),
                street_address_fi="" if index == 1 else f"Katu {number}",
                postal_code="" if index == 2 else "00100",
                latitude=Decimal("60.170000") if index == 0 else None,
                longitude=Decimal("24.940000") if index == 0 else None,
                accessibility_fi="Esteetön sisäänkäynti." if index == 0 else "",
            )
            OpeningHoursFactory(location=location, weekday=1 + index)
            PhoneChannelFactory(service=service, name_fi="Neuvonta", hours_note_fi="ma–pe 9–15" if index else "")
            for kind in ElectronicChannel.Kind.values[: index + 1]:
                ElectronicChannelFactory(service=service, kind=kind, url_fi="https://www.example.fi/palvelu")
    call_command("generate_directory", "--services", "40", "--seed", "15", stdout=io.StringIO())
    documents.refresh()


def test_every_object_of_a_richer_export_validates_against_the_official_schemas(rich_directory, tmp_path):
    call_command("export_hsds", str(tmp_path), stdout=io.StringIO())
    services = read(tmp_path, "fi", "services.json")
    assert len(services) == Service.objects.published().count() >= 60
    assert every_problem(tmp_path) == []
    never_reviewed = Service.objects.published().filter(last_reviewed__isnull=True).count()
    assert never_reviewed > 0
    assert len([s for s in services if "assured_date" not in s]) == never_reviewed  # left out, not null
    organizations = read(tmp_path, "fi", "organizations.json")
    assert any(o.get("organization_identifiers") for o in organizations)
    assert all(o["description"] for o in organizations)
    locations = [at["location"] for s in services for at in s["service_at_locations"]]
    assert any(not loc.get("addresses") and loc["location_type"] == "physical" for loc in locations)
    assert all(a["address_1"] and a["postal_code"] for loc in locations for a in loc.get("addresses", []))


# --- the API ---------------------------------------------------------------------------------------------------


@pytest.fixture
def api() -> Client:
    return Client(HTTP_HOST="127.0.0.1", enforce_csrf_checks=True)


def page_of(api: Client, path: str, **params: str) -> dict:
    response = api.get(f"/api/hsds/v3/{path}", params)
    assert response.status_code == 200, response.content[:500]
    body = response.json()
    assert list(body) == ENVELOPE_KEYS
    return body


def test_the_meta_endpoint_names_version_profile_and_description(api):
    body = api.get("/api/hsds/v3/").json()
    assert body["version"] == "3.0"
    assert api.get(body["profile"].removeprefix("http://127.0.0.1")).json()["name"] == "liv"
    assert api.get(body["openapi_url"].removeprefix("http://127.0.0.1")).json()["openapi"].startswith("3.1")


def test_the_endpoints_page_filter_and_validate(api, rich_directory):
    first = page_of(api, "services", per_page="10")
    assert first["total_items"] == Service.objects.published().count()
    assert first["size"] == 10 and first["first_page"] and not first["last_page"]
    last = page_of(api, "services", per_page="10", page=str(first["total_pages"]))
    assert last["last_page"] and not last["first_page"]
    for item in first["contents"]:
        assert validation.problems("service_list", item) == []
        full = api.get(f"/api/hsds/v3/services/{item['id']}", {"lang": "sv"}).json()
        assert validation.problems("service", full) == [] and no_nulls(full) == []
        assert full["id"] == item["id"]

    organization = first["contents"][0]["organization_id"]
    of_one = page_of(api, "services", organization_id=organization)
    assert of_one["total_items"] >= 1
    assert {s["organization_id"] for s in of_one["contents"]} == {organization}
    detail = api.get(f"/api/hsds/v3/organizations/{organization}").json()
    assert validation.problems("organization", detail) == []
    assert {s["id"] for s in detail["services"]} == {s["id"] for s in of_one["contents"]}

    terms = page_of(api, "taxonomy_terms", search="young-people", lang="en")["contents"]
    young = next(t for t in terms if t["code"] == "young-people")
    assert young["name"] == "Young people"
    tagged = page_of(api, "services", taxonomy_term_id=young["id"], per_page="200")
    expected = Service.objects.published().filter(target_groups__code="young-people").distinct().count()
    assert tagged["total_items"] == expected > 0
    assert api.get(f"/api/hsds/v3/taxonomy_terms/{young['id']}").json()["code"] == "young-people"

    recent = page_of(api, "services", modified_after="2000-01-01T00:00:00Z")
    assert recent["total_items"] == first["total_items"]
    assert page_of(api, "services", modified_after="2999-01-01")["empty"] is True

    found = page_of(api, "services", search="Tjänst 3 1", lang="sv")
    assert found["total_items"] >= 1

    organizations = page_of(api, "organizations", per_page="5")
    assert organizations["total_items"] == 12 + Provider.objects.filter(origin="generated").count()
    for item in organizations["contents"]:
        assert validation.problems("organization_list", item) == []

    at_locations = page_of(api, "service_at_locations", per_page="200", postcode="00100")
    assert at_locations["total_items"] > 0
    for item in at_locations["contents"]:
        assert validation.problems("service_at_location_list", item) == []
        assert item["location"]["addresses"][0]["postal_code"] == "00100"
    one = api.get(f"/api/hsds/v3/service_at_locations/{at_locations['contents'][0]['id']}").json()
    assert validation.problems("service_at_location", one) == []

    taxonomies = page_of(api, "taxonomies")
    assert taxonomies["total_items"] == 5
    assert all(validation.problems("taxonomy", t) == [] for t in taxonomies["contents"])


def test_each_language_has_the_same_ids(api, rich_directory):
    pages = {lang: page_of(api, "services", lang=lang, per_page="200")["contents"] for lang in ("fi", "sv", "en")}
    assert [s["id"] for s in pages["fi"]] == [s["id"] for s in pages["sv"]] == [s["id"] for s in pages["en"]]
    assert api.get("/api/hsds/v3/services", {"lang": "sv"})["Content-Language"] == "sv"


def test_bad_parameters_and_unknown_ids_are_json_errors(api, rich_directory):
    for params in (
        {"per_page": "0"},
        {"per_page": "1000"},
        {"page": "x"},
        {"lang": "de"},
        {"organization_id": "1"},
        {"modified_after": "yesterday"},
        {"full": "maybe"},
    ):
        response = api.get("/api/hsds/v3/services", params)
        assert response.status_code == 400, params
        assert response.json()["error"] and response.json()["detail"]
    assert api.get(f"/api/hsds/v3/services/{uuid.uuid4()}").status_code == 404
    assert api.get("/api/hsds/v3/services/not-a-uuid").status_code == 404
    assert api.post("/api/hsds/v3/services").status_code == 405


def test_the_services_at_locations_page_through_every_one_and_each_is_found_by_id(api, rich_directory):
    """Paged in the database, the pages hold exactly the export's services at locations, in its order; each one's
    id leads to it (exchange/hsds/lookup.py), as do its service's and organization's ids."""
    from exchange.hsds import dataset
    from exchange.hsds.objects import published_services

    expected = dataset.build(published_services(), "fi").service_at_locations
    paged, page = [], 1
    while True:
        body = page_of(api, "service_at_locations", per_page="7", page=str(page))
        paged += body["contents"]
        assert body["total_items"] == len(expected)
        if body["last_page"]:
            break
        page += 1
    assert paged == expected
    for at in expected[:: max(1, len(expected) // 15)]:
        assert api.get(f"/api/hsds/v3/service_at_locations/{at['id']}").json() == at
        service = api.get(f"/api/hsds/v3/services/{at['service_id']}").json()
        assert service["id"] == at["service_id"]
        organization = api.get(f"/api/hsds/v3/organizations/{service['organization_id']}").json()
        assert organization["id"] == service["organization_id"]


def test_an_id_lookup_follows_the_directory_when_an_external_id_changes(api, rich_directory):
    service = Service.objects.published().filter(locations__isnull=False).first()
    before = api.get(f"/api/hsds/v3/services/{service_id(service)}")
    assert before.status_code == 200
    old_at = before.json()["service_at_locations"][0]["id"]
    Service.objects.filter(pk=service.pk).update(external_id="test:service:renamed")
    assert api.get(f"/api/hsds/v3/services/{before.json()['id']}").status_code == 404
    assert api.get(f"/api/hsds/v3/service_at_locations/{old_at}").status_code == 404
    renamed = api.get(f"/api/hsds/v3/services/{hsds_id('service', 'test:service:renamed')}")
    assert renamed.status_code == 200
    new_at = renamed.json()["service_at_locations"][0]["id"]
    assert api.get(f"/api/hsds/v3/service_at_locations/{new_at}").json()["service_id"] == renamed.json()["id"]
    Service.objects.filter(pk=service.pk).update(status=Service.Status.DRAFT)
    assert api.get(f"/api/hsds/v3/services/{renamed.json()['id']}").status_code == 404


def test_what_liv_does_not_offer_is_refused_and_errors_point_to_the_hsds_description(api, rich_directory):
    for path, params in (
        ("services", {"format": "ndjson"}),
        ("services", {"minimal": "maybe"}),
        ("service_at_locations", {"proximity": "1000", "postcode": "00100"}),
        ("taxonomy_terms", {"parent_id": "x"}),
    ):
        response = api.get(f"/api/hsds/v3/{path}", params)
        assert response.status_code == 400, (path, params)
        assert "/api/hsds/v3/openapi.json" in response.json()["detail"]
    assert page_of(api, "services", format="json", minimal="true")["total_items"] > 0
    for missing in (f"/api/hsds/v3/services/{uuid.uuid4()}", "/api/hsds/v3/nothing"):
        assert "/api/hsds/v3/openapi.json" in api.get(missing).json()["detail"]
    assert "/api/v1/openapi.json" in api.get("/api/v1/nothing").json()["detail"]
