"""Admin for the areas (reference data, kept by the national administrators) and for the coordinators' areas.

Regional coordinators may view the areas — the autocomplete widgets of their entries need that — but in an
autocomplete they are offered only the areas they may give an entry: those inside their own area(s).
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from modeltranslation.admin import TabbedTranslationAdmin

from regions.models import CoordinatorAssignment, ElyCentre, EmploymentArea, Municipality, Region, VitalityCentre
from services.admin_scope import is_autocomplete
from services.permissions import assignable_areas, scope_for


class AssignableInAutocompleteMixin:
    """In the autocomplete endpoint, offer a coordinator only the areas they may add to an entry."""

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str) -> tuple[QuerySet, bool]:
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if is_autocomplete(request):
            queryset = assignable_areas(queryset, scope_for(request.user))
        return queryset, may_have_duplicates


@admin.register(VitalityCentre)
class VitalityCentreAdmin(AssignableInAutocompleteMixin, TabbedTranslationAdmin):
    list_display = ["code", "name", "abbreviation", "valid_from", "valid_until"]
    search_fields = ["code", "name_fi", "name_sv", "name_en", "abbreviation"]


@admin.register(ElyCentre)
class ElyCentreAdmin(TabbedTranslationAdmin):
    list_display = ["code", "name", "abbreviation", "valid_until"]
    search_fields = ["code", "name_fi", "name_sv", "name_en", "name_full_fi", "abbreviation"]
    filter_horizontal = ["successors"]


@admin.register(Region)
class RegionAdmin(AssignableInAutocompleteMixin, TabbedTranslationAdmin):
    list_display = ["code", "name", "vitality_centre", "ely_centre"]
    list_filter = ["vitality_centre"]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]


@admin.register(EmploymentArea)
class EmploymentAreaAdmin(AssignableInAutocompleteMixin, TabbedTranslationAdmin):
    list_display = ["code", "name"]
    search_fields = ["name_fi", "name_sv", "name_en"]


@admin.register(Municipality)
class MunicipalityAdmin(AssignableInAutocompleteMixin, TabbedTranslationAdmin):
    list_display = ["code", "name", "region", "employment_area"]
    list_filter = ["region__vitality_centre", "region"]
    list_select_related = ["region", "employment_area"]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]
    autocomplete_fields = ["region", "employment_area"]


# --- Users and their areas ------------------------------------------------------------------------------------

User = get_user_model()


class CoordinatorAssignmentInline(admin.TabularInline):
    model = CoordinatorAssignment
    extra = 0
    autocomplete_fields = ["vitality_centre"]


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Django's user admin with the coordinator's areas; only a superuser may grant superuser status or
    single permissions (a national administrator manages people through the two groups)."""

    inlines = [CoordinatorAssignmentInline]
    list_filter = [*DjangoUserAdmin.list_filter, "area_assignments__vitality_centre"]

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
        return readonly
