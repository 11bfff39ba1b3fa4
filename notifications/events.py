"""Recording notifications when something happens: a citizen's report, the week's review digest.

These are the functions the rest of the project calls (``feedback.handling.receive``, ``send_review_digest``).
Each writes one log row per recipient who wants that kind, in their language, keyed so that the same event
can never be recorded twice for one person (:mod:`notifications.models`); sending is :mod:`notifications.delivery`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet

from feedback.models import Feedback
from notifications import delivery, digest, messages, recipients
from notifications.models import Kind, Notification
from notifications.preferences import preference_for


def _record(
    people: QuerySet,
    *,
    kind: str,
    key: str,
    write: Callable[[AbstractBaseUser, str], messages.Message | None],
    feedback: Feedback | None = None,
) -> list[Notification]:
    """A pending log row for each of ``people`` who wants ``kind`` and has none for ``key`` yet."""
    recorded = []
    for person in people.select_related("notification_preference"):
        preference = preference_for(person)
        if not preference.wants(kind) or Notification.objects.filter(recipient=person, key=key).exists():
            continue
        message = write(person, preference.language)
        if message is None:
            continue
        note, created = Notification.objects.get_or_create(
            recipient=person,
            key=key,
            defaults={
                "kind": kind,
                "feedback": feedback,
                "language": preference.language,
                "subject": message.subject,
                "body": message.body,
            },
        )
        if created:
            recorded.append(note)
    return recorded


def feedback_received(report: Feedback) -> list[Notification]:
    """Record the e-mails about a new report, to be sent once the report is committed.

    A report on an entry goes to the coordinators of the entry's areas — each once, even when the entry belongs
    to two areas they both keep. An entry no coordinator's area holds (nationwide only) goes to the national
    administrators instead, so that it does not wait unseen. Feedback on the site goes to the national
    administrators with the 14-day deadline for an answer.
    """
    if report.topic == Feedback.Topic.SERVICE:
        kind = Kind.ENTRY_FEEDBACK
        people = recipients.coordinators_of_service(report.service)
        if not people.exists():
            people = recipients.national_administrators()

        def write(person: AbstractBaseUser, language: str) -> messages.Message:
            return messages.entry_feedback(report, language)
    else:
        kind = Kind.ACCESSIBILITY_FEEDBACK
        people = recipients.national_administrators()

        def write(person: AbstractBaseUser, language: str) -> messages.Message:
            return messages.accessibility_feedback(report, language)

    with transaction.atomic():
        notes = _record(people, kind=kind, key=f"feedback:{report.pk}", write=write, feedback=report)
    delivery.send_after_commit([note.pk for note in notes])
    return notes


def digest_key(on: datetime.date) -> str:
    """One digest per ISO week: a second run in the same week finds every message recorded already."""
    year, week, _weekday = on.isocalendar()
    return f"review-digest:{year}-W{week:02d}"


def queue_review_digest(*, on: datetime.date) -> list[Notification]:
    """Record this week's review digest for every coordinator whose areas have entries due (none: no e-mail)."""

    def write(person: AbstractBaseUser, language: str) -> messages.Message | None:
        due = digest.entries_due(recipients.areas_of(person), on)
        total = due.count()
        if not total:
            return None
        return messages.review_digest(list(due[: messages.DIGEST_LINES]), total, on, language)

    return _record(recipients.coordinators(), kind=Kind.REVIEW_DIGEST, key=digest_key(on), write=write)
