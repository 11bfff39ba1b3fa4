"""Feedback in the admin: a coordinator sees the reports on their own area's services; site feedback reaches
the national administrators. Reports are read-only apart from their status and an internal note."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from feedback import handling
from feedback.models import Feedback
from services.admin_scope import ScopedAdminMixin
from services.permissions import Scope, related_to_services_in_scope


@admin.register(Feedback)
class FeedbackAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["created", "status", "topic", "service", "excerpt", "language"]
    list_filter = ["status", "topic", "language"]
    list_select_related = ["service"]
    search_fields = ["message", "service__name_fi", "email"]
    date_hierarchy = "created"
    fields = [
        "topic",
        "service",
        "page",
        "message",
        "email",
        "language",
        "created",
        "status",
        "note",
        "handled_by",
        "handled_at",
    ]
    readonly_fields = [
        "topic",
        "service",
        "page",
        "message",
        "email",
        "language",
        "created",
        "handled_by",
        "handled_at",
    ]
    actions = ["mark_handled", "mark_new"]

    def scope_queryset(self, queryset: QuerySet, scope: Scope) -> QuerySet:
        return related_to_services_in_scope(queryset, scope)

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return False  # feedback comes from citizens only

    @admin.display(description=_("message"))
    def excerpt(self, report: Feedback) -> str:
        return report.message if len(report.message) <= 80 else report.message[:79] + "…"

    def save_model(self, request: HttpRequest, obj: Feedback, form, change: bool) -> None:
        if "status" in form.changed_data:
            handling.stamp(obj, by=request.user)
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Mark selected feedback as handled"), permissions=["change"])
    def mark_handled(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = handling.set_status(reports=queryset, status=Feedback.Status.HANDLED, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d feedback message marked as handled.",
                "%(count)d feedback messages marked as handled.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark selected feedback as new"), permissions=["change"])
    def mark_new(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = handling.set_status(reports=queryset, status=Feedback.Status.NEW, by=request.user)
        self.message_user(
            request,
            ngettext("%(count)d feedback message marked as new.", "%(count)d feedback messages marked as new.", count)
            % {"count": count},
            messages.SUCCESS,
        )
