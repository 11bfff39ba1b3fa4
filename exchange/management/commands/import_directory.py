"""Read a file in the LIV exchange format into the directory: all or nothing, matched by external id."""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from exchange.importer import import_directory
from exchange.problems import DirectoryImportError


class Command(BaseCommand):
    help = (
        "Import providers and services from LIV exchange JSON (docs/data-format.md). An invalid file changes "
        "nothing and every problem is listed; importing the same file twice changes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="The JSON file; '-' reads standard input.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report what would change.")
        parser.add_argument(
            "--only-new",
            action="store_true",
            help="Create only records whose external id is new; leave existing ones as they are.",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="Language of the messages (default: %(default)s).",
        )

    def handle(self, *args, file: str, language: str, **options) -> None:
        with translation.override(language):
            self._import(file, dry_run=options["dry_run"], only_new=options["only_new"], verbosity=options["verbosity"])

    def _import(self, file: str, *, dry_run: bool, only_new: bool, verbosity: int) -> None:
        try:
            data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        try:
            report = import_directory(document=data, dry_run=dry_run, only_new=only_new)
        except DirectoryImportError as error:
            raise CommandError(f"{error.summary()}\n{error}") from error
        self.stdout.write(report.summary())
        if verbosity >= 2:
            for outcome in ("created", "updated"):
                for kind, ids in getattr(report, outcome).items():
                    for external_id in ids:
                        self.stdout.write(f"  {outcome} {kind[:-1]} {external_id}")
