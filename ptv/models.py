"""What the PTV synchronisation keeps: which PTV services are guidance services (configuration the national
administrators keep in the admin), each synced service's link to its PTV original, and a record of every run.

The services themselves are ordinary ``services.Service`` rows (with ``ptv_id`` and ``origin = imported``); this
app only adds what the sync needs to know about them. docs/data-format.md#ptv describes the whole mapping.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from services.models import Service


class GuidanceCriterion(models.Model):
    """A PTV classification that makes a PTV service a guidance service: a service class (Palveluluokka), an
    ontology term (YSO/JUPO concept) or a target group (Kohderyhmä), by its URI as PTV gives it.

    A PTV service is taken into LIV when it has at least one *service class* or *ontology term* criterion (what
    the service is about) and, where target-group criteria exist, at least one of them (whom it is for); the
    include and exclude lists of :class:`ServiceRule` override both. The defaults are written down in
    docs/data-format.md#ptv and loaded by the app's first migration."""

    class Kind(models.TextChoices):
        SERVICE_CLASS = "service_class", _("service class")
        ONTOLOGY_TERM = "ontology_term", _("ontology term")
        TARGET_GROUP = "target_group", _("target group")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    uri = models.URLField(_("URI"), max_length=300, help_text=_("As PTV gives it, e.g. http://uri.suomi.fi/…"))
    label = models.CharField(
        _("label"), max_length=200, help_text=_("What the term means, for the people who read this list.")
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["kind", "label"]
        verbose_name = _("guidance criterion")
        verbose_name_plural = _("guidance criteria")
        constraints = [models.UniqueConstraint(fields=["kind", "uri"], name="ptv_criterion_unique_uri")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label}"


class ServiceRule(models.Model):
    """One PTV service taken in or left out whatever the criteria say (national administrators decide)."""

    class Rule(models.TextChoices):
        INCLUDE = "include", _("always include")
        EXCLUDE = "exclude", _("always exclude")

    ptv_id = models.UUIDField(_("PTV service ID"), unique=True)
    rule = models.CharField(_("rule"), max_length=10, choices=Rule.choices)
    note = models.CharField(_("why"), max_length=300, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["rule", "ptv_id"]
        verbose_name = _("PTV service rule")
        verbose_name_plural = _("PTV service rules")

    def __str__(self) -> str:
        return f"{self.get_rule_display()}: {self.ptv_id}"


class PtvLink(models.Model):
    """A LIV service's tie to its PTV original: when it was synced, PTV's own modification time, and the values
    the last sync wrote (``synced``), against which a coordinator's local changes and PTV's next changes are told
    apart (docs/data-format.md#ptv, "Ownership")."""

    service = models.OneToOneField(
        Service, on_delete=models.CASCADE, primary_key=True, related_name="ptv_link", verbose_name=_("service")
    )
    ptv_id = models.UUIDField(_("PTV service ID"), unique=True)
    organization_id = models.UUIDField(_("PTV organisation ID"), null=True, blank=True)
    ptv_modified = models.DateTimeField(_("modified in PTV"), null=True, blank=True)
    last_synced = models.DateTimeField(_("last synced"))
    source_hash = models.CharField(max_length=64)
    synced = models.JSONField(default=dict)
    removed_from_ptv = models.BooleanField(_("archived or removed in PTV"), default=False)

    class Meta:
        verbose_name = _("PTV link")
        verbose_name_plural = _("PTV links")

    def __str__(self) -> str:
        return str(self.ptv_id)


class SyncRun(models.Model):
    """One run of ``manage.py sync_ptv``: where from, what changed, and why some services were refused."""

    class Outcome(models.TextChoices):
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        DRY_RUN = "dry_run", _("dry run")
        FAILED = "failed", _("failed")

    started = models.DateTimeField(_("started"), auto_now_add=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=500)
    modified_since = models.DateTimeField(_("modified since"), null=True, blank=True)
    # The time the download began: the next incremental run asks for what PTV changed after it.
    downloaded_at = models.DateTimeField(_("downloaded"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.RUNNING)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    archived = models.PositiveIntegerField(_("archived"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    refused = models.PositiveIntegerField(_("refused"), default=0)
    report = models.JSONField(_("report"), default=dict)

    class Meta:
        ordering = ["-started"]
        get_latest_by = "started"
        verbose_name = _("PTV sync run")
        verbose_name_plural = _("PTV sync runs")

    def __str__(self) -> str:
        return f"{self.started:%Y-%m-%d %H:%M} {self.get_outcome_display()}"
