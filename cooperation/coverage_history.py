"""The coverage of services over time: taking the monthly snapshot, and reading an area's trend for its chart.

A snapshot is taken from the same shared coverage count as the coverage pages (one national count, cut by area),
so a month's figures are what the coverage page showed that day.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from cooperation.coverage import AreaSummary, Level, coverage_table
from cooperation.models import CoverageSnapshot
from regions.models import VitalityCentre

# How many months an area's chart shows.
CHART_MONTHS = 24


def month_of(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _row(month: datetime.date, summary: AreaSummary) -> CoverageSnapshot:
    counts = summary.counts
    return CoverageSnapshot(
        month=month,
        vitality_centre=summary.area,
        in_person=counts[Level.IN_PERSON],
        elsewhere=counts[Level.ELSEWHERE],
        remote_only=counts[Level.REMOTE_ONLY],
        nothing=counts[Level.NONE],
        gap_cells=summary.gap_cells,
    )


@transaction.atomic
def take_snapshot(*, today: datetime.date | None = None, replace: bool = False) -> tuple[datetime.date, int]:
    """Store this month's coverage of every area in force and of the whole country; returns (month, rows
    written). A month already taken is left as it is (0 rows) unless ``replace``; two runs at once write nothing
    twice either (``ignore_conflicts`` on the unique month and area)."""
    today = today or timezone.localdate()
    month = month_of(today)
    taken = CoverageSnapshot.objects.filter(month=month)
    if taken.exists():
        if not replace:
            return month, 0
        taken.delete()
    table = coverage_table()
    rows = [_row(month, summary) for summary in table.summaries_by_area(list(VitalityCentre.objects.in_force(today)))]
    rows.append(_row(month, table.summary()))  # the whole country: the national table's area is None
    CoverageSnapshot.objects.bulk_create(rows, ignore_conflicts=True)
    return month, taken.count()


def area_history(area: VitalityCentre | None, *, months: int = CHART_MONTHS) -> list[CoverageSnapshot]:
    """An area's (or the whole country's) latest monthly snapshots, oldest first: one query."""
    return list(CoverageSnapshot.objects.for_area(area).recent(months))
