"""Getting PTV's data: from its Open API v11 into a download folder, and reading a download folder back.

Both ways of running ``sync_ptv`` meet in the folder: ``--from-dir`` reads one that was saved earlier (the tests'
files are such folders), a run against a base URL first downloads into a new one. Nothing is written to the
database until the folder is complete and has been read whole, so a failed or partial download changes nothing.

The folder (docs/data-format.md#ptv)::

    manifest.json         {"format": "liv-ptv-download", "version": 1, "complete": true, "full": …, "counts": {…}}
    services/NNNN.json    lists of V11VmOpenApiService, as /api/v11/Service/list returns them (≤ 100 each)
    channels/NNNN.json    lists of V11VmOpenApiServiceChannels (/api/v11/ServiceChannel/list)
    organizations/NNNN.json  lists of V10VmOpenApiOrganization (/api/v11/Organization/list)
    archived.json         [{"id": …, "name": …}] of services archived or withdrawn in PTV (status=Archived, Withdrawn)

Endpoints and paging as in PTV's controllers (vrk-kpa/ptv-releases, branch ptv-release-3_4, commit
27723498de3f920d53276d63963f1e71b43777c3, src/PTV.Application.OpenApi/Controllers/V11ServiceController.cs,
V11ServiceChannelController.cs, V11OrganizationController.cs): ``GET /api/v11/Service?date=&page=&status=`` returns
a V3VmOpenApiGuidPage ``{"pageNumber", "pageSize", "pageCount", "itemList": [{"id", "name"}]}``; ``GET
/api/v11/Service/list?guids=a,b`` (at most 100) the full services; the same for ServiceChannel and Organization.
"""

from __future__ import annotations

import datetime
import json
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

FORMAT_NAME = "liv-ptv-download"
FORMAT_VERSION = 1
KINDS = ("services", "channels", "organizations")
LIST_SIZE = 100  # PTV's limit of guids per /list request
MAX_FILE_BYTES = 50_000_000


class DownloadError(Exception):
    """The download could not be made or read whole; the sync stops before writing anything."""


@dataclass
class Download:
    """A complete download, read into memory and indexed by id."""

    services: list[dict[str, Any]]
    channels: dict[str, dict[str, Any]]
    organizations: dict[str, dict[str, Any]]
    archived: list[str]
    full: bool
    modified_since: datetime.datetime | None = None
    downloaded_at: datetime.datetime | None = None
    source: str = ""


# --- Reading a folder ---------------------------------------------------------------------------------------------


def _load_json(path: Path) -> Any:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise DownloadError(f"{path.name}: larger than {MAX_FILE_BYTES} bytes")
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DownloadError(f"{path}: not valid JSON ({error})") from None


def _records(folder: Path, kind: str) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    directory = folder / kind
    if not directory.is_dir():
        return records
    for path in sorted(directory.glob("*.json")):
        data = _load_json(path)
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise DownloadError(f"{kind}/{path.name}: expected a list of objects")
        for item in data:
            if not _is_uuid(item.get("id")):
                raise DownloadError(f"{kind}/{path.name}: a record without a valid id")
        records.extend(data)
    return records


def _is_uuid(value: object) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return isinstance(value, str)


def _datetime(value: object, name: str) -> datetime.datetime | None:
    if value in (None, ""):
        return None
    try:
        parsed = datetime.datetime.fromisoformat(str(value))
    except ValueError:
        raise DownloadError(f"manifest.json: {name} is not a date and time: {value!r}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)


def read_folder(folder: Path) -> Download:
    """Read a download folder whole, or raise DownloadError saying what is wrong with it."""
    folder = Path(folder)
    manifest_path = folder / "manifest.json"
    if not manifest_path.is_file():
        raise DownloadError(f"{folder}: no manifest.json — not a PTV download folder, or the download did not finish")
    manifest = _load_json(manifest_path)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise DownloadError(f"manifest.json: not a {FORMAT_NAME} manifest")
    if manifest.get("version") != FORMAT_VERSION:
        raise DownloadError(f"manifest.json: version {manifest.get('version')!r}, expected {FORMAT_VERSION}")
    if manifest.get("complete") is not True:
        raise DownloadError("manifest.json: the download is marked incomplete")
    counts = manifest.get("counts")
    if not isinstance(counts, dict):
        raise DownloadError("manifest.json: counts missing")
    loaded = {kind: _records(folder, kind) for kind in KINDS}
    archived_path = folder / "archived.json"
    archived_items = _load_json(archived_path) if archived_path.is_file() else []
    if not isinstance(archived_items, list) or not all(
        isinstance(item, dict) and _is_uuid(item.get("id")) for item in archived_items
    ):
        raise DownloadError("archived.json: expected a list of objects with a valid id")
    found = {**{kind: len(records) for kind, records in loaded.items()}, "archived": len(archived_items)}
    for kind, count in found.items():
        if counts.get(kind, 0) != count:
            raise DownloadError(
                f"{kind}: the manifest promises {counts.get(kind, 0)} records, the folder holds {count} — "
                "a partial download"
            )
    return Download(
        services=loaded["services"],
        channels={item["id"].lower(): item for item in loaded["channels"]},
        organizations={item["id"].lower(): item for item in loaded["organizations"]},
        archived=[item["id"].lower() for item in archived_items],
        full=bool(manifest.get("full")),
        modified_since=_datetime(manifest.get("modified_since"), "modified_since"),
        downloaded_at=_datetime(manifest.get("downloaded_at"), "downloaded_at"),
        source=str(manifest.get("source", folder)),
    )


def write_folder(folder: Path, download: Download) -> None:
    """Write a download as a folder (the manifest last, so that a folder without one is known to be unfinished)."""
    folder.mkdir(parents=True, exist_ok=True)
    lists = {
        "services": download.services,
        "channels": list(download.channels.values()),
        "organizations": list(download.organizations.values()),
    }
    for kind, records in lists.items():
        (folder / kind).mkdir(exist_ok=True)
        for number, start in enumerate(range(0, len(records), LIST_SIZE), start=1):
            text = json.dumps(records[start : start + LIST_SIZE], ensure_ascii=False)
            (folder / kind / f"{number:04d}.json").write_text(text, encoding="utf-8")
    archived = [{"id": ptv_id, "name": ""} for ptv_id in download.archived]
    (folder / "archived.json").write_text(json.dumps(archived), encoding="utf-8")
    manifest = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "complete": True,
        "full": download.full,
        "source": download.source,
        "modified_since": download.modified_since.isoformat() if download.modified_since else None,
        "downloaded_at": download.downloaded_at.isoformat() if download.downloaded_at else None,
        "counts": {**{kind: len(records) for kind, records in lists.items()}, "archived": len(archived)},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")


# --- Downloading from PTV -----------------------------------------------------------------------------------------


@dataclass
class Fetcher:
    """GET JSON from PTV politely: at most one request per ``interval`` seconds, and a failed request (a network
    error, 429 or a 5xx) tried again after 1, 2, 4… seconds up to ``retries`` times. A 4xx other than 429 is an
    error at once (the request itself is wrong)."""

    base_url: str
    interval: float = 0.5
    retries: int = 4
    timeout: float = 60.0
    opener: Callable[..., Any] = urllib.request.urlopen
    sleep: Callable[[float], None] = time.sleep
    _last: float = field(default=0.0, repr=False)
    requests: int = 0

    def get(self, path: str, params: dict[str, str] | None = None) -> Any:
        url = self.base_url.rstrip("/") + path + ("?" + urllib.parse.urlencode(params) if params else "")
        delay = 1.0
        for attempt in range(self.retries + 1):
            wait = self._last + self.interval - time.monotonic()
            if wait > 0:
                self.sleep(wait)
            self._last = time.monotonic()
            self.requests += 1
            try:
                request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
                with self.opener(request, timeout=self.timeout) as response:
                    return json.loads(response.read().decode("utf-8-sig"))
            except urllib.error.HTTPError as error:
                if error.code != 429 and error.code < 500:
                    raise DownloadError(f"{url}: HTTP {error.code}") from None
                problem = f"HTTP {error.code}"
            except (urllib.error.URLError, TimeoutError, OSError, json.JSONDecodeError) as error:
                problem = str(error)
            if attempt == self.retries:
                raise DownloadError(f"{url}: {problem} (gave up after {self.retries + 1} attempts)")
            logger.warning("PTV request failed (%s), trying again in %s s: %s", problem, delay, url)
            self.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")

    def ids(self, path: str, params: dict[str, str]) -> list[str]:
        """Every id of a paged id list (V3VmOpenApiGuidPage), page by page."""
        ids: list[str] = []
        page, page_count = 1, 1
        while page <= page_count:
            body = self.get(path, {**params, "page": str(page)})
            if not isinstance(body, dict) or not isinstance(body.get("itemList", []), list):
                raise DownloadError(f"{path}: page {page} is not a V3VmOpenApiGuidPage")
            page_count = int(body.get("pageCount") or 0)
            ids.extend(str(item["id"]).lower() for item in body.get("itemList") or [] if item.get("id"))
            page += 1
        return ids

    def full_records(self, path: str, ids: Iterable[str]) -> Iterator[dict[str, Any]]:
        """The full records of ``ids``, 100 per request (/list?guids=…)."""
        ids = sorted(set(ids))
        for start in range(0, len(ids), LIST_SIZE):
            chunk = ids[start : start + LIST_SIZE]
            body = self.get(path, {"guids": ",".join(chunk)})
            if not isinstance(body, list):
                raise DownloadError(f"{path}: expected a list of records")
            yield from body


def _ptv_date(value: datetime.datetime) -> str:
    """PTV's date parameter: "yyyy-MM-ddTHH:mm:ss" in UTC (V11ServiceController.Get)."""
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S")


def fetch(fetcher: Fetcher, *, modified_since: datetime.datetime | None) -> Download:
    """Everything one sync needs: the services published (changed since ``modified_since``, or all), the
    services of channels changed since then, every channel and organisation those services refer to, and the
    ids of the services archived or withdrawn since then."""
    started = datetime.datetime.now(tz=datetime.UTC)
    since = {"date": _ptv_date(modified_since)} if modified_since else {}
    service_ids = set(fetcher.ids("/api/v11/Service", {**since, "status": "Published"}))
    if modified_since:
        changed_channels = fetcher.ids("/api/v11/ServiceChannel", {**since, "status": "Published"})
        for channel in fetcher.full_records("/api/v11/ServiceChannel/list", changed_channels):
            service_ids.update(str(link["service"]["id"]).lower() for link in channel.get("services") or [])
    services = list(fetcher.full_records("/api/v11/Service/list", service_ids))
    channel_ids = {
        str(link["serviceChannel"]["id"]).lower()
        for service in services
        for link in service.get("serviceChannels") or []
        if (link.get("serviceChannel") or {}).get("id")
    }
    channels = {c["id"].lower(): c for c in fetcher.full_records("/api/v11/ServiceChannel/list", channel_ids)}
    organization_ids = {
        str(link["organization"]["id"]).lower()
        for service in services
        for link in service.get("organizations") or []
        if (link.get("organization") or {}).get("id")
    }
    organizations = {o["id"].lower(): o for o in fetcher.full_records("/api/v11/Organization/list", organization_ids)}
    archived: list[str] = []
    for status in ("Archived", "Withdrawn"):
        archived += fetcher.ids("/api/v11/Service", {**since, "status": status})
    return Download(
        services=services,
        channels=channels,
        organizations=organizations,
        archived=sorted(set(archived) - service_ids),
        full=modified_since is None,
        modified_since=modified_since,
        downloaded_at=started,
        source=fetcher.base_url,
    )
