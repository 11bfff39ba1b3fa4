"""Site-wide pages: home, about, accessibility statement, robots.txt and the error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from regions.models import VitalityCentre
from services.models import NationalGoal, Service, TargetGroup


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "liv/home.html",
        {
            "target_groups": TargetGroup.objects.all(),
            "areas": VitalityCentre.objects.in_force(),
            "goals": NationalGoal.objects.all(),
            "service_count": Service.objects.published().count(),
        },
    )


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "liv/about.html", {"goals": NationalGoal.objects.all()})


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "liv/accessibility.html")


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers (and the benchmarks' floor): answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
