"""Every public URL answers nonsense with a 4xx or a normal page, never a 500."""

from __future__ import annotations

import pytest

from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

LONG = "ohjaus " * 1430  # 10 010 characters


@pytest.fixture
def service():
    return ServiceFactory()


def public_urls(service) -> list[str]:
    return [
        "/fi/",
        "/fi/search/",
        "/sv/search/",
        "/en/search/",
        "/fi/goals/",
        "/fi/areas/06/",
        f"/fi/services/{service.pk}/",
        f"/fi/providers/{service.provider_id}/",
        "/api/v1/services/",
        f"/api/v1/services/{service.pk}/",
        "/api/v1/openapi.json",
        "/sitemap.xml",
        "/sitemap-services.xml",
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "ohjaus\x00"},
        {"q": LONG[:7000]},
        {"q": "'\"&|!():*<->\\"},
        {"page": "-1"},
        {"page": str(10**12)},
        {"page": "abc"},
        {"page": "１２"},
        {"area": "zz", "region": "\x7f", "municipality": "0" * 500},
        {"target_group": "astronauts", "language": "xx", "channel": "telepathy", "free": "maybe", "sort": "random"},
        {"lang": "klingon"},
        {"p": "-5"},
    ],
)
def test_bad_parameters_never_give_a_server_error(client, service, params: dict[str, str]) -> None:
    for url in public_urls(service):
        response = client.get(url, params)
        assert response.status_code < 500, (url, params)


def test_a_ten_thousand_character_query_gives_a_normal_page_or_a_400(client, service) -> None:
    response = client.get("/fi/search/", {"q": LONG})
    assert response.status_code == 400  # the query string is over the middleware's 8 KB limit
    response = client.post("/fi/search/", {"q": LONG})
    assert response.status_code == 405
    response = client.get("/en/search/", {"q": LONG[:7000]})
    assert response.status_code == 200
    assert "shortened to 200 characters" in response.content.decode()


def test_unknown_filter_values_are_reported_on_the_page(client, service) -> None:
    page = client.get("/en/search/", {"target_group": "astronauts", "area": "06"}).content.decode()
    assert "The filter “Target group” value “astronauts” was not understood" in page


def test_nul_bytes_are_refused(client, service) -> None:
    assert client.get("/fi/search/?q=a%00b").status_code == 400
    assert client.get("/api/v1/services/?q=a%00b").status_code == 400


def test_huge_ids_and_unknown_areas_are_404(client) -> None:
    assert client.get("/fi/services/99999999999999999/").status_code == 404
    assert client.get("/api/v1/services/99999999999999999/").status_code == 404
    assert client.get("/fi/areas/" + "x" * 5000 + "/").status_code == 404
    assert client.get("/fi/services/-1/").status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_wrong_methods_are_405(client, service, method: str) -> None:
    for url in ("/fi/search/", "/fi/goals/", "/fi/areas/06/", f"/fi/services/{service.pk}/", "/api/v1/services/"):
        assert getattr(client, method)(url).status_code == 405, url


def test_a_huge_accept_language_header_is_ignored(client, service) -> None:
    response = client.get("/fi/search/", {"q": "ohjaus"}, HTTP_ACCEPT_LANGUAGE="fi-FI," * 5000)
    assert response.status_code == 200
