"""The figures on the admin start page: how the user's own area(s) stand.

Counted in the database (one aggregate over services, one count of feedback), the same scope as every admin list.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from feedback.models import Feedback
from services import completeness
from services.models import Service
from services.permissions import Scope, related_to_services_in_scope, services_in_scope


@dataclass(frozen=True, slots=True)
class AreaCounts:
    published: int
    drafts: int
    needing_review: int  # published ones: stale information is what citizens see
    missing_translations: int  # published ones
    open_feedback: int


def area_counts(scope: Scope) -> AreaCounts:
    services = services_in_scope(Service.objects.all(), scope)
    published = Q(status=Service.Status.PUBLISHED)
    missing = Q()
    for language in completeness.OPTIONAL_LANGUAGES:
        missing |= completeness.missing_language_q(Service, language)
    figures = services.aggregate(
        published=Count("pk", filter=Q(status=Service.Status.PUBLISHED)),
        drafts=Count("pk", filter=Q(status=Service.Status.DRAFT)),
        needing_review=Count("pk", filter=published & Q(pk__in=services.needing_review().values("pk"))),
        missing_translations=Count("pk", filter=published & missing),
    )
    # Site feedback has no service: it is in a national administrator's (unrestricted) scope only.
    feedback = related_to_services_in_scope(Feedback.objects.open(), scope)
    return AreaCounts(**figures, open_feedback=feedback.count())
