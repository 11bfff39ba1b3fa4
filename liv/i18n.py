"""Translated text with the language it is really in.

modeltranslation falls back silently from an empty ``name_sv`` to ``name_fi``; a page must then say
``lang="fi"`` on that text, or a screen reader reads Finnish with Swedish rules. :func:`translated` returns
the text together with its language so that templates and the API can say so.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language


@dataclass(frozen=True, slots=True)
class TranslatedText:
    text: str
    lang: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        """Empty when no language has the text, so that ``{% if obj|translated:"name" %}`` means "has a name"."""
        return bool(self.text)


def fallback_order(language: str | None = None) -> list[str]:
    """The interface language first, then Finnish, Swedish and English as settings order them."""
    current = (language or get_language() or settings.LANGUAGE_CODE)[:2]
    order = [current]
    for code in settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]:
        if code not in order:
            order.append(code)
    return order


def translated(obj: object, field: str, language: str | None = None) -> TranslatedText:
    order = fallback_order(language)
    for code in order:
        value = getattr(obj, f"{field}_{code}", None)
        if value:
            return TranslatedText(value, code, code != order[0])
    return TranslatedText("", order[0], False)
