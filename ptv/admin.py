"""The PTV synchronisation in the admin: the guidance criteria and the include/exclude lists (national
administrators), the runs with their reports, and on each synced service where it came from, when it was last
synced, what a coordinator has changed locally, and that PTV will overwrite its PTV fields."""

from __future__ import annotations

import json

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ptv.models import GuidanceCriterion, PtvLink, ServiceRule, SyncRun
from ptv.sync import local_changes
from services.admin import ServiceAdmin
from services.admin_scope import ScopedInlineMixin
from services.models import Service

OVERWRITE_WARNING = _(
    "This service comes from the Suomi.fi Service Catalogue (PTV). Its names, descriptions, eligibility, how to "
    "apply, cost, languages, e-mail addresses, service area and channels are PTV's: a change made here stays only "
    "until the same field changes in PTV, and then PTV's text replaces it. National goals, vitality-centre and "
    "employment areas, the review date and LIV target groups and service types you add are LIV's own and are kept."
)


@admin.register(GuidanceCriterion)
class GuidanceCriterionAdmin(admin.ModelAdmin):
    list_display = ["label", "kind", "uri", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["label", "uri"]


@admin.register(ServiceRule)
class ServiceRuleAdmin(admin.ModelAdmin):
    list_display = ["ptv_id", "rule", "note", "created"]
    list_filter = ["rule"]
    search_fields = ["ptv_id", "note"]


@admin.register(SyncRun)
class SyncRunAdmin(admin.ModelAdmin):
    """Runs are recorded by ``manage.py sync_ptv``; nobody adds or edits them here."""

    list_display = ["started", "source", "outcome", "created", "updated", "archived", "unchanged", "refused"]
    list_filter = ["outcome"]
    readonly_fields = [
        "started",
        "finished",
        "source",
        "modified_since",
        "downloaded_at",
        "outcome",
        "created",
        "updated",
        "archived",
        "unchanged",
        "refused",
        "report_text",
    ]
    exclude = ["report"]

    @admin.display(description=_("report"))
    def report_text(self, run: SyncRun) -> str:
        return format_html("<pre>{}</pre>", json.dumps(run.report, ensure_ascii=False, indent=2))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: SyncRun | None = None) -> bool:
        return False


class PtvLinkInline(ScopedInlineMixin, admin.StackedInline):
    """Read-only: shown to everyone who may see the service, whatever their permissions on this app."""

    model = PtvLink
    can_delete = False
    extra = 0
    max_num = 0
    verbose_name = _("Suomi.fi Service Catalogue (PTV)")
    verbose_name_plural = _("Suomi.fi Service Catalogue (PTV)")
    fields = ["ptv_id", "organization_id", "ptv_modified", "last_synced", "removed_from_ptv", "changed_locally"]
    readonly_fields = fields

    @admin.display(description=_("changed locally since the last sync"))
    def changed_locally(self, link: PtvLink) -> str:
        changed = local_changes(link.service, link)
        if not changed:
            return gettext("nothing")
        return format_html_join(", ", "<code>{}</code>", ((name,) for name in changed))

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.has_perm("services.view_service")

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class SourceFilter(admin.SimpleListFilter):
    title = _("source")
    parameter_name = "source"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("ptv", _("Suomi.fi Service Catalogue (PTV)")), ("liv", _("entered or imported in LIV"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "ptv":
            return queryset.filter(ptv_link__isnull=False)
        if self.value() == "liv":
            return queryset.filter(ptv_link__isnull=True)
        return queryset


class PtvServiceAdmin(ServiceAdmin):
    """The services' admin with the PTV box and the warning on a synced service (the ptv app extends the
    services app's admin, not the other way round: services knows nothing of PTV)."""

    inlines = [*ServiceAdmin.inlines, PtvLinkInline]
    list_filter = [*ServiceAdmin.list_filter, SourceFilter]

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        if request.method == "GET" and object_id.isdigit() and PtvLink.objects.filter(service_id=object_id).exists():
            messages.warning(request, OVERWRITE_WARNING)
        return super().change_view(request, object_id, form_url, extra_context)


admin.site.unregister(Service)
admin.site.register(Service, PtvServiceAdmin)
