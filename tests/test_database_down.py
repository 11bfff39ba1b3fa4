"""With the database unreachable, pages answer 503 with ``Retry-After`` in the site's layout and the URL's
language, the API answers JSON, /healthz stays 200 and /readyz says 503 (issue 13, finding 8).

The database is made really unreachable: the connection's settings are pointed at a local port where nothing
listens, and the connection is closed, so the next query has to connect and is refused by the operating system.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from django.db import connection
from django.test import Client

from liv import errors


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free once the socket is closed: nothing listens there


@pytest.fixture
def database_down(django_db_blocker) -> Iterator[None]:
    with django_db_blocker.unblock():
        connection.close()
        saved = connection.settings_dict.copy()
        connection.settings_dict.update({"HOST": "127.0.0.1", "PORT": str(_closed_port())})
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(saved)


@pytest.fixture
def client_down(database_down) -> Client:
    return Client(raise_request_exception=False)


PAGES = {
    "fi": ("/fi/", "Palvelu on tilapäisesti poissa käytöstä"),
    "sv": ("/sv/search/?q=ohjaus", "Tjänsten är tillfälligt otillgänglig"),
    "en": ("/en/practices/", "Service temporarily unavailable"),
}


@pytest.mark.parametrize("language", PAGES)
def test_pages_answer_503_with_a_retry_hint_in_the_site_layout(client_down, language: str) -> None:
    url, heading = PAGES[language]
    response = client_down.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == str(errors.RETRY_AFTER_SECONDS)
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html
    assert 'class="site-header"' in html  # the site's layout, not a bare page


def test_the_standalone_page_needs_neither_a_request_nor_the_database(database_down) -> None:
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("sv"):
        html = render_to_string("503_standalone.html")
    assert "Tjänsten är tillfälligt otillgänglig" in html and '<html lang="sv">' in html


@pytest.mark.parametrize("url", ["/api/v1/services/?q=ohjaus", "/api/v1/services/1/", "/api/v1/practices/"])
def test_the_api_answers_503_in_json(client_down, url: str) -> None:
    response = client_down.get(url)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == str(errors.RETRY_AFTER_SECONDS)
    assert "database" in response.json()["error"]


def test_liveness_stays_up_and_readiness_goes_down(client_down) -> None:
    assert client_down.get("/healthz").status_code == 200
    response = client_down.get("/readyz")
    assert response.status_code == 503
    assert response["Retry-After"] == str(errors.RETRY_AFTER_SECONDS)
    assert response.json() == {"status": "unavailable", "database": "unreachable"}


@pytest.mark.django_db
def test_readiness_is_200_when_the_database_answers(client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("get", "/api/v1/nothing-here/", 404),
        ("get", "/api/v1/services/999999999/", 404),
        ("post", "/api/v1/openapi.json", 405),
        ("post", "/api/v1/services/", 405),
        ("get", "/api/v1/services/?q=a%00b", 400),
        ("get", "/api/v1/practices/?page=abc", 400),
    ],
)
def test_api_errors_are_json(client, method: str, url: str, status: int) -> None:
    response = getattr(client, method)(url)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]
    if status == 405:
        assert "GET" in response["Allow"]


@pytest.mark.django_db
def test_other_errors_of_the_site_stay_html(client) -> None:
    response = client.get("/fi/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_the_container_check_asks_liveness_or_readiness(monkeypatch) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from liv import healthcheck

    asked: list[tuple[str, str | None]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append((self.path, self.headers["X-Forwarded-Proto"]))
            self.send_response(200 if self.path == "/healthz" else 503)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("GUNICORN_BIND", f"127.0.0.1:{server.server_address[1]}")
    try:
        assert healthcheck.main([]) == 0
        assert healthcheck.main(["--ready"]) == 1  # the stub's database is "down"
        assert healthcheck.main(["--readyy"]) == 2
    finally:
        server.shutdown()
        server.server_close()
    assert asked == [("/healthz", "https"), ("/readyz", "https")]
