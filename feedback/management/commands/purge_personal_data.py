"""Delete the personal data that is past the time the privacy notice promises (feedback/retention.py).

Run it daily (docs/deployment.md, "Personal data"): a cron job, a systemd timer or a Kubernetes CronJob. It is
idempotent: a second run at once deletes nothing, and a missed day is caught up by the next run.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from feedback import retention


class Command(BaseCommand):
    help = (
        "Delete citizens' feedback older than FEEDBACK_RETENTION_DAYS with its copies, the feedback rate limit's "
        "expired rows, log-in records with client addresses past their use, and the weekly counts of unanswered "
        "searches older than SEARCH_LOG_DAYS."
    )

    def handle(self, *args, **options) -> None:
        purged = retention.purge()
        if options["verbosity"] >= 1:
            self.stdout.write(f"Retention {settings.FEEDBACK_RETENTION_DAYS} days. {purged}")
