"""The API as an integrator's site or script uses it: CORS, validators and 304, caching, JSON errors for every
status, the answer's language, changes since a date, page size; every answer valid against docs/openapi.json."""

from __future__ import annotations

import datetime
import json
import uuid
from pathlib import Path

import jsonschema
import pytest
from django.test import Client, override_settings
from django.utils import timezone

from cooperation.models import Practice
from services.models import Service
from services.search import documents
from tests.factories import ServiceFactory, ServiceLocationFactory, municipality

pytestmark = pytest.mark.django_db

SPEC = json.loads((Path(__file__).resolve().parent.parent / "docs" / "openapi.json").read_text(encoding="utf-8"))


def valid(body: dict, schema: str) -> None:
    jsonschema.validate(body, {"$ref": f"#/components/schemas/{schema}", "components": SPEC["components"]})


@pytest.fixture
def api() -> Client:
    """A client as another site's script is: CSRF checks on, an Origin of its own."""
    return Client(enforce_csrf_checks=True, HTTP_HOST="127.0.0.1", HTTP_ORIGIN="https://kunta.example.fi")


@pytest.fixture
def services() -> list[Service]:
    created = [ServiceFactory(name_fi=f"Uraohjaus {n}", name_sv=f"Karriärvägledning {n}") for n in range(7)]
    created[0].ptv_id = uuid.UUID("6f1b8d4e-3c2a-4b7e-9d10-2a3b4c5d6e7f")
    created[0].save()
    ServiceLocationFactory(service=created[1], municipality=municipality("491"))
    documents.refresh()
    return created


def test_any_origin_may_read_and_the_preflight_is_answered(api, services) -> None:
    response = api.get("/api/v1/services/")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = api.options(
        "/api/v1/services/",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="If-None-Match, X-Evil",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert preflight["Access-Control-Allow-Headers"] == "If-None-Match"
    assert api.options("/api/v1/nothing-here/").status_code == 404


@override_settings(API_CORS_ORIGINS=["https://kunta.example.fi"])
def test_with_a_list_of_origins_only_those_may_read(api, services) -> None:
    response = api.get("/api/v1/services/")
    assert response["Access-Control-Allow-Origin"] == "https://kunta.example.fi"
    assert "Origin" in response["Vary"]
    other = api.get("/api/v1/services/", HTTP_ORIGIN="https://evil.example.com")
    assert "Access-Control-Allow-Origin" not in other
    assert "Origin" in other["Vary"]


def test_if_none_match_gives_304_until_the_directory_changes(api, services) -> None:
    url = f"/api/v1/services/{services[0].pk}/?lang=sv"
    first = api.get(url)
    etag = first["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert first["Cache-Control"].startswith("public, max-age=")
    assert api.get(url)["ETag"] == etag  # the same answer, the same validator
    again = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag and again["Access-Control-Allow-Origin"] == "*"
    assert api.get(f"/api/v1/services/{services[0].pk}/?lang=fi", HTTP_IF_NONE_MATCH=etag).status_code == 200

    Service.objects.filter(pk=services[0].pk).first().save()  # an edit in the admin
    changed = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_if_modified_since_gives_304_and_a_change_gives_200(api, services) -> None:
    first = api.get("/api/v1/services/")
    last_modified = first["Last-Modified"]
    assert api.get("/api/v1/services/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    an_hour_before = datetime.datetime.strptime(last_modified, "%a, %d %b %Y %H:%M:%S GMT") - datetime.timedelta(
        hours=1
    )
    older = an_hour_before.strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert api.get("/api/v1/services/", HTTP_IF_MODIFIED_SINCE=older).status_code == 200


def test_a_practice_change_moves_the_validators_of_the_practices(api) -> None:
    Practice.objects.create(title_fi="Ohjauksen verkosto", summary_fi="Lyhyesti.", status="published")
    etag = api.get("/api/v1/practices/")["ETag"]
    Practice.objects.create(title_fi="Toinen käytäntö", summary_fi="Lyhyesti.", status="published")
    assert api.get("/api/v1/practices/", HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_methods_are_405_json_not_a_csrf_page(api, services, method) -> None:
    for url in ("/api/v1/services/", f"/api/v1/services/{services[0].pk}/", "/api/v1/practices/"):
        response = getattr(api, method)(url, data="{}", content_type="application/json")
        assert response.status_code == 405, url
        assert response["Content-Type"] == "application/json"
        assert response["Allow"] == "GET, HEAD, OPTIONS"
        assert set(response.json()) == {"error", "detail"}
        valid(response.json(), "Error")
    assert api.post("/api/v1/nothing-here/").status_code == 404


def test_every_error_is_json_with_error_and_detail(api, services) -> None:
    cases = [
        ("/api/v1/nothing-here/", 404),
        ("/api/v1/services/999999/", 404),
        ("/api/v1/services/?lang=de", 400),
        (f"/api/v1/services/{services[0].pk}/?lang=de", 400),
        ("/api/v1/services/?q=%FF%FE", 400),  # bytes that are not UTF-8
        ("/api/v1/services/?q=a%00b", 400),
        ("/api/v1/services/?page_size=1000", 400),
    ]
    for url, status in cases:
        response = api.get(url)
        assert response.status_code == status, url
        assert response["Content-Type"] == "application/json", url
        body = response.json()
        assert body["error"] and body["detail"], url
        valid(body, "Error")
        assert response["Content-Language"] == "en"


def test_content_language_is_the_language_of_the_answer(api, services) -> None:
    assert api.get("/api/v1/services/", {"lang": "sv"})["Content-Language"] == "sv"
    assert api.get("/api/v1/services/")["Content-Language"] == "fi"
    assert api.get(f"/api/v1/services/{services[0].pk}/", {"lang": "en"})["Content-Language"] == "en"


def test_every_record_has_modified_and_ptv_id(api, services) -> None:
    body = api.get("/api/v1/services/", {"page_size": 100}).json()
    valid(body, "ServicePage")
    by_id = {item["id"]: item for item in body["results"]}
    assert by_id[services[0].pk]["ptv_id"] == "6f1b8d4e-3c2a-4b7e-9d10-2a3b4c5d6e7f"
    assert by_id[services[1].pk]["ptv_id"] is None
    assert all(datetime.datetime.fromisoformat(item["modified"]) for item in body["results"])
    detail = api.get(f"/api/v1/services/{services[0].pk}/").json()
    valid(detail, "ServiceDetail")
    assert detail["ptv_id"] == "6f1b8d4e-3c2a-4b7e-9d10-2a3b4c5d6e7f"


def test_modified_since_lists_what_changed_oldest_first(api, services) -> None:
    long_ago = timezone.now() - datetime.timedelta(days=30)
    Service.objects.update(modified=long_ago)
    moment = timezone.now()
    for service in (services[4], services[2]):
        service.save()
    body = api.get("/api/v1/services/", {"modified_since": moment.isoformat(), "page_size": 1}).json()
    valid(body, "ServicePage")
    assert body["count"] == 2 and body["page_count"] == 2
    assert [item["id"] for item in body["results"]] == [services[4].pk]
    assert "page=2" in body["next"] and "modified_since=" in body["next"]
    second = api.get(body["next"].removeprefix("http://127.0.0.1")).json()
    assert [item["id"] for item in second["results"]] == [services[2].pk]
    everything = api.get("/api/v1/services/", {"modified_since": "2000-01-01"}).json()
    assert everything["count"] == len(services)
    assert api.get("/api/v1/services/", {"modified_since": "yesterday"}).status_code == 400
    combined = api.get("/api/v1/services/", {"modified_since": moment.isoformat(), "q": "uraohjaus 4"})
    assert combined.status_code == 200
    assert services[4].pk in [item["id"] for item in combined.json()["results"]]
    assert services[0].pk not in [item["id"] for item in combined.json()["results"]]


def test_page_size_is_bounded(api, services) -> None:
    body = api.get("/api/v1/services/", {"page_size": 3}).json()
    assert len(body["results"]) == 3 and body["page_size"] == 3 and body["page_count"] == 3
    for bad in ("0", "101", "abc", "-1"):
        assert api.get("/api/v1/services/", {"page_size": bad}).status_code == 400


def test_the_practices_are_documented_and_validate(api) -> None:
    practice = Practice.objects.create(title_fi="Ohjauksen verkosto", summary_fi="Lyhyesti.", status="published")
    assert "/practices/" in SPEC["paths"] and "/practices/{id}/" in SPEC["paths"]
    body = api.get("/api/v1/practices/", {"lang": "sv"}).json()
    valid(body, "PracticePage")
    assert body["results"][0]["modified"]
    valid(api.get(f"/api/v1/practices/{practice.pk}/").json(), "PracticeDetail")
