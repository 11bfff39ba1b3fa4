"""E-mail notifications: each user's choices, and the log of every message (which is also the queue).

A message is recorded (``Notification``, status *pending*) in the same transaction as the event that causes it,
with its subject and text already written in the recipient's language; sending happens afterwards and only
changes its status. The pair (recipient, ``key``) is unique — ``feedback:<id>`` for a report,
``review-digest:<ISO week>`` for a digest — so repeating a run, or running two at once, cannot record a message
twice, and a message marked *sent* is never sent again (docs/deployment.md, "E-mail notifications").
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    ENTRY_FEEDBACK = "entry_feedback", _("a citizen's report on an entry of my area")
    REVIEW_DIGEST = "review_digest", _("weekly list of my area's entries due for review")
    ACCESSIBILITY_FEEDBACK = "accessibility_feedback", _("feedback on the site and its accessibility")


class NotificationPreference(models.Model):
    """What one user wants by e-mail and in which language; a user without a row gets every kind, in Finnish."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    language = models.CharField(
        _("language of e-mails"), max_length=2, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    entry_feedback = models.BooleanField(
        _("citizens' reports on entries"),
        default=True,
        help_text=_("An e-mail when a citizen reports an error in an entry of your area (regional coordinators)."),
    )
    review_digest = models.BooleanField(
        _("weekly review list"),
        default=True,
        help_text=_("Every Monday, the entries of your area whose yearly review is due (regional coordinators)."),
    )
    accessibility_feedback = models.BooleanField(
        _("feedback on the site and its accessibility"),
        default=True,
        help_text=_("An e-mail with the 14-day deadline for an answer (national administrators)."),
    )

    class Meta:
        verbose_name = _("my e-mail notifications")
        verbose_name_plural = _("my e-mail notifications")

    def __str__(self) -> str:
        return str(self.user)

    def wants(self, kind: str) -> bool:
        return bool(getattr(self, kind))


class NotificationQuerySet(models.QuerySet):
    def sendable(self, max_attempts: int) -> NotificationQuerySet:
        """Waiting to be sent: never tried, or failed fewer than ``max_attempts`` times."""
        return self.filter(status__in=[Notification.Status.PENDING, Notification.Status.FAILED]).filter(
            attempts__lt=max_attempts
        )


class Notification(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("e-mail", "waiting")
        SENDING = "sending", pgettext_lazy("e-mail", "being sent")
        SENT = "sent", pgettext_lazy("e-mail", "sent")
        FAILED = "failed", pgettext_lazy("e-mail", "failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("e-mail", "recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    key = models.CharField(
        pgettext_lazy("e-mail", "event"), max_length=100, help_text=_("What the message is about, once per recipient.")
    )
    feedback = models.ForeignKey(
        "feedback.Feedback",
        verbose_name=_("feedback"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    subject = models.CharField(pgettext_lazy("e-mail", "subject"), max_length=200)
    body = models.TextField(pgettext_lazy("e-mail", "text"))
    status = models.CharField(
        pgettext_lazy("e-mail", "status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(pgettext_lazy("e-mail", "attempts"), default=0)
    last_error = models.TextField(pgettext_lazy("e-mail", "last error"), blank=True)
    sent_to = models.EmailField(pgettext_lazy("e-mail", "sent to"), blank=True)
    created = models.DateTimeField(pgettext_lazy("e-mail", "recorded"), auto_now_add=True)
    claimed_at = models.DateTimeField(pgettext_lazy("e-mail", "sending started"), null=True, blank=True)
    sent_at = models.DateTimeField(pgettext_lazy("e-mail", "sent"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("e-mail notification")
        verbose_name_plural = _("e-mail notifications")
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="one_notification_per_event")]
        indexes = [models.Index(fields=["status", "created"], name="notification_status_created")]

    def __str__(self) -> str:
        return f"{self.recipient} – {self.subject}"
