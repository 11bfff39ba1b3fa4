"""The weekly review digest's selector: which of a coordinator's entries are due for their yearly review.

The same rule as the admin's "needs review" filter and the start page's count (``ServiceQuerySet.needing_review``:
not reviewed in 12 months, or never), on published entries only — stale information is what citizens see; a
draft is reviewed when it is published.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import F, QuerySet

from services.models import Service


def entries_due(centre_ids: Iterable[int], on: datetime.date) -> QuerySet[Service]:
    """The published entries of these areas due for review on ``on``: never reviewed first, then the oldest."""
    return (
        Service.objects.published()
        .in_vitality_centres(list(centre_ids))
        .needing_review(on)
        .select_related("provider")
        .order_by(F("last_reviewed").asc(nulls_first=True), "name_fi", "pk")
    )
