"""Project and simplify the municipality boundaries into the committed SVG map data (run when they change)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cooperation.map_projection import GEOJSON, MAP_FILE, write_map


class Command(BaseCommand):
    help = "Build cooperation/data/municipalities_svg.json from fixtures/reference/municipalities.geojson."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--tolerance", type=float, default=1.0, help="Simplification in map units (of 1000).")

    def handle(self, *args, tolerance: float, **options) -> None:
        data = write_map(GEOJSON, MAP_FILE, tolerance)
        size = MAP_FILE.stat().st_size
        self.stdout.write(
            f"{len(data['municipalities'])} municipalities, {data['width']}×{data['height']}, {size // 1024} KiB "
            f"written to {MAP_FILE}."
        )
