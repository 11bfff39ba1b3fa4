"""Finland's administrative areas, as Statistics Finland classifies them.

The regional authorities are dated: the 15 ELY centres (NTM-centraler) were in force until 31.12.2025 and the
10 vitality centres (elinvoimakeskukset / livskraftscentraler) replaced them on 1.1.2026. Both stay in the
database, so history stays true and the old names stay searchable; coordinators and citizens use the
current areas, the vitality centres.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DatedAreaQuerySet(models.QuerySet):
    def in_force(self, on: datetime.date | None = None) -> DatedAreaQuerySet:
        """Areas in force on a date (today by default)."""
        on = on or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=on)
        )


class VitalityCentre(models.Model):
    """Elinvoimakeskus / livskraftscentral: the regional authority from 1.1.2026, made of whole regions."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=8)
    name = models.CharField(_("name"), max_length=120)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    objects = DatedAreaQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("vitality centre area")
        verbose_name_plural = _("vitality centre areas")

    def __str__(self) -> str:
        return self.name


class ElyCentre(models.Model):
    """ELY-keskus / NTM-central: the regional authority until 31.12.2025, kept for history and search."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=8)
    name = models.CharField(_("name"), max_length=120)
    name_full_fi = models.CharField(_("full Finnish name"), max_length=200, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    # Most ELY areas passed whole to one vitality centre; Häme's regions went to two (a region each).
    successors = models.ManyToManyField(
        VitalityCentre, verbose_name=_("successors"), related_name="predecessors", blank=True
    )

    objects = DatedAreaQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("ELY centre area")
        verbose_name_plural = _("ELY centre areas")

    def __str__(self) -> str:
        return self.name


class Region(models.Model):
    """Maakunta / landskap: 18 mainland regions and Åland."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=80)
    vitality_centre = models.ForeignKey(
        VitalityCentre,
        verbose_name=_("vitality centre area"),
        on_delete=models.PROTECT,
        related_name="regions",
    )
    ely_centre = models.ForeignKey(
        ElyCentre,
        verbose_name=_("ELY centre area (until 2025)"),
        on_delete=models.PROTECT,
        related_name="regions",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class EmploymentArea(models.Model):
    """Työllisyysalue / sysselsättningsområde: the municipal employment services' areas from 1.1.2025."""

    code = models.PositiveSmallIntegerField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["code"]
        verbose_name = _("employment area")
        verbose_name_plural = _("employment areas")

    def __str__(self) -> str:
        return self.name


class MunicipalityQuerySet(models.QuerySet):
    def in_vitality_centre(self, centre: VitalityCentre) -> MunicipalityQuerySet:
        return self.filter(region__vitality_centre=centre)


class Municipality(models.Model):
    """Kunta / kommun, with Statistics Finland's three-digit code."""

    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=80)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="municipalities"
    )
    employment_area = models.ForeignKey(
        EmploymentArea,
        verbose_name=_("employment area"),
        on_delete=models.PROTECT,
        related_name="municipalities",
        null=True,
        blank=True,
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class CoordinatorAssignment(models.Model):
    """A regional coordinator's area: the vitality centre whose entries the user keeps in the admin.

    A coordinator may have several areas; national administrators need none (they see everything).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="area_assignments"
    )
    vitality_centre = models.ForeignKey(
        VitalityCentre, verbose_name=_("vitality centre area"), on_delete=models.CASCADE, related_name="coordinators"
    )

    class Meta:
        verbose_name = _("coordinator's area")
        verbose_name_plural = _("coordinators' areas")
        constraints = [
            models.UniqueConstraint(fields=["user", "vitality_centre"], name="one_assignment_per_user_and_area")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.vitality_centre}"
