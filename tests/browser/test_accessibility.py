"""WCAG 2.1 AA in a real browser: axe-core finds nothing, pages reflow at 320 px and at 200 % zoom, the skip
link and focus indicator work from the keyboard, and the language switcher keeps the reader on the same page.

Every page type is checked in Finnish, Swedish and English, because the translations change text lengths
(Finnish compounds are long) and the ``lang`` attributes.
"""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page

from services.models import ElectronicChannel, NationalGoal, ServiceType, TargetGroup
from tests.factories import (
    ElectronicChannelFactory,
    OpeningHoursFactory,
    PhoneChannelFactory,
    ProviderFactory,
    ServiceFactory,
    ServiceLocationFactory,
)

pytestmark = pytest.mark.browser

LANGUAGES = ["fi", "sv", "en"]
PAGES = ["home", "service", "provider", "about", "accessibility", "not-found"]
# A long unbreakable Finnish compound, as real entries have: it must wrap, not widen the page.
LONG_WORD = "Työllisyyspalvelujenasiakasohjausneuvontapalvelukokonaisuus"


@pytest.fixture
def directory() -> dict[str, str]:
    """One fully described service of a provider, with every part the detail page can show; the paths of the
    pages under test, with ``{lang}`` for the language."""
    provider = ProviderFactory(
        name_fi="Jyväskylän kaupungin työllisyyspalvelut",
        name_sv="Jyväskylä stads sysselsättningstjänster",
        name_en="City of Jyväskylä employment services",
        description_fi="Ohjausta ja neuvontaa työhön ja koulutukseen.",
        description_sv="Handledning och rådgivning om arbete och utbildning.",
        description_en="Guidance and advice on work and education.",
        business_id="0737546-2",
        website="https://www.example.fi/tyollisyys",
    )
    service = ServiceFactory(
        provider=provider,
        name_fi=f"Ohjaamo Jyväskylä – {LONG_WORD}",
        name_sv="Navigatorn Jyväskylä",
        name_en="Ohjaamo Jyväskylä",
        description_fi="Maksutonta ohjausta alle 30-vuotiaille.\n\nTule käymään ilman ajanvarausta.",
        description_sv="Kostnadsfri handledning för personer under 30 år.\n\nKom utan tidsbokning.",
        description_en="Free guidance for people under 30.\n\nDrop in without an appointment.",
        cost_description_fi="Kaikki palvelut ovat maksuttomia.",
        cost_description_sv="Alla tjänster är kostnadsfria.",
        cost_description_en="All services are free of charge.",
        last_reviewed=datetime.date(2026, 1, 15),
    )
    service.target_groups.set(TargetGroup.objects.all()[:2])
    service.service_types.set(ServiceType.objects.all()[:2])
    service.national_goals.set(NationalGoal.objects.all()[:2])
    location = ServiceLocationFactory(
        service=service,
        name_fi="Ohjaamo Jyväskylä",
        accessibility_fi="Esteetön sisäänkäynti pihan puolelta.",
        accessibility_sv="Tillgänglig ingång från gården.",
        accessibility_en="Step-free entrance from the yard.",
    )
    for weekday in range(1, 6):
        OpeningHoursFactory(location=location, weekday=weekday)
    PhoneChannelFactory(service=service, number="+358 40 1234567", name_fi="Ohjaajat", name_en="Counsellors")
    ElectronicChannelFactory(service=service, kind=ElectronicChannel.Kind.WEB, url_fi="https://www.example.fi/ohjaamo")
    return {
        "home": "/{lang}/",
        "service": f"/{{lang}}/services/{service.pk}/",
        "provider": f"/{{lang}}/providers/{provider.pk}/",
        "about": "/{lang}/about/",
        "accessibility": "/{lang}/accessibility/",
        "not-found": "/{lang}/services/999999999/",
    }


def _open(page: Page, live_server, path: str) -> None:
    response = page.goto(live_server.url + path)
    assert response is not None
    assert response.status in (200, 404), f"{path} answered {response.status}"


def _horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_no_axe_violations(live_server, page, axe, directory, name, lang):
    _open(page, live_server, directory[name].format(lang=lang))
    assert page.locator("html").get_attribute("lang") == lang
    violations = axe(page)
    assert violations == [], "\n".join(violations)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_reflows_at_320_px_and_at_200_percent_zoom(live_server, new_page, directory, name, lang):
    path = directory[name].format(lang=lang)
    narrow = new_page(width=320, height=640)
    _open(narrow, live_server, path)
    assert narrow.evaluate("document.documentElement.scrollWidth") <= 320
    assert _horizontal_overflow(narrow) == 0
    # A 1280 px wide window zoomed to 200 % lays the page out in 640 CSS pixels at two device pixels each.
    zoomed = new_page(width=640, height=450, scale=2)
    _open(zoomed, live_server, path)
    assert _horizontal_overflow(zoomed) == 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_skip_link_moves_focus_to_main_content(live_server, page, lang):
    _open(page, live_server, f"/{lang}/accessibility/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0 and box["width"] > 1, "the focused skip link must be visible"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


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


@pytest.mark.parametrize(("start", "target"), [("fi", "sv"), ("sv", "en"), ("en", "fi")])
def test_language_switcher_keeps_the_page(live_server, page, directory, start, target):
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
