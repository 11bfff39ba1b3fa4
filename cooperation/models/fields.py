"""Fields several cooperation models share."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


def exchange_id_field() -> models.CharField:
    """The record's id in the JSON exchange format, by which imports match it (exchange/)."""
    return models.CharField(
        _("external ID"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The record's id in the exchange format (docs/data-format.md); empty for entries made here."),
    )
