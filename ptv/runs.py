"""A sync run as a whole: read the download, apply it (or roll it back for a dry run), record the run."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from ptv.download import Download, DownloadError
from ptv.mapping import Vocabulary
from ptv.models import SyncRun
from ptv.selection import Selection
from ptv.sync import Report, Synchroniser

logger = logging.getLogger(__name__)


class _RolledBack(Exception):
    """Raised at the end of a dry run, so that everything it wrote is rolled back."""


def last_download(source: str) -> datetime.datetime | None:
    """Where an incremental run starts: the download time of the last finished run from the same source."""
    run = SyncRun.objects.filter(source=source, outcome=SyncRun.Outcome.DONE).order_by("-started").first()
    return run.downloaded_at if run else None


def run_sync(
    load: Callable[[], Download], *, source: str, modified_since: datetime.datetime | None, dry_run: bool
) -> SyncRun:
    """Download (``load``) first, whole; then apply. A download that fails is recorded and re-raised, with
    nothing else changed."""
    run = SyncRun.objects.create(source=source[:500], modified_since=modified_since)
    try:
        download = load()
    except DownloadError as error:
        run.outcome = SyncRun.Outcome.FAILED
        run.finished = timezone.now()
        run.report = {"error": str(error)}
        run.save()
        raise
    run.downloaded_at = download.downloaded_at or run.started
    synchroniser = Synchroniser(download, selection=Selection.load(), vocabulary=Vocabulary.load())
    if dry_run:
        try:
            with transaction.atomic():
                synchroniser.run()
                raise _RolledBack
        except _RolledBack:
            pass
    else:
        synchroniser.run()
    _record(run, synchroniser.report, dry_run=dry_run)
    return run


def _record(run: SyncRun, report: Report, *, dry_run: bool) -> None:
    run.outcome = SyncRun.Outcome.DRY_RUN if dry_run else SyncRun.Outcome.DONE
    run.finished = timezone.now()
    run.created = len(report.created)
    run.updated = len(report.updated)
    run.archived = len(report.archived)
    run.unchanged = report.unchanged
    run.refused = len(report.refused)
    run.report = report.as_json()
    run.save()
    logger.info(
        "PTV sync %s: created %s, updated %s, archived %s, unchanged %s, refused %s",
        run.outcome,
        run.created,
        run.updated,
        run.archived,
        run.unchanged,
        run.refused,
    )
