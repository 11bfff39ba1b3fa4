"""Feedback in the admin: a coordinator sees the reports on their own area's services; site feedback reaches
the national administrators. Reports are read-only apart from their status and an internal note.

A national administrator can find and erase a person's feedback by e-mail address when the person asks (GDPR
article 17); every deletion, also Django's own "delete selected", removes the copies of the message too
(:func:`feedback.retention.erase`)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from feedback import handling, retention
from feedback.models import Feedback
from services.admin_scope import ScopedAdminMixin
from services.permissions import Scope, related_to_services_in_scope, scope_for


class ErasureForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address the person gave"), max_length=254)


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

    def get_fields(self, request: HttpRequest, obj: Feedback | None = None) -> list[str]:
        """Only what the report's handling needs: the page a site feedback came from means nothing on a report
        about a service's information."""
        fields = list(super().get_fields(request, obj))
        if obj is not None and obj.topic == Feedback.Topic.SERVICE:
            fields.remove("page")
        return fields

    def can_erase(self, request: HttpRequest) -> bool:
        """Erasure on request searches every report, so it belongs to national administrators only."""
        return self.has_delete_permission(request) and scope_for(request.user).national

    def delete_model(self, request: HttpRequest, obj: Feedback) -> None:
        retention.erase(Feedback.objects.filter(pk=obj.pk))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        retention.erase(queryset)

    def get_urls(self):
        name = f"{self.model._meta.app_label}_{self.model._meta.model_name}_erase"
        return [path("erase/", self.admin_site.admin_view(self.erase_view), name=name), *super().get_urls()]

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        return super().changelist_view(request, {**(extra_context or {}), "can_erase": self.can_erase(request)})

    def erase_view(self, request: HttpRequest) -> HttpResponse:
        """Find a person's feedback by e-mail address, show what was found, and erase it when confirmed."""
        if not self.can_erase(request):
            raise PermissionDenied
        # POST also for finding: an e-mail address in a query string would end up in the web server's logs.
        form = ErasureForm(request.POST or None)
        found = None
        if form.is_valid():
            found = retention.matching_email(form.cleaned_data["email"]).select_related("service")
            if request.method == "POST" and request.POST.get("confirm") == "1":
                erased, _copies = retention.erase(found)
                self.message_user(
                    request,
                    ngettext(
                        "Erased %(count)d feedback message sent with the address, with its copies.",
                        "Erased %(count)d feedback messages sent with the address, with their copies.",
                        erased,
                    )
                    % {"count": erased},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:feedback_feedback_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Find and erase a person's feedback"),
            "opts": self.model._meta,
            "form": form,
            "found": found,
        }
        return TemplateResponse(request, "admin/feedback/feedback/erase.html", context)

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
