"""Functions that read the directory for the public pages (selectors, in the HackSoft sense)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar

from django.db import models
from django.db.models import Count, F, OuterRef, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404

from regions.models import ElyCentre, EmploymentArea, Municipality, Region, VitalityCentre
from services.json_rows import JsonRows, RowWithLists, attach
from services.models import (
    ElectronicChannel,
    NationalGoal,
    OpeningHours,
    OpeningHoursException,
    PhoneChannel,
    Provider,
    Service,
    ServiceLocation,
    ServiceType,
    TargetGroup,
)

M = TypeVar("M", bound=models.Model)


def published_service(pk: int) -> Service:
    """One published service with everything its page shows, or 404."""
    return get_object_or_404(Service.objects.published().with_detail(), pk=pk)


def published_service_page(pk: int) -> Service:
    """One published service for its public page, or 404, in a single query.

    ``ServiceQuerySet.with_detail_rows`` brings each related list as JSON in the service's row; here the rows
    become model instances handed to ``service.<relation>.all()`` as if prefetched, so that the template, the
    JSON-LD and ``Service.areas_served`` read them unchanged (twelve queries -> one)."""
    service = get_object_or_404(Service.objects.published().with_detail_rows(), pk=pk)
    rows = service.detail_rows
    service._prefetched_objects_cache = {
        "service_types": _instances(ServiceType, rows["service_types"]),
        "target_groups": _instances(TargetGroup, rows["target_groups"]),
        "national_goals": _instances(NationalGoal, rows["national_goals"]),
        "vitality_centres": _instances(VitalityCentre, rows["vitality_centres"]),
        "regions": _instances(Region, rows["regions"]),
        "employment_areas": _instances(EmploymentArea, rows["employment_areas"]),
        "municipalities": _instances(Municipality, rows["municipalities"]),
        "locations": [_location(row) for row in rows["locations"]],
        "phones": _instances(PhoneChannel, rows["phones"]),
        "electronic_channels": _instances(ElectronicChannel, rows["electronic_channels"]),
    }
    return service


def search_results(ids: list[int]) -> list[Service]:
    """The services of a search result page, in the order of ``ids``, with what a result shows (name, summary,
    provider, target groups, the locations' municipalities) in one query (``ServiceQuerySet.with_result_rows``)."""
    if not ids:
        return []
    found = Service.objects.filter(pk__in=ids).with_result_rows().only(*RESULT_FIELDS)
    by_id = {}
    for service in found:
        rows = service.result_rows
        service._prefetched_objects_cache = {
            "target_groups": _instances(TargetGroup, rows["target_groups"]),
            "locations": [_location(row) for row in rows["locations"]],
        }
        by_id[service.pk] = service
    return [by_id[pk] for pk in ids if pk in by_id]


def _translated(field: str) -> list[str]:
    return [f"{field}_{code}" for code in ("fi", "sv", "en")]


# What a result shows (templates/services/_result.html, the API's list): the rest of a service is not loaded.
RESULT_FIELDS = (
    "external_id",
    "nationwide",
    "languages",
    "cost",
    "last_reviewed",
    "status",
    "provider_id",
    "modified",  # the API's list shows when each changed and its PTV id
    "ptv_id",
    *_translated("name"),
    *_translated("summary"),
    *_translated("provider__name"),
)


def _instance(model: type[M], row: Mapping[str, Any]) -> M:
    """A model instance as the database would give it, from a JSON row; fields the row lacks are deferred,
    so that reading one by mistake shows up as an extra query in the query-count tests, not as empty text."""
    # from_db reads the values in the model's field order, whatever order the names are given in.
    present = [field.attname for field in model._meta.concrete_fields if field.attname in row]
    return model.from_db("default", present, [row[name] for name in present])


def _instances(model: type[M], rows: Iterable[Mapping[str, Any]] | None) -> list[M]:
    return [_instance(model, row) for row in rows or ()]


def _location(row: Mapping[str, Any]) -> ServiceLocation:
    """A service location with its municipality (``municipality_*`` keys) and, when the row has them, its opening
    hours (JSON gives times as text). Search results bring only the municipality's code and names."""
    fields = {
        key: value
        for key, value in row.items()
        if not key.startswith("municipality_") and key not in ("opening_hours", "opening_hours_exceptions")
    }
    for coordinate in ("latitude", "longitude"):
        if fields.get(coordinate) is not None:  # JSON gives a number; the model field holds a Decimal
            fields[coordinate] = Decimal(str(fields[coordinate]))
    location = _instance(ServiceLocation, {**fields, "municipality_id": row["municipality_id"]})
    municipality = {
        key.removeprefix("municipality_"): value
        for key, value in row.items()
        if key.startswith("municipality_") and key != "municipality_id"
    }
    location.municipality = _instance(Municipality, {"id": row["municipality_id"], **municipality})
    if "opening_hours" in row:
        hours = [
            _instance(
                OpeningHours,
                {
                    "location_id": location.pk,
                    "weekday": hours["weekday"],
                    "opens": datetime.time.fromisoformat(hours["opens"]),
                    "closes": datetime.time.fromisoformat(hours["closes"]),
                },
            )
            for hours in row["opening_hours"] or ()
        ]
        location._prefetched_objects_cache = {"opening_hours": hours}
    if "opening_hours_exceptions" in row:
        location.__dict__.setdefault("_prefetched_objects_cache", {})["opening_hours_exceptions"] = [
            _instance(OpeningHoursException, _exception_values(location.pk, exception))
            for exception in row["opening_hours_exceptions"] or ()
        ]
    return location


def _exception_values(location_id: int, row: Mapping[str, Any]) -> dict[str, Any]:
    """An exception's JSON row with dates and times as Python values (JSON gives them as text)."""

    def parsed(key: str, kind: type[datetime.date] | type[datetime.time]) -> Any:
        return kind.fromisoformat(row[key]) if row.get(key) else None

    return {
        **row,
        "location_id": location_id,
        "valid_from": parsed("valid_from", datetime.date),
        "valid_to": parsed("valid_to", datetime.date),
        "opens": parsed("opens", datetime.time),
        "closes": parsed("closes", datetime.time),
    }


def provider_with_services(pk: int) -> tuple[Provider, QuerySet[Service]]:
    provider = get_object_or_404(Provider.objects.select_related("municipality"), pk=pk)
    services = provider.services.published().prefetch_related("target_groups", "service_types")
    return provider, services


@cache
def _centre_with_lists() -> RowWithLists:
    municipalities = JsonRows(Municipality.objects.filter(region=OuterRef("pk")).order_by("name_fi", "pk"))
    regions = JsonRows(
        Region.objects.filter(vitality_centre=OuterRef("pk")).order_by("code"), municipalities=municipalities
    )
    predecessors = JsonRows(ElyCentre.objects.filter(successors=OuterRef("pk")).order_by("code"))
    return RowWithLists(VitalityCentre, by="code", regions=regions, predecessors=predecessors)


def vitality_centre(code: str) -> VitalityCentre:
    """An area page's vitality centre with its regions and municipalities and the ELY areas it replaced, in one
    query: the lists come as JSON in the area's row (``centre.regions.all()`` and so on read them)."""
    centre, lists = _centre_with_lists().read(code)
    if centre is None:
        raise Http404("No vitality centre area with this code.")
    attach(centre, "regions", lists["regions"])
    attach(centre, "predecessors", lists["predecessors"])
    return centre


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


def changed_since(moment: datetime.datetime) -> QuerySet[Service]:
    """Published services changed at or after ``moment``, oldest change first (the API's ``modified_since``: a
    consumer keeping a copy asks again from the newest ``modified`` it has, and a tie is sent again rather than
    lost), with what the API's summary shows."""
    return (
        Service.objects.published()
        .filter(modified__gte=moment)
        .select_related("provider")
        .prefetch_related("locations__municipality", "target_groups")
        .order_by("modified", "pk")
    )
