"""Site-wide pages: home, about, accessibility statement, privacy notice, robots.txt, liveness and readiness (the
error pages are in :mod:`liv.errors`)."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from liv import errors, statements
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


# Where the about page's "45 employment areas" comes from, besides Statistics Finland's classification (the
# reference data's employment_areas.csv; fixtures/reference/SOURCES.md).
EMPLOYMENT_AREAS_SOURCE = (
    "https://valtioneuvosto.fi/en/-/1410877/employment-services-will-be-reformed-on-1-january-2025-"
    "municipalities-to-be-responsible-for-employment-services-with-central-government-taking-a-guiding-role"
)


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    context = {"goals": NationalGoal.objects.all(), "employment_areas_source": EMPLOYMENT_AREAS_SOURCE}
    return render(request, "liv/about.html", context)


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "liv/accessibility.html",
        {
            "operator": statements.site_operator(),
            "gaps": statements.KNOWN_GAPS,
            "prepared": statements.ACCESSIBILITY_STATEMENT_PREPARED,
            "updated": statements.ACCESSIBILITY_STATEMENT_UPDATED,
            "supervisor": statements.supervisor(),
        },
    )


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "liv/privacy.html",
        {
            "operator": statements.site_operator(),
            "updated": statements.PRIVACY_NOTICE_UPDATED,
            "retention": statements.retention(),
            "ombudsman": statements.ombudsman(),
        },
    )


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
    """Liveness, for load balancers (and the benchmarks' floor): answers without touching the database, so a
    database outage does not get healthy web containers restarted (/readyz checks the database)."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@require_safe
def ready(request: HttpRequest) -> HttpResponse:
    """Readiness, for load balancers and orchestrators: 200 when the database answers, otherwise 503 with
    ``Retry-After`` (take this copy out of rotation; do not restart it: /healthz says whether it lives)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        connection.close()  # a broken connection is not reused by the next check
        response = JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
        response["Retry-After"] = str(errors.RETRY_AFTER_SECONDS)
    else:
        response = JsonResponse({"status": "ok", "database": "ok"})
    response["Cache-Control"] = "no-store"
    return response
