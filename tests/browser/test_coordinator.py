"""A regional coordinator's whole task in a real browser, under the site's Content-Security-Policy: log in, fix
the Swedish name of an entry of their area in its language tab, add a service location with the municipality
autocomplete and typed opening hours in an inline, publish, and see the change on the public Swedish page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from services.models import OpeningHours, Service
from tests.admin_support import ITA_SUOMI, PASSWORD, make_coordinator
from tests.factories import ProviderFactory, ServiceFactory, municipality


@pytest.fixture
def draft_service() -> Service:
    return ServiceFactory(
        name_fi="Ohjaamo Savonlinna",
        name_sv="Navigatorn Savonlina fel",
        status=Service.Status.DRAFT,
        provider=ProviderFactory(municipality=municipality("740")),
    )


def watch_for_policy_violations(page: Page) -> list[str]:
    """Script errors, CSP reports and failed loads. Not counted: the favicon.ico Chromium asks for on its own
    (the admin has no icon; Playwright shows that request only as a console line), and autocomplete requests
    that select2 aborts itself as the user types on."""
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))

    def console(message) -> None:
        if "Content Security Policy" in message.text or (
            message.type == "error" and not message.text.startswith("Failed to load resource")
        ):
            problems.append(message.text)

    def failed(request) -> None:
        if "ERR_ABORTED" not in (request.failure or ""):
            problems.append(f"failed: {request.url} {request.failure}")

    page.on("console", console)
    page.on("requestfailed", failed)
    page.on("response", lambda r: problems.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
    return problems


def test_coordinator_fixes_swedish_name_publishes_and_public_page_shows_it(live_server, page: Page, draft_service):
    make_coordinator("ita", ITA_SUOMI)
    problems = watch_for_policy_violations(page)
    outside = []
    page.on(
        "request", lambda request: outside.append(request.url) if not request.url.startswith(live_server.url) else None
    )

    page.goto(f"{live_server.url}/fi/admin/login/")
    page.fill("#id_username", "ita")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#liv-area-heading")).to_be_visible()
    expect(page.locator(".liv-area-summary")).to_contain_text("Itä-Suomen elinvoimakeskus")

    page.goto(f"{live_server.url}/fi/admin/services/service/{draft_service.pk}/change/")
    # The fi/sv/en tabs of modeltranslation (jQuery UI served from our own static files) are working.
    # The tab is the list item (role=tab) named by the language's full name (liv/static/liv/admin-a11y.js).
    swedish_tab = page.get_by_role("tab", name="ruotsi", exact=False).first
    expect(swedish_tab).to_have_attribute("aria-controls", "tab_id_name_sv")
    expect(page.locator("#id_name_sv")).to_be_hidden()
    swedish_tab.click()
    expect(page.locator("#id_name_sv")).to_be_visible()
    # By keyboard too: the arrow keys move between the languages of a field.
    swedish_tab.focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#id_name_en")).to_be_visible()
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#id_name_sv")).to_be_visible()
    page.fill("#id_name_sv", "Navigatorn Nyslott")

    # An inline service location: "add another", the municipality autocomplete (select2), typed opening hours.
    page.locator("#locations-group .add-row a").click()
    page.locator("#locations-0 .select2-selection").click()
    page.locator(".select2-dropdown .select2-search__field").fill("Savon")
    page.locator(".select2-results__option", has_text="Savonlinna").click()
    page.fill("#id_locations-0-postal_code", "57100")
    page.fill("#id_locations-0-opening_hours_text", "ma-pe 9-16")

    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text(re.compile("Navigatorn Nyslott|Ohjaamo Savonlinna"))

    draft_service.refresh_from_db()
    assert draft_service.status == Service.Status.PUBLISHED
    assert OpeningHours.objects.filter(location__service=draft_service).count() == 5

    page.goto(f"{live_server.url}/sv/services/{draft_service.pk}/")
    expect(page.locator("h1")).to_have_text("Navigatorn Nyslott")
    expect(page.locator("main")).to_contain_text("Nyslott")  # Savonlinna's Swedish name, from the location

    assert problems == [], problems
    assert outside == []


def test_report_form_is_accessible_also_with_errors(live_server, new_page, axe):
    """The three languages in one test (each browser test costs a flush and a restore of the database); a
    failure names the language."""
    service = ServiceFactory(provider=ProviderFactory(municipality=municipality("491")))
    for language in ["fi", "sv", "en"]:
        try:
            _check_report_form(live_server, new_page, axe, service, language)
        except AssertionError as error:
            raise AssertionError(f"[{language}] {error}") from error


def _check_report_form(live_server, new_page, axe, service: Service, language: str) -> None:
    page = new_page()
    page.goto(f"{live_server.url}/{language}/services/{service.pk}/")
    page.locator(f'a[href="/{language}/feedback/services/{service.pk}/"]').click()
    assert axe(page) == []
    page.fill("#id_email", "not-an-address")
    page.locator("form.feedback-form button[type=submit]").click()
    expect(page.locator("[role=alert]")).to_be_visible()
    assert axe(page) == []
    page.fill("#id_message", "Osoite on vanha.")
    page.fill("#id_email", "")
    page.locator("form.feedback-form button[type=submit]").click()
    expect(page.locator("[role=status]")).to_be_visible()
    assert axe(page) == []
    narrow = new_page(width=320)
    narrow.goto(f"{live_server.url}/{language}/feedback/site/")
    assert narrow.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.context.close()
    narrow.context.close()
