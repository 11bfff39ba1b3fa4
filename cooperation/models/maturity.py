"""The regional coordination maturity model (Spangar, Arnkil & Vuorinen 2008) and groups' self-assessments.

The dimensions, stages and stage descriptions are data (loaded from ``cooperation/data/maturity_model.json``),
so that the wording can be corrected in fi/sv/en without touching templates or code.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cooperation.models.fields import exchange_id_field
from cooperation.models.groups import RegionalGroup
from services.models import Origin


class MaturityDimension(models.Model):
    """One of the five dimensions, from the general situation to impact and efficiency."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=150)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("maturity dimension")
        verbose_name_plural = _("maturity dimensions")

    def __str__(self) -> str:
        return self.name


class MaturityStage(models.Model):
    """Stage 1 fragmented guidance resources, 2 coordination starting, 3 guidance as a shared regional resource."""

    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["number"]
        verbose_name = _("maturity stage")
        verbose_name_plural = _("maturity stages")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class StageDescription(models.Model):
    """What a stage looks like on one dimension: the cell of the maturity model's table."""

    dimension = models.ForeignKey(
        MaturityDimension, verbose_name=_("dimension"), on_delete=models.CASCADE, related_name="stage_descriptions"
    )
    stage = models.ForeignKey(
        MaturityStage, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="descriptions"
    )
    text = models.TextField(_("description"))

    class Meta:
        ordering = ["dimension__order", "stage__number"]
        verbose_name = _("stage description")
        verbose_name_plural = _("stage descriptions")
        constraints = [models.UniqueConstraint(fields=["dimension", "stage"], name="one_description_per_cell")]

    def __str__(self) -> str:
        return f"{self.dimension} – {self.stage.number}"


class MaturityAssessmentQuerySet(models.QuerySet):
    def latest_per_group(self) -> MaturityAssessmentQuerySet:
        """Each group's most recent assessment (PostgreSQL DISTINCT ON)."""
        return self.order_by("group_id", "-year").distinct("group_id")

    def with_ratings(self) -> MaturityAssessmentQuerySet:
        return self.select_related("group", "group__vitality_centre").prefetch_related(
            models.Prefetch(
                "ratings",
                queryset=DimensionRating.objects.select_related("dimension", "stage").prefetch_related("practices"),
            )
        )


class MaturityAssessment(models.Model):
    """A group's self-assessment of its cooperation for one year; earlier years stay for comparison."""

    group = models.ForeignKey(
        RegionalGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="assessments"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    summary = models.TextField(_("summary"), blank=True)
    external_id = exchange_id_field()
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.ENTERED)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    objects = MaturityAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["group", "-year"]
        verbose_name = _("maturity self-assessment")
        verbose_name_plural = _("maturity self-assessments")
        constraints = [models.UniqueConstraint(fields=["group", "year"], name="one_assessment_per_group_and_year")]

    def __str__(self) -> str:
        return f"{self.group} {self.year}"


class DimensionRating(models.Model):
    """The stage a group gives itself on one dimension, with what shows it and what comes next."""

    assessment = models.ForeignKey(
        MaturityAssessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="ratings"
    )
    dimension = models.ForeignKey(
        MaturityDimension, verbose_name=_("dimension"), on_delete=models.PROTECT, related_name="ratings"
    )
    stage = models.ForeignKey(MaturityStage, verbose_name=_("stage"), on_delete=models.PROTECT, related_name="ratings")
    evidence = models.TextField(_("evidence"), blank=True, help_text=_("What shows that the network is at this stage."))
    next_steps = models.TextField(_("next development steps"), blank=True)
    practices = models.ManyToManyField(
        "cooperation.Practice", verbose_name=_("practices"), blank=True, related_name="ratings"
    )

    class Meta:
        ordering = ["dimension__order"]
        verbose_name = _("dimension rating")
        verbose_name_plural = _("dimension ratings")
        constraints = [models.UniqueConstraint(fields=["assessment", "dimension"], name="one_rating_per_dimension")]

    def __str__(self) -> str:
        return f"{self.dimension}: {self.stage.number}"
