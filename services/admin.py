"""Admin for providers, services, their channels and the vocabularies, with fi/sv/en tabs.

Providers and services are kept by the regional coordinators within their own area(s) (see
:mod:`services.admin_scope` and :mod:`services.permissions`); vocabularies by the national administrators only
(the groups' permissions, created by ``liv/migrations/0002_roles.py``, say so).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from regions.models import VitalityCentre
from services import admin_csv, completeness, workflow
from services.admin_forms import ProviderAdminForm, ServiceAdminForm, ServiceLocationForm
from services.admin_scope import ScopedAdminMixin, ScopedInlineMixin
from services.models import (
    ElectronicChannel,
    NationalGoal,
    PhoneChannel,
    Provider,
    Service,
    ServiceLocation,
    ServiceType,
    TargetGroup,
)
from services.permissions import Scope, providers_in_scope, scope_for, services_in_scope
from services.search import admin as search_admin  # noqa: F401 (registers the search synonyms)
from services.search import semantic


@admin.register(TargetGroup, ServiceType)
class VocabularyAdmin(TabbedTranslationAdmin):
    list_display = ["code", "name", "order"]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]


@admin.register(NationalGoal)
class NationalGoalAdmin(TabbedTranslationAdmin):
    list_display = ["number", "name"]


# --- Change-list filters -------------------------------------------------------------------------------------


class MissingLanguageFilter(admin.SimpleListFilter):
    title = _("translations")
    parameter_name = "missing"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [
            ("sv", _("missing Swedish")),
            ("en", _("missing English")),
            ("any", _("missing Swedish or English")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() in completeness.OPTIONAL_LANGUAGES:
            return queryset.filter(completeness.missing_language_q(queryset.model, self.value()))
        if self.value() == "any":
            return completeness.missing_any_translation(queryset)
        return queryset


class NeedsReviewFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("needed", _("needs review (not reviewed in 12 months)")), ("fresh", _("reviewed in 12 months"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        needing = queryset.needing_review()
        if self.value() == "needed":
            return needing
        if self.value() == "fresh":
            return queryset.exclude(pk__in=needing.values("pk"))
        return queryset


class AreaFilter(admin.SimpleListFilter):
    """Entries of one vitality-centre area (by the same rule as the scope); a coordinator is offered only theirs."""

    title = _("vitality centre area")
    parameter_name = "area"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        scope = scope_for(request.user)
        centres = VitalityCentre.objects.in_force()
        if not scope.national:
            centres = centres.filter(pk__in=scope.centre_ids)
        return [(centre.code, str(centre)) for centre in centres]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if not self.value():
            return queryset
        centre = VitalityCentre.objects.filter(code=self.value()).first()
        if centre is None:
            return queryset.none()
        only = Scope(national=False, centre_ids=frozenset([centre.pk]))
        if queryset.model is Provider:
            return providers_in_scope(queryset, only)
        return services_in_scope(queryset, only)


def _missing_languages_column(entry: Service | Provider) -> str:
    missing = completeness.missing_languages(entry)
    return " ".join(code.upper() for code in missing) or "–"


# --- Providers -----------------------------------------------------------------------------------------------


@admin.register(Provider)
class ProviderAdmin(ScopedAdminMixin, SimpleHistoryAdmin, TabbedTranslationAdmin):
    form = ProviderAdminForm
    list_display = ["name", "kind", "sector", "municipality", "business_id", "missing_languages"]
    list_filter = [AreaFilter, MissingLanguageFilter, "sector", "kind", "origin"]
    list_select_related = ["municipality"]
    search_fields = ["name_fi", "name_sv", "name_en", "business_id"]
    autocomplete_fields = ["municipality"]

    def scope_queryset(self, queryset: QuerySet, scope: Scope) -> QuerySet:
        return providers_in_scope(queryset, scope)

    @admin.display(description=_("missing languages"))
    def missing_languages(self, provider: Provider) -> str:
        return _missing_languages_column(provider)


# --- Services and their channels -------------------------------------------------------------------------------


class PhoneChannelInline(ScopedInlineMixin, TranslationTabularInline):
    model = PhoneChannel
    extra = 0


class ElectronicChannelInline(ScopedInlineMixin, TranslationTabularInline):
    model = ElectronicChannel
    extra = 0


class ServiceLocationInline(ScopedInlineMixin, TranslationStackedInline):
    model = ServiceLocation
    form = ServiceLocationForm
    extra = 0
    autocomplete_fields = ["municipality"]


class CsvImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "A file in the format of a file exported with the action “Export selected services as CSV”, saved as "
            "CSV UTF-8. Rows with an id update that service."
        ),
    )
    dry_run = forms.BooleanField(label=_("Only check the file, save nothing"), required=False)


@admin.register(Service)
class ServiceAdmin(ScopedAdminMixin, SimpleHistoryAdmin, TabbedTranslationAdmin):
    form = ServiceAdminForm
    change_list_template = "admin/services/service/change_list.html"
    list_display = ["name", "provider", "status", "missing_languages", "last_reviewed", "needs_review_flag"]
    list_filter = [
        "status",
        NeedsReviewFilter,
        MissingLanguageFilter,
        AreaFilter,
        "nationwide",
        "cost",
        "origin",
        "target_groups",
        "service_types",
    ]
    list_select_related = ["provider"]
    search_fields = ["name_fi", "name_sv", "name_en", "provider__name_fi", "external_id"]
    autocomplete_fields = ["provider", "municipalities", "regions", "vitality_centres", "employment_areas"]
    filter_horizontal = ["service_types", "target_groups", "national_goals"]
    inlines = [ServiceLocationInline, PhoneChannelInline, ElectronicChannelInline]
    actions = ["publish", "archive", "mark_reviewed", "export_csv"]

    def scope_queryset(self, queryset: QuerySet, scope: Scope) -> QuerySet:
        return services_in_scope(queryset, scope)

    @admin.display(description=_("missing languages"))
    def missing_languages(self, service: Service) -> str:
        return _missing_languages_column(service)

    @admin.display(description=_("needs review"), boolean=True)
    def needs_review_flag(self, service: Service) -> bool:
        return service.needs_review

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets: list, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # The entry's meaning for the search follows the edit at once, after the commit; a failure is logged
        # and left to the embed_services worker (docs/search.md).
        pk = form.instance.pk
        transaction.on_commit(lambda: semantic.refresh([pk]), robust=True)

    def save_model(self, request: HttpRequest, obj: Service, form: forms.ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        missing = [code for code in completeness.missing_languages(obj) if code != "fi"]
        if missing:
            names = ", ".join(str(completeness.OPTIONAL_LANGUAGES[code]) for code in missing)
            messages.warning(
                request,
                gettext("The name or summary is still missing in: %(languages)s. The entry was saved.")
                % {"languages": names},
            )

    # --- Bulk actions: the workflow functions, entry by entry so that history records each change ---

    def _report(self, request: HttpRequest, result: workflow.WorkflowResult, done: str) -> None:
        if result.changed:
            self.message_user(request, done % {"count": len(result.changed)}, messages.SUCCESS)
        for service, reason in result.refused:
            self.message_user(request, f"{service}: {reason}", messages.ERROR)
        if not result.changed and not result.refused:
            self.message_user(request, gettext("Nothing to change."), messages.INFO)

    @admin.action(description=_("Publish selected services"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        result = workflow.publish_services(services=queryset, by=request.user)
        self._report(
            request,
            result,
            ngettext("Published %(count)d service.", "Published %(count)d services.", len(result.changed)),
        )

    @admin.action(description=_("Archive selected services"), permissions=["change"])
    def archive(self, request: HttpRequest, queryset: QuerySet) -> None:
        result = workflow.archive_services(services=queryset, by=request.user)
        self._report(
            request,
            result,
            ngettext("Archived %(count)d service.", "Archived %(count)d services.", len(result.changed)),
        )

    @admin.action(description=_("Mark selected services as reviewed today"), permissions=["change"])
    def mark_reviewed(self, request: HttpRequest, queryset: QuerySet) -> None:
        result = workflow.mark_services_reviewed(services=queryset, by=request.user)
        self._report(
            request,
            result,
            ngettext(
                "Marked %(count)d service as reviewed.", "Marked %(count)d services as reviewed.", len(result.changed)
            ),
        )

    @admin.action(description=_("Export selected services as CSV"), permissions=["view"])
    def export_csv(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        text = admin_csv.export_csv(admin_csv.export_queryset(queryset))
        response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
        filename = f"liv-services-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    # --- CSV import view ---

    def get_urls(self):
        name = f"{self.model._meta.app_label}_{self.model._meta.model_name}_import_csv"
        return [path("import-csv/", self.admin_site.admin_view(self.import_csv_view), name=name), *super().get_urls()]

    def import_csv_view(self, request: HttpRequest) -> HttpResponse:
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        result = None
        form = CsvImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            result = admin_csv.import_csv(
                upload.read(admin_csv.MAX_BYTES + 1),
                scope=scope_for(request.user),
                by=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
            if not result.errors and not form.cleaned_data["dry_run"]:
                self.message_user(
                    request,
                    gettext("Imported: %(created)d new, %(updated)d updated, %(unchanged)d unchanged.")
                    % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:services_service_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Import services from CSV"),
            "form": form,
            "result": result,
            "opts": self.model._meta,
            "columns": admin_csv.COLUMNS,
        }
        return TemplateResponse(request, "admin/services/service/import_csv.html", context)

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        extra_context = {
            **(extra_context or {}),
            "can_import_csv": self.has_add_permission(request) and self.has_change_permission(request),
        }
        return super().changelist_view(request, extra_context)
