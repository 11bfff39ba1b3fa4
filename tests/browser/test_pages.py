"""The pages as a browser shows them: styles load under the Content-Security-Policy, nothing is blocked or
broken in the console, text can be spaced and enlarged without loss (WCAG 1.4.4, 1.4.12), and a keyboard
user gets from a provider to its service.

Full-page screenshots of each page at 320 px and 1280 px go to test-artifacts/screenshots/ for a person to
look at; they are not compared automatically.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, Page

pytestmark = pytest.mark.browser

PAGES = ["home", "service", "provider", "about", "accessibility", "privacy", "search", "area", "goals"]

# The text-spacing overrides of WCAG 2.1 success criterion 1.4.12, as the W3C's test bookmarklet applies them.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""


def _collect_problems(page: Page) -> list[str]:
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            problems.append(f"console {message.type}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url} {request.failure}"))
    page.on(
        "response",
        lambda response: problems.append(f"{response.status}: {response.url}") if response.status >= 400 else None,
    )
    return problems


# Each test covers every page: every browser test costs a database flush and restore and a page or two of
# setup, so the pages share one test. Each page is checked to the end and the failure names every page that
# failed.


def test_page_loads_its_styles_with_no_errors_or_blocked_resources(live_server, new_page, screenshot, directory):
    found = []
    for name in PAGES:
        path = directory[name].format(lang="fi")
        for width in (320, 1280):
            page = new_page(width=width)
            problems = _collect_problems(page)
            page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")
            # The stylesheet applied (served by whitenoise and allowed by the CSP): the header has the brand colour.
            colour = page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
            if colour != "rgb(0, 52, 122)":
                problems.append(f"the header is {colour}, not the brand colour: the stylesheet did not apply")
            found += [f"[{name} at {width} px] {path}: {problem}" for problem in problems]
            screenshot(page, f"{name}-fi-{width}")
            page.context.close()
    assert found == [], "\n".join(found)


def test_text_spacing_overrides_lose_no_content_at_320_px(live_server, new_page, directory):
    # The site's Content-Security-Policy rightly refuses inline styles; the test's own override is let through.
    page = new_page(width=320, height=640, bypass_csp=True)
    found = []
    for name in PAGES:
        for lang in ["fi", "sv", "en"]:
            path = directory[name].format(lang=lang)
            page.goto(live_server.url + path)
            page.add_style_tag(content=TEXT_SPACING)
            if (width := page.evaluate("document.documentElement.scrollWidth")) > 320:
                found.append(f"[{name} {lang}] {path} is {width} px wide")
            # No text is cut off: no element that clips its content is narrower than what it holds.
            clipped = page.evaluate(
                """() => [...document.querySelectorAll('main *, header *, footer *')]
                    .filter(e => { const s = getComputedStyle(e);
                                   const clips = s.overflowX === 'hidden' || s.overflowX === 'clip';
                                   return clips && e.scrollWidth > e.clientWidth + 1
                                          && !e.classList.contains('visually-hidden'); })
                    .map(e => e.outerHTML.slice(0, 120))"""
            )
            found += [f"[{name} {lang}] {path} clips {element}" for element in clipped]
    assert found == [], "\n".join(found)


def test_text_enlarged_to_200_percent_needs_no_sideways_scrolling(live_server, new_page, directory):
    """Browsers' text-only zoom enlarges the root font size; the layout is in rem, so it must follow."""
    page = new_page(width=1280, height=800, bypass_csp=True)
    for name in PAGES:
        page.goto(live_server.url + directory[name].format(lang="fi"))
        page.add_style_tag(content="html { font-size: 200% !important; }")
        body_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert body_size >= 32, name
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280, name


def test_keyboard_user_reaches_a_service_from_its_provider(live_server, page, directory):
    page.goto(live_server.url + directory["provider"].format(lang="en"))
    service_link = page.locator(".card-list a").first
    target = service_link.get_attribute("href")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == target:
            break
    else:
        pytest.fail("the service link was not reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}")
    assert page.locator("h1").inner_text() == "Ohjaamo Jyväskylä"


def test_not_found_page_leads_back_to_the_front_page(live_server, page):
    response = page.goto(live_server.url + "/sv/services/999999999/")
    assert response is not None and response.status == 404
    page.locator("main a[href='/sv/']").click()
    page.wait_for_url(live_server.url + "/sv/")
    assert page.locator("html").get_attribute("lang") == "sv"


def test_print_layout_shows_the_content_without_navigation(live_server, page, directory):
    page.goto(live_server.url + directory["service"].format(lang="fi"))
    page.emulate_media(media="print")
    assert not page.locator(".main-nav").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert page.locator("h1").is_visible()
    # Web addresses are written out after their links on paper.
    after = page.locator("main a[href^='https://']").first.evaluate("e => getComputedStyle(e, '::after').content")
    assert "https://" in after


def test_home_page_lists_lead_to_the_services_of_a_group_an_area_and_a_goal(live_server, page, directory):
    """The directory's service is for the first two target groups, in Mikkeli (Itä-Suomi), for goals 1 and 2."""
    for section, link_text in [
        ("#groups-heading", None),
        ("#areas-heading", "Itä-Suomen elinvoimakeskus"),
        ("#goals-heading", None),
    ]:
        page.goto(live_server.url + "/fi/")
        links = page.locator(f"section:has({section}) a")
        link = links.filter(has_text=link_text).first if link_text else links.first
        link.click()
        page.wait_for_load_state()
        assert page.locator(".card-list a", has_text="Ohjaamo Jyväskylä").count() == 1, page.url
