"""Changing feedback: receiving a report and marking it handled (called by the views and the admin)."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

import notifications.events
from feedback.models import Feedback
from services.models import Service


def receive(*, message: str, email: str, language: str, service: Service | None = None, page: str = "") -> Feedback:
    """Save a citizen's report and record the e-mails to the people who handle it, in one transaction; the
    e-mails are sent after the commit, in the background (notifications.delivery), so the citizen never waits."""
    topic = Feedback.Topic.SERVICE if service is not None else Feedback.Topic.SITE
    with transaction.atomic():
        report = Feedback.objects.create(
            topic=topic, service=service, message=message, email=email, language=language, page=page[:300]
        )
        notifications.events.feedback_received(report)
    return report


def set_status(*, reports: Iterable[Feedback], status: str, by: AbstractBaseUser) -> int:
    """Mark reports handled (recording who and when) or open again; returns how many changed."""
    changed = 0
    for report in reports:
        if report.status == status:
            continue
        report.status = status
        stamp(report, by=by)
        report.save(update_fields=["status", "handled_by", "handled_at"])
        changed += 1
    return changed


def stamp(report: Feedback, *, by: AbstractBaseUser) -> None:
    """Record who handled the report and when (or clear that when it is opened again); does not save."""
    if report.status == Feedback.Status.HANDLED:
        report.handled_by, report.handled_at = by, timezone.now()
    else:
        report.handled_by, report.handled_at = None, None
