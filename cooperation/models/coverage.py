"""Monthly snapshots of the coverage of services, so that an area's coverage can be shown over time.

The coverage count itself (:mod:`cooperation.coverage`) is always of now; a snapshot keeps how many municipalities
of each vitality centre area (and of the whole country) were served at each level in a month, taken by the
management command ``snapshot_coverage`` (scheduled monthly, docs/deployment.md). One row per area and month:
the command is idempotent within a month, and the unique constraint holds that even for two runs at once.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import VitalityCentre


class CoverageSnapshotQuerySet(models.QuerySet):
    def for_area(self, area: VitalityCentre | None) -> CoverageSnapshotQuerySet:
        """One area's snapshots, or the whole country's (``None``)."""
        if area is None:
            return self.filter(vitality_centre__isnull=True)
        return self.filter(vitality_centre=area)

    def recent(self, months: int) -> CoverageSnapshotQuerySet:
        """The latest ``months`` snapshots, oldest first (a chart's order)."""
        latest = self.order_by("-month").values("pk")[:months]
        return self.filter(pk__in=latest).order_by("month")


class CoverageSnapshot(models.Model):
    """How an area's municipalities were served in a month (over all published services)."""

    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    vitality_centre = models.ForeignKey(
        VitalityCentre,
        verbose_name=_("vitality centre area"),
        on_delete=models.CASCADE,
        related_name="coverage_snapshots",
        null=True,
        blank=True,
        help_text=_("Empty for the whole country."),
    )
    in_person = models.PositiveIntegerField(_("municipalities with a service in person"))
    elsewhere = models.PositiveIntegerField(_("municipalities served only from elsewhere"))
    remote_only = models.PositiveIntegerField(_("municipalities with only nationwide remote services"))
    nothing = models.PositiveIntegerField(_("municipalities with no service"))
    gap_cells = models.PositiveIntegerField(_("target-group gaps"))
    taken_at = models.DateTimeField(_("taken at"), auto_now_add=True)

    objects = CoverageSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["month"]
        verbose_name = _("coverage snapshot")
        verbose_name_plural = _("coverage snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "vitality_centre"], nulls_distinct=False, name="one_coverage_snapshot_per_month"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vitality_centre or '–'} {self.month:%Y-%m}"

    @property
    def municipalities(self) -> int:
        return self.in_person + self.elsewhere + self.remote_only + self.nothing
