"""Who may see and change which entries: the coordinator's area scope, as QuerySet filters.

A *national administrator* (a superuser, or a member of the group of that name) keeps the whole directory. A
*regional coordinator* keeps the entries of the vitality-centre areas assigned to them
(:class:`regions.models.CoordinatorAssignment`): a service belongs to an area when its service area, a service
location or its provider's home municipality lies there (:meth:`ServiceQuerySet.in_vitality_centre`); a provider
belongs to an area through its home municipality or one of its services.

Every admin path — change lists, change, add and delete views, inlines, autocomplete, bulk actions, history,
CSV export and import — filters through these functions, so that the rule is written once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, Model, OuterRef, Q, QuerySet

from liv.roles import NATIONAL_ADMINISTRATORS
from regions.models import CoordinatorAssignment, EmploymentArea, Municipality, Region, VitalityCentre
from services.models import Provider, Service

_CACHE_ATTRIBUTE = "_liv_admin_scope"


@dataclass(frozen=True, slots=True)
class Scope:
    """What one user may keep: everything (``national``) or the entries of ``centre_ids``."""

    national: bool
    centre_ids: frozenset[int]

    @property
    def is_empty(self) -> bool:
        return not self.national and not self.centre_ids


def scope_for(user: AbstractBaseUser | AnonymousUser) -> Scope:
    """The user's scope, computed once per user object (that is, once per request)."""
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    if not user.is_authenticated or not user.is_active:
        scope = Scope(national=False, centre_ids=frozenset())
    elif user.is_superuser or user.groups.filter(name=NATIONAL_ADMINISTRATORS).exists():
        scope = Scope(national=True, centre_ids=frozenset())
    else:
        centre_ids = CoordinatorAssignment.objects.filter(user=user).values_list("vitality_centre_id", flat=True)
        scope = Scope(national=False, centre_ids=frozenset(centre_ids))
    setattr(user, _CACHE_ATTRIBUTE, scope)
    return scope


# --- Entries ------------------------------------------------------------------------------------------------


def _services_in_centres(centre_ids: frozenset[int]) -> QuerySet[Service]:
    """The ids of the services of these areas, as a subquery (the rule is ``ServiceQuerySet.in_vitality_centres``)."""
    return Service.objects.in_vitality_centres(centre_ids).values("pk")


def services_in_scope(queryset: QuerySet[Service], scope: Scope) -> QuerySet[Service]:
    if scope.national:
        return queryset
    if not scope.centre_ids:
        return queryset.none()
    return queryset.filter(pk__in=_services_in_centres(scope.centre_ids))


def providers_in_scope(queryset: QuerySet[Provider], scope: Scope) -> QuerySet[Provider]:
    if scope.national:
        return queryset
    if not scope.centre_ids:
        return queryset.none()
    services = Service.objects.filter(pk__in=_services_in_centres(scope.centre_ids))
    return queryset.filter(
        Q(municipality__region__vitality_centre__in=scope.centre_ids) | Q(pk__in=services.values("provider_id"))
    )


def related_to_services_in_scope(queryset: QuerySet, scope: Scope, *, service_path: str = "service") -> QuerySet:
    """Channels, locations, feedback…: rows that hang on a service in scope (``service_path`` leads there)."""
    if scope.national:
        return queryset
    if not scope.centre_ids:
        return queryset.none()
    return queryset.filter(**{f"{service_path}__in": _services_in_centres(scope.centre_ids)})


# --- Areas a coordinator may give an entry ---------------------------------------------------------------


def assignable_areas(queryset: QuerySet, scope: Scope) -> QuerySet:
    """The areas of ``queryset``'s model (vitality centre, region, employment area, municipality) that lie
    wholly inside the scope: the only ones a coordinator may add to an entry."""
    if scope.national:
        return queryset
    centre_ids = scope.centre_ids
    model = queryset.model
    if model is VitalityCentre:
        return queryset.filter(pk__in=centre_ids)
    if model is Region:
        return queryset.filter(vitality_centre__in=centre_ids)
    if model is Municipality:
        return queryset.filter(region__vitality_centre__in=centre_ids)
    if model is EmploymentArea:
        outside = Municipality.objects.filter(employment_area=OuterRef("pk")).exclude(
            region__vitality_centre__in=centre_ids
        )
        return (
            queryset.filter(municipalities__region__vitality_centre__in=centre_ids).filter(~Exists(outside)).distinct()
        )
    raise TypeError(f"{model.__name__} is not an area")


def outside_scope(values: list[Model] | QuerySet, scope: Scope) -> list[Model]:
    """Those of ``values`` (areas of one model) that the scope does not allow adding."""
    values = list(values)
    if scope.national or not values:
        return []
    model = type(values[0])
    allowed = set(
        assignable_areas(model.objects.filter(pk__in=[v.pk for v in values]), scope).values_list("pk", flat=True)
    )
    return [value for value in values if value.pk not in allowed]
