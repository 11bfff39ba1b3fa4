"""Which languages an entry is still missing: the change list's column and filter and the start page's count.

An entry is complete in a language when its name and summary are written in it (a provider: its name). Finnish is
required to publish (``Service.clean``); Swedish and English are asked for but not required.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from services.models import Provider, Service

OPTIONAL_LANGUAGES = {"sv": _("Swedish"), "en": _("English")}
_SERVICE_FIELDS = ("name", "summary")
_PROVIDER_FIELDS = ("name",)


def _fields(model: type) -> tuple[str, ...]:
    return _PROVIDER_FIELDS if model is Provider else _SERVICE_FIELDS


def missing_language_q(model: type, language: str) -> Q:
    """Rows with any of the model's key fields empty (NULL or '') in ``language``."""
    condition = Q()
    for field in _fields(model):
        condition |= Q(**{f"{field}_{language}__isnull": True}) | Q(**{f"{field}_{language}": ""})
    return condition


def missing_any_translation(queryset: QuerySet) -> QuerySet:
    condition = Q()
    for language in OPTIONAL_LANGUAGES:
        condition |= missing_language_q(queryset.model, language)
    return queryset.filter(condition)


def missing_languages(entry: Service | Provider) -> list[str]:
    """The language codes (fi, sv, en) in which the entry lacks a key field, in that order."""
    return [
        language
        for language in ("fi", *OPTIONAL_LANGUAGES)
        if any(not getattr(entry, f"{field}_{language}", None) for field in _fields(type(entry)))
    ]
