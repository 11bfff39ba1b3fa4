"""Downloading from PTV's Open API: paged id lists, /list in hundreds, retries with back-off — against a real
local HTTP server that answers as PTV's controllers do — and a download that fails half-way changes nothing."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import CommandError, call_command

from ptv.download import DownloadError, Fetcher, fetch
from ptv.models import SyncRun
from services.models import Service
from tests import ptv_files as ptv

pytestmark = pytest.mark.django_db

ORG = "0b7e4a9e-1c52-4e6b-9a7f-3f6f2d1c0a01"
SERVICES = [f"5c1d3a52-8f0e-4d8b-b1a4-{n:012d}" for n in range(1, 6)]
CHANNEL = "9a8b7c6d-0000-4000-8000-000000000001"


class FakePtv:
    """Services in pages of two ids (PTV's pages are longer; the paging is the same), one channel, one organisation.
    ``fail`` maps a path to how many times it first answers 503; ``broken`` paths always answer 500."""

    def __init__(self) -> None:
        self.records = {sid: ptv.service(sid, ORG, [CHANNEL], name=f"Ohjaamo {n}") for n, sid in enumerate(SERVICES)}
        self.channel = ptv.location_channel(CHANNEL, ORG, SERVICES[0])
        self.organization = ptv.organization(ORG, "Mikkelin kaupunki")
        self.fail: dict[str, int] = {}
        self.broken: set[str] = set()
        self.requests: list[str] = []

    def answer(self, path: str, query: dict[str, list[str]]):
        self.requests.append(path)
        if path in self.broken:
            return 500, {"error": "broken"}
        if self.fail.get(path, 0) > 0:
            self.fail[path] -= 1
            return 503, {}
        if path == "/api/v11/Service":
            if query.get("status", ["Published"])[0] != "Published":
                return 200, {"pageNumber": 1, "pageSize": 2, "pageCount": 0, "itemList": []}
            page = int(query.get("page", ["1"])[0])
            ids = SERVICES[(page - 1) * 2 : page * 2]
            return 200, {
                "pageNumber": page,
                "pageSize": 2,
                "pageCount": 3,
                "itemList": [{"id": i, "name": ""} for i in ids],
            }
        if path == "/api/v11/ServiceChannel":
            return 200, {"pageNumber": 1, "pageSize": 2, "pageCount": 1, "itemList": [{"id": CHANNEL, "name": ""}]}
        guids = query.get("guids", [""])[0].split(",")
        if path == "/api/v11/Service/list":
            return 200, [self.records[g] for g in guids if g in self.records]
        if path == "/api/v11/ServiceChannel/list":
            return 200, [self.channel] if CHANNEL in guids else []
        if path == "/api/v11/Organization/list":
            return 200, [self.organization] if ORG in guids else []
        return 404, {}


@pytest.fixture
def fake_ptv():
    state = FakePtv()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlparse(self.path)
            status, body = state.answer(url.path, parse_qs(url.query))
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_port}"
    yield state
    server.shutdown()
    server.server_close()


def test_every_page_is_read_and_full_records_come_in_hundreds(fake_ptv):
    fetcher = Fetcher(fake_ptv.url, interval=0, sleep=lambda seconds: None)
    download = fetch(fetcher, modified_since=None)
    assert sorted(s["id"] for s in download.services) == SERVICES
    assert fake_ptv.requests.count("/api/v11/Service/list") == 1  # five ids, one request
    assert list(download.channels) == [CHANNEL] and list(download.organizations) == [ORG]


def test_a_failing_request_is_tried_again_after_a_growing_pause(fake_ptv):
    fake_ptv.fail["/api/v11/Service/list"] = 2
    pauses: list[float] = []
    fetcher = Fetcher(fake_ptv.url, interval=0, sleep=pauses.append)
    assert len(fetch(fetcher, modified_since=None).services) == 5
    assert [p for p in pauses if p >= 1] == [1.0, 2.0]


def test_requests_keep_the_polite_interval(fake_ptv):
    pauses: list[float] = []
    fetch(Fetcher(fake_ptv.url, interval=0.2, sleep=pauses.append), modified_since=None)
    assert pauses and all(0 < p <= 0.2 for p in pauses)


def test_a_download_that_keeps_failing_stops_the_run_and_changes_nothing(fake_ptv):
    fake_ptv.broken.add("/api/v11/ServiceChannel/list")
    with pytest.raises(DownloadError, match="HTTP 500"):
        fetch(Fetcher(fake_ptv.url, interval=0, retries=1, sleep=lambda s: None), modified_since=None)
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command(
            "sync_ptv", "--base-url", fake_ptv.url, "--interval", "0.1", "--retries", "0", "--full", verbosity=0
        )
    assert not Service.objects.exists()
    assert SyncRun.objects.latest().outcome == "failed"


def test_a_run_against_the_api_syncs_and_remembers_where_the_next_one_starts(fake_ptv, tmp_path):
    call_command("sync_ptv", "--base-url", fake_ptv.url, "--interval", "0.1", "--save-dir", str(tmp_path), verbosity=0)
    run = SyncRun.objects.latest()
    assert (run.outcome, run.created, run.modified_since) == ("done", 5, None)
    assert (tmp_path / "manifest.json").is_file()
    fake_ptv.requests.clear()
    call_command("sync_ptv", "--base-url", fake_ptv.url, "--interval", "0.1", verbosity=0)
    assert SyncRun.objects.latest().modified_since == run.downloaded_at
    assert SyncRun.objects.latest().unchanged == 5
