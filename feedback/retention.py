"""Personal data kept only as long as the privacy notice says: deletion after the retention period, erasure on
request, and the addresses kept by the rate limit and the log-in limits.

What is personal here, and where copies of it live:

* a citizen's feedback (:class:`feedback.models.Feedback`): the message, which may name people although the form
  asks not to, and the e-mail address given for a reply;
* copies of the message: the e-mails to coordinators and administrators (``notifications.Notification``, whose
  link to the feedback is set to NULL on delete and so must be removed first), and the admin's action log
  (``LogEntry.object_repr`` holds the start of the message);
* client addresses: the feedback rate limit's keyed hashes (:mod:`feedback.ratelimit`, needed for
  ``RATE_LIMIT_MINUTES``), failed log-ins (django-axes ``AccessAttempt``, needed for the cool-off) and successful
  log-ins (``AccessLog``, needed for ``LOGIN_KNOWN_ADDRESS_DAYS`` by :mod:`liv.login_limits`);
* the weekly counts of search texts that found no service with all their words
  (:mod:`services.search.unanswered`): anonymous, but a text may still say something of the person who typed
  it, so they are kept for ``SEARCH_LOG_DAYS`` only.

:func:`purge` deletes everything past its time and is idempotent (``manage.py purge_personal_data``, run daily);
:func:`erase` removes given feedback with its copies (the admin's erasure on request and
``manage.py erase_feedback``).
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from feedback import ratelimit
from feedback.models import Feedback, FeedbackRateHit
from services.search import unanswered

RATE_LIMIT_MINUTES = math.ceil(ratelimit.WINDOW_SECONDS / 60)


def failed_login_days() -> int:
    """Whole days a failed log-in (with its address) is kept: the cool-off it counts for, at least one day."""
    cool_off_hours = float(settings.AXES_COOLOFF_TIME or 0)
    return max(1, math.ceil(cool_off_hours / 24))


@dataclass(frozen=True)
class Purged:
    feedback: int
    copies: int
    rate_limit_rows: int
    failed_logins: int
    login_addresses: int
    unanswered_searches: int

    def __str__(self) -> str:
        return (
            f"feedback deleted: {self.feedback} (with {self.copies} copies in e-mails and the admin log); "
            f"rate-limit rows: {self.rate_limit_rows}; failed log-ins: {self.failed_logins}; "
            f"log-in addresses: {self.login_addresses}; unanswered-search counts: {self.unanswered_searches}"
        )


def matching_email(email: str) -> QuerySet[Feedback]:
    """Every feedback sent with this e-mail address (any letter case): what an erasure request is about."""
    return Feedback.objects.filter(email__iexact=email.strip())


@transaction.atomic
def erase(reports: QuerySet[Feedback]) -> tuple[int, int]:
    """Delete the reports and every copy of their text; returns (reports, copies) deleted."""
    ids = list(reports.values_list("pk", flat=True))
    if not ids:
        return 0, 0
    copies = 0
    if apps.is_installed("notifications"):
        notification = apps.get_model("notifications", "Notification")
        copies += notification.objects.filter(feedback_id__in=ids).delete()[0]
    content_type = ContentType.objects.get_for_model(Feedback)
    copies += LogEntry.objects.filter(content_type=content_type, object_id__in=[str(pk) for pk in ids]).delete()[0]
    deleted = Feedback.objects.filter(pk__in=ids).delete()[1].get(Feedback._meta.label, 0)
    return deleted, copies


def purge(*, now: datetime.datetime | None = None) -> Purged:
    """Delete what is past its retention time. Running it again at once deletes nothing more."""
    now = now or timezone.now()
    feedback, copies = erase(
        Feedback.objects.filter(created__lt=now - datetime.timedelta(days=settings.FEEDBACK_RETENTION_DAYS))
    )
    rate_limit_rows = FeedbackRateHit.objects.filter(
        at__lt=now - datetime.timedelta(minutes=RATE_LIMIT_MINUTES)
    ).delete()[0]
    failed_since = now - datetime.timedelta(days=failed_login_days())
    failed_logins = AccessAttempt.objects.filter(attempt_time__lt=failed_since).delete()[0]
    failed_logins += AccessFailureLog.objects.filter(attempt_time__lt=failed_since).delete()[0]
    login_addresses = AccessLog.objects.filter(
        attempt_time__lt=now - datetime.timedelta(days=settings.LOGIN_KNOWN_ADDRESS_DAYS)
    ).delete()[0]
    return Purged(feedback, copies, rate_limit_rows, failed_logins, login_addresses, unanswered.purge(now=now))
