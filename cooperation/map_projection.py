"""Turn the municipality boundaries (GeoJSON, WGS84) into compact SVG paths, once, at build time.

Projection: Lambert azimuthal equal-area centred on Finland (26° E, 65° N), so that municipalities keep their
relative areas; then Douglas–Peucker simplification at about half a unit of a 1000-unit-high map, and paths
written with relative coordinates. The result is committed as ``cooperation/data/municipalities_svg.json`` and
read by the coverage pages; no request ever projects anything.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

GEOJSON = Path(__file__).resolve().parent.parent / "fixtures" / "reference" / "municipalities.geojson"
MAP_FILE = Path(__file__).resolve().parent / "data" / "municipalities_svg.json"
CENTRE = (math.radians(26.0), math.radians(65.0))
HEIGHT = 1000
MARGIN = 5

Point = tuple[float, float]


def project(lon: float, lat: float) -> Point:
    lam, phi = math.radians(lon), math.radians(lat)
    lam0, phi0 = CENTRE
    k = math.sqrt(2 / (1 + math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam - lam0)))
    x = k * math.cos(phi) * math.sin(lam - lam0)
    y = k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam - lam0))
    return x, -y


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker, iterative (rings have thousands of points at most)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            px, py = points[index]
            d = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length if length else math.hypot(px - x1, py - y1)
            if d > distance:
                farthest, distance = index, d
        if farthest is not None:
            keep[farthest] = True
            stack.extend([(first, farthest), (farthest, last)])
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _ring_area(points: list[Point]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True))) / 2


def _polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def build(geojson: dict[str, Any], tolerance: float = 0.5) -> dict[str, Any]:
    features = [(f["properties"]["code"], _polygons(f["geometry"])) for f in geojson["features"]]
    projected = {
        code: [[[project(lon, lat) for lon, lat in ring] for ring in polygon] for polygon in polygons]
        for code, polygons in features
    }
    xs = [x for polygons in projected.values() for polygon in polygons for ring in polygon for x, _ in ring]
    ys = [y for polygons in projected.values() for polygon in polygons for ring in polygon for _, y in ring]
    scale = (HEIGHT - 2 * MARGIN) / (max(ys) - min(ys))
    width = round((max(xs) - min(xs)) * scale + 2 * MARGIN)

    def to_map(point: Point) -> tuple[int, int]:
        return round((point[0] - min(xs)) * scale + MARGIN), round((point[1] - min(ys)) * scale + MARGIN)

    municipalities = {}
    for code, polygons in projected.items():
        rings = []
        for polygon in polygons:
            for ring in polygon:
                scaled = [to_map(point) for point in simplify(ring, tolerance / scale)]
                scaled = [point for index, point in enumerate(scaled) if index == 0 or point != scaled[index - 1]]
                if len(scaled) >= 4:
                    rings.append(scaled)
        # Islands smaller than a unit would be invisible: drop them, but never a municipality's last ring.
        visible = [ring for ring in rings if _ring_area(ring) >= 1] or sorted(rings, key=_ring_area)[-1:]
        municipalities[code] = {"d": _path(visible), "bbox": _bbox(visible)}
    return {
        "source": "Statistics Finland (Tilastokeskus), municipal boundaries 2025, 1:4 500 000, CC BY 4.0",
        "projection": "Lambert azimuthal equal-area, centre 26° E 65° N",
        "width": width,
        "height": HEIGHT,
        "municipalities": municipalities,
    }


def _path(rings: list[list[tuple[int, int]]]) -> str:
    parts = []
    for ring in rings:
        (x0, y0), rest = ring[0], ring[1:]
        if rest and rest[-1] == ring[0]:
            rest = rest[:-1]
        steps = []
        previous = (x0, y0)
        for x, y in rest:
            steps.append(f"{x - previous[0]} {y - previous[1]}")
            previous = (x, y)
        parts.append(f"M{x0} {y0}l" + " ".join(steps) + "z")
    return "".join(parts).replace(" -", "-")


def _bbox(rings: list[list[tuple[int, int]]]) -> list[int]:
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    return [min(xs), min(ys), max(xs), max(ys)]


def write_map(source: Path = GEOJSON, target: Path = MAP_FILE, tolerance: float = 0.5) -> dict[str, Any]:
    data = build(json.loads(source.read_text(encoding="utf-8")), tolerance)
    target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return data
