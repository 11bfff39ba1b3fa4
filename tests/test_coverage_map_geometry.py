"""The coverage map's committed geometry: simplified without opening seams between neighbours, and current.

Checked with shapely (a dev dependency only; the build and the pages do not need it): every municipality is a
valid polygon, no two overlap, and together they leave no gap — the faults that simplifying each municipality's
outline on its own had left (129 square units of overlap and 44 slivers between neighbours in the earlier file).
"""

from __future__ import annotations

import json
import re

import pytest
from shapely.geometry import Polygon
from shapely.ops import unary_union

from cooperation.map_projection import GEOJSON, MAP_FILE, build

_RING = re.compile(r"M[^Mz]*z")
_NUMBER = re.compile(r"-?\d+")


def _polygon(path: str) -> Polygon:
    """An SVG path of absolute ``M`` and relative ``l`` steps as a polygon (holes by the even-odd rule)."""
    shape = None
    for part in _RING.findall(path):
        numbers = [int(n) for n in _NUMBER.findall(part)]
        x, y = numbers[0], numbers[1]
        points = [(x, y)]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
        ring = Polygon(points)
        shape = ring if shape is None else shape.symmetric_difference(ring)
    return shape


@pytest.fixture(scope="module")
def committed() -> dict:
    return json.loads(MAP_FILE.read_text(encoding="utf-8"))


def test_the_committed_map_is_what_the_build_step_makes_of_the_source(committed):
    assert committed == build(json.loads(GEOJSON.read_text(encoding="utf-8")))
    assert "Statistics Finland" in committed["source"] and "shared arcs" in committed["simplification"]


def test_every_municipality_is_a_valid_shape_of_its_own(committed):
    shapes = {code: _polygon(feature["d"]) for code, feature in committed["municipalities"].items()}
    assert len(shapes) == 308
    assert [code for code, shape in shapes.items() if not shape.is_valid or shape.area < 1] == []


def test_neighbours_share_their_borders_exactly(committed):
    shapes = [_polygon(feature["d"]) for feature in committed["municipalities"].values()]
    union = unary_union(shapes)
    overlap = sum(shape.area for shape in shapes) - union.area
    gaps = [hole for part in getattr(union, "geoms", [union]) for hole in part.interiors]
    assert overlap == pytest.approx(0, abs=1e-6)
    assert gaps == []


def test_the_map_is_light(committed):
    paths = "".join(feature["d"] for feature in committed["municipalities"].values())
    assert len(paths) < 25_000  # characters of path data for all 308 municipalities (was 25 900 before)
