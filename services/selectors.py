"""Functions that read the directory for the public pages (selectors, in the HackSoft sense)."""

from __future__ import annotations

from django.db.models import Count, F, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404

from regions.models import Region, VitalityCentre
from services.models import NationalGoal, Provider, Service


def published_service(pk: int) -> Service:
    """One published service with everything its page shows, or 404."""
    return get_object_or_404(Service.objects.published().with_detail(), pk=pk)


def provider_with_services(pk: int) -> tuple[Provider, QuerySet[Service]]:
    provider = get_object_or_404(Provider.objects.select_related("municipality"), pk=pk)
    services = provider.services.published().prefetch_related("target_groups", "service_types")
    return provider, services


def vitality_centre(code: str) -> VitalityCentre:
    """An area page's vitality centre with its regions and municipalities and the ELY areas it replaced."""
    return get_object_or_404(
        VitalityCentre.objects.prefetch_related(
            Prefetch("regions", queryset=Region.objects.prefetch_related("municipalities")),
            "predecessors",
        ),
        code=code,
    )


def goals_with_services(per_goal: int = 5) -> list[NationalGoal]:
    """The five national goals, each with its number of published services and the first few by name
    (two queries, whatever the size of the directory)."""
    goals = list(
        NationalGoal.objects.annotate(
            service_count=Count("service", filter=Q(service__status=Service.Status.PUBLISHED))
        ).order_by("number")
    )
    ranked = (
        Service.national_goals.through.objects.filter(service__status=Service.Status.PUBLISHED)
        .annotate(position=Window(RowNumber(), partition_by=[F("nationalgoal_id")], order_by=[F("service__name_fi")]))
        .filter(position__lte=per_goal)
        .select_related("service")
        .order_by("nationalgoal_id", "position")
    )
    first: dict[int, list[Service]] = {}
    for link in ranked:
        first.setdefault(link.nationalgoal_id, []).append(link.service)
    for goal in goals:
        goal.first_services = first.get(goal.pk, [])
    return goals
