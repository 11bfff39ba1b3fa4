"""Load the maturity model's dimensions, stages and stage descriptions; safe to run again."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cooperation.maturity_model import load_maturity_model


class Command(BaseCommand):
    help = "Load the regional coordination maturity model (fi/sv/en) from cooperation/data/maturity_model.json."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--update", action="store_true", help="Also refresh the wording of existing rows.")

    def handle(self, *args, update: bool = False, **options) -> None:
        created = load_maturity_model(update=update)
        self.stdout.write(f"Maturity model loaded; {created} rows created.")
