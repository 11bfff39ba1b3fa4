"""Rebuild every search document and analyse any words Voikko has not seen (see docs/search.md)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from services.search import documents


class Command(BaseCommand):
    help = "Rebuild the search documents of all services and analyse new Finnish words."

    def handle(self, *args: object, **options: object) -> None:
        started = time.monotonic()
        count = documents.refresh()
        self.stdout.write(f"Search index: {count} service documents rebuilt in {time.monotonic() - started:.1f} s.")
