"""Write the published directory as Open Referral HSDS 3.0 JSON, one dataset per language (docs/open-data.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.hsds.export import export_hsds


class Command(BaseCommand):
    help = (
        "Export published services and their providers as HSDS 3.0 into DIR/fi, DIR/sv and DIR/en: the HSDS API's "
        "collections as JSON and the tabular form (CSV files and datapackage.json)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", help="Folder to write into (created if missing; files in it are replaced).")

    def handle(self, *args, directory: str, **options) -> None:
        target = Path(directory)
        if target.exists() and not target.is_dir():
            raise CommandError(f"{directory} exists and is not a folder.")
        counts = export_hsds(directory=target)
        self.stdout.write(
            f"Wrote HSDS 3.0 datasets in fi, sv and en to {directory}: {counts['services']} services of "
            f"{counts['organizations']} organizations at {counts['service_at_locations']} locations, JSON and CSV."
        )
