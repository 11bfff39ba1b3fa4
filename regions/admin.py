"""Admin for the areas: reference data, kept by the national administrators."""

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from regions.models import ElyCentre, EmploymentArea, Municipality, Region, VitalityCentre


@admin.register(VitalityCentre)
class VitalityCentreAdmin(TabbedTranslationAdmin):
    list_display = ["code", "name", "abbreviation", "valid_from", "valid_until"]
    search_fields = ["code", "name_fi", "name_sv", "name_en", "abbreviation"]


@admin.register(ElyCentre)
class ElyCentreAdmin(TabbedTranslationAdmin):
    list_display = ["code", "name", "abbreviation", "valid_until"]
    search_fields = ["code", "name_fi", "name_sv", "name_en", "name_full_fi", "abbreviation"]
    filter_horizontal = ["successors"]


@admin.register(Region)
class RegionAdmin(TabbedTranslationAdmin):
    list_display = ["code", "name", "vitality_centre", "ely_centre"]
    list_filter = ["vitality_centre"]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]


@admin.register(EmploymentArea)
class EmploymentAreaAdmin(TabbedTranslationAdmin):
    list_display = ["code", "name"]
    search_fields = ["name_fi", "name_sv", "name_en"]


@admin.register(Municipality)
class MunicipalityAdmin(TabbedTranslationAdmin):
    list_display = ["code", "name", "region", "employment_area"]
    list_filter = ["region__vitality_centre", "region"]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]
    autocomplete_fields = ["region", "employment_area"]
