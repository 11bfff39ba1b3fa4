"""The JSON API gives the same services in the same order as the search page, read-only."""

from __future__ import annotations

import re

import pytest

from services.search import documents
from tests.factories import ServiceFactory, ServiceLocationFactory, municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def services() -> list:
    created = [ServiceFactory(name_fi=f"Uraohjaus {n}", name_en=f"Career guidance {n}") for n in range(25)]
    ServiceLocationFactory(service=created[3], municipality=municipality("491"))
    only_finnish = ServiceFactory(name_fi="Uraohjaus suomeksi", name_sv="", name_en="", summary_en="")
    documents.refresh()
    return [*created, only_finnish]


def test_the_api_lists_the_same_services_in_the_same_order_as_the_page(client, services: list) -> None:
    page = client.get("/fi/search/", {"q": "uraohjaus mikkeli", "page": 2}).content.decode()
    page_ids = [int(pk) for pk in re.findall(r'href="/fi/services/(\d+)/"', page)]
    body = client.get("/api/v1/services/", {"q": "uraohjaus mikkeli", "lang": "fi", "page": 2}).json()
    assert [item["id"] for item in body["results"]] == page_ids
    assert body["count"] == 26 and body["page"] == 2 and body["page_count"] == 2
    assert body["previous"].endswith("lang=fi") and body["next"] is None
    first = client.get("/api/v1/services/", {"q": "uraohjaus mikkeli"}).json()
    assert first["results"][0]["id"] == services[3].pk  # the Mikkeli service first


def test_text_in_a_fallback_language_says_which_language_it_is(client, services: list) -> None:
    body = client.get("/api/v1/services/", {"q": "suomeksi", "lang": "en"}).json()
    assert body["results"][0]["name"] == {"text": "Uraohjaus suomeksi", "lang": "fi"}


def test_filters_are_the_page_filters_and_unknown_values_are_a_400(client, services: list) -> None:
    body = client.get("/api/v1/services/", {"municipality": "491"}).json()
    assert [item["id"] for item in body["results"]] == [services[3].pk]
    response = client.get("/api/v1/services/", {"municipality": "999", "target_group": "astronauts"})
    assert response.status_code == 400
    assert response.json()["problems"] == [
        {"parameter": "municipality", "value": "999"},
        {"parameter": "target_group", "value": "astronauts"},
    ]
    assert client.get("/api/v1/services/", {"lang": "de"}).status_code == 400


def test_one_service_in_detail(client, services: list) -> None:
    service = services[3]
    body = client.get(f"/api/v1/services/{service.pk}/", {"lang": "sv"}).json()
    assert body["id"] == service.pk
    assert body["locations"][0]["municipality"] == "491"
    assert body["page"].endswith(f"/sv/services/{service.pk}/")
    assert client.get("/api/v1/services/999999/").status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, services: list, method: str) -> None:
    for url in ("/api/v1/services/", f"/api/v1/services/{services[0].pk}/"):
        response = getattr(client, method)(url)
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_the_openapi_description_is_served_and_names_every_filter(client) -> None:
    body = client.get("/api/v1/openapi.json").json()
    assert body["openapi"].startswith("3.1")
    names = {p["name"] for p in body["paths"]["/services/"]["get"]["parameters"]}
    assert names >= {
        "q",
        "lang",
        "page",
        "area",
        "region",
        "municipality",
        "target_group",
        "service_type",
        "language",
        "channel",
        "free",
        "sort",
        "goal",
    }
