"""WCAG 2.1 AA in a real browser: axe-core finds nothing, pages reflow at 320 px and at 200 % zoom, the skip
link and focus indicator work from the keyboard, and the language switcher keeps the reader on the same page.

Every page type is checked in Finnish, Swedish and English, because the translations change text lengths
(Finnish compounds are long) and the ``lang`` attributes.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.factories import ServiceFactory

pytestmark = pytest.mark.browser

LANGUAGES = ["fi", "sv", "en"]
PAGES = [
    "home",
    "service",
    "provider",
    "about",
    "accessibility",
    "privacy",
    "not-found",
    "search",
    "search-no-results",
    "search-start",
    "area",
    "goals",
]


def _open(page: Page, live_server, path: str) -> None:
    response = page.goto(live_server.url + path)
    assert response is not None
    assert response.status in (200, 404), f"{path} answered {response.status}"


def _opening_problem(page: Page, live_server, path: str) -> str | None:
    """Open the page; what is wrong with the answer, or None when it is a page to check (200, or the 404 page)."""
    response = page.goto(live_server.url + path)
    if response is None or response.status not in (200, 404):
        return f"{path} answered {response and response.status}"
    return None


def _horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


# Each test covers every page in the three languages: every browser test costs a database flush and restore
# and a page or two of setup, so the pages share one test. Each page is checked to the end and the failure lists
# every page and language that failed, by name.


def test_no_axe_violations(live_server, page, axe, directory):
    found = []
    for name in PAGES:
        for lang in LANGUAGES:
            path = directory[name].format(lang=lang)
            if problem := _opening_problem(page, live_server, path):
                found.append(f"[{name} {lang}] {problem}")
                continue
            if (page_lang := page.locator("html").get_attribute("lang")) != lang:
                found.append(f"[{name} {lang}] {path} has lang={page_lang!r}")
            found += [f"[{name} {lang}] {violation}" for violation in axe(page)]
    assert found == [], "\n".join(found)


def test_reflows_at_320_px_and_at_200_percent_zoom(live_server, new_page, directory):
    narrow = new_page(width=320, height=640)
    # A 1280 px wide window zoomed to 200 % lays the page out in 640 CSS pixels at two device pixels each.
    zoomed = new_page(width=640, height=450, scale=2)
    found = []
    for name in PAGES:
        for lang in LANGUAGES:
            path = directory[name].format(lang=lang)
            if problem := _opening_problem(narrow, live_server, path):
                found.append(f"[{name} {lang}] {problem}")
                continue
            width = narrow.evaluate("document.documentElement.scrollWidth")
            if width > 320 or _horizontal_overflow(narrow) != 0:
                found.append(f"[{name} {lang}] {path} is {width} px wide at 320 px")
            if problem := _opening_problem(zoomed, live_server, path):
                found.append(f"[{name} {lang}] {problem}")
                continue
            if overflow := _horizontal_overflow(zoomed):
                found.append(f"[{name} {lang}] {path} scrolls sideways by {overflow} px at 200 %")
    assert found == [], "\n".join(found)


def test_skip_link_moves_focus_to_main_content(live_server, page):
    for lang in LANGUAGES:
        _open(page, live_server, f"/{lang}/accessibility/")
        page.keyboard.press("Tab")
        skip = page.locator(".skip-link")
        assert skip.evaluate("element => element === document.activeElement"), lang
        box = skip.bounding_box()
        assert box is not None and box["y"] >= 0 and box["width"] > 1, "the focused skip link must be visible"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main", lang
        # The next Tab continues inside the main content, not back in the header.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('main') !== null"), lang


def test_focus_indicator_is_visible_on_every_kind_of_control(live_server, page, directory):
    """Keyboard focus must show (WCAG 2.4.7): each focused link gets an outline of at least 2 px, with a
    colour different from the background around it."""
    _open(page, live_server, directory["service"].format(lang="fi"))
    seen = set()
    for _ in range(12):
        page.keyboard.press("Tab")
        style = page.evaluate(
            """() => {
                const el = document.activeElement;
                const s = getComputedStyle(el);
                return {tag: el.tagName, cls: el.className, style: s.outlineStyle, width: parseFloat(s.outlineWidth),
                        colour: s.outlineColor, shadow: s.boxShadow};
            }"""
        )
        if style["tag"] == "BODY":
            continue
        seen.add(style["cls"] or style["tag"])
        assert style["style"] != "none" and style["width"] >= 2, f"no visible focus on {style}"
    assert {"skip-link", "brand"} <= seen


def test_language_switcher_keeps_the_page(live_server, page, directory):
    for start, target in [("fi", "sv"), ("sv", "en"), ("en", "fi")]:
        for name in ["service", "provider", "about"]:
            path = directory[name]
            _open(page, live_server, path.format(lang=start) + "?from=search")
            page.locator(f".language-switcher a[hreflang='{target}']").click()
            page.wait_for_load_state()
            assert page.url == live_server.url + path.format(lang=target) + "?from=search"
            assert page.locator("html").get_attribute("lang") == target
            current = page.locator(".language-switcher a[aria-current]")
            assert current.get_attribute("hreflang") == target


def test_finnish_only_service_passes_axe_on_swedish_and_english_pages(live_server, page, axe):
    """Fallback text is marked with lang="fi"; axe checks those attributes are valid."""
    service = ServiceFactory(
        name_fi="Työnhakijan uraohjaus",
        name_sv="",
        name_en="",
        summary_fi="Ohjausta työnhakuun.",
        summary_sv="",
        summary_en="",
        description_fi="Henkilökohtaista ohjausta.",
    )
    for lang in ["sv", "en"]:
        _open(page, live_server, f"/{lang}/services/{service.pk}/")
        assert page.locator("h1 [lang='fi']").inner_text() == "Työnhakijan uraohjaus"
        violations = axe(page)
        assert violations == [], "\n".join(violations)
