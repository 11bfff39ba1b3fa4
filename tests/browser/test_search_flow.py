"""A keyboard-only citizen: types a query, narrows it with a facet and opens a result — no mouse, no JavaScript
needed by the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from services.models import TargetGroup
from tests.factories import ServiceFactory

pytestmark = pytest.mark.browser


def _tab_to(page: Page, predicate: str, limit: int = 80) -> None:
    """Press Tab until the focused element satisfies the JavaScript predicate ``el => …``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"({predicate})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element matching {predicate}")


def test_keyboard_user_searches_applies_a_facet_and_opens_a_result(live_server, page):
    immigrants = TargetGroup.objects.get(code="immigrants")
    wanted = ServiceFactory(name_fi="Uraohjaus maahanmuuttajille", summary_fi="Uraohjausta maahanmuuttajille.")
    wanted.target_groups.add(immigrants)
    ServiceFactory(name_fi="Uraohjaus aikuisille", summary_fi="Uraohjausta aikuisille.")

    page.goto(live_server.url + "/fi/")
    _tab_to(page, "el => el.type === 'search'")
    page.keyboard.type("uraohjaus")
    page.keyboard.press("Enter")
    page.wait_for_url("**/fi/search/?*")
    assert page.locator("main h2 a, main h3 a").filter(has_text="Uraohjaus aikuisille").count() == 1

    _tab_to(page, "el => el.tagName === 'A' && el.textContent.includes('Maahanmuuttajat')")
    page.keyboard.press("Enter")
    page.wait_for_url("**target_group=immigrants**")
    results = page.locator("main h2 a, main h3 a").filter(has_text="Uraohjaus")
    assert results.count() == 1, results.all_inner_texts()

    _tab_to(page, "el => el.tagName === 'A' && el.textContent.includes('Uraohjaus maahanmuuttajille')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/fi/services/{wanted.pk}/")
    assert page.locator("h1").inner_text() == "Uraohjaus maahanmuuttajille"
