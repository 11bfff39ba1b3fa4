"""Turn the municipality boundaries (GeoJSON, WGS84) into compact SVG paths, once, at build time.

Projection: Lambert azimuthal equal-area centred on Finland (26° E, 65° N), so that municipalities keep their
relative areas; then a topology-preserving simplification, and paths written with relative coordinates. The result
is committed as ``cooperation/data/municipalities_svg.json`` and read by the coverage pages; no request ever
projects a boundary. The file also keeps the transform from the projection to map units, so that a point (a service
location, services/location_map.py) lands on the very map the paths draw (``map_point``).

Why shared arcs: the source (Statistics Finland's 1:4 500 000 boundaries, fixtures/reference/SOURCES.md) gives two
neighbours the very same vertices along their border. Simplifying each municipality's ring on its own keeps
different vertices on the two sides, which opens slivers and overlaps between neighbours, visible as white or
doubled seams on the map — so the tolerance had to stay fine. Here every ring is cut at its *junctions* (the
vertices where the set of neighbours changes, as TopoJSON and mapshaper do), each border between two neighbours is
simplified once (Douglas–Peucker, its ends fixed) and the same result is used by both. Borders never part, so the
tolerance can be coarser, which is what makes the page light on a phone (docs/performance.md, "The coverage page
on a phone").
"""

from __future__ import annotations

import itertools
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


Arc = tuple[Point, ...]


def _junctions(rings: list[list[Point]]) -> set[Point]:
    """Vertices met with more than one pair of neighbours: where a border between two municipalities begins, ends or
    meets a third. A vertex inside one shared border has the same two neighbours (in either order) on both sides."""
    pairs: dict[Point, set[frozenset[Point]]] = {}
    for ring in rings:
        for index, point in enumerate(ring):
            pairs.setdefault(point, set()).add(frozenset((ring[index - 1], ring[(index + 1) % len(ring)])))
    return {point for point, seen in pairs.items() if len(seen) > 1}


def _open(ring: list[Point]) -> list[Point]:
    return ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else ring


def _canonical_loop(ring: list[Point]) -> list[Point]:
    """A ring without junctions (an island, or an enclave and the hole around it) from its smallest vertex, in one
    direction, so that the two sides of an enclave's border are simplified alike."""
    start = ring.index(min(ring))
    loop = ring[start:] + ring[:start]
    if len(loop) > 2 and loop[-1] < loop[1]:
        loop = [loop[0], *reversed(loop[1:])]
    return loop


def _arcs(ring: list[Point], junctions: set[Point]) -> list[Arc]:
    """The ring cut at its junctions into arcs, each from one junction to the next (ends included)."""
    cuts = [index for index, point in enumerate(ring) if point in junctions]
    if not cuts:
        loop = _canonical_loop(ring)
        return [(*loop, loop[0])]
    rotated = ring[cuts[0] :] + ring[: cuts[0]]
    cuts = [index - cuts[0] for index in cuts] + [len(ring)]
    rotated.append(rotated[0])
    return [tuple(rotated[first : last + 1]) for first, last in itertools.pairwise(cuts)]


class SharedArcs:
    """Each arc simplified once and looked up from either direction, so both neighbours draw the same border."""

    def __init__(self, tolerance: float) -> None:
        self.tolerance = tolerance
        self._done: dict[Arc, Arc] = {}

    def simplified(self, arc: Arc, tolerance: float | None = None) -> Arc:
        if tolerance is None and arc in self._done:
            return self._done[arc]
        backwards = arc[::-1]
        if tolerance is None and backwards in self._done:
            return self._done[backwards][::-1]
        # The same direction for both sides: simplify the smaller of the two orders, then turn as asked.
        forwards = min(arc, backwards) == arc
        key = arc if forwards else backwards
        result = tuple(simplify(list(key), self.tolerance if tolerance is None else tolerance))
        self._done[key] = result
        return result if forwards else result[::-1]


def _ring_from(arcs: list[Arc]) -> list[Point]:
    points: list[Point] = []
    for arc in arcs:
        points.extend(arc if not points else arc[1:])
    return points


def _distinct(ring: list[Point]) -> int:
    return len(set(ring))


def simplify_shared(projected: dict[str, list[list[list[Point]]]], tolerance: float) -> dict[str, list[list[Point]]]:
    """Every ring of every municipality simplified by shared arcs; a ring that would collapse below a triangle keeps
    more of its arcs' vertices (on both sides alike)."""
    rings = {code: [_open(ring) for polygon in polygons for ring in polygon] for code, polygons in projected.items()}
    junctions = _junctions([ring for code_rings in rings.values() for ring in code_rings])
    arcs = {code: [_arcs(ring, junctions) for ring in code_rings] for code, code_rings in rings.items()}
    shared = SharedArcs(tolerance)
    for code_arcs in arcs.values():
        for ring_arcs in code_arcs:
            finer = tolerance
            while _distinct(_ring_from([shared.simplified(arc) for arc in ring_arcs])) < 3 and finer > 1e-9:
                finer /= 4
                for arc in ring_arcs:
                    shared.simplified(arc, finer)
    return {code: [_ring_from([shared.simplified(arc) for arc in ring_arcs]) for ring_arcs in code_arcs]
            for code, code_arcs in arcs.items()}  # fmt: skip


def build(geojson: dict[str, Any], tolerance: float = 1.0) -> dict[str, Any]:
    features = [(f["properties"]["code"], _polygons(f["geometry"])) for f in geojson["features"]]
    projected = {
        code: [[[project(lon, lat) for lon, lat in ring] for ring in polygon] for polygon in polygons]
        for code, polygons in features
    }
    xs = [x for polygons in projected.values() for polygon in polygons for ring in polygon for x, _ in ring]
    ys = [y for polygons in projected.values() for polygon in polygons for ring in polygon for _, y in ring]
    scale = (HEIGHT - 2 * MARGIN) / (max(ys) - min(ys))
    width = round((max(xs) - min(xs)) * scale + 2 * MARGIN)
    transform = {"x": min(xs), "y": min(ys), "scale": scale, "margin": MARGIN}

    def to_map(point: Point) -> tuple[int, int]:
        x, y = _scaled(point, transform)
        return round(x), round(y)

    simplified = simplify_shared(projected, tolerance / scale)
    municipalities = {}
    for code, code_rings in simplified.items():
        rings = []
        for ring in code_rings:
            scaled = [to_map(point) for point in ring]
            scaled = [point for index, point in enumerate(scaled) if index == 0 or point != scaled[index - 1]]
            if len(scaled) >= 4:
                rings.append(scaled)
        # Islands smaller than a unit would be invisible: drop them, but never a municipality's last ring.
        visible = [ring for ring in rings if _ring_area(ring) >= 1] or sorted(rings, key=_ring_area)[-1:]
        municipalities[code] = {"d": _path(visible), "bbox": _bbox(visible)}
    return {
        "source": "Statistics Finland (Tilastokeskus), municipal boundaries 2025, 1:4 500 000, CC BY 4.0",
        "projection": "Lambert azimuthal equal-area, centre 26° E 65° N",
        "simplification": f"shared arcs, Douglas-Peucker {tolerance} map units (of {HEIGHT})",
        "width": width,
        "height": HEIGHT,
        "transform": transform,
        "municipalities": municipalities,
    }


def _scaled(point: Point, transform: dict[str, float]) -> Point:
    scale, margin = transform["scale"], transform["margin"]
    return (point[0] - transform["x"]) * scale + margin, (point[1] - transform["y"]) * scale + margin


def map_point(longitude: float, latitude: float, transform: dict[str, float]) -> Point:
    """A WGS84 point in the committed map's units (``transform`` is the map file's), unrounded."""
    return _scaled(project(longitude, latitude), transform)


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


def write_map(source: Path = GEOJSON, target: Path = MAP_FILE, tolerance: float = 1.0) -> dict[str, Any]:
    data = build(json.loads(source.read_text(encoding="utf-8")), tolerance)
    target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return data
