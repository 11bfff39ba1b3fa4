"""Load the demo regional groups, strategies, self-assessments, practices and measures (never in production)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cooperation.demo import load_demo_cooperation
from cooperation.maturity_model import load_maturity_model


class Command(BaseCommand):
    help = "Load the demo content of the regional cooperation features from fixtures/demo/cooperation.json."

    def handle(self, *args, **options) -> None:
        load_maturity_model()
        created = load_demo_cooperation()
        summary = ", ".join(f"{key} {count}" for key, count in created.items())
        self.stdout.write(f"Demo cooperation content loaded; created: {summary}.")
