"""The privacy notice's promises kept in code: feedback is deleted after FEEDBACK_RETENTION_DAYS with every copy of
its text, client addresses are kept only while their limits need them, and a person's feedback can be found and
erased on request — by a national administrator in the admin, or by an operator's command."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from feedback import handling, retention
from feedback.models import Feedback, FeedbackRateHit
from notifications.models import Kind, Notification
from services.models import Service
from tests.admin_support import ITA_SUOMI, make_coordinator, make_national_administrator
from tests.factories import ProviderFactory, ServiceFactory, municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def service() -> Service:
    return ServiceFactory(name_fi="Ohjaamo Mikkeli", provider=ProviderFactory(municipality=municipality("491")))


def received(days_ago: int, *, message: str, email: str = "", service: Service | None = None) -> Feedback:
    report = handling.receive(message=message, email=email, language="fi", service=service)
    Feedback.objects.filter(pk=report.pk).update(created=timezone.now() - datetime.timedelta(days=days_ago))
    return report


def copies_of(report: Feedback, admin) -> None:
    """What the site makes of a report: an e-mail to a coordinator and an admin log line about it."""
    Notification.objects.create(
        recipient=admin, kind=Kind.ENTRY_FEEDBACK, key=f"feedback:{report.pk}", feedback=report, language="fi",
        subject="Uusi palaute", body=report.message,
    )  # fmt: skip
    LogEntry.objects.log_actions(
        user_id=admin.pk, queryset=[report], action_flag=CHANGE, change_message="Merkitty käsitellyksi.",
        single_object=True,
    )  # fmt: skip


def test_feedback_past_the_retention_is_deleted_with_its_copies_and_newer_feedback_stays(service, settings):
    settings.FEEDBACK_RETENTION_DAYS = 365
    admin = make_national_administrator()
    old = received(
        366, message="Vanha viesti, jossa Matti Meikäläisen nimi.", email="matti@example.fi", service=service
    )
    new = received(364, message="Tuore viesti.", email="maija@example.fi", service=service)
    copies_of(old, admin)
    copies_of(new, admin)

    purged = retention.purge()

    assert list(Feedback.objects.values_list("message", flat=True)) == ["Tuore viesti."]
    assert (purged.feedback, purged.copies) == (1, 2)
    assert list(Notification.objects.values_list("feedback", flat=True)) == [new.pk]
    logged = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Feedback))
    assert list(logged.values_list("object_id", flat=True)) == [str(new.pk)]
    assert not Notification.objects.filter(body__contains="Meikäläisen").exists()


def test_a_shorter_retention_from_the_setting_is_honoured(settings):
    settings.FEEDBACK_RETENTION_DAYS = 30
    received(31, message="Yli kuukauden vanha.")
    received(29, message="Alle kuukauden vanha.")
    retention.purge()
    assert list(Feedback.objects.values_list("message", flat=True)) == ["Alle kuukauden vanha."]


def test_the_purge_is_idempotent_a_second_run_deletes_nothing(service):
    received(400, message="Vanha.", service=service)
    FeedbackRateHit.objects.create(client="x" * 64, at=timezone.now() - datetime.timedelta(hours=2))
    first = retention.purge()
    second = retention.purge()
    assert (first.feedback, first.rate_limit_rows) == (1, 1)
    assert second == retention.Purged(0, 0, 0, 0, 0, 0)


def test_client_addresses_are_kept_only_while_their_limits_need_them(settings):
    settings.LOGIN_KNOWN_ADDRESS_DAYS = 90
    now = timezone.now()
    FeedbackRateHit.objects.create(client="a" * 64, at=now - datetime.timedelta(minutes=11))
    FeedbackRateHit.objects.create(client="b" * 64, at=now - datetime.timedelta(minutes=1))
    for days, ip in [(91, "192.0.2.1"), (89, "192.0.2.2")]:
        AccessLog.objects.filter(pk=AccessLog.objects.create(username="ita", ip_address=ip).pk).update(
            attempt_time=now - datetime.timedelta(days=days)
        )
    for days, ip in [(2, "198.51.100.1"), (0, "198.51.100.2")]:
        attempt = AccessAttempt.objects.create(username="ita", ip_address=ip, failures_since_start=1)
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=now - datetime.timedelta(days=days))

    purged = retention.purge()

    assert list(FeedbackRateHit.objects.values_list("client", flat=True)) == ["b" * 64]
    assert list(AccessLog.objects.values_list("ip_address", flat=True)) == ["192.0.2.2"]
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["198.51.100.2"]
    assert (purged.rate_limit_rows, purged.login_addresses, purged.failed_logins) == (1, 1, 1)


def test_the_rate_limit_stores_no_address_that_a_plain_hash_would_give_back(client, service):
    client.post(f"/fi/feedback/services/{service.pk}/", {"message": "Osoite on väärä."}, REMOTE_ADDR="203.0.113.7")
    stored = FeedbackRateHit.objects.get().client
    assert stored != hashlib.sha256(b"feedback-rate:203.0.113.7").hexdigest()
    assert stored != hashlib.sha256(b"203.0.113.7").hexdigest()


def test_the_purge_command_reports_what_it_deleted(service):
    received(400, message="Vanha.", service=service)
    from io import StringIO

    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "Retention 365 days. feedback deleted: 1" in out.getvalue()
    assert not Feedback.objects.exists()


# --- Erasure on request ------------------------------------------------------------------------------------


def erase_page(client: Client, data: dict) -> str:
    response = client.post("/fi/admin/feedback/feedback/erase/", data)
    assert response.status_code in (200, 302), response.status_code
    return response.content.decode()


def test_a_national_administrator_finds_and_erases_a_persons_feedback_by_e_mail(service):
    admin = make_national_administrator()
    mine = [
        received(3, message="Aukioloajat väärin.", email="Maija.M@example.fi", service=service),
        received(1, message="Sivusto ei toimi ruudunlukijalla.", email="maija.m@example.fi"),
    ]
    other = received(2, message="Puhelinnumero puuttuu.", email="matti@example.fi", service=service)
    for report in [*mine, other]:
        copies_of(report, admin)
    browser = Client()
    browser.force_login(admin)

    changelist = browser.get("/fi/admin/feedback/feedback/").content.decode()
    assert "/fi/admin/feedback/feedback/erase/" in changelist
    found = erase_page(browser, {"email": "maija.m@EXAMPLE.fi"})
    assert "2 palautetta on lähetetty tällä osoitteella." in found
    assert Feedback.objects.count() == 3  # finding changes nothing

    response = browser.post("/fi/admin/feedback/feedback/erase/", {"email": "maija.m@example.fi", "confirm": "1"})
    assert response.status_code == 302
    assert list(Feedback.objects.values_list("pk", flat=True)) == [other.pk]
    assert list(Notification.objects.values_list("feedback", flat=True)) == [other.pk]
    assert not Notification.objects.filter(body__contains="ruudunlukijalla").exists()
    message = browser.get(response["Location"]).content.decode()
    assert "Poistettiin 2 tällä osoitteella lähetettyä palautetta kopioineen." in message


def test_an_address_with_no_feedback_says_so(service):
    browser = Client()
    browser.force_login(make_national_administrator())
    assert "Tällä osoitteella ei ole lähetetty palautetta." in erase_page(browser, {"email": "ei@example.fi"})


def test_a_coordinator_cannot_search_everyones_feedback_by_e_mail(service):
    received(1, message="Aukioloajat väärin.", email="maija@example.fi", service=service)
    browser = Client()
    browser.force_login(make_coordinator("ita", ITA_SUOMI))
    assert browser.post("/fi/admin/feedback/feedback/erase/", {"email": "maija@example.fi"}).status_code == 403
    assert "/fi/admin/feedback/feedback/erase/" not in browser.get("/fi/admin/feedback/feedback/").content.decode()
    assert Feedback.objects.count() == 1


def test_deleting_feedback_in_the_admin_also_removes_its_copies(service):
    admin = make_national_administrator()
    report = received(1, message="Poistettava.", email="x@example.fi", service=service)
    copies_of(report, admin)
    browser = Client()
    browser.force_login(admin)
    browser.post(
        "/fi/admin/feedback/feedback/", {"action": "delete_selected", "_selected_action": [report.pk], "post": "yes"}
    )
    assert not Feedback.objects.exists()
    assert not Notification.objects.exists()
    assert not LogEntry.objects.filter(object_repr__contains="Poistettava").exists()


def test_the_erase_command_erases_by_address_and_refuses_a_non_address(service):
    received(1, message="Viesti.", email="maija@example.fi", service=service)
    received(1, message="Toinen.", email="matti@example.fi", service=service)
    from io import StringIO

    out = StringIO()
    call_command("erase_feedback", "--email", "MAIJA@example.fi", stdout=out)
    assert "Erased 1 feedback message(s)" in out.getvalue()
    assert list(Feedback.objects.values_list("email", flat=True)) == ["matti@example.fi"]
    with pytest.raises(Exception, match="is not an e-mail address"):
        call_command("erase_feedback", "--email", "maija")


def test_a_coordinator_sees_no_page_field_on_a_report_about_a_service(service):
    report = received(1, message="Väärä osoite.", email="maija@example.fi", service=service)
    browser = Client()
    browser.force_login(make_coordinator("ita", ITA_SUOMI))
    page = browser.get(f"/fi/admin/feedback/feedback/{report.pk}/change/").content.decode()
    assert "Väärä osoite." in page and "maija@example.fi" in page  # what the reply needs
    assert "field-page" not in page
