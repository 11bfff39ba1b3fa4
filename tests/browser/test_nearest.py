"""Nearest first in a real browser: without JavaScript the person picks a municipality; with it, "Use my location"
sends the browser's position (Playwright grants a fixed one). Either way the nearest service comes first with its
distance, and the page has no axe violations in Finnish, Swedish or English."""

from __future__ import annotations

from decimal import Decimal

import pytest

from services.search import documents
from tests.factories import ElectronicChannelFactory, ServiceFactory, ServiceLocationFactory, municipality

pytestmark = pytest.mark.browser

OULU = {"latitude": 65.0121, "longitude": 25.4651}


@pytest.fixture
def services() -> None:
    for name, code in (("Helsinki", "091"), ("Mikkeli", "491"), ("Oulu", "564")):
        service = ServiceFactory(name_fi=f"Ohjaamo {name}", name_sv=f"Navigatorn {name}", name_en=f"Ohjaamo {name}")
        location = ServiceLocationFactory(service=service, municipality=municipality(code))
        if code == "491":
            location.latitude, location.longitude = Decimal("61.688727"), Decimal("27.272146")
            location.save()
    online = ServiceFactory(name_fi="Ohjaamo verkossa", name_en="Ohjaamo online", nationwide=True)
    ElectronicChannelFactory(service=online)
    documents.refresh()


def _first_result(page) -> str:
    return page.locator("section[aria-labelledby=near-heading] ol.card-list > li h3").first.inner_text()


def test_without_javascript_a_municipality_orders_the_results(live_server, new_page, services):
    page = new_page(java_script_enabled=False)
    page.goto(f"{live_server.url}/fi/near/?q=ohjaamo")
    assert not page.get_by_role("button", name="Käytä sijaintiani").is_visible()
    page.get_by_label("Kunta").select_option(label="Mikkeli")
    page.get_by_role("button", name="Näytä lähimmät ensin").click()
    assert _first_result(page) == "Ohjaamo Mikkeli"
    assert page.get_by_text("Saatavilla verkossa tai puhelimitse").is_visible()


def test_with_javascript_the_browser_s_position_orders_the_results(live_server, new_page, services):
    page = new_page(geolocation=OULU, permissions=["geolocation"])
    page.goto(f"{live_server.url}/en/near/?q=ohjaamo")
    page.get_by_role("button", name="Use my location").click()
    page.wait_for_url("**/near/?*lat=*")
    assert _first_result(page) == "Ohjaamo Oulu"
    assert page.get_by_role("heading", name="Nearest to your location").is_visible()
    assert page.locator("ol.card-list li").first.get_by_text(" km").count() == 1


def test_the_nearest_first_page_has_no_axe_violations(live_server, page, axe, services):
    found = []
    for lang in ("fi", "sv", "en"):
        page.goto(f"{live_server.url}/{lang}/near/?q=ohjaamo&near=491")
        found += [f"[{lang}] {violation}" for violation in axe(page)]
    assert found == [], "\n".join(found)
