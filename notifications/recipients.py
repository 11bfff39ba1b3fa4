"""Who is told: selectors for the people behind each kind of notification.

The rule of "an entry of one's area" is the admin scope's own (``ServiceQuerySet.in_vitality_centres``, used by
:mod:`services.permissions`), asked here the other way round: which areas does this entry belong to? Coordinators
are the users assigned to those areas (:class:`regions.models.CoordinatorAssignment`); national administrators
are the superusers and the members of that group (:mod:`liv.roles`). Only active users with an address count.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef, Q, QuerySet

from liv.roles import NATIONAL_ADMINISTRATORS
from regions.models import CoordinatorAssignment
from services.models import Service


def _reachable() -> QuerySet:
    return get_user_model().objects.filter(is_active=True).exclude(email="")


def areas_of_service(service: Service) -> set[int]:
    """The vitality-centre areas (ids) the entry belongs to, among those that have a coordinator; one query."""
    centre_ids = sorted(set(CoordinatorAssignment.objects.values_list("vitality_centre_id", flat=True)))
    if not centre_ids:
        return set()
    flags = {
        f"in_{centre_id}": Exists(Service.objects.in_vitality_centres([centre_id]).filter(pk=OuterRef("pk")))
        for centre_id in centre_ids
    }
    row = Service.objects.filter(pk=service.pk).values(**flags).first() or {}
    return {centre_id for centre_id in centre_ids if row.get(f"in_{centre_id}")}


def coordinators_of_areas(centre_ids: set[int]) -> QuerySet:
    """Each coordinator of these areas once, however many of them they are assigned to."""
    assigned = CoordinatorAssignment.objects.filter(user=OuterRef("pk"), vitality_centre__in=centre_ids)
    return _reachable().filter(Exists(assigned)).order_by("pk")


def coordinators_of_service(service: Service) -> QuerySet:
    return coordinators_of_areas(areas_of_service(service))


def national_administrators() -> QuerySet:
    return _reachable().filter(Q(is_superuser=True) | Q(groups__name=NATIONAL_ADMINISTRATORS)).distinct().order_by("pk")


def coordinators() -> QuerySet:
    """Every user assigned to at least one area (the review digest's recipients)."""
    return _reachable().filter(Exists(CoordinatorAssignment.objects.filter(user=OuterRef("pk")))).order_by("pk")


def areas_of(user: AbstractBaseUser) -> list[int]:
    return list(CoordinatorAssignment.objects.filter(user=user).values_list("vitality_centre_id", flat=True))
