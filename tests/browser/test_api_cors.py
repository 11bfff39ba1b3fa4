"""A script on another site reads the API in a real browser (CORS): a page served from a second origin of its own
(a small HTTP server on another port) fetches the live server's API, also with If-None-Match, which makes the
browser send a preflight first."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest
from django.test import override_settings

from services.search import documents
from tests.factories import ServiceFactory

PAGE = b"""<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Kunnan sivu</title></head>
<body><h1>Ohjauspalvelut kunnassamme</h1></body></html>"""

READ_TWICE = """async (url) => {
    try {
        const first = await fetch(url);
        const body = await first.json();
        const etag = first.headers.get("ETag");
        const again = await fetch(url, {headers: {"If-None-Match": etag}});
        return {
            status: first.status, count: body.count, name: body.results[0].name.text, etag: etag,
            language: first.headers.get("Content-Language"), again: again.status,
        };
    } catch (error) {
        return {blocked: String(error)};
    }
}"""


class _Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def other_site() -> Iterator[str]:
    """Another origin: 127.0.0.1 on a port of its own (the live server is localhost on another)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def published() -> None:
    ServiceFactory(name_fi="Ohjaamo Mikkeli", name_sv="Navigatorn S:t Michel")
    documents.refresh()


def test_a_script_on_another_site_reads_the_api_and_revalidates(live_server, page, other_site, published) -> None:
    page.goto(other_site + "/")
    result = page.evaluate(READ_TWICE, live_server.url + "/api/v1/services/?q=ohjaamo&lang=sv")
    assert "blocked" not in result, result
    assert result["status"] == 200 and result["count"] == 1
    assert result["name"] == "Navigatorn S:t Michel"
    assert result["language"] == "sv"  # an exposed header the script may read
    assert result["etag"]
    assert result["again"] == 304  # the preflight was answered, the conditional request honoured


def test_a_site_not_on_the_list_cannot_read_it(live_server, page, other_site, published) -> None:
    with override_settings(API_CORS_ORIGINS=["https://www.mikkeli.fi"]):
        page.goto(other_site + "/")
        result = page.evaluate(READ_TWICE, live_server.url + "/api/v1/services/?q=ohjaamo")
    assert "blocked" in result
