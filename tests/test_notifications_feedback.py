"""A citizen's report reaches the right people by e-mail, in their language, through a real SMTP server."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from feedback.models import Feedback
from notifications import delivery
from notifications.models import Notification, NotificationPreference
from services.models import Service
from tests.admin_support import ITA_SUOMI, UUSIMAA, make_coordinator, make_national_administrator
from tests.factories import ProviderFactory, ServiceFactory, ServiceLocationFactory, municipality
from tests.smtp_server import free_port, point_django_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def with_address(user, language: str | None = None):
    user.email = f"{user.username}@example.fi"
    user.save(update_fields=["email"])
    if language:
        NotificationPreference.objects.create(user=user, language=language)
    return user


@pytest.fixture
def people():
    return {
        "ita": with_address(make_coordinator("ita", ITA_SUOMI)),
        "uusimaa": with_address(make_coordinator("uusimaa", UUSIMAA)),
        "national": with_address(make_national_administrator()),
    }


@pytest.fixture
def mikkeli_service() -> Service:
    return ServiceFactory(name_fi="Ohjaamo Mikkeli", provider=ProviderFactory(municipality=municipality("491")))


def report(client, service: Service, message: str = "Puhelinnumero on vanhentunut.", language: str = "fi"):
    response = client.post(f"/{language}/feedback/services/{service.pk}/", {"message": message, "email": ""})
    assert response.status_code == 302
    return Feedback.objects.latest("created")


def test_a_report_emails_the_coordinator_of_the_entrys_area_and_nobody_else(
    client, smtp_server, people, mikkeli_service, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as after_commit:
        report(client, mikkeli_service, "Aukioloajat ovat vanhentuneet.")
    assert len(after_commit) == 1  # the sending waits for the commit, outside the citizen's request

    delivery.send_pending()

    assert smtp_server.addresses == ["ita@example.fi"]
    mail = smtp_server.received[0]
    assert mail.subject == "Virheilmoitus palvelusta: Ohjaamo Mikkeli"
    assert "Aukioloajat ovat vanhentuneet." in mail.text
    feedback = Feedback.objects.get()
    assert f"/fi/admin/feedback/feedback/{feedback.pk}/change/" in mail.text
    assert mail.message["Auto-Submitted"] == "auto-generated"
    assert mail.message["From"] == "LIV <liv@example.fi>"


def test_an_entry_of_two_areas_emails_each_areas_coordinators_once(client, smtp_server, people, mikkeli_service):
    ServiceLocationFactory(service=mikkeli_service, municipality=municipality("091"))  # Helsinki: Uusimaa too
    both = with_address(make_coordinator("molemmat", ITA_SUOMI, UUSIMAA))

    report(client, mikkeli_service)
    delivery.send_pending()
    delivery.send_pending()  # a second run finds nothing left

    assert smtp_server.addresses == sorted([both.email, "ita@example.fi", "uusimaa@example.fi"])


def test_each_recipient_reads_it_in_their_own_language(client, smtp_server, mikkeli_service):
    with_address(make_coordinator("ruotsi", ITA_SUOMI), language="sv")
    with_address(make_coordinator("englanti", ITA_SUOMI), language="en")
    with_address(make_coordinator("suomi", ITA_SUOMI))  # no choice saved: Finnish

    report(client, mikkeli_service, language="sv")
    delivery.send_pending()

    swedish, english, finnish = (smtp_server.to(f"{name}@example.fi")[0] for name in ("ruotsi", "englanti", "suomi"))
    assert swedish.subject.startswith("Felanmälan om en tjänst: ")
    assert "En invånare har anmält ett fel" in swedish.text
    assert "/sv/admin/feedback/feedback/" in swedish.text
    assert swedish.message["Content-Language"] == "sv"
    assert english.subject == f"Report on an entry: {mikkeli_service.name_en}"
    today = timezone.localdate()
    assert f"Received: {today.day} {today:%B} {today.year}" in english.text
    assert "/en/admin/feedback/feedback/" in english.text
    assert finnish.subject == "Virheilmoitus palvelusta: Ohjaamo Mikkeli"


def test_a_coordinator_who_chose_not_to_get_reports_gets_none(client, smtp_server, people, mikkeli_service):
    NotificationPreference.objects.create(user=people["ita"], entry_feedback=False)
    report(client, mikkeli_service)
    delivery.send_pending()
    assert smtp_server.received == []


def test_a_report_on_an_entry_of_no_coordinators_area_goes_to_the_national_administrators(client, smtp_server, people):
    # Nationwide, its provider in Rovaniemi (Lappi): no coordinator here keeps Lappi.
    nationwide = ServiceFactory(nationwide=True, provider=ProviderFactory(municipality=municipality("698")))

    report(client, nationwide)
    delivery.send_pending()

    assert smtp_server.addresses == ["kansallinen@example.fi"]


def test_accessibility_feedback_reaches_the_national_administrators_with_the_deadline(client, smtp_server, people):
    response = client.post(
        "/fi/feedback/site/?page=/fi/search/", {"message": "Hakukenttä ei toimi ruudunlukijalla.", "email": ""}
    )
    assert response.status_code == 302
    delivery.send_pending()

    assert smtp_server.addresses == ["kansallinen@example.fi"]
    mail = smtp_server.received[0]
    deadline = timezone.localdate() + datetime.timedelta(days=14)
    assert mail.subject == f"Palaute sivustosta: vastattava viimeistään {deadline.day}.{deadline.month}.{deadline.year}"
    assert "14 päivän" in mail.text
    assert "Hakukenttä ei toimi ruudunlukijalla." in mail.text
    assert "/fi/search/" in mail.text


def test_the_citizens_report_is_kept_when_the_smtp_server_is_down(client, settings, people, mikkeli_service):
    point_django_at(settings, free_port())  # nothing listens there
    report(client, mikkeli_service)
    result = delivery.send_pending()

    assert Feedback.objects.count() == 1
    note = Notification.objects.get()
    assert (note.status, note.attempts) == (Notification.Status.FAILED, 1)
    assert "ConnectionRefusedError" in note.last_error
    assert result.stopped


def test_a_failed_message_is_sent_by_the_next_run_once(client, settings, smtp_server, people, mikkeli_service):
    point_django_at(settings, free_port())
    report(client, mikkeli_service)
    delivery.send_pending()  # the server is away
    point_django_at(settings, smtp_server.port)  # and back
    call_command("send_notifications", verbosity=0)
    call_command("send_notifications", verbosity=0)

    assert smtp_server.addresses == ["ita@example.fi"]
    note = Notification.objects.get()
    assert (note.status, note.attempts, note.sent_to) == (Notification.Status.SENT, 2, "ita@example.fi")
