"""The coverage map: the committed SVG paths of the municipalities, coloured by a coverage table's levels.

The paths were projected and simplified once (``manage.py build_municipality_map``); here they are only read
(once per process) and paired with each municipality's level. The map is a picture (``role="img"``); the table
beside it carries the same figures for keyboard and screen-reader users.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

from cooperation.coverage import CoverageTable, Level
from cooperation.map_projection import MAP_FILE

MARGIN = 8


@functools.cache
def map_data() -> dict[str, Any]:
    return json.loads(MAP_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class Shape:
    code: str
    name: str
    path: str
    level: Level


@dataclass(frozen=True, slots=True)
class CoverageMap:
    view_box: str
    width: int
    height: int
    shapes: list[Shape]
    counts: dict[Level, int]

    def legend(self) -> list[tuple[Level, int]]:
        return [(level, self.counts.get(level, 0)) for level in Level]


def coverage_map(table: CoverageTable, column_index: int | None = None) -> CoverageMap:
    """The municipalities of the table, coloured by the total (or by one column), framed to fit them."""
    data = map_data()
    shapes = []
    counts: dict[Level, int] = dict.fromkeys(Level, 0)
    boxes = []
    for row in table.rows:
        feature = data["municipalities"].get(row.municipality.code)
        if feature is None:
            continue
        cell = row.total if column_index is None else row.cells[column_index]
        level = cell.level
        counts[level] += 1
        shapes.append(Shape(row.municipality.code, str(row.municipality), feature["d"], level))
        boxes.append(feature["bbox"])
    if table.area is None or not boxes:
        x0, y0, x1, y1 = 0, 0, data["width"], data["height"]
    else:
        x0 = min(b[0] for b in boxes) - MARGIN
        y0 = min(b[1] for b in boxes) - MARGIN
        x1 = max(b[2] for b in boxes) + MARGIN
        y1 = max(b[3] for b in boxes) + MARGIN
    return CoverageMap(f"{x0} {y0} {x1 - x0} {y1 - y0}", x1 - x0, y1 - y0, shapes, counts)
