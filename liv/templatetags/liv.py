"""Template helpers for translated content."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from liv.i18n import translated

register = template.Library()


@register.filter
def tr(obj: object, field: str) -> SafeString | str:
    """Render ``obj.<field>`` in the interface language; text in a fallback language is wrapped in a span
    with its ``lang`` so that assistive technology pronounces it right."""
    text = translated(obj, field)
    if text.is_fallback:
        return format_html('<span lang="{}">{}</span>', text.lang, text.text)
    return text.text


@register.filter(name="translated")
def translated_filter(obj: object, field: str) -> object:
    """The :class:`liv.i18n.TranslatedText` itself, for blocks: ``{% with d=obj|translated:"description" %}``."""
    return translated(obj, field)
