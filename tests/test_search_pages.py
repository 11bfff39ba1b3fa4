"""The search page, the area and goals pages, and the detail page's structured data, as a citizen meets them."""

from __future__ import annotations

import json
import re

import pytest

from services.models import NationalGoal
from services.search import documents
from tests.factories import ServiceFactory, ServiceLocationFactory, municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def mikkeli_ohjaamo():
    service = ServiceFactory(name_fi="Ohjaamo Mikkeli", name_sv="Navigatorn S:t Michel")
    ServiceLocationFactory(service=service, municipality=municipality("491"))
    documents.refresh([service.pk])
    return service


def test_the_result_count_is_announced_to_screen_readers(client, mikkeli_ohjaamo) -> None:
    page = client.get("/en/search/", {"q": "ohjaamo"}).content.decode()
    assert re.search(r'role="status"[^>]*>\s*1 service found', page)
    assert page.count("<h1") == 1


def test_a_facet_is_a_link_and_an_active_filter_is_removable(client, mikkeli_ohjaamo) -> None:
    page = client.get("/en/search/", {"q": "ohjaamo"}).content.decode()
    assert 'href="?q=ohjaamo&amp;municipality=491"' in page
    filtered = client.get("/en/search/", {"q": "ohjaamo", "municipality": "491"}).content.decode()
    assert "Remove filter Municipality:" in filtered
    assert 'href="?q=ohjaamo"' in filtered


def test_the_language_switcher_keeps_the_search(client, mikkeli_ohjaamo) -> None:
    page = client.get("/fi/search/", {"q": "ohjaamo", "municipality": "491"}).content.decode()
    assert 'href="/sv/search/?q=ohjaamo&amp;municipality=491"' in page


def test_a_named_place_links_to_its_area_page(client, mikkeli_ohjaamo) -> None:
    page = client.get("/fi/search/", {"q": "Etelä-Savon ELY"}).content.decode()
    assert 'href="/fi/areas/06/"' in page
    area = client.get("/fi/areas/06/").content.decode()
    assert "Ohjaamo Mikkeli" in area
    assert "Etelä-Savon ELY-keskus" in area
    assert "Mikkeli" in area and "Etelä-Savo" in area


def test_the_goals_page_lists_five_goals_and_their_services(client, mikkeli_ohjaamo) -> None:
    mikkeli_ohjaamo.national_goals.add(NationalGoal.objects.get(number=2))
    page = client.get("/fi/goals/").content.decode()
    assert page.count('<section class="panel"') == 5
    assert "Ohjaamo Mikkeli" in page
    assert 'href="/fi/search/?goal=2"' in page


def test_the_home_page_has_the_search_box(client) -> None:
    page = client.get("/fi/").content.decode()
    assert 'role="search"' in page and 'name="q"' in page and 'for="search-q"' in page


def test_an_empty_result_is_not_a_dead_end(client, mikkeli_ohjaamo) -> None:
    page = client.get("/en/search/", {"q": "ohjamo", "channel": "phone"}).content.decode()
    assert "Remove the filters: 1 service found without them" in page
    assert "Browse all services" in page


def test_structured_data_is_escaped_and_parses(client) -> None:
    service = ServiceFactory(summary_fi='</script><script>alert("x")</script> & muuta')
    page = client.get(f"/fi/services/{service.pk}/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block and "&" not in block.replace("\\u0026", "")
    data = json.loads(block)
    assert data["description"].startswith("</script>")
    assert data["@context"] == "https://schema.org"


@pytest.mark.parametrize("url", ["/fi/search/", "/sv/search/", "/en/search/", "/api/v1/services/"])
def test_an_empty_or_repeated_sort_is_the_default_order(client, mikkeli_ohjaamo, url: str) -> None:
    for query in ("q=ohjaamo&sort=", "q=ohjaamo&sort=&sort=name", "q=ohjaamo" + "&sort=" * 50):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200, query
        assert "Ohjaamo Mikkeli" in response.content.decode() or "Navigatorn" in response.content.decode()
