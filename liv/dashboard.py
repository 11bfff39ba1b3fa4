"""The admin start page: what the user's own area(s) need this week.

Counted in the database, in the same scope as every admin list: one aggregate over services, and the waiting
feedback (its count and the oldest few) in one more statement, whatever the number of entries. The coverage gaps
come from :mod:`cooperation.dashboard`, which reads the shared coverage count.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, Window
from django.utils import timezone

from feedback.models import Feedback
from notifications.messages import ANSWER_WITHIN, answer_deadline
from services import completeness
from services.models import Service
from services.permissions import Scope, related_to_services_in_scope, services_in_scope

# How many of the oldest waiting reports the start page lists; the rest are behind the link to the list.
OLDEST_SHOWN = 5


@dataclass(frozen=True, slots=True)
class AreaCounts:
    published: int
    drafts: int
    needing_review: int  # published ones: stale information is what citizens see
    missing_translations: int  # published ones missing Swedish or English
    missing_swedish: int  # published ones
    missing_english: int  # published ones
    open_feedback: int


@dataclass(frozen=True, slots=True)
class WaitingReport:
    """A citizen's report waiting for an answer, with its age against the 14-day rule."""

    report: Feedback
    received: datetime.date
    deadline: datetime.date
    age_days: int
    days_left: int  # negative when the 14 days have passed

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_late(self) -> int:
        return max(0, -self.days_left)


@dataclass(frozen=True, slots=True)
class WeekTasks:
    counts: AreaCounts
    oldest_feedback: list[WaitingReport]
    overdue_feedback: int
    answer_days: int = ANSWER_WITHIN.days


def _service_counts(scope: Scope) -> dict[str, int]:
    services = services_in_scope(Service.objects.all(), scope)
    published = Q(status=Service.Status.PUBLISHED)
    missing = {language: completeness.missing_language_q(Service, language) for language in ("sv", "en")}
    return services.aggregate(
        published=Count("pk", filter=published),
        drafts=Count("pk", filter=Q(status=Service.Status.DRAFT)),
        needing_review=Count("pk", filter=published & Q(pk__in=services.needing_review().values("pk"))),
        missing_translations=Count("pk", filter=published & (missing["sv"] | missing["en"])),
        missing_swedish=Count("pk", filter=published & missing["sv"]),
        missing_english=Count("pk", filter=published & missing["en"]),
    )


def _waiting_feedback(scope: Scope, today: datetime.date) -> list[Feedback]:
    """The oldest waiting reports, each carrying the number of all waiting ones (``waiting``) and of those past
    their deadline (``overdue``: received before the day 14 days ago, as ``answer_deadline`` counts): one
    statement. Site feedback has no service: it is in a national administrator's (unrestricted) scope only."""
    cutoff = timezone.make_aware(datetime.datetime.combine(today - ANSWER_WITHIN, datetime.time.min))
    reports = related_to_services_in_scope(Feedback.objects.open(), scope).select_related("service")
    return list(
        reports.annotate(
            waiting=Window(Count("pk")),
            overdue=Window(Count("pk", filter=Q(created__lt=cutoff))),
        ).order_by("created", "pk")[:OLDEST_SHOWN]
    )


def area_counts(scope: Scope) -> AreaCounts:
    reports = _waiting_feedback(scope, timezone.localdate())
    return AreaCounts(**_service_counts(scope), open_feedback=reports[0].waiting if reports else 0)


def week_tasks(scope: Scope, today: datetime.date | None = None) -> WeekTasks:
    """What to do this week: the counts, and the oldest waiting feedback with its age and deadline."""
    today = today or timezone.localdate()
    reports = _waiting_feedback(scope, today)
    oldest = []
    for report in reports:
        received = timezone.localdate(report.created)
        deadline = answer_deadline(report)
        oldest.append(WaitingReport(report, received, deadline, (today - received).days, (deadline - today).days))
    counts = AreaCounts(**_service_counts(scope), open_feedback=reports[0].waiting if reports else 0)
    return WeekTasks(counts, oldest, reports[0].overdue if reports else 0)
