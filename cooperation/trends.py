"""What changed over time, as charts with their tables: an area's coverage month by month, a group's maturity
self-assessments year by year, and the follow-up status of its measures year by year.

Each function reads what its chart needs in a fixed number of queries and returns the chart's geometry
(:mod:`cooperation.charts`) with translated labels; the templates in ``templates/cooperation/charts/`` draw it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from cooperation.charts import MaturityLines, StackedBars, maturity_lines, stacked_bars
from cooperation.coverage import LEVEL_LABELS, Level
from cooperation.coverage_history import area_history
from cooperation.models import (
    DimensionRating,
    FollowUp,
    FollowUpStatus,
    MaturityAssessment,
    MaturityDimension,
    Measure,
    RegionalGroup,
)
from regions.models import VitalityCentre

# Colours of the kinds, each at least 3:1 against white (WCAG 1.4.11) and set apart from its neighbours; the
# legend and the table name every kind, so no figure is told by colour alone.
COVERAGE_COLOURS = {
    Level.IN_PERSON: "#1a6b34",
    Level.ELSEWHERE: "#2f6fa3",
    Level.REMOTE_ONLY: "#946200",
    Level.NONE: "#a4161a",
}
STATUS_COLOURS = {
    FollowUpStatus.NOT_STARTED: "#5c6670",
    FollowUpStatus.STARTED: "#946200",
    FollowUpStatus.PROGRESSING: "#2f6fa3",
    FollowUpStatus.COMPLETED: "#1a6b34",
    FollowUpStatus.DROPPED: "#a4161a",
}


@dataclass(frozen=True, slots=True)
class AreaCoverageTrend:
    area: VitalityCentre | None
    chart: StackedBars | None  # None until the first monthly snapshot


def coverage_trend(area: VitalityCentre | None) -> AreaCoverageTrend:
    """Municipalities by how they were served, month by month (``snapshot_coverage``); one query."""
    snapshots = area_history(area)
    if not snapshots:
        return AreaCoverageTrend(area, None)
    chart = stacked_bars(
        categories=[f"{s.month.month}/{s.month.year}" for s in snapshots],
        series=[str(LEVEL_LABELS[level]).capitalize() for level in COVERAGE_COLOURS],
        colours=list(COVERAGE_COLOURS.values()),
        values=[[s.in_person, s.elsewhere, s.remote_only, s.nothing] for s in snapshots],
    )
    return AreaCoverageTrend(area, chart)


def maturity_trend(group: RegionalGroup) -> MaturityLines | None:
    """The group's stage on each dimension in each year it assessed itself; two queries (None if it never did)."""
    assessments = list(
        MaturityAssessment.objects.filter(group=group)
        .order_by("year")
        .prefetch_related(Prefetch("ratings", queryset=DimensionRating.objects.select_related("dimension", "stage")))
    )
    if not assessments:
        return None
    dimensions: dict[int, MaturityDimension] = {}
    stages: dict[tuple[int, int], int] = {}
    for assessment in assessments:
        for rating in assessment.ratings.all():
            dimensions.setdefault(rating.dimension_id, rating.dimension)
    ordered = sorted(dimensions.values(), key=lambda d: (d.order, d.code))
    index = {dimension.pk: n for n, dimension in enumerate(ordered)}
    for assessment in assessments:
        for rating in assessment.ratings.all():
            stages[(index[rating.dimension_id], assessment.year)] = rating.stage.number
    return maturity_lines(
        years=[a.year for a in assessments],
        dimensions=[d.name for d in ordered],  # the maturity model is complete in fi, sv and en
        stages=stages,
    )


def follow_up_trend(measures: list[Measure], *, today: datetime.date | None = None) -> StackedBars | None:
    """How many of the measures stood at each status at the end of each year (this year: today), from their
    follow-up entries: one query. A measure counts from its first year (or its first follow-up); before any
    entry it is *not started*."""
    if not measures:
        return None
    today = today or timezone.localdate()
    entries: dict[int, list[tuple[datetime.date, str]]] = {}
    for measure_id, date, status in (
        FollowUp.objects.filter(measure__in=[m.pk for m in measures], date__lte=today)
        .order_by("date", "pk")
        .values_list("measure_id", "date", "status")
    ):
        entries.setdefault(measure_id, []).append((date, status))
    if not entries:
        return None

    def first_year(measure: Measure) -> int:
        years = [measure.first_year] if measure.first_year else []
        if measure.pk in entries:
            years.append(entries[measure.pk][0][0].year)
        return min(years, default=today.year)

    first_years = {measure.pk: first_year(measure) for measure in measures}
    start = min(min(first_years.values()), today.year)
    start = max(start, today.year - 9)  # ten years at most
    statuses = list(STATUS_COLOURS)
    categories, values = [], []
    for year in range(start, today.year + 1):
        end = min(datetime.date(year, 12, 31), today)
        counts = dict.fromkeys(statuses, 0)
        for measure in measures:
            if first_years[measure.pk] > year:
                continue
            latest = FollowUpStatus.NOT_STARTED
            for date, status in entries.get(measure.pk, []):
                if date <= end:
                    latest = FollowUpStatus(status)
            counts[latest] += 1
        categories.append(str(year))
        values.append([counts[status] for status in statuses])
    return stacked_bars(
        categories=categories,
        series=[str(status.label).capitalize() for status in statuses],
        colours=list(STATUS_COLOURS.values()),
        values=values,
    )


def group_trends(group: RegionalGroup) -> dict[str, object]:
    """The group's two charts, for its admin page."""
    measures = list(Measure.objects.filter(group=group).order_by("code"))
    return {"maturity": maturity_trend(group), "follow_up": follow_up_trend(measures), "measures": len(measures)}
