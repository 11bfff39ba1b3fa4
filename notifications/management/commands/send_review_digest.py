"""Record and send this week's review digest to each regional coordinator (schedule weekly, e.g. Monday 7:00).

Safe to run again in the same week: every coordinator's digest is recorded once per ISO week, and only the
messages not yet sent are sent (docs/deployment.md, "E-mail notifications").
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notifications import delivery, events


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date {value!r} is not a date (YYYY-MM-DD).") from None


class Command(BaseCommand):
    help = "Send each regional coordinator the list of their area's entries due for review (once a week)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", type=str, default=None, help="The day to count from (default: today).")

    def handle(self, *args, date: str | None, **options) -> None:
        on = _date(date) if date else timezone.localdate()
        recorded = events.queue_review_digest(on=on)
        self.stdout.write(f"{len(recorded)} digest(s) recorded for {events.digest_key(on)}.")
        try:
            report = delivery.send_pending()
        except delivery.EmailNotConfigured as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{len(report.sent)} sent, {len(report.failed)} failed.")
        if report.failed:
            raise CommandError(f"{len(report.failed)} message(s) failed; `send_notifications` tries them again.")
