"""Maps of service locations, drawn on the server: numbered markers on the municipality boundaries.

The boundaries and their projection are the coverage map's (``cooperation/map_projection.py``, the committed
``cooperation/data/municipalities_svg.json``): there is one way to draw Finland. A location's point is its own WGS84
coordinates or its municipality's centre (``services.nearest.location_point``), put on the map with the transform
kept in that file. The view is framed around the markers (never less than a minimum span, so that one location
still shows its surroundings), and only the municipalities whose box meets the frame are drawn, as one light path:
no tile server, nothing fetched, a few kilobytes.

Each marker carries the number of its item in the list beside the map, and that list is the map's text equivalent:
the picture is one image (``role="img"`` with a title and a description) and holds nothing a keyboard or
screen-reader user would miss. Markers that would overlap are drawn as one, labelled with all their numbers
("1–3,7"); its tooltip names each.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from cooperation.coverage_map import map_data
from cooperation.map_projection import map_point
from liv.i18n import translated
from services.models import Service, ServiceLocation
from services.nearest import Near, Origin, Point, location_point

# The nearest-first map shows the nearest results only: framed around them it shows where they are, not the whole
# country crowded with the hundred best matches (the list goes on beside it).
RESULTS_ON_MAP = 20
# The least a view spans, in map units: the map is 1000 high, about 1 150 km, so 140 units are about 160 km.
RESULTS_MIN_SPAN = 140
SERVICE_MIN_SPAN = 200
# A marker's half-height, as a share of the frame's longer side: about 12 px on the nearest-first page's map, whose
# longer side is shown at up to 70 % of the window's height, and on a service page's smaller one (22rem).
RESULTS_RADIUS = 0.022
SERVICE_RADIUS = 0.034
PADDING = 0.06  # room around the markers, as a share of the frame's longer side
FLATTEST = 0.6  # neither side of the frame shorter than this share of the other
MAX_LABEL = 9  # characters of a marker's label; a longer one ends in "…" (its tooltip has every number)


@dataclass(frozen=True, slots=True)
class Pin:
    """A numbered place to mark: the number is its item's in the list the map illustrates."""

    number: int
    point: Point
    title: str


Group = tuple[tuple[float, float], list[Pin]]  # pins drawn as one marker, and where


@dataclass(frozen=True, slots=True)
class Marker:
    x: float
    y: float
    width: float
    numbers: tuple[int, ...]
    label: str
    title: str
    radius: float
    font_size: float

    @property
    def left(self) -> float:
        return _round(self.x - self.width / 2)

    @property
    def top(self) -> float:
        return _round(self.y - self.radius)

    @property
    def height(self) -> float:
        return _round(2 * self.radius)

    @property
    def baseline(self) -> float:
        """Where the label's baseline goes for the digits to sit in the middle."""
        return _round(self.y + 0.36 * self.font_size)


@dataclass(frozen=True, slots=True)
class LocationMap:
    view_box: str
    land: str  # the municipalities in view, one SVG path
    radius: float
    font_size: float
    markers: list[Marker]
    origin: tuple[float, float] | None = None
    origin_label: str = ""

    @property
    def ring(self) -> float:
        """The radius of the ring around the origin, wider than a marker so that one on it stays readable."""
        return _round(1.7 * self.radius)

    @property
    def numbers(self) -> list[int]:
        """The list numbers the map shows, marker by marker."""
        return [number for marker in self.markers for number in marker.numbers]

    @property
    def count(self) -> int:
        return len(self.numbers)


def results_map(near: Sequence[Near], origin: Origin) -> LocationMap | None:
    """The nearest results (``RESULTS_ON_MAP``), numbered as listed, and the point they were measured from."""
    pins = [
        Pin(number, item.point, f"{translated(item.service, 'name').text} ({item.place})")
        for number, item in enumerate(near[:RESULTS_ON_MAP], 1)
    ]
    return _draw(pins, RESULTS_MIN_SPAN, RESULTS_RADIUS, origin.point, origin.label) if pins else None


def service_map(service: Service) -> LocationMap | None:
    """A service's locations, numbered as its page lists them; none when no location has a point."""
    pins = []
    for number, location in enumerate(service.locations.all(), 1):
        point = location_point(location)
        if point is not None:
            pins.append(Pin(number, point, _location_title(location)))
    return _draw(pins, SERVICE_MIN_SPAN, SERVICE_RADIUS) if pins else None


def _location_title(location: ServiceLocation) -> str:
    name = translated(location, "name").text or translated(location, "street_address").text
    municipality = translated(location.municipality, "name").text
    return f"{name}, {municipality}" if name else municipality


def _draw(
    pins: list[Pin], min_span: float, radius_share: float, origin: Point | None = None, origin_label: str = ""
) -> LocationMap:
    data = map_data()
    transform = data["transform"]
    placed = [(pin, map_point(pin.point.longitude, pin.point.latitude, transform)) for pin in pins]
    origin_xy = map_point(origin.longitude, origin.latitude, transform) if origin is not None else None
    points = [xy for _pin, xy in placed] + ([origin_xy] if origin_xy else [])
    x0, y0, width, height = _frame(points, min_span, data["width"], data["height"])
    side = max(width, height)
    radius = radius_share * side
    font_size = 1.1 * radius
    land = "".join(
        shape["d"]
        for shape in data["municipalities"].values()
        if shape["bbox"][0] <= x0 + width
        and shape["bbox"][2] >= x0
        and shape["bbox"][1] <= y0 + height
        and shape["bbox"][3] >= y0
    )
    return LocationMap(
        view_box=" ".join(_number(v) for v in (x0, y0, width, height)),
        land=land,
        radius=_round(radius),
        font_size=_round(font_size),
        markers=_markers(placed, radius, font_size),
        origin=(_round(origin_xy[0]), _round(origin_xy[1])) if origin_xy else None,
        origin_label=origin_label,
    )


def _frame(points: list[tuple[float, float]], min_span: float, map_width: int, map_height: int) -> tuple[float, ...]:
    """x, y, width and height of a view around the points: at least ``min_span`` each way, not too flat, within the
    map where it can be."""
    xs, ys = [x for x, _ in points], [y for _, y in points]
    width, height = max(max(xs) - min(xs), min_span), max(max(ys) - min(ys), min_span)
    padding = PADDING * max(width, height)
    width, height = width + 2 * padding, height + 2 * padding
    width, height = max(width, FLATTEST * height), max(height, FLATTEST * width)
    x0 = _within((min(xs) + max(xs) - width) / 2, width, map_width)
    y0 = _within((min(ys) + max(ys) - height) / 2, height, map_height)
    return x0, y0, width, height


def _within(start: float, length: float, limit: float) -> float:
    if length >= limit:
        return (limit - length) / 2
    return min(max(start, 0.0), limit - length)


def _markers(placed: list[tuple[Pin, tuple[float, float]]], radius: float, font_size: float) -> list[Marker]:
    """One marker per place: pins whose markers would touch are drawn as one, where the first of them is (pins come
    in list order). A merged marker's label is longer, so merging goes on until no two markers touch."""
    groups = [((x, y), [pin]) for pin, (x, y) in placed]
    merged = True
    while merged:
        merged = False
        for i, j in itertools.combinations(range(len(groups)), 2):
            if _touch(groups[i], groups[j], radius, font_size):
                groups[i][1].extend(groups.pop(j)[1])
                merged = True
                break
    markers = []
    for (x, y), members in groups:
        members.sort(key=lambda pin: pin.number)
        numbers = tuple(pin.number for pin in members)
        label = _label(numbers)
        title = "\n".join(f"{pin.number}. {pin.title}" for pin in members)
        width = _width(label, radius, font_size)
        markers.append(Marker(_round(x), _round(y), _round(width), numbers, label, title, radius, font_size))
    return markers


def _touch(a: Group, b: Group, radius: float, font_size: float) -> bool:
    (ax, ay), a_pins = a
    (bx, by), b_pins = b
    half_widths = (_group_width(a_pins, radius, font_size) + _group_width(b_pins, radius, font_size)) / 2
    gap = 0.2 * radius
    return abs(ax - bx) < half_widths + gap and abs(ay - by) < 2 * radius + gap


def _group_width(pins: list[Pin], radius: float, font_size: float) -> float:
    return _width(_label([pin.number for pin in pins]), radius, font_size)


def _width(label: str, radius: float, font_size: float) -> float:
    """A marker's width: a circle for one or two digits, a pill for a longer label."""
    return max(2 * radius, 0.6 * font_size * len(label) + radius)


def _label(numbers: Sequence[int]) -> str:
    """The numbers as runs ("1–3,7"), cut to ``MAX_LABEL`` characters with an ellipsis."""
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts = [str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs]
    label = parts[0]
    for part in parts[1:]:
        if len(label) + 1 + len(part) > MAX_LABEL:
            return label + "…"
        label += "," + part
    return label


def _round(value: float) -> float:
    return round(value, 1)


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")
