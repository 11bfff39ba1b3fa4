"""Admin for providers, services, their channels and the vocabularies, with fi/sv/en tabs."""

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from services.models import (
    ElectronicChannel,
    NationalGoal,
    OpeningHours,
    PhoneChannel,
    Provider,
    Service,
    ServiceLocation,
    ServiceType,
    TargetGroup,
)


@admin.register(TargetGroup, ServiceType)
class VocabularyAdmin(TabbedTranslationAdmin):
    list_display = ["code", "name", "order"]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]


@admin.register(NationalGoal)
class NationalGoalAdmin(TabbedTranslationAdmin):
    list_display = ["number", "name"]


@admin.register(Provider)
class ProviderAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["name", "kind", "sector", "municipality", "business_id"]
    list_filter = ["sector", "kind", "origin"]
    search_fields = ["name_fi", "name_sv", "name_en", "business_id"]
    autocomplete_fields = ["municipality"]


class PhoneChannelInline(TranslationTabularInline):
    model = PhoneChannel
    extra = 0


class ElectronicChannelInline(TranslationTabularInline):
    model = ElectronicChannel
    extra = 0


class ServiceLocationInline(TranslationStackedInline):
    model = ServiceLocation
    extra = 0
    autocomplete_fields = ["municipality"]


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["name", "provider", "status", "last_reviewed"]
    list_filter = [
        "status",
        "nationwide",
        "cost",
        "origin",
        "vitality_centres",
        "target_groups",
        "service_types",
    ]
    search_fields = ["name_fi", "name_sv", "name_en", "provider__name_fi", "external_id"]
    autocomplete_fields = ["provider", "municipalities", "regions", "vitality_centres", "employment_areas"]
    filter_horizontal = ["service_types", "target_groups", "national_goals"]
    inlines = [ServiceLocationInline, PhoneChannelInline, ElectronicChannelInline]


@admin.register(ServiceLocation)
class ServiceLocationAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["__str__", "service", "municipality", "postal_code"]
    search_fields = ["name_fi", "street_address_fi", "service__name_fi"]
    autocomplete_fields = ["service", "municipality"]

    class OpeningHoursInline(admin.TabularInline):
        model = OpeningHours
        extra = 0

    inlines = [OpeningHoursInline]
