"""The shared catalogue of regional practices: the "shared database of regional ways of working" that LAITURI
planned, for regional development, self-assessment, and quality and strategy work."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cooperation.models.maturity import MaturityDimension
from regions.models import VitalityCentre
from services.models import NationalGoal, Origin, Provider, TargetGroup
from services.validators import validate_http_url


class PracticeQuerySet(models.QuerySet):
    def published(self) -> PracticeQuerySet:
        return self.filter(status=Practice.Status.PUBLISHED)

    def in_area(self, centre: VitalityCentre | int) -> PracticeQuerySet:
        return self.filter(vitality_centres=centre).distinct()

    def with_detail(self) -> PracticeQuerySet:
        """Everything the detail page, the API and the export show, in a fixed number of queries."""
        return self.prefetch_related(
            "vitality_centres", "providers", "target_groups", "national_goals", "dimensions", "links"
        )


class Practice(models.Model):
    """A regional way of working in lifelong guidance that others can learn from."""

    class Status(models.TextChoices):
        """Publication, as for services: only published practices are public."""

        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")

    class Phase(models.TextChoices):
        """Where the practice itself stands."""

        PLANNED = "planned", _("planned")
        ONGOING = "ongoing", _("ongoing")
        ESTABLISHED = "established", _("established")
        ENDED = "ended", _("ended")

    title = models.CharField(_("title"), max_length=250)
    summary = models.CharField(_("summary"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    results = models.TextField(_("results"), blank=True)
    evaluation = models.TextField(_("evaluation"), blank=True)
    vitality_centres = models.ManyToManyField(
        VitalityCentre, verbose_name=_("areas"), related_name="practices", help_text=_("The areas behind it.")
    )
    providers = models.ManyToManyField(
        Provider, verbose_name=_("organisations in the directory"), blank=True, related_name="practices"
    )
    other_organisations = models.TextField(
        _("other organisations"), blank=True, help_text=_("One organisation per line, when not in the directory.")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="practices"
    )
    national_goals = models.ManyToManyField(
        NationalGoal, verbose_name=_("national goals"), blank=True, related_name="practices"
    )
    dimensions = models.ManyToManyField(
        MaturityDimension,
        verbose_name=_("maturity dimensions developed"),
        blank=True,
        related_name="practices",
    )
    first_year = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    phase = models.CharField(_("status of the practice"), max_length=12, choices=Phase.choices, default=Phase.ONGOING)
    status = models.CharField(
        pgettext_lazy("publication", "status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    external_id = models.CharField(_("external ID"), max_length=100, unique=True, null=True, blank=True)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.ENTERED)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["title_fi"]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        constraints = [
            models.CheckConstraint(
                condition=Q(first_year__isnull=True)
                | Q(last_year__isnull=True)
                | Q(first_year__lte=models.F("last_year")),
                name="practice_years_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cooperation:practice", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.first_year and self.last_year and self.first_year > self.last_year:
            raise ValidationError({"last_year": _("The last year must not be before the first year.")})
        if self.status == self.Status.PUBLISHED and not (self.title_fi and self.summary_fi):
            raise ValidationError(_("A published practice needs at least a Finnish title and summary."))

    def organisation_names(self) -> list[str]:
        """The organisations named in words, one per line of the field."""
        return [line.strip() for line in (self.other_organisations or "").splitlines() if line.strip()]


class PracticeLink(models.Model):
    """A web page about the practice: a report, an evaluation, the project's site (http or https only)."""

    practice = models.ForeignKey(Practice, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("web address"), validators=[validate_http_url])

    class Meta:
        ordering = ["pk"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self) -> str:
        return self.title or self.url
