"""Measures of the lifelong guidance strategy 2020–2028 (national) and of the groups' strategies (regional),
and their follow-up over time."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cooperation.models.fields import exchange_id_field
from cooperation.models.groups import RegionalGroup
from regions.models import VitalityCentre
from services.models import NationalGoal, Origin, Provider


class FollowUpStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    STARTED = "started", _("started")
    PROGRESSING = "progressing", _("progressing")
    COMPLETED = "completed", _("completed")
    DROPPED = "dropped", _("dropped")


class MeasureQuerySet(models.QuerySet):
    def national(self) -> MeasureQuerySet:
        return self.filter(level=Measure.Level.NATIONAL)

    def regional(self) -> MeasureQuerySet:
        return self.filter(level=Measure.Level.REGIONAL)

    def in_area(self, centre: VitalityCentre | int) -> MeasureQuerySet:
        return self.filter(vitality_centre=centre)

    def with_latest_status(self) -> MeasureQuerySet:
        """Annotate the latest follow-up's status and date (one subquery each, no per-measure query)."""
        latest = FollowUp.objects.filter(measure=OuterRef("pk")).order_by("-date", "-pk")
        return self.annotate(
            latest_status=Subquery(latest.values("status")[:1]),
            latest_date=Subquery(latest.values("date")[:1]),
        )


class Measure(models.Model):
    """A measure of a strategy: national (the strategy 2020–2028) or regional (a group's strategy, in its area)."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("national")
        REGIONAL = "regional", _("regional")

    code = models.CharField(_("code"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    national_goals = models.ManyToManyField(NationalGoal, verbose_name=_("national goals"), related_name="measures")
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    vitality_centre = models.ForeignKey(
        VitalityCentre,
        verbose_name=_("vitality centre area"),
        on_delete=models.PROTECT,
        related_name="measures",
        null=True,
        blank=True,
        help_text=_("The area of a regional measure; empty for a national one."),
    )
    group = models.ForeignKey(
        RegionalGroup,
        verbose_name=_("group"),
        on_delete=models.SET_NULL,
        related_name="measures",
        null=True,
        blank=True,
        help_text=_("The regional group whose strategy the measure belongs to."),
    )
    responsible_providers = models.ManyToManyField(
        Provider, verbose_name=_("responsible organisations in the directory"), blank=True, related_name="measures"
    )
    responsible_organisations = models.TextField(
        _("responsible organisations"), blank=True, help_text=_("One organisation per line.")
    )
    first_year = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    external_id = exchange_id_field()
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.ENTERED)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["level", "code"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.CheckConstraint(
                condition=Q(level="national", vitality_centre__isnull=True, group__isnull=True)
                | Q(level="regional", vitality_centre__isnull=False),
                name="measure_area_matches_level",
            ),
            models.CheckConstraint(
                condition=Q(first_year__isnull=True)
                | Q(last_year__isnull=True)
                | Q(first_year__lte=models.F("last_year")),
                name="measure_years_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def clean(self) -> None:
        if self.level == self.Level.NATIONAL and (self.vitality_centre_id or self.group_id):
            raise ValidationError({"vitality_centre": _("A national measure has no area or group.")})
        if self.level == self.Level.REGIONAL and not self.vitality_centre_id:
            raise ValidationError({"vitality_centre": _("A regional measure needs its area.")})
        if self.group_id and self.vitality_centre_id and self.group.vitality_centre_id != self.vitality_centre_id:
            raise ValidationError({"group": _("The group must work in the measure's area.")})
        if self.first_year and self.last_year and self.first_year > self.last_year:
            raise ValidationError({"last_year": _("The last year must not be before the first year.")})

    def organisation_names(self) -> list[str]:
        return [line.strip() for line in (self.responsible_organisations or "").splitlines() if line.strip()]

    def get_latest_status_display(self) -> str:
        """The annotated latest status (``with_latest_status``) by its label."""
        status = getattr(self, "latest_status", None)
        return str(FollowUpStatus(status).label) if status else str(FollowUpStatus.NOT_STARTED.label)


class FollowUp(models.Model):
    """A follow-up entry: how a measure stood on a date, and who recorded it."""

    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="follow_ups")
    date = models.DateField(_("date"))
    status = models.CharField(pgettext_lazy("follow-up", "status"), max_length=12, choices=FollowUpStatus.choices)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.ENTERED)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("follow-up entry")
        verbose_name_plural = _("follow-up entries")

    def __str__(self) -> str:
        return f"{self.measure.code} {self.date}: {self.get_status_display()}"
