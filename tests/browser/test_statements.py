"""The accessibility statement and the privacy notice in a real browser: a keyboard user reaches both from the
footer of any page in every language, and the admin's page for erasing a person's feedback passes axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from feedback import handling
from tests.admin_support import PASSWORD, make_national_administrator

pytestmark = pytest.mark.browser


def _tab_to(page: Page, href: str, limit: int = 80) -> None:
    """Press Tab until the link to ``href`` has keyboard focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == href:
            return
    raise AssertionError(f"no keyboard path to {href}")


@pytest.mark.parametrize(
    ("language", "statement", "notice"),
    [
        ("fi", "Saavutettavuusseloste", "Tietosuojaseloste"),
        ("sv", "Tillgänglighetsutlåtande", "Dataskyddsbeskrivning"),
        ("en", "Accessibility statement", "Privacy notice"),
    ],
)
def test_a_keyboard_user_reaches_both_pages_from_the_footer(live_server, page, language, statement, notice):
    for href, heading in [(f"/{language}/accessibility/", statement), (f"/{language}/privacy/", notice)]:
        page.goto(f"{live_server.url}/{language}/about/")
        _tab_to(page, href)
        page.keyboard.press("Enter")
        page.wait_for_url(f"{live_server.url}{href}")
        assert page.locator("h1").inner_text() == heading


def test_the_erasure_page_has_no_axe_violations(live_server, page, axe):
    make_national_administrator("kansallinen")
    handling.receive(message="Sivusto ei toimi.", email="maija@example.fi", language="fi")
    page.goto(f"{live_server.url}/fi/admin/login/")
    page.fill("#id_username", "kansallinen")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/fi/admin/")
    page.goto(f"{live_server.url}/fi/admin/feedback/feedback/erase/")
    assert axe(page) == []
    page.fill("#id_email", "maija@example.fi")
    page.click("input[type=submit][value='Etsi']")
    page.wait_for_load_state()
    assert page.locator("[role=status]").inner_text() == "1 palaute on lähetetty tällä osoitteella."
    assert axe(page) == []


def test_the_feedback_forms_with_their_privacy_link_have_no_axe_violations(live_server, page, axe, directory):
    service_page = directory["service"]  # "/{lang}/services/<pk>/"
    found = []
    for language in ["fi", "sv", "en"]:
        service_form = service_page.format(lang=language).replace("/services/", "/feedback/services/")
        for path in [f"/{language}/feedback/site/", service_form]:
            response = page.goto(live_server.url + path)
            assert response is not None and response.status == 200, path
            assert page.locator(f"form a[href='/{language}/privacy/']").count() == 1, path
            found += [f"[{path}] {violation}" for violation in axe(page)]
    assert found == [], "\n".join(found)
