"""Functions that read regional cooperation: the coordinator's scope of each model, and the public pages' data.

The scope functions extend the coordinator admin's rule (:mod:`services.permissions`) to the new models: a row
belongs to the vitality centre areas of its group, measure or practice.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Model, OuterRef, Prefetch, QuerySet
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
    RegionalStrategy,
    StrategicGoal,
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


# --- Short related lists read inside their parent's row ------------------------------------------------------


def json_rows(queryset: QuerySet) -> ArraySubquery:
    """A related list as a JSON array in its parent's row: one query fewer than a prefetch, for short lists of
    small rows (a group's tasks, a strategic goal's national goals). ``queryset`` filters on ``OuterRef`` and
    sets the order; :func:`attach_rows` turns the rows back into model instances."""
    model = queryset.model
    # A plain QuerySet: modeltranslation's would add the translated columns to values() beside the JSON row; the
    # keys are prefixed because a key named like a field makes Django select that field too.
    fields = {f"f_{field.attname}": field.attname for field in model._meta.concrete_fields}
    return ArraySubquery(QuerySet(model, query=queryset.query.clone()).values(row=JSONObject(**fields)))


def attach_rows(instance: Model, name: str, model: type[Model], rows: list[dict] | None) -> None:
    """Hand rows from :func:`json_rows` to ``instance.<name>.all()`` as if they had been prefetched."""
    fields = [(field.attname, field) for field in model._meta.concrete_fields]
    objects = [
        model(**{attname: field.to_python(row[f"f_{attname}"]) for attname, field in fields}) for row in rows or []
    ]
    instance._prefetched_objects_cache = getattr(instance, "_prefetched_objects_cache", {}) | {name: objects}


# --- Public pages --------------------------------------------------------------------------------------------


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


def _with_strategies(groups: QuerySet[RegionalGroup]) -> QuerySet[RegionalGroup]:
    """The groups with their strategies and strategic goals in three queries: each strategic goal's national
    goals (at most five small rows) come in the goal's row; :func:`_attach_national_goals` hands them over."""
    national = NationalGoal.objects.filter(strategic_goals=OuterRef("pk")).order_by("number")
    goals = StrategicGoal.objects.annotate(national_goal_rows=json_rows(national))
    strategies = RegionalStrategy.objects.prefetch_related(Prefetch("goals", queryset=goals))
    return groups.select_related("vitality_centre", "region").prefetch_related(
        Prefetch("strategies", queryset=strategies)
    )


def _attach_national_goals(groups: list[RegionalGroup]) -> None:
    for group in groups:
        for strategy in group.strategies.all():
            for goal in strategy.goals.all():
                attach_rows(goal, "national_goals", NationalGoal, goal.national_goal_rows)


def public_group(pk: int) -> tuple[RegionalGroup, MaturityAssessment | None, list[Measure]]:
    """A group with its strategies, its published latest assessment (if it chose to publish) and measures, in at
    most eight queries whatever the number of strategies, tasks, members, ratings or measures."""
    tasks = GroupTask.objects.filter(group=OuterRef("pk")).order_by("order", "pk")
    groups = (
        _with_strategies(RegionalGroup.objects.all())
        .annotate(task_rows=json_rows(tasks))  # a few short texts: in the group's row, not a query of their own
        .prefetch_related(Prefetch("members", queryset=GroupMember.objects.select_related("provider")))
    )
    group = get_object_or_404(groups, pk=pk)
    attach_rows(group, "tasks", GroupTask, group.task_rows)
    _attach_national_goals([group])
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
    groups = list(_with_strategies(RegionalGroup.objects.in_area(area)).order_by("active_until", "name_fi"))
    _attach_national_goals(groups)
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
