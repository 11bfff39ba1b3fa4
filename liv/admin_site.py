"""LIV's admin site: Django's, with the user's own area(s) and their figures on the start page."""

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
        from liv.dashboard import area_counts
        from regions.models import VitalityCentre
        from services.permissions import scope_for

        scope = scope_for(request.user)
        context = {
            "liv_scope": scope,
            "liv_areas": VitalityCentre.objects.filter(pk__in=scope.centre_ids) if not scope.national else None,
            "liv_counts": None if scope.is_empty else area_counts(scope),
            **(extra_context or {}),
        }
        return super().index(request, context)


class LivAdminConfig(AdminConfig):
    default_site = "liv.admin_site.LivAdminSite"
