"""A per-client limit on feedback, kept in Django's cache.

The client is the connecting address (``REMOTE_ADDR``). Behind a reverse proxy that address is the proxy's: the
proxy must then pass the client's address in ``REMOTE_ADDR`` (e.g. gunicorn's ``--forwarded-allow-ips``), since a
client-supplied ``X-Forwarded-For`` header could be forged to dodge the limit.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest

LIMIT = 5
WINDOW_SECONDS = 10 * 60


def _key(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    return "feedback-rate:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def allow(request: HttpRequest) -> bool:
    """Count one submission for the client; False once it has sent LIMIT within the window."""
    key = _key(request)
    if cache.add(key, 1, WINDOW_SECONDS):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, WINDOW_SECONDS)
        return True
    return count <= LIMIT
