"""Load the demo regional groups, strategies, self-assessments, practices and measures (never in production)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from cooperation.demo import load_demo_cooperation
from cooperation.maturity_model import load_maturity_model
from exchange.problems import DirectoryImportError


class Command(BaseCommand):
    help = (
        "Load the demo content of the regional cooperation features from fixtures/demo/cooperation.json (an "
        "exchange file, imported marked as demo): creates what is missing and updates demo records that differ."
    )

    def handle(self, *args, **options) -> None:
        load_maturity_model()
        try:
            created = load_demo_cooperation()
        except DirectoryImportError as error:
            raise CommandError(f"{error.summary()}\n{error}") from error
        summary = ", ".join(f"{key} {count}" for key, count in created.items())
        self.stdout.write(f"Demo cooperation content loaded; created: {summary}.")
