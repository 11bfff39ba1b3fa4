"""Public pages of the directory. Views parse input, call one selector and render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from services import selectors


@require_safe
def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = selectors.published_service(pk)
    return render(request, "services/service_detail.html", {"service": service})


@require_safe
def provider_detail(request: HttpRequest, pk: int) -> HttpResponse:
    provider, services = selectors.provider_with_services(pk)
    return render(request, "services/provider_detail.html", {"provider": provider, "services": services})
