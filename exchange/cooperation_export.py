"""Write the regional cooperation in the exchange format: groups (with their tasks, members, strategies and
strategic goals), practices, measures (with their follow-up) and maturity self-assessments.

As for services (exchange/export.py), the function that turns a record of the database into its record
in the file is also what the import compares against: a record in a file is "unchanged" exactly when it equals
the export of the record in the database. Lists inside a record come in the order the site shows them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from cooperation.models import (
    DimensionRating,
    FollowUp,
    GroupMember,
    MaturityAssessment,
    Measure,
    Practice,
    RegionalGroup,
    RegionalStrategy,
    StrategicGoal,
)
from exchange.format import (
    ASSESSMENT_TRANSLATED,
    GOAL_TRANSLATED,
    GROUP_TRANSLATED,
    MEASURE_TRANSLATED,
    PRACTICE_TRANSLATED,
    RATING_TRANSLATED,
    STRATEGY_TRANSLATED,
    local_id,
)
from exchange.records import provider_external_id, translations
from regions.models import VitalityCentre
from services.models import Provider


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def group_external_id(group: RegionalGroup) -> str:
    return group.external_id or local_id("group", group.pk)


def practice_external_id(practice: Practice) -> str:
    return practice.external_id or local_id("practice", practice.pk)


def measure_external_id(measure: Measure) -> str:
    return measure.external_id or local_id("measure", measure.pk)


def assessment_external_id(assessment: MaturityAssessment) -> str:
    return assessment.external_id or local_id("assessment", assessment.pk)


def _ordered(rows: Iterable[Any]) -> list[Any]:
    """Tasks, members and goals in the order the group gives them (their ``order``, then their id)."""
    return sorted(rows, key=lambda row: (row.order, row.pk))


def strategy_record(strategy: RegionalStrategy) -> dict[str, Any]:
    return {
        **{field: translations(strategy, field) for field in STRATEGY_TRANSLATED},
        "first_year": strategy.first_year,
        "last_year": strategy.last_year,
        "website": strategy.website,
        "goals": [
            {
                **{field: translations(goal, field) for field in GOAL_TRANSLATED},
                "national_goals": sorted(g.number for g in goal.national_goals.all()),
            }
            for goal in _ordered(strategy.goals.all())
        ],
    }


def group_record(group: RegionalGroup) -> dict[str, Any]:
    """One group with its parts; expects the prefetching of :func:`groups_for_export`."""
    strategies = sorted(group.strategies.all(), key=lambda s: (-s.first_year, s.pk))
    return {
        "external_id": group_external_id(group),
        **{field: translations(group, field) for field in GROUP_TRANSLATED},
        "area": group.vitality_centre.code,
        "region": group.region.code if group.region_id else None,
        "active_from": _date(group.active_from),
        "active_until": _date(group.active_until),
        "website": group.website,
        "publish_latest_assessment": group.publish_latest_assessment,
        "tasks": [translations(task, "text") for task in _ordered(group.tasks.all())],
        "members": [
            {
                "provider": provider_external_id(member.provider) if member.provider_id else None,
                "name": translations(member, "name"),
            }
            for member in _ordered(group.members.all())
        ],
        "strategies": [strategy_record(strategy) for strategy in strategies],
        "origin": group.origin,
    }


def practice_record(practice: Practice) -> dict[str, Any]:
    """One practice; expects the prefetching of :func:`practices_for_export`."""
    return {
        "external_id": practice_external_id(practice),
        **{field: translations(practice, field) for field in PRACTICE_TRANSLATED},
        "areas": sorted(c.code for c in practice.vitality_centres.all()),
        "providers": sorted(provider_external_id(p) for p in practice.providers.all()),
        "target_groups": sorted(t.code for t in practice.target_groups.all()),
        "national_goals": sorted(g.number for g in practice.national_goals.all()),
        "dimensions": sorted(d.code for d in practice.dimensions.all()),
        "first_year": practice.first_year,
        "last_year": practice.last_year,
        "phase": practice.phase,
        "status": practice.status,
        "last_reviewed": _date(practice.last_reviewed),
        "links": [
            {"title": translations(link, "title"), "url": link.url}
            for link in sorted(practice.links.all(), key=lambda link: link.pk)
        ],
        "origin": practice.origin,
    }


def follow_up_record(follow_up: FollowUp) -> dict[str, Any]:
    return {"date": follow_up.date.isoformat(), "status": follow_up.status, "note": translations(follow_up, "note")}


def measure_record(measure: Measure) -> dict[str, Any]:
    """One measure with its follow-up, oldest entry first; expects the prefetching of :func:`measures_for_export`."""
    return {
        "external_id": measure_external_id(measure),
        "code": measure.code,
        **{field: translations(measure, field) for field in MEASURE_TRANSLATED},
        "level": measure.level,
        "area": measure.vitality_centre.code if measure.vitality_centre_id else None,
        "group": group_external_id(measure.group) if measure.group_id else None,
        "national_goals": sorted(g.number for g in measure.national_goals.all()),
        "responsible_providers": sorted(provider_external_id(p) for p in measure.responsible_providers.all()),
        "first_year": measure.first_year,
        "last_year": measure.last_year,
        "follow_ups": [follow_up_record(f) for f in sorted(measure.follow_ups.all(), key=lambda f: (f.date, f.pk))],
        "origin": measure.origin,
    }


def assessment_record(assessment: MaturityAssessment) -> dict[str, Any]:
    """One self-assessment with a rating per dimension; expects :func:`assessments_for_export`'s prefetching."""
    ratings = sorted(assessment.ratings.all(), key=lambda r: (r.dimension.order, r.dimension.code))
    return {
        "external_id": assessment_external_id(assessment),
        "group": group_external_id(assessment.group),
        "year": assessment.year,
        **{field: translations(assessment, field) for field in ASSESSMENT_TRANSLATED},
        "ratings": [
            {
                "dimension": rating.dimension.code,
                "stage": rating.stage.number,
                **{field: translations(rating, field) for field in RATING_TRANSLATED},
                "practices": sorted(practice_external_id(p) for p in rating.practices.all()),
            }
            for rating in ratings
        ],
        "origin": assessment.origin,
    }


def groups_for_export(groups: QuerySet[RegionalGroup]) -> QuerySet[RegionalGroup]:
    return groups.select_related("vitality_centre", "region").prefetch_related(
        "tasks",
        Prefetch("members", queryset=GroupMember.objects.select_related("provider")),
        Prefetch(
            "strategies",
            queryset=RegionalStrategy.objects.prefetch_related(
                Prefetch("goals", queryset=StrategicGoal.objects.prefetch_related("national_goals"))
            ),
        ),
    )


def practices_for_export(practices: QuerySet[Practice]) -> QuerySet[Practice]:
    return practices.with_detail()


def measures_for_export(measures: QuerySet[Measure]) -> QuerySet[Measure]:
    return measures.select_related("vitality_centre", "group").prefetch_related(
        "national_goals", "responsible_providers", "follow_ups"
    )


def assessments_for_export(assessments: QuerySet[MaturityAssessment]) -> QuerySet[MaturityAssessment]:
    return assessments.select_related("group").prefetch_related(
        Prefetch(
            "ratings",
            queryset=DimensionRating.objects.select_related("dimension", "stage").prefetch_related("practices"),
        )
    )


@dataclass
class CooperationSelection:
    """The cooperation records an export covers, each kind in a stable order (external id, then local id)."""

    groups: QuerySet[RegionalGroup]
    practices: QuerySet[Practice]
    measures: QuerySet[Measure]
    assessments: QuerySet[MaturityAssessment]

    def providers(self) -> QuerySet[Provider]:
        """The providers the records refer to (members, organisations behind practices, responsible ones)."""
        return Provider.objects.filter(
            Q(elo_group_memberships__group__in=self.groups.values("pk"))
            | Q(practices__in=self.practices.values("pk"))
            | Q(measures__in=self.measures.values("pk"))
        ).distinct()

    def records(self) -> dict[str, list[dict[str, Any]]]:
        """Every section's records, by kind; the catalogue is small (hundreds), so they are built in memory."""
        return {
            "groups": [group_record(g) for g in groups_for_export(self.groups)],
            "practices": [practice_record(p) for p in practices_for_export(self.practices)],
            "measures": [measure_record(m) for m in measures_for_export(self.measures)],
            "assessments": [assessment_record(a) for a in assessments_for_export(self.assessments)],
        }


def select_cooperation(
    *,
    statuses: Iterable[str] | None = None,
    vitality_centre: VitalityCentre | None = None,
    origins: Iterable[str] | None = None,
) -> CooperationSelection:
    """The cooperation an export covers, with the same filters as :func:`exchange.select_services`.

    ``statuses`` concerns practices (the only cooperation records with a publication status); ``vitality_centre``
    keeps the area's groups, practices, regional measures and the self-assessments of its groups (national
    measures belong to no area); ``origins`` applies to every kind.
    """
    groups = RegionalGroup.objects.all()
    practices = Practice.objects.all()
    measures = Measure.objects.all()
    assessments = MaturityAssessment.objects.all()
    if statuses:
        practices = practices.filter(status__in=list(statuses))
    if vitality_centre is not None:
        groups = groups.in_area(vitality_centre)
        practices = practices.filter(pk__in=Practice.objects.in_area(vitality_centre).values("pk"))
        measures = measures.in_area(vitality_centre)
        assessments = assessments.filter(group__vitality_centre=vitality_centre)
    if origins:
        origins = list(origins)
        groups = groups.filter(origin__in=origins)
        practices = practices.filter(origin__in=origins)
        measures = measures.filter(origin__in=origins)
        assessments = assessments.filter(origin__in=origins)
    return CooperationSelection(
        groups=groups.order_by("external_id", "pk"),
        practices=practices.order_by("external_id", "pk"),
        measures=measures.order_by("external_id", "pk"),
        assessments=assessments.order_by("external_id", "pk"),
    )
