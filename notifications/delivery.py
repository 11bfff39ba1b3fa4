"""Sending what the log holds, so that nothing is sent twice and nothing is lost.

One message at a time: it is *claimed* in a short transaction of its own (``SELECT … FOR UPDATE SKIP LOCKED``,
status *sending*, one more attempt), sent, and marked *sent* or *failed* at once. So a run that stops half-way —
the SMTP server goes away, the process is killed — leaves every message it had sent marked *sent*, and the next
run (``manage.py send_notifications``) takes only the others; two runs at once never take the same message.

A refused recipient fails that message only; a connection that cannot be made or breaks ends the run, since the
next messages would fail the same way. A message left *sending* by a killed process (its SMTP answer never
recorded) is not resent automatically — it may have arrived — but reported, and resent with ``--resend-unconfirmed``.

After a citizen's report, :func:`send_after_commit` sends its messages in a background thread once the report is
committed: the citizen's page never waits for the SMTP server, and a failure is logged and left to the command.
"""

from __future__ import annotations

import datetime
import functools
import logging
import smtplib
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from notifications.models import Notification

logger = logging.getLogger(__name__)

# How long a message may stay *sending* before it counts as unconfirmed (its process is gone).
UNCONFIRMED_AFTER = datetime.timedelta(hours=1)
# SMTP errors of the session itself (every following message would fail the same way), as against a refusal of
# one message or recipient. (smtplib's errors are OSErrors too; a plain OSError is a connection that failed.)
_SESSION_ERRORS = (smtplib.SMTPConnectError, smtplib.SMTPServerDisconnected, smtplib.SMTPAuthenticationError,
                   smtplib.SMTPNotSupportedError, smtplib.SMTPHeloError)  # fmt: skip


class EmailNotConfigured(RuntimeError):
    """Production without EMAIL_HOST: messages wait in the log until it is set."""


@dataclass
class DeliveryReport:
    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    stopped: str = ""  # the connection error that ended the run early, if any


def _claim(ids: list[int] | None, tried: set[int]) -> Notification | None:
    """The oldest waiting message that no other run holds and this run has not tried yet, marked *sending*."""
    with transaction.atomic():
        waiting = Notification.objects.sendable(settings.NOTIFICATION_MAX_ATTEMPTS).exclude(pk__in=tried)
        if ids is not None:
            waiting = waiting.filter(pk__in=ids)
        note = (
            waiting.select_related("recipient")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("created", "pk")
            .first()
        )
        if note is None:
            return None
        Notification.objects.filter(pk=note.pk).update(
            status=Notification.Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
    return note


def _mark(note: Notification, *, error: str = "", address: str = "") -> None:
    if error:
        Notification.objects.filter(pk=note.pk).update(status=Notification.Status.FAILED, last_error=error[:2000])
    else:
        Notification.objects.filter(pk=note.pk).update(
            status=Notification.Status.SENT, sent_at=timezone.now(), sent_to=address, last_error=""
        )


def _fail(note: Notification, error: OSError, report: DeliveryReport) -> str:
    reason = f"{type(error).__name__}: {error}"
    _mark(note, error=reason)
    report.failed.append(note.pk)
    return reason


def _message(note: Notification, address: str, smtp) -> EmailMessage:
    return EmailMessage(
        subject=note.subject,
        body=note.body,
        to=[address],
        connection=smtp,
        # RFC 3834: an automatic message, so that auto-replies and vacation notices stay away from it.
        headers={"Auto-Submitted": "auto-generated", "Content-Language": note.language},
    )


def send_pending(*, ids: Iterable[int] | None = None) -> DeliveryReport:
    """Send the waiting messages (only ``ids`` when given), oldest first; see the module's docstring."""
    if not settings.EMAIL_CONFIGURED:
        raise EmailNotConfigured("E-mail is not configured: set EMAIL_HOST (docs/deployment.md).")
    only = list(ids) if ids is not None else None
    report = DeliveryReport()
    tried: set[int] = set()  # a message that failed now waits for the next run, not for this one's loop
    smtp = get_connection(fail_silently=False)
    try:
        while (note := _claim(only, tried)) is not None:
            tried.add(note.pk)
            address = note.recipient.email
            if not address or not note.recipient.is_active:
                _mark(note, error="The recipient has no e-mail address or is no longer active.")
                report.failed.append(note.pk)
                continue
            try:
                _message(note, address, smtp).send()
            except smtplib.SMTPException as error:
                if isinstance(error, _SESSION_ERRORS):
                    report.stopped = _fail(note, error, report)
                    break
                _fail(note, error, report)
                logger.warning("E-mail notification %s was refused: %s", note.pk, error)
                _close(smtp)  # start the next message on a fresh session
                continue
            except OSError as error:  # refused, unreachable, timed out: the server is not there
                report.stopped = _fail(note, error, report)
                break
            _mark(note, address=address)
            report.sent.append(note.pk)
    finally:
        _close(smtp)
    if report.stopped:
        logger.warning("E-mail could not be sent (%s); the rest wait for the next run.", report.stopped)
    return report


def _close(smtp) -> None:
    try:
        smtp.close()
    except (smtplib.SMTPException, OSError):
        logger.debug("Closing the SMTP connection failed", exc_info=True)


def unconfirmed() -> list[Notification]:
    """Messages a killed process left *sending*: sent or not, nobody knows."""
    before = timezone.now() - UNCONFIRMED_AFTER
    return list(Notification.objects.filter(status=Notification.Status.SENDING, claimed_at__lt=before))


def resend_unconfirmed() -> int:
    before = timezone.now() - UNCONFIRMED_AFTER
    return Notification.objects.filter(status=Notification.Status.SENDING, claimed_at__lt=before).update(
        status=Notification.Status.PENDING
    )


# --- After a citizen's report -----------------------------------------------------------------------------------


@functools.cache
def _background() -> ThreadPoolExecutor:
    """One sending thread per process, started when first needed: messages go out one after another."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="liv-mail")


def _send_in_background(ids: list[int]) -> None:
    try:
        if settings.EMAIL_CONFIGURED:
            report = send_pending(ids=ids)
            if report.failed:
                logger.warning("%d notification(s) wait for `manage.py send_notifications`.", len(report.failed))
        else:
            logger.warning("E-mail is not configured (EMAIL_HOST); %d notification(s) wait in the log.", len(ids))
    except Exception:
        # A thread's exception would otherwise vanish into its Future: log it; the messages wait for the command.
        logger.exception("Sending notifications %s failed; they wait for `manage.py send_notifications`.", ids)
    finally:
        connection.close()


_running: set[Future] = set()


def _submit(ids: list[int]) -> None:
    future = _background().submit(_send_in_background, ids)
    _running.add(future)
    future.add_done_callback(_running.discard)


def send_after_commit(ids: list[int]) -> None:
    """Once the current transaction commits, send these messages in this process's sending thread."""
    if ids:
        transaction.on_commit(lambda: _submit(ids))


def wait_for_background(timeout: float = 30) -> None:
    """Wait until the sending thread has done what it was given (for tests and for a clean shutdown)."""
    for future in list(_running):
        future.result(timeout=timeout)
