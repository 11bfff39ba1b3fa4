"""Regional lifelong guidance groups (alueelliset ELO-ryhmät) and their strategies or action plans."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.models.fields import exchange_id_field
from regions.models import Region, VitalityCentre
from services.models import NationalGoal, Origin, Provider
from services.validators import validate_http_url


class RegionalGroupQuerySet(models.QuerySet):
    def in_area(self, centre: VitalityCentre | int) -> RegionalGroupQuerySet:
        return self.filter(vitality_centre=centre)

    def active(self, on: datetime.date | None = None) -> RegionalGroupQuerySet:
        """Groups working on a date (today by default): started, and not yet ended."""
        on = on or timezone.localdate()
        return self.filter(Q(active_from__isnull=True) | Q(active_from__lte=on)).filter(
            Q(active_until__isnull=True) | Q(active_until__gte=on)
        )


class RegionalGroup(models.Model):
    """A regional ELO cooperation group, coordinated by the vitality centre (until 2025 the ELY centre).

    The vitality centre is always set, because it is what a coordinator's area is; ``region`` narrows it where
    the group works at region level (as the Etelä-Savo steering group does within Itä-Suomi).
    """

    vitality_centre = models.ForeignKey(
        VitalityCentre, verbose_name=_("vitality centre area"), on_delete=models.PROTECT, related_name="elo_groups"
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="elo_groups",
        null=True,
        blank=True,
        help_text=_("Only when the group works for one region of the area."),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_until = models.DateField(_("active until"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True, validators=[validate_http_url])
    publish_latest_assessment = models.BooleanField(
        _("publish the latest maturity self-assessment"),
        default=False,
        help_text=_("Show the group's latest self-assessment on its public page."),
    )
    external_id = exchange_id_field()
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.ENTERED)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    objects = RegionalGroupQuerySet.as_manager()

    class Meta:
        ordering = ["vitality_centre__code", "name_fi"]
        verbose_name = _("regional lifelong guidance group")
        verbose_name_plural = _("regional lifelong guidance groups")
        constraints = [
            models.CheckConstraint(
                condition=Q(active_until__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_from__lte=models.F("active_until")),
                name="group_active_from_before_until",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cooperation:group", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.region_id and self.vitality_centre_id and self.region.vitality_centre_id != self.vitality_centre_id:
            raise ValidationError({"region": _("The region must belong to the group's vitality centre area.")})
        if self.active_from and self.active_until and self.active_from > self.active_until:
            raise ValidationError({"active_until": _("The end of the period must be after its start.")})


class GroupTask(models.Model):
    """One of a group's tasks, in the order the group lists them."""

    group = models.ForeignKey(RegionalGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("task"))

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return self.text[:80]


class GroupMember(models.Model):
    """A member organisation: a provider of the directory, or an organisation named in words."""

    group = models.ForeignKey(RegionalGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="members")
    provider = models.ForeignKey(
        Provider,
        verbose_name=_("provider in the directory"),
        on_delete=models.CASCADE,
        related_name="elo_group_memberships",
        null=True,
        blank=True,
    )
    name = models.CharField(
        _("organisation"), max_length=200, blank=True, help_text=_("When the organisation is not in the directory.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(provider__isnull=False) | (Q(name_fi__isnull=False) & ~Q(name_fi="")),
                name="group_member_provider_or_name",
            )
        ]

    def __str__(self) -> str:
        return str(self.provider) if self.provider_id else self.name

    def clean(self) -> None:
        if not self.provider_id and not self.name_fi:
            raise ValidationError(_("Choose a provider or name the organisation (at least in Finnish)."))


class RegionalStrategy(models.Model):
    """A group's regional strategy or action plan, for a period of years."""

    group = models.ForeignKey(
        RegionalGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="strategies"
    )
    name = models.CharField(_("name"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    website = models.URLField(_("website"), blank=True, validators=[validate_http_url])

    class Meta:
        ordering = ["-first_year", "pk"]
        verbose_name = _("regional strategy or action plan")
        verbose_name_plural = _("regional strategies and action plans")
        constraints = [
            models.CheckConstraint(condition=Q(first_year__lte=models.F("last_year")), name="strategy_years_ordered"),
            models.CheckConstraint(
                condition=Q(first_year__gte=1990, last_year__lte=2100), name="strategy_years_plausible"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.first_year}–{self.last_year}"

    def clean(self) -> None:
        if self.first_year and self.last_year and self.first_year > self.last_year:
            raise ValidationError({"last_year": _("The last year must not be before the first year.")})


class StrategicGoal(models.Model):
    """A strategic goal of a regional strategy, linked to the national goals it serves."""

    strategy = models.ForeignKey(
        RegionalStrategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="goals"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    national_goals = models.ManyToManyField(
        NationalGoal, verbose_name=_("national goals"), related_name="strategic_goals"
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("strategic goal")
        verbose_name_plural = _("strategic goals")

    def __str__(self) -> str:
        return self.title
