"""Functions that read regional cooperation: the coordinator's scope of each model, and the public pages' data.

The scope functions extend the coordinator admin's rule (:mod:`services.permissions`) to the new models: a row
belongs to the vitality centre areas of its group, measure or practice.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, Prefetch, QuerySet
from django.db.models.functions import JSONObject
from django.shortcuts import get_object_or_404

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
)
from regions.models import VitalityCentre
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


_TASK_FIELDS = ("id", "group_id", "order", "text", *(f"text_{code}" for code, _name in settings.LANGUAGES))


def _with_tasks(groups: QuerySet[RegionalGroup]) -> QuerySet[RegionalGroup]:
    """Read each group's tasks in the group's own row (a JSON array subquery) instead of a prefetch query: the
    tasks are a few short texts, and a query saved keeps the group page within the budget of 8."""
    # A plain QuerySet: modeltranslation's would add the translated columns to values() next to the JSON row.
    tasks = QuerySet(GroupTask).filter(group=OuterRef("pk")).order_by("order", "pk")
    row = JSONObject(**{f"f_{name}": name for name in _TASK_FIELDS})
    return groups.annotate(task_rows=ArraySubquery(tasks.values(row=row)))


def _attach_tasks(group: RegionalGroup) -> None:
    """Hand the annotated task rows to ``group.tasks.all()`` as if they had been prefetched."""
    tasks = [GroupTask(**{name: row[f"f_{name}"] for name in _TASK_FIELDS}) for row in group.task_rows]
    group._prefetched_objects_cache = getattr(group, "_prefetched_objects_cache", {}) | {"tasks": tasks}


def _latest_assessment(group: RegionalGroup) -> MaturityAssessment | None:
    """The group's latest assessment with its ratings, read through the ratings (the assessment rides along with
    each rating), so that it costs two queries (ratings, their practices) instead of three."""
    latest = MaturityAssessment.objects.filter(group=group).order_by("-year").values("pk")[:1]
    ratings = list(
        DimensionRating.objects.filter(assessment__in=latest)
        .select_related("assessment", "dimension", "stage")
        .prefetch_related("practices")
    )
    if not ratings:  # an assessment without ratings yet (or none at all)
        assessment = MaturityAssessment.objects.filter(pk__in=latest).first()
        if assessment is not None:
            assessment._prefetched_objects_cache = {"ratings": []}
    else:
        assessment = ratings[0].assessment
        assessment._prefetched_objects_cache = {"ratings": ratings}
    if assessment is not None:
        assessment.group = group
    return assessment


def public_group(pk: int) -> tuple[RegionalGroup, MaturityAssessment | None, list[Measure]]:
    """A group with its strategies, its published latest assessment (if it chose to publish) and measures, in at
    most eight queries whatever the number of strategies, tasks, members, ratings or measures."""
    groups = _with_tasks(RegionalGroup.objects.with_strategies()).prefetch_related(
        Prefetch("members", queryset=GroupMember.objects.select_related("provider"))
    )
    group = get_object_or_404(groups, pk=pk)
    _attach_tasks(group)
    assessment = _latest_assessment(group) if group.publish_latest_assessment else None
    measures = list(group.measures.with_latest_status())
    return group, assessment, measures


@dataclass(frozen=True, slots=True)
class AreaCooperation:
    """What an area page shows of regional cooperation."""

    area: VitalityCentre
    groups: list[RegionalGroup]
    measures: list[Measure]
    practices: list[Practice]


def area_cooperation(area: VitalityCentre) -> AreaCooperation:
    """The area's groups (with strategies and goals), its regional measures and latest status, its practices."""
    groups = list(RegionalGroup.objects.in_area(area).with_strategies().order_by("active_until", "name_fi"))
    measures = list(Measure.objects.regional().in_area(area).with_latest_status().select_related("group"))
    practices = list(Practice.objects.published().in_area(area).order_by("title_fi")[:10])
    return AreaCooperation(area, groups, measures, practices)


def published_assessments(area: VitalityCentre) -> list[MaturityAssessment]:
    """The latest assessment of each of the area's groups that chose to publish it."""
    latest = (
        MaturityAssessment.objects.filter(group__vitality_centre=area, group__publish_latest_assessment=True)
        .latest_per_group()
        .values("pk")
    )
    return list(MaturityAssessment.objects.filter(pk__in=latest).with_ratings().order_by("group__name_fi"))


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
