"""Load the official areas and the shared vocabularies. Safe to run again: rows already there are kept as
they are (an administrator's edits survive) unless --update asks to refresh them from the files."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from regions.reference import load_areas
from services.reference import load_vocabularies


class Command(BaseCommand):
    help = "Load municipalities, regions, ELY and vitality-centre areas, employment areas and the vocabularies."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--update", action="store_true", help="Also refresh rows that already exist.")

    def handle(self, *args, update: bool = False, **options) -> None:
        created = {**load_areas(update=update), **load_vocabularies(update=update)}
        summary = ", ".join(f"{key.replace('_', ' ')} {count}" for key, count in created.items())
        self.stdout.write(f"Reference data loaded; created: {summary}.")
