"""The admin's side of notifications: each user's own choices, and the log for the national administrators.

"My e-mail notifications" is open to every staff user for their own row only — no model permission is needed to
choose one's own e-mails, so it is granted by ownership here rather than through the roles. The list view goes
straight to the user's own form. The log is read-only: messages are written by the events, never by hand.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext

from notifications.models import Notification, NotificationPreference
from notifications.preferences import own_preference


def _is_staff(request: HttpRequest) -> bool:
    return request.user.is_active and request.user.is_staff


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    fields = ["language", "entry_feedback", "review_digest", "accessibility_feedback"]
    save_as_continue = False

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).filter(user=request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _is_staff(request)

    def has_view_permission(self, request: HttpRequest, obj: NotificationPreference | None = None) -> bool:
        return _is_staff(request) and (obj is None or obj.user_id == request.user.pk)

    def has_change_permission(self, request: HttpRequest, obj: NotificationPreference | None = None) -> bool:
        return self.has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # the row is created when its owner first opens it

    def has_delete_permission(self, request: HttpRequest, obj: NotificationPreference | None = None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        preference = own_preference(request.user)
        return HttpResponseRedirect(reverse("admin:notifications_notificationpreference_change", args=[preference.pk]))

    def response_change(self, request: HttpRequest, obj: NotificationPreference) -> HttpResponse:
        """ "Save" goes to the admin's start page, "save and continue" stays — never to a list of one row."""
        self.message_user(request, gettext("Your e-mail notification choices were saved."))
        return HttpResponseRedirect(request.path if "_continue" in request.POST else reverse("admin:index"))


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created", "recipient", "kind", "language", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind", "language"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__username", "recipient__email", "subject", "key"]
    date_hierarchy = "created"
    readonly_fields = [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Notification | None = None) -> bool:
        return False
