"""The admin start page in a real browser, at 1280 and 320 px: no axe-core WCAG 2.1 A/AA violations, no sideways
scrolling of the page, and column headers that read across (no header squeezed into one letter per line)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from feedback.models import Feedback
from tests.admin_support import ITA_SUOMI, PASSWORD, make_coordinator, make_national_administrator
from tests.factories import ProviderFactory, ServiceFactory, municipality

pytestmark = pytest.mark.browser

# A header is wrapped between words only: at the admin's 13 px type no header of ours needs more than four lines.
MAX_HEADER_HEIGHT = 80


@pytest.fixture
def waiting_feedback() -> None:
    service = ServiceFactory(provider=ProviderFactory(municipality=municipality("491")), name_fi="Ohjaamo Mikkeli")
    for days_ago in (1, 20):
        report = Feedback.objects.create(topic="service", service=service, message="Osoite on vanha.", language="fi")
        Feedback.objects.filter(pk=report.pk).update(created=timezone.now() - datetime.timedelta(days=days_ago))


def _log_in(page: Page, live_server, username: str, language: str) -> None:
    page.goto(f"{live_server.url}/{language}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/{language}/admin/")


def _problems(page: Page, axe, label: str) -> list[str]:
    found = [f"[{label}] {violation}" for violation in axe(page)]
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 0:
        found.append(f"[{label}] the page scrolls sideways by {overflow} px")
    for height, text in page.evaluate(
        """() => [...document.querySelectorAll('.liv-dashboard .liv-table-wrap th')]
              .filter(th => th.offsetParent !== null)
              .map(th => [th.getBoundingClientRect().height, th.innerText])"""
    ):
        if height > MAX_HEADER_HEIGHT:
            found.append(f"[{label}] header {text!r} is {height:.0f} px tall")
    return found


@pytest.mark.parametrize("role", ["coordinator", "national"])
def test_start_page_reads_at_1280_and_320_px(live_server, new_page, axe, screenshot, waiting_feedback, role):
    if role == "coordinator":
        make_coordinator("ita", ITA_SUOMI)
        username = "ita"
    else:
        make_national_administrator()
        username = "kansallinen"
    found = []
    for language in ["fi", "sv"]:
        for width in (1280, 320):
            page = new_page(width=width, height=800)
            _log_in(page, live_server, username, language)
            page.wait_for_load_state("load")
            found += _problems(page, axe, f"{role} {language} {width} px")
            if language == "fi":
                screenshot(page, f"admin-start-{role}-{width}")
            if role == "coordinator":
                tasks = page.locator(".liv-tasks")
                assert "2 palautetta odottaa vastausta" in tasks.inner_text() or language != "fi"
                assert page.locator(".liv-gaps a[href$='/coverage/06/']").count() == 1
            page.context.close()
    assert found == [], "\n".join(found)
