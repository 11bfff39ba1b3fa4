"""LIV's admin site: Django's, with a start page that says what the user's own area(s) need this week."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _


class LivAdminSite(admin.AdminSite):
    site_header = _("Lifelong guidance services: administration")
    site_title = _("LIV administration")
    index_title = _("Start page")

    def index(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        # Imported here: this module is loaded with the app registry, before any model may be imported.
        from cooperation.dashboard import area_gaps
        from cooperation.trends import coverage_trend
        from liv.dashboard import week_tasks
        from regions.models import VitalityCentre
        from services.permissions import scope_for

        scope = scope_for(request.user)
        tasks = None if scope.is_empty else week_tasks(scope)
        context = {
            "liv_scope": scope,
            "liv_areas": VitalityCentre.objects.filter(pk__in=scope.centre_ids) if not scope.national else None,
            "liv_tasks": tasks,
            "liv_counts": tasks.counts if tasks else None,
            "liv_gaps": area_gaps(scope),
            "liv_national_trend": coverage_trend(None) if scope.national else None,
            **(extra_context or {}),
        }
        return super().index(request, context)


class LivAdminConfig(AdminConfig):
    default_site = "liv.admin_site.LivAdminSite"
