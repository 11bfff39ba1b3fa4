"""A citizen reports an error in a browser; the area's coordinator gets the e-mail — and the citizen never waits for
the mail server, even when it is down."""

from __future__ import annotations

import time

from django.core.management import call_command
from playwright.sync_api import Page, expect

from feedback.models import Feedback
from notifications import delivery
from notifications.models import Notification
from tests.admin_support import ITA_SUOMI, PASSWORD, UUSIMAA, make_coordinator
from tests.factories import ProviderFactory, ServiceFactory, municipality
from tests.smtp_server import free_port, point_django_at


def _coordinators() -> None:
    for name, area in (("ita", ITA_SUOMI), ("uusimaa", UUSIMAA)):
        user = make_coordinator(name, area)
        user.email = f"{name}@example.fi"
        user.save(update_fields=["email"])


def _report(live_server, page: Page, text: str) -> float:
    service = ServiceFactory(name_fi="Ohjaamo Mikkeli", provider=ProviderFactory(municipality=municipality("491")))
    page.goto(f"{live_server.url}/fi/feedback/services/{service.pk}/")
    page.get_by_label("Mikä tiedoissa on väärin").fill(text)
    started = time.monotonic()
    page.get_by_role("button", name="Lähetä").click()
    expect(page.get_by_role("status")).to_contain_text("Kiitos")
    return time.monotonic() - started


def test_a_report_sent_in_the_browser_reaches_the_areas_coordinator_by_e_mail(live_server, page, smtp_server):
    _coordinators()
    _report(live_server, page, "Osoite on muuttunut.")
    delivery.wait_for_background()

    assert smtp_server.addresses == ["ita@example.fi"]
    assert "Osoite on muuttunut." in smtp_server.received[0].text


def test_with_the_mail_server_down_the_citizen_is_thanked_at_once_and_the_command_sends_later(
    live_server, page, settings, smtp_server
):
    _coordinators()
    point_django_at(settings, free_port())  # nothing listens there
    settings.EMAIL_TIMEOUT = 20  # even a mail server that hangs would not hold the citizen's page
    took = _report(live_server, page, "Puhelinnumero ei vastaa.")
    delivery.wait_for_background()

    assert took < 5
    assert Feedback.objects.count() == 1
    note = Notification.objects.get()
    assert note.status == Notification.Status.FAILED and note.last_error

    point_django_at(settings, smtp_server.port)
    call_command("send_notifications", verbosity=0)
    call_command("send_notifications", verbosity=0)
    assert smtp_server.addresses == ["ita@example.fi"]


def test_my_e_mail_notifications_page_is_accessible_and_saves(live_server, new_page, axe):
    """A coordinator finds the page from the user tools, in fi and sv, at desktop and phone width, and saves."""
    make_coordinator("ita", ITA_SUOMI)
    for width, language, link in ((1280, "fi", "Omat sähköposti-ilmoitukset"), (320, "sv", "Mina e-postaviseringar")):
        page = new_page(width=width)
        page.goto(f"{live_server.url}/{language}/admin/login/")
        page.fill("#id_username", "ita")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.locator("#user-tools").get_by_role("link", name=link).click()
        expect(page.locator("#id_language")).to_be_visible()
        assert axe(page) == []
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.select_option("#id_language", "en")
        page.locator("input[name=_save]").click()
        expect(page.locator(".messagelist")).to_be_visible()
        assert axe(page) == []
