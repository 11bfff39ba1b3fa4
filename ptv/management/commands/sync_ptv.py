"""python manage.py sync_ptv — bring LIV's guidance services in line with the Suomi.fi Service Catalogue (PTV).

    sync_ptv                               incremental run from PTV_BASE_URL: what changed since the last good run
    sync_ptv --full                        every published service (and archive what PTV no longer publishes)
    sync_ptv --modified-since 2026-11-01T00:00:00
    sync_ptv --from-dir DIR                a saved download (see ptv/download.py); the tests run this way
    sync_ptv --save-dir DIR                keep the download for later (--from-dir) or for inspection
    sync_ptv --dry-run                     report what would change, change nothing

Exit status 0 when the run finished (refused services are listed in the report), 1 when the download failed
(nothing was changed). docs/data-format.md#ptv, docs/deployment.md#ptv-synchronisation.
"""

from __future__ import annotations

import datetime
import json
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ptv import runs
from ptv.download import DownloadError, Fetcher, fetch, read_folder, write_folder


def _when(text: str) -> datetime.datetime:
    try:
        value = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--modified-since: not a date and time (YYYY-MM-DDTHH:MM:SS): {text!r}") from None
    return value if value.tzinfo else value.replace(tzinfo=datetime.UTC)


class Command(BaseCommand):
    help = "Synchronise guidance services from the Suomi.fi Service Catalogue (PTV Open API v11)."

    def add_arguments(self, parser: CommandParser) -> None:
        source = parser.add_mutually_exclusive_group()
        source.add_argument("--from-dir", type=Path, help="read a saved download folder instead of the API")
        source.add_argument("--base-url", help=f"PTV Open API address (default PTV_BASE_URL: {settings.PTV_BASE_URL})")
        since = parser.add_mutually_exclusive_group()
        since.add_argument("--modified-since", type=_when, help="only what PTV changed after this time (UTC)")
        since.add_argument("--full", action="store_true", help="everything, also archiving what PTV dropped")
        parser.add_argument("--save-dir", type=Path, help="keep the download in this (empty or new) folder")
        parser.add_argument("--dry-run", action="store_true", help="report what would change; change nothing")
        parser.add_argument(
            "--interval", type=float, default=settings.PTV_REQUEST_INTERVAL, help="seconds between requests"
        )
        parser.add_argument("--retries", type=int, default=4, help="attempts after a failed request, with back-off")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["from_dir"]:
            source = str(options["from_dir"])
            loader = lambda: read_folder(options["from_dir"])  # noqa: E731
            modified_since = None
        else:
            base_url = (options["base_url"] or settings.PTV_BASE_URL).rstrip("/")
            if not base_url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
                raise CommandError(f"PTV base URL must be https (or local for tests): {base_url!r}")
            if options["interval"] < 0.1 or options["retries"] < 0:
                raise CommandError("--interval must be at least 0.1 s and --retries at least 0")
            source = base_url
            modified_since = None if options["full"] else options["modified_since"] or runs.last_download(base_url)
            fetcher = Fetcher(base_url, interval=options["interval"], retries=options["retries"])

            def loader():
                download = fetch(fetcher, modified_since=modified_since)
                folder = options["save_dir"] or Path(tempfile.mkdtemp(prefix="liv-ptv-"))
                write_folder(folder, download)  # written, then read back: one path for both sources
                self.stderr.write(
                    f"Downloaded {len(download.services)} services in {fetcher.requests} requests to {folder}"
                )
                return read_folder(folder)

        try:
            run = runs.run_sync(loader, source=source, modified_since=modified_since, dry_run=options["dry_run"])
        except DownloadError as error:
            raise CommandError(f"PTV download failed, nothing was changed: {error}") from None
        report = run.report
        self.stdout.write(
            f"{'Dry run: ' if options['dry_run'] else ''}created {run.created}, updated {run.updated}, "
            f"archived {run.archived}, unchanged {run.unchanged}, refused {run.refused}, "
            f"not guidance services {report.get('left_out', 0)}"
        )
        for item in report.get("refused", []):
            self.stdout.write(f"  refused {item['ptv_id']} {item['name']}: {item['reason']}")
        for item in report.get("updated", []):
            if item.get("conflicts"):
                self.stdout.write(
                    f"  {item['ptv_id']} {item['name']}: PTV overwrote local edits of {', '.join(item['conflicts'])}"
                )
        if options["verbosity"] > 1:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
