"""Load the curated demo directory (fixtures/demo/directory.json) for `make run`.

Only records whose external id is not in the database yet are created; existing ones are left exactly as they
are, so running `make run` again never overwrites what was edited in the admin. Never part of a production set-up.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from exchange.importer import import_directory
from exchange.problems import DirectoryImportError
from services.models import Origin

DEMO_FILE = Path(settings.BASE_DIR) / "fixtures" / "demo" / "directory.json"


class Command(BaseCommand):
    help = "Load the demo directory (demo-marked providers and services); existing entries are kept as they are."

    def handle(self, *args, **options) -> None:
        try:
            report = import_directory(document=DEMO_FILE.read_bytes(), only_new=True, origin=Origin.DEMO)
        except DirectoryImportError as error:
            raise CommandError(f"{error.summary()}\n{error}") from error
        created = report.created
        self.stdout.write(
            f"Demo directory: {len(created['providers'])} providers and {len(created['services'])} services created, "
            f"{len(report.skipped['providers'])} providers and {len(report.skipped['services'])} services "
            "already there (kept as they are)."
        )
