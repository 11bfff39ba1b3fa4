"""Citizens' feedback: errors reported in a service's information, and feedback on the site itself.

A report on a service reaches the coordinators of that service's area in the admin (scoped like the services);
feedback on the site (the accessibility statement's feedback channel) reaches the national administrators.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from services.models import Service

MAX_MESSAGE = 2000


class FeedbackQuerySet(models.QuerySet):
    def open(self) -> FeedbackQuerySet:
        return self.filter(status=Feedback.Status.NEW)


class Feedback(models.Model):
    class Topic(models.TextChoices):
        SERVICE = "service", _("error in a service's information")
        SITE = "site", _("the site and its accessibility")

    class Status(models.TextChoices):
        NEW = "new", _("new")
        HANDLED = "handled", _("handled")

    topic = models.CharField(_("topic"), max_length=10, choices=Topic.choices)
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="feedback",
        null=True,
        blank=True,
    )
    message = models.TextField(_("what is wrong"), max_length=MAX_MESSAGE)
    email = models.EmailField(_("e-mail address for a reply"), blank=True)
    page = models.CharField(_("page"), max_length=300, blank=True, help_text=_("The page the feedback is about."))
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    status = models.CharField(
        pgettext_lazy("feedback handling", "status"),
        max_length=10,
        choices=Status.choices,
        default=Status.NEW,
        db_index=True,
    )
    note = models.TextField(_("internal note"), blank=True, help_text=_("What was done; not shown to the sender."))
    created = models.DateTimeField(_("received"), auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(topic="site", service__isnull=True)
                | models.Q(topic="service", service__isnull=False),
                name="feedback_service_matches_topic",
            )
        ]

    def __str__(self) -> str:
        about = self.service.name if self.service_id else self.get_topic_display()
        return f"{about}: {self.message[:60]}"


class FeedbackRateHit(models.Model):
    """One accepted message from a client, kept for the rate limit's window (feedback/ratelimit.py) and then
    deleted. The client is stored only as a keyed hash of its address."""

    client = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["client", "at"], name="feedback_rate_client_at")]

    def __str__(self) -> str:
        return f"{self.client[:8]}… {self.at:%Y-%m-%d %H:%M:%S}"
