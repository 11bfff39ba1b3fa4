"""Container health check: ``python -m liv.healthcheck`` exits 0 when gunicorn answers /healthz (liveness: the
process serves requests); ``python -m liv.healthcheck --ready`` exits 0 when it answers /readyz with 200
(readiness: the database answers too).

It asks the way the load balancer does — with a host name from ALLOWED_HOSTS and ``X-Forwarded-Proto: https``
— because a bare request to 127.0.0.1 over plain HTTP is (rightly) refused or redirected in production.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request


def host_to_ask() -> str:
    first = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip()
    if not first or first == "*":
        return "localhost"
    return first.lstrip(".")  # ".example.fi" allows example.fi itself too


def main(arguments: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if arguments is None else arguments
    if arguments not in ([], ["--ready"]):
        print("usage: python -m liv.healthcheck [--ready]", file=sys.stderr)
        return 2
    path = "/readyz" if arguments == ["--ready"] else "/healthz"
    port = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").rsplit(":", 1)[-1]
    # A fixed http URL on the loopback interface.
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": host_to_ask(), "X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=4) as response:  # noqa: S310
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
