"""A per-client limit on feedback: at most LIMIT messages in WINDOW_SECONDS, counted in the database.

The count is shared by every worker process and web container (one row per accepted message in
:class:`feedback.models.FeedbackRateHit`, deleted once older than the window), so the limit holds however many
workers run and survives their restarts. A per-client advisory lock makes count-and-record one step, so
simultaneous requests cannot slip past the limit together.

The client is its real address as our own proxies report it (:func:`liv.client_address.client_address`, set
up with ``TRUSTED_PROXY_COUNT``): behind a proxy ``REMOTE_ADDR`` is the proxy's address for everybody, and
gunicorn's ``--forwarded-allow-ips`` does not change that (it only decides whether gunicorn believes
``X-Forwarded-Proto`` and the like). Only a keyed hash of the address is stored (HMAC with ``SECRET_KEY``: a
plain hash of an IPv4 address is undone by hashing all four billion of them), and only for the window: the next
message and the daily ``manage.py purge_personal_data`` delete older rows (feedback/retention.py).
"""

from __future__ import annotations

import datetime
import hashlib
import hmac

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from feedback.models import FeedbackRateHit
from liv.client_address import client_address

LIMIT = 5
WINDOW_SECONDS = 10 * 60
# The advisory locks of the feedback limit, in PostgreSQL's two-number key space (which the one-number locks of
# other code do not share): this number, and 31 bits of the client's hash.
_LOCK_NAMESPACE = 0x46424B  # "FBK"


def _client_key(request: HttpRequest) -> str:
    key = ("feedback-rate:" + settings.SECRET_KEY).encode()
    return hmac.new(key, client_address(request).encode(), hashlib.sha256).hexdigest()


def allow(request: HttpRequest) -> bool:
    """Count one submission for the client; False (and nothing counted) once it has sent LIMIT in the window."""
    key = _client_key(request)
    now = timezone.now()
    since = now - datetime.timedelta(seconds=WINDOW_SECONDS)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_LOCK_NAMESPACE, int(key[:8], 16) >> 1])
        FeedbackRateHit.objects.filter(at__lt=since).delete()
        if FeedbackRateHit.objects.filter(client=key, at__gte=since).count() >= LIMIT:
            return False
        FeedbackRateHit.objects.create(client=key, at=now)
    return True
