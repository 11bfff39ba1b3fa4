"""The client's address, also behind reverse proxies: what login limits and rate limits count by.

Without a proxy the client is the connecting address, ``REMOTE_ADDR``. Behind proxies, ``REMOTE_ADDR`` is the
nearest proxy's address for every client (gunicorn does not replace it from any header), so counting by it would
put every citizen and every coordinator in one bucket. Each proxy *appends* the address it received the request
from to ``X-Forwarded-For``; a client can put anything in front of that, but not after. With ``n`` proxies of our
own in front (``TRUSTED_PROXY_COUNT``), the client's address is therefore the ``n``-th entry from the right: the
one written by the outermost proxy. Entries further left are the client's own claims and are never used.

A request with fewer entries than that did not come through the proxies (e.g. a health check from inside): it is
counted by its connecting address. ``TRUSTED_PROXY_COUNT`` must match the deployment exactly: too high lets a
client choose its address (by sending its own ``X-Forwarded-For``), too low counts every client as the proxy.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _parse(text: str) -> str | None:
    """A normalised IP address from a header entry (``1.2.3.4``, ``1.2.3.4:5678``, ``[2001:db8::1]:443``)."""
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # IPv4 with a port
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text).compressed
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The address of the client that sent ``request``, as far as our own proxies can vouch for it."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [entry for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
        if len(forwarded) >= count:
            address = _parse(forwarded[-count])
            if address is not None:
                return address
    return _parse(remote) or remote
