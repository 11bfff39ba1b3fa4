"""The pages rendered once in gunicorn's master before it forks (gunicorn.conf.py, ``when_ready``).

A worker forked without this built, at its first request, what Django builds lazily: the URL patterns and each
language's reverse lookups, the translation catalogues, the compiled templates. Its first search page was then
the slowest it would serve, and every worker restarted after GUNICORN_MAX_REQUESTS started so again
(docs/performance.md, "A new worker's first pages"). Built in the master, all of it is shared by the workers.

The pages are asked for through the whole WSGI stack, as the proxy of docs/deployment.md would ask: at SITE_URL's
host and scheme, so that the host check and the HTTPS redirect let them through to the views. Nothing is written:
the start page, the search page without search words, the log-in form and a service's page read only.
"""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from services.models import Service

logger = logging.getLogger("liv")

WSGIApplication = Callable[[dict, Callable[..., object]], Iterable[bytes]]


def pages(application: WSGIApplication) -> dict[str, int]:
    """The start page, the search page, the admin's log-in page (the admin's URL patterns and base templates) and
    a service's page (the first published one, when there is one) in each language, each asked for once; their
    HTTP status by path. A page that does not answer 200, or raises, is logged, and gunicorn starts anyway (the
    workers then build what it needed at their first request)."""
    service = Service.objects.published().order_by("pk").values_list("pk", flat=True).first()
    statuses = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths = [reverse("home"), reverse("services:search"), reverse("admin:login")]
            if service is not None:
                paths.append(reverse("services:service", args=[service]))
        for path in paths:
            try:
                statuses[path] = get(application, path)
            except Exception:  # a warm-up must not stop gunicorn from starting
                # Only when Django's own error page failed too (say, a static files manifest missing): the workers
                # will show the same error, and the log says it once here, not once for every page.
                logger.warning("page warm-up stopped: %s raised", path, exc_info=True)
                return statuses
            if statuses[path] != 200:
                logger.warning("page warm-up: %s answered %s", path, statuses[path])
    return statuses


def get(application: WSGIApplication, path: str, query: str = "") -> int:
    """GET ``path?query`` from ``application`` at SITE_URL's host and scheme; the response's HTTP status."""
    site = urlsplit(settings.SITE_URL)
    scheme, host = site.scheme, site.netloc
    status = []
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": host.rsplit(":", 1)[0],
        "SERVER_PORT": "443" if scheme == "https" else "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scheme,
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    response = application(environ, lambda line, headers, exc_info=None: status.append(line))
    try:
        for _chunk in response:
            pass
    finally:
        close = getattr(response, "close", None)
        if close:
            close()  # the request_finished signal, as a server sends it
    return int(status[0].split(" ", 1)[0])
