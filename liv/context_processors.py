"""Values every page template needs: the language switcher's links and the site's canonical address."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language


def site(request: HttpRequest) -> dict[str, object]:
    current = get_language()
    path = request.get_full_path()
    alternates = [
        {"code": code, "name": name, "url": translate_url(path, code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]
    return {
        "language_alternates": alternates,
        "site_url": settings.SITE_URL,
        "canonical_url": settings.SITE_URL + request.path,
    }
