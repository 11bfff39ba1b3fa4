"""The sending rules an operator relies on: nothing twice, nothing lost silently, a limit to retrying."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from notifications.models import Kind, Notification
from tests.admin_support import ITA_SUOMI, make_coordinator

pytestmark = pytest.mark.django_db


def waiting(username: str = "ita", **fields) -> Notification:
    user = make_coordinator(username, ITA_SUOMI)
    user.email = f"{username}@example.fi"
    user.save(update_fields=["email"])
    return Notification.objects.create(
        recipient=user,
        kind=Kind.REVIEW_DIGEST,
        key="review-digest:2026-W49",
        language="fi",
        subject="3 alueesi palvelua on tarkistettava",
        body="…",
        **fields,
    )


def test_a_message_a_killed_run_left_being_sent_is_reported_not_resent(smtp_server, capsys):
    note = waiting(status=Notification.Status.SENDING, claimed_at=timezone.now() - datetime.timedelta(hours=2))

    call_command("send_notifications")
    assert smtp_server.received == []
    assert "left 'being sent'" in capsys.readouterr().err

    call_command("send_notifications", "--resend-unconfirmed")
    call_command("send_notifications", "--resend-unconfirmed")
    assert smtp_server.addresses == ["ita@example.fi"]
    note.refresh_from_db()
    assert note.status == Notification.Status.SENT


def test_a_message_being_sent_right_now_by_another_run_is_left_alone(smtp_server):
    waiting(status=Notification.Status.SENDING, claimed_at=timezone.now())
    call_command("send_notifications", "--resend-unconfirmed", verbosity=0)
    assert smtp_server.received == []


def test_a_recipient_without_an_address_fails_that_message_only(smtp_server):
    note = waiting()
    other = waiting("toinen")
    note.recipient.email = ""
    note.recipient.save(update_fields=["email"])

    with pytest.raises(CommandError, match="1 message"):
        call_command("send_notifications", verbosity=0)
    note.refresh_from_db()
    assert note.status == Notification.Status.FAILED and "no e-mail address" in note.last_error
    assert smtp_server.addresses == [other.recipient.email]


def test_retrying_stops_after_the_configured_number_of_attempts(smtp_server, settings):
    settings.NOTIFICATION_MAX_ATTEMPTS = 3
    waiting(status=Notification.Status.FAILED, attempts=3, last_error="451")
    call_command("send_notifications", verbosity=0)
    assert smtp_server.received == []
