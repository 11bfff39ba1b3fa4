"""The regional cooperation pages in a real browser, in fi, sv and en: no axe-core WCAG 2.1 A/AA violations, and
no sideways scrolling at 320 px (the wide coverage tables scroll inside their own focusable region)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from cooperation.demo import load_demo_cooperation
from cooperation.maturity_model import load_maturity_model
from cooperation.models import Practice, RegionalGroup
from tests.factories import ServiceFactory, ServiceLocationFactory, municipality

pytestmark = pytest.mark.browser

LANGUAGES = ["fi", "sv", "en"]
PAGES = ["group", "practices", "practice", "coverage", "area_coverage", "area", "goals"]


@pytest.fixture
def cooperation() -> dict[str, str]:
    """The demo content (the maturity model too: a transactional test's flush removes it) and one service."""
    load_maturity_model()
    load_demo_cooperation()
    service = ServiceFactory()
    ServiceLocationFactory(service=service, municipality=municipality("491"))
    group = RegionalGroup.objects.get(name_fi="Etelä-Savon ELO-ohjausryhmä")
    practice = Practice.objects.get(external_id="demo-practice-01")
    return {
        "group": f"/{{lang}}/groups/{group.pk}/",
        "practices": "/{lang}/practices/?q=ohjaamoissa",
        "practice": f"/{{lang}}/practices/{practice.pk}/",
        "coverage": "/{lang}/coverage/",
        "area_coverage": "/{lang}/coverage/06/?by=service_types",
        "area": "/{lang}/areas/06/",
        "goals": "/{lang}/goals/",
    }


def _open(page: Page, live_server, path: str) -> None:
    response = page.goto(live_server.url + path)
    assert response is not None and response.status == 200, f"{path} answered {response and response.status}"


def test_no_axe_violations_and_no_sideways_scrolling(live_server, new_page, axe, cooperation):
    """Every page in one test (each browser test costs a flush and a restore of the database); the failure
    lists every page and language that failed, by name."""
    desktop = new_page()
    narrow = new_page(width=320, height=640)
    found = []
    for name in PAGES:
        for lang in LANGUAGES:
            path = cooperation[name].format(lang=lang)
            response = desktop.goto(live_server.url + path)
            if response is None or response.status != 200:
                found.append(f"[{name} {lang}] {path} answered {response and response.status}")
                continue
            found += [f"[{name} {lang}] {violation}" for violation in axe(desktop)]
            _open(narrow, live_server, path)
            overflow = narrow.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow:
                found.append(f"[{name} {lang}] {path} scrolls sideways at 320 px by {overflow} px")
    assert found == [], "\n".join(found)


def test_coverage_table_is_reachable_by_keyboard(live_server, page, cooperation):
    """The map is a picture; its table (a scrollable region) takes keyboard focus so that it can be scrolled."""
    _open(page, live_server, "/fi/coverage/06/")
    regions = page.locator(".table-wrap[tabindex='0']")
    assert regions.count() >= 2
    regions.first.focus()
    assert page.evaluate("document.activeElement.classList.contains('table-wrap')")
