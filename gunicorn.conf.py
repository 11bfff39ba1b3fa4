"""gunicorn settings for LIV, from environment variables (gunicorn reads this file from the working directory).

Every value is bounded: a typo such as ``WEB_CONCURRENCY=400`` stops start-up instead of starting 400 copies
of Django on a small container. Requests are logged to stdout in the combined format, with the duration.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from django.core.exceptions import ImproperlyConfigured

from liv.env import env_int, env_str

# Two workers per core and one more is gunicorn's rule of thumb; a container often sees all of the host's
# cores, so the default is capped at 8. Set WEB_CONCURRENCY to size it for the container's real CPU quota.
_default_workers = max(2, min(2 * multiprocessing.cpu_count() + 1, 8))

wsgi_app = "liv.wsgi:application"
bind = env_str("GUNICORN_BIND", "0.0.0.0:8000")
workers = env_int("WEB_CONCURRENCY", _default_workers, minimum=1, maximum=32)
threads = env_int("GUNICORN_THREADS", 1, minimum=1, maximum=16)
timeout = env_int("GUNICORN_TIMEOUT", 30, minimum=5, maximum=300)
graceful_timeout = 30
keepalive = 5
# Restart workers now and then, so that a slow leak never grows without bound.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 2000, minimum=0, maximum=1_000_000)
max_requests_jitter = max_requests // 10
# Refuse oversized request lines and headers early (the middleware refuses the rest).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# The workers' heartbeat files in memory, as gunicorn advises for containers (an overlay filesystem can stall
# the heartbeat and get healthy workers killed). /dev/shm is per-container, not shared with other users.
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None  # noqa: S108

# gunicorn 25+ opens a control socket in $HOME by default; the container's home is read-only and a restart is
# how a container is managed, so it stays off.
control_socket_disable = True

accesslog = env_str("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# gunicorn itself would quietly fall back to "info" on a misspelt level; refuse it like every other setting.
loglevel = (env_str("GUNICORN_LOG_LEVEL", "info") or "info").lower()
if loglevel not in {"debug", "info", "warning", "error", "critical"}:
    raise ImproperlyConfigured(f"GUNICORN_LOG_LEVEL={loglevel!r} is not one of debug, info, warning, error, critical.")
# Combined log format plus the time taken in microseconds (%(D)s); the client address as the proxy saw it.
access_log_format = '%({x-forwarded-for}i)s %(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s'


# The embedding model (services.search.embedding) runs one OpenMP thread per worker: a worker embeds one short
# query at a time, and OpenMP threads started in the master before forking would hang the workers.
os.environ["OMP_NUM_THREADS"] = "1"

# The application is loaded once, in the master, before the workers are forked (when_ready below warms it up):
# every worker, also one started after GUNICORN_MAX_REQUESTS, begins with Voikko, the place names and the search
# indexes in memory, shared copy-on-write instead of loaded again per worker.
preload_app = True


def when_ready(server: object) -> None:
    """Search once in the master before it forks the workers, which loads Voikko's dictionary (1.4 s), the place
    names' base forms (1.5 s), the facet bitsets and the text postings (0.3 s at 100 000 services), then render
    the public pages and the admin's log-in page once in each language (liv.warmup: URL patterns, translations,
    templates). A worker then only follows the changes made since (services.search.changes). The master's
    database connection is closed so that no worker inherits it. If the database cannot be reached now, the
    workers load what they need at their first search."""
    import logging

    from django.db import DatabaseError, connection

    from liv import warmup
    from liv.wsgi import application
    from services.search import warm_up

    try:
        warm_up()
        warmup.pages(application)
    except DatabaseError:
        logging.getLogger("liv").warning("search warm-up skipped: the database could not be read", exc_info=True)
    finally:
        connection.close()
