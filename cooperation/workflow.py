"""The review workflow of a practice: the same draft → published → archived path and "reviewed on" dates as a
service, through the same functions (services/workflow.py), so history records every change with its user."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from cooperation.models import Practice
from services.workflow import WorkflowResult, _save, _set_status

__all__ = ["WorkflowResult", "archive_practices", "mark_practices_reviewed", "publish_practices"]


def publish_practices(*, practices: Iterable[Practice], by: AbstractBaseUser | None) -> WorkflowResult:
    """Publish the practices that have what publishing requires (a Finnish title and summary)."""
    return _set_status(practices, status=Practice.Status.PUBLISHED, by=by, reason=gettext("Published"))


def archive_practices(*, practices: Iterable[Practice], by: AbstractBaseUser | None) -> WorkflowResult:
    return _set_status(practices, status=Practice.Status.ARCHIVED, by=by, reason=gettext("Archived"))


def mark_practices_reviewed(
    *, practices: Iterable[Practice], by: AbstractBaseUser | None, on: datetime.date | None = None
) -> WorkflowResult:
    on = on or timezone.localdate()
    result = WorkflowResult()
    with transaction.atomic():
        for practice in practices:
            if practice.last_reviewed == on:
                result.unchanged.append(practice)
                continue
            practice.last_reviewed = on
            _save(practice, by=by, reason=gettext("Marked as reviewed"), fields=["last_reviewed"])
            result.changed.append(practice)
    return result
