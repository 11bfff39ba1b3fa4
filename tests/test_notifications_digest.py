"""The weekly review digest: exactly the entries due, to their area's coordinator, once a week, never twice."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from notifications.models import Notification, NotificationPreference
from services.models import Service
from tests.admin_support import ITA_SUOMI, UUSIMAA, make_coordinator
from tests.factories import ProviderFactory, ServiceFactory, municipality

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def coordinator(name: str, *areas: str, language: str | None = None):
    user = make_coordinator(name, *areas)
    user.email = f"{name}@example.fi"
    user.save(update_fields=["email"])
    if language:
        NotificationPreference.objects.create(user=user, language=language)
    return user


def entry(name: str, *, home: str = "491", reviewed_days_ago: int | None, **fields) -> Service:
    reviewed = None if reviewed_days_ago is None else TODAY - datetime.timedelta(days=reviewed_days_ago)
    return ServiceFactory(
        name_fi=name, provider=ProviderFactory(municipality=municipality(home)), last_reviewed=reviewed, **fields
    )


@pytest.fixture
def directory() -> dict[str, Service]:
    """Mikkeli (Itä-Suomi) and Helsinki (Uusimaa) entries, due and not."""
    return {
        "due": entry("Vanha uraohjaus", reviewed_days_ago=400),
        "never": entry("Tarkistamaton neuvonta", reviewed_days_ago=None),
        "just_due": entry("Juuri vuoden vanha", reviewed_days_ago=366),
        "fresh": entry("Tuore ohjaus", reviewed_days_ago=30),
        "year_exactly": entry("Tasan vuosi", reviewed_days_ago=365),
        "draft": entry("Luonnos", reviewed_days_ago=800, status=Service.Status.DRAFT),
        "archived": entry("Arkistoitu", reviewed_days_ago=800, status=Service.Status.ARCHIVED),
        "helsinki": entry("Helsingin ohjaus", home="091", reviewed_days_ago=500),
    }


def listed(text: str, directory: dict[str, Service]) -> set[str]:
    """The entries the digest links to (by their admin address: the names are in the recipient's language)."""
    return {key for key, service in directory.items() if f"/admin/services/service/{service.pk}/change/" in text}


def test_the_digest_lists_exactly_the_entries_due_in_the_coordinators_area(smtp_server, directory):
    coordinator("ita", ITA_SUOMI)
    call_command("send_review_digest", verbosity=0)

    [mail] = smtp_server.to("ita@example.fi")
    assert listed(mail.text, directory) == {"due", "never", "just_due"}
    assert mail.subject == "3 alueesi palvelua on tarkistettava"
    # never reviewed first, then the oldest review
    assert (
        mail.text.index("Tarkistamaton neuvonta")
        < mail.text.index("Vanha uraohjaus")
        < mail.text.index("Juuri vuoden vanha")
    )
    assert "ei koskaan tarkistettu" in mail.text
    assert f"/fi/admin/services/service/{directory['due'].pk}/change/" in mail.text
    assert "review=needed" in mail.text


def test_each_coordinator_gets_their_own_areas_digest_in_their_language(smtp_server, directory):
    coordinator("ita", ITA_SUOMI)
    coordinator("uusimaa", UUSIMAA, language="sv")
    coordinator("lappi", "10")  # Lappi: nothing due there, so no e-mail

    call_command("send_review_digest", verbosity=0)

    assert smtp_server.addresses == ["ita@example.fi", "uusimaa@example.fi"]
    [swedish] = smtp_server.to("uusimaa@example.fi")
    assert listed(swedish.text, directory) == {"helsinki"}
    assert swedish.subject == "1 tjänst i ditt område behöver granskas"
    assert directory["helsinki"].name_sv in swedish.text
    assert swedish.message["Content-Language"] == "sv"


def test_a_second_run_in_the_same_week_sends_nothing(smtp_server, directory):
    coordinator("ita", ITA_SUOMI)
    call_command("send_review_digest", verbosity=0)
    call_command("send_review_digest", verbosity=0)
    assert len(smtp_server.to("ita@example.fi")) == 1

    next_week = (TODAY + datetime.timedelta(days=7)).isoformat()
    call_command("send_review_digest", "--date", next_week, verbosity=0)
    assert len(smtp_server.to("ita@example.fi")) == 2


def test_a_run_that_fails_half_way_sends_nothing_twice_when_run_again(smtp_server, directory):
    coordinator("ita", ITA_SUOMI)
    coordinator("molemmat", ITA_SUOMI, UUSIMAA)
    coordinator("uusimaa", UUSIMAA)
    smtp_server.refuse = {"molemmat@example.fi"}  # the relay refuses one mailbox for now (451)

    with pytest.raises(CommandError, match="1 message"):
        call_command("send_review_digest", verbosity=0)
    assert smtp_server.addresses == ["ita@example.fi", "uusimaa@example.fi"]
    failed = Notification.objects.get(status=Notification.Status.FAILED)
    assert failed.recipient.username == "molemmat" and "451" in failed.last_error

    smtp_server.refuse = set()
    call_command("send_review_digest", verbosity=0)  # the scheduler's retry: the same week again
    call_command("send_notifications", verbosity=0)

    assert smtp_server.addresses == ["ita@example.fi", "molemmat@example.fi", "uusimaa@example.fi"]
    [both] = smtp_server.to("molemmat@example.fi")
    assert listed(both.text, directory) == {"due", "never", "just_due", "helsinki"}


def test_a_coordinator_who_turned_the_digest_off_gets_none(smtp_server, directory):
    user = coordinator("ita", ITA_SUOMI)
    NotificationPreference.objects.create(user=user, review_digest=False)
    call_command("send_review_digest", verbosity=0)
    assert smtp_server.received == []


def test_the_digest_of_many_entries_lists_the_first_and_links_to_the_rest(smtp_server):
    coordinator("ita", ITA_SUOMI)
    for number in range(53):
        entry(f"Palvelu {number:02d}", reviewed_days_ago=None)
    call_command("send_review_digest", verbosity=0)
    [mail] = smtp_server.to("ita@example.fi")
    assert mail.text.count("/change/") == 50
    assert "… ja 3 muuta." in mail.text
    assert mail.subject == "53 alueesi palvelua on tarkistettava"


def test_a_bad_date_is_refused_with_a_message():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_review_digest", "--date", "31.12.2026")


def test_without_email_settings_the_command_says_so_and_the_digest_waits(settings, directory):
    settings.EMAIL_CONFIGURED = False
    coordinator("ita", ITA_SUOMI)
    with pytest.raises(CommandError, match="EMAIL_HOST"):
        call_command("send_review_digest", verbosity=0)
    assert Notification.objects.get().status == Notification.Status.PENDING
