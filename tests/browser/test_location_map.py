"""The maps of nearest first and of a service page in a real browser (issue 17): drawn by the server, so there with
JavaScript off; every marker's numbers are those of the list items; no axe violations (WCAG 2.1 A/AA) in Finnish and
Swedish; no sideways scrolling at 320 px."""

from __future__ import annotations

from decimal import Decimal

import pytest

from services.search import documents
from tests.factories import ServiceFactory, ServiceLocationFactory, municipality

pytestmark = pytest.mark.browser


@pytest.fixture
def services() -> dict[str, int]:
    for name, code in (("Helsinki", "091"), ("Espoo", "049"), ("Mikkeli", "491"), ("Oulu", "564")):
        service = ServiceFactory(name_fi=f"Ohjaamo {name}", name_sv=f"Navigatorn {name}", name_en=f"Ohjaamo {name}")
        ServiceLocationFactory(service=service, municipality=municipality(code))
    savo = ServiceFactory(name_fi="Ohjaamo Savo", name_sv="Navigatorn Savolax", name_en="Ohjaamo Savo")
    market_square = {"latitude": Decimal("61.688727"), "longitude": Decimal("27.272146")}
    names = {"name_fi": "Ohjaamo Mikkeli", "name_sv": "Navigatorn S:t Michel"}
    ServiceLocationFactory(service=savo, municipality=municipality("491"), **names, **market_square)
    ServiceLocationFactory(
        service=savo, name_fi="Ohjaamo Kuopio", name_sv="Navigatorn Kuopio", municipality=municipality("297")
    )
    documents.refresh()
    return {"service": savo.pk}


def _marker_numbers(page) -> list[list[str]]:
    """Each marker's numbers, from its tooltip's lines ("3. Ohjaamo Helsinki (Helsinki)")."""
    titles = page.locator(".location-map-markers > g > title").all_text_contents()
    return [[line.split(".", 1)[0] for line in title.split("\n")] for title in titles]


def test_without_javascript_the_map_s_markers_are_the_list_s_numbers(live_server, new_page, services):
    page = new_page(java_script_enabled=False)
    page.goto(f"{live_server.url}/fi/near/?q=ohjaamo&near=491")
    svg = page.get_by_role("img", name="Tulokset kartalla")
    assert svg.is_visible()
    listed = page.locator("ol.card-list > li .map-number").all_text_contents()
    assert [number for numbers in _marker_numbers(page) for number in numbers] == listed
    assert len(listed) == 5  # the four services and Ohjaamo Savo, each once
    assert page.locator(".location-map-origin").is_visible()
    first = page.locator("ol.card-list > li").first
    assert first.locator(".map-number").inner_text() == "1" and "Ohjaamo" in first.locator("h3").inner_text()


def test_the_maps_have_no_axe_violations_and_fit_320_px(live_server, new_page, axe, services):
    found, overflowing = [], []
    paths = ["/{lang}/near/?q=ohjaamo&near=491", "/{lang}/near/?q=ohjaamo&lat=65.01&lon=25.47"]
    paths.append(f"/{{lang}}/services/{services['service']}/")
    for width in (1280, 320):
        page = new_page(width=width)
        for lang in ("fi", "sv"):
            for path in paths:
                url = path.format(lang=lang)
                page.goto(live_server.url + url)
                assert page.locator(".location-map svg").is_visible(), url
                found += [f"[{width} {url}] {violation}" for violation in axe(page)]
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                if overflow > 0:
                    overflowing.append(f"{width} {url}: {overflow} px")
    assert found == [], "\n".join(found)
    assert overflowing == []


def test_a_service_page_numbers_its_locations_as_its_map_does(live_server, page, services):
    page.goto(f"{live_server.url}/sv/services/{services['service']}/")
    assert page.get_by_role("img", name="Serviceställena på kartan").is_visible()
    assert _marker_numbers(page) == [["1"], ["2"]]
    cards = page.locator(".card:has(> .map-number)")
    assert cards.locator(".map-number").all_text_contents() == ["1", "2"]
    assert cards.nth(0).locator("h3").inner_text() == "Navigatorn S:t Michel"
