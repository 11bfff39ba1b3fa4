"""The development server (``make run``) keeps a bounded number of database connections (issue 13, finding 9).

runserver serves each request in a new thread and does not close that thread's connection when it ends; with
persistent connections (``CONN_MAX_AGE``) every request left one open, and 600 requests three at a time ended
in "too many clients already". Here the real development server runs against the test database and answers a few
hundred requests from several threads while PostgreSQL's own count of its connections (pg_stat_activity, by
application name) is watched.
"""

from __future__ import annotations

import concurrent.futures
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.db import connection

REPO = Path(__file__).resolve().parent.parent
REQUESTS = 240
CLIENTS = 4
URLS = ["/fi/", "/fi/practices/", "/sv/goals/", "/en/practices/?goal=1", "/api/v1/practices/", "/readyz"]


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _url(settings: dict, database: str, application: str = "") -> str:
    url = f"postgres://{settings['USER']}@{quote(settings['HOST'], safe='')}"
    if settings.get("PORT"):
        url += f":{settings['PORT']}"
    return url + f"/{database}" + (f"?application_name={application}" if application else "")


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.django_db
@pytest.mark.parametrize("debug", ["1", "0"], ids=["make-run", "runserver-without-debug"])
def test_the_development_server_does_not_leak_connections(debug: str) -> None:
    settings = connection.settings_dict
    application = f"liv_devserver_{os.getpid()}_{debug}"
    port = _free_port()
    env = {
        **os.environ,
        "DEBUG": debug,
        "LIV_TESTING": "0" if debug == "1" else "1",  # as `make run` does; without DEBUG the test settings
        "DATABASE_URL": _url(settings, settings["NAME"], application),
        "DB_CONN_MAX_AGE": "60",  # the production default, which leaked here
        "PYTHONUNBUFFERED": "1",
    }
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    watcher = psycopg.connect(_url(settings, "postgres"), autocommit=True)

    def connections() -> int:
        query = "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s"
        return watcher.execute(query, [application]).fetchone()[0]

    peak = 0
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, connections())
            time.sleep(0.05)

    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):  # the server starts in a few seconds
            try:
                if _get(base + "/healthz") == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the development server did not start")
        sampler = threading.Thread(target=watch, daemon=True)
        sampler.start()
        with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
            statuses = list(pool.map(_get, (base + URLS[n % len(URLS)] for n in range(REQUESTS))))
        done.set()
        sampler.join()
        time.sleep(0.5)  # a closed connection's backend leaves pg_stat_activity a moment later
        after = connections()
    finally:
        done.set()
        server.terminate()
        server.wait(timeout=30)
        watcher.close()
    assert statuses.count(200) == REQUESTS, {status: statuses.count(status) for status in set(statuses)}
    assert peak <= CLIENTS + 2, f"{peak} connections at once for {CLIENTS} clients"
    assert after <= CLIENTS, f"{after} connections left open after {REQUESTS} requests"
