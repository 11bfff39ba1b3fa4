"""Keep this month's coverage of services, per area and for the whole country, for the coverage-over-time charts.

Run it monthly (docs/deployment.md, "Scheduled commands"); running it again in the same month changes nothing,
so a daily schedule is as good and catches a missed month's first day.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cooperation.coverage_history import take_snapshot


class Command(BaseCommand):
    help = "Store this month's coverage of services per area (once a month; a second run in a month does nothing)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--replace", action="store_true", help="Take this month's snapshot again, replacing the one taken."
        )

    def handle(self, *args, replace: bool = False, **options) -> None:
        month, written = take_snapshot(replace=replace)
        if written:
            self.stdout.write(f"Coverage of {month:%Y-%m} kept: {written} areas (the whole country included).")
        else:
            self.stdout.write(f"Coverage of {month:%Y-%m} already kept; nothing changed (--replace takes it again).")
