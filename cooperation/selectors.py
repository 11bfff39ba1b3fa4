"""Functions that read regional cooperation: the coordinator's scope of each model, and the public pages' data.

The scope functions extend the coordinator admin's rule (:mod:`services.permissions`) to the new models: a row
belongs to the vitality centre areas of its group, measure or practice.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404

from cooperation.coverage import AreaSummary, CoverageTable, coverage_table
from cooperation.models import (
    DimensionRating,
    GroupMember,
    GroupTask,
    MaturityAssessment,
    MaturityDimension,
    Measure,
    Practice,
    RegionalGroup,
    RegionalStrategy,
    StrategicGoal,
)
from regions.models import VitalityCentre
from services.json_rows import JsonRows, RowWithLists, attach
from services.models import NationalGoal
from services.permissions import Scope

# --- The coordinator's scope ---------------------------------------------------------------------------------


def _by_centre(queryset: QuerySet, scope: Scope, path: str) -> QuerySet:
    if scope.national:
        return queryset
    if not scope.centre_ids:
        return queryset.none()
    return queryset.filter(**{f"{path}__in": scope.centre_ids})


def groups_in_scope(queryset: QuerySet, scope: Scope, *, path: str = "vitality_centre") -> QuerySet:
    """Groups, or rows of a group (``path`` leads to the group's area, e.g. ``group__vitality_centre``)."""
    return _by_centre(queryset, scope, path)


def practices_in_scope(queryset: QuerySet, scope: Scope, *, path: str = "") -> QuerySet:
    """Practices with at least one area in scope (as an id subquery: no duplicates, safe for bulk delete)."""
    if scope.national:
        return queryset
    inside = Practice.objects.filter(vitality_centres__in=scope.centre_ids).values("pk")
    return queryset.filter(**{f"{path}__in" if path else "pk__in": inside})


def measures_in_scope(queryset: QuerySet, scope: Scope, *, path: str = "vitality_centre") -> QuerySet:
    """Regional measures of the coordinator's areas (national measures are the national administrators')."""
    return _by_centre(queryset, scope, path)


# --- Public pages --------------------------------------------------------------------------------------------
# Each page's related lists come as JSON inside one row (services.json_rows): the area page's cooperation and the
# group page are one query each, whatever the number of rows, with SQL written once per process.


def _strategies() -> JsonRows:
    """A group's strategies, each with its strategic goals, each with the national goals it serves."""
    national = NationalGoal.objects.filter(strategic_goals=OuterRef("pk")).order_by("number")
    goals = StrategicGoal.objects.filter(strategy=OuterRef("pk")).order_by("order", "pk")
    return JsonRows(
        RegionalStrategy.objects.filter(group=OuterRef("pk")).order_by("-first_year", "pk"),
        goals=JsonRows(goals, national_goals=JsonRows(national)),
    )


def _ratings() -> JsonRows:
    """An assessment's ratings in the dimensions' order, with their dimension, stage and *published* practices (a
    draft may be linked, by its own area's coordinator, but its title is not public)."""
    practices = Practice.objects.published().filter(ratings=OuterRef("pk")).order_by("title_fi", "pk")
    ratings = DimensionRating.objects.filter(assessment=OuterRef("pk")).order_by("dimension__order", "dimension__code")
    return JsonRows(ratings, joined=("dimension", "stage"), practices=JsonRows(practices))


@cache
def _group_page() -> RowWithLists:
    """A group's page: its area and region, tasks, members with their providers, strategies, measures with their
    latest status, and its latest assessment if it chose to publish it."""
    tasks = GroupTask.objects.filter(group=OuterRef("pk")).order_by("order", "pk")
    members = GroupMember.objects.filter(group=OuterRef("pk")).order_by("order", "pk")
    measures = Measure.objects.filter(group=OuterRef("pk")).with_latest_status().order_by("level", "code")
    published = MaturityAssessment.objects.filter(group=OuterRef("pk"), group__publish_latest_assessment=True)
    return RowWithLists(
        RegionalGroup,
        joined=("vitality_centre", "region"),
        tasks=JsonRows(tasks),
        members=JsonRows(members, joined=("provider",)),
        strategies=_strategies(),
        measures=JsonRows(measures),
        latest_assessment=JsonRows(published.order_by("-year")[:1], ratings=_ratings()),
    )


def public_group(pk: int) -> tuple[RegionalGroup, MaturityAssessment | None, list[Measure]]:
    """A group with its strategies, its published latest assessment (if it chose to publish) and measures, in one
    query whatever the number of strategies, tasks, members, ratings or measures."""
    group, lists = _group_page().read(pk)
    if group is None:
        raise Http404("No regional group with this number.")
    for name in ("tasks", "members", "strategies"):
        attach(group, name, lists[name])
    assessment = next(iter(lists["latest_assessment"]), None)
    if assessment is not None:
        assessment.group = group
    return group, assessment, lists["measures"]


@dataclass(frozen=True, slots=True)
class AreaCooperation:
    """What an area page shows of regional cooperation."""

    area: VitalityCentre
    groups: list[RegionalGroup]
    assessments: list[MaturityAssessment]
    measures: list[Measure]
    practices: list[Practice]


@cache
def _area_lists() -> RowWithLists:
    """The lists of an area page, each filtered on the area's row (``OuterRef``)."""
    groups = RegionalGroup.objects.filter(vitality_centre=OuterRef("pk")).order_by("active_until", "name_fi", "pk")
    newer = MaturityAssessment.objects.filter(group=OuterRef("group"), year__gt=OuterRef("year"))
    published_latest = (
        MaturityAssessment.objects.filter(group__vitality_centre=OuterRef("pk"), group__publish_latest_assessment=True)
        .exclude(Exists(newer))
        .order_by("group__name_fi", "group_id")
    )
    measures = Measure.objects.regional().filter(vitality_centre=OuterRef("pk")).with_latest_status()
    practices = Practice.objects.published().filter(vitality_centres=OuterRef("pk")).order_by("title_fi", "pk")
    return RowWithLists(
        VitalityCentre,
        groups=JsonRows(groups, joined=("region",), strategies=_strategies()),
        assessments=JsonRows(published_latest, ratings=_ratings()),
        measures=JsonRows(measures.order_by("level", "code")),
        practices=JsonRows(practices[:10]),
    )


def area_cooperation(area: VitalityCentre) -> AreaCooperation:
    """The area's groups with their strategies and goals, the latest assessment of each group that chose to
    publish it, its regional measures with their latest status and its practices: one query, whatever the number
    of rows."""
    _, lists = _area_lists().read(area.pk)
    groups = {group.pk: group for group in lists["groups"]}
    for group in groups.values():
        group.vitality_centre = area
    for assessment in lists["assessments"]:
        assessment.group = groups[assessment.group_id]
    return AreaCooperation(area, lists["groups"], lists["assessments"], lists["measures"], lists["practices"])


def goals_with_measures() -> list[NationalGoal]:
    """The five national goals, each with its national measures (``goal.national_measures``) and their latest
    follow-up status, in three queries."""
    measures = Measure.objects.national().with_latest_status().order_by("code")
    return list(
        NationalGoal.objects.prefetch_related(Prefetch("measures", queryset=measures, to_attr="national_measures"))
    )


@dataclass(frozen=True, slots=True)
class AssessmentComparison:
    """A group's latest assessment next to its previous one, dimension by dimension."""

    group: RegionalGroup
    latest: MaturityAssessment
    previous: MaturityAssessment | None
    stages: list[tuple[MaturityDimension, int | None, int | None]]  # dimension, latest stage, change


def latest_assessments(scope: Scope) -> tuple[list[MaturityDimension], list[AssessmentComparison]]:
    """Every group's latest assessment in scope with the change since the previous one (national view)."""
    dimensions = list(MaturityDimension.objects.all())
    assessments = groups_in_scope(MaturityAssessment.objects.all(), scope, path="group__vitality_centre")
    assessments = assessments.select_related("group", "group__vitality_centre").prefetch_related(
        Prefetch("ratings", queryset=DimensionRating.objects.select_related("stage"))
    )
    by_group: dict[int, list[MaturityAssessment]] = {}
    for assessment in assessments.order_by("group_id", "-year"):
        by_group.setdefault(assessment.group_id, []).append(assessment)
    comparisons = []
    for history in by_group.values():
        latest, previous = history[0], history[1] if len(history) > 1 else None
        now = {r.dimension_id: r.stage.number for r in latest.ratings.all()}
        before = {r.dimension_id: r.stage.number for r in previous.ratings.all()} if previous else {}
        stages = []
        for dimension in dimensions:
            stage = now.get(dimension.pk)
            change = stage - before[dimension.pk] if stage is not None and dimension.pk in before else None
            stages.append((dimension, stage, change))
        comparisons.append(AssessmentComparison(latest.group, latest, previous, stages))
    comparisons.sort(key=lambda c: (c.group.vitality_centre.code, c.group.name_fi or ""))
    return dimensions, comparisons


@dataclass(frozen=True, slots=True)
class AdminCoverage:
    """The coverage on the admin start page: every area's summary (national) or the own areas' gaps."""

    national: bool
    summaries: list[AreaSummary]
    tables: list[CoverageTable]


def admin_coverage(scope: Scope) -> AdminCoverage | None:
    if scope.is_empty:
        return None
    if scope.national:
        areas = list(VitalityCentre.objects.in_force())
        return AdminCoverage(True, coverage_table().summaries_by_area(areas), [])
    tables = [coverage_table(area=area) for area in VitalityCentre.objects.filter(pk__in=scope.centre_ids)]
    return AdminCoverage(False, [table.summary() for table in tables], tables)
