"""Functions that read the directory for the public pages (selectors, in the HackSoft sense)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from services.models import Provider, Service


def published_service(pk: int) -> Service:
    """One published service with everything its page shows, or 404."""
    return get_object_or_404(Service.objects.published().with_detail(), pk=pk)


def provider_with_services(pk: int) -> tuple[Provider, QuerySet[Service]]:
    provider = get_object_or_404(Provider.objects.select_related("municipality"), pk=pk)
    services = provider.services.published().prefetch_related("target_groups", "service_types")
    return provider, services
