"""Nearest first: the services a search found, ordered by how far their nearest location is from a point — the
centre of a municipality the person picks, or the browser's position when they share it.

The point of a location is its own coordinates (WGS84, from PTV or a coordinator) or, without them, the centre of
its municipality; distances are great-circle distances. A service with no location is listed apart when it can be
used remotely (a phone or an online channel, or nationwide). Municipality centres are the area-weighted centroids
of Statistics Finland's boundaries (fixtures/reference/municipalities.geojson, CC BY 4.0), computed once per
process.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext

from regions.models import Municipality
from services.models import ElectronicChannel, PhoneChannel, Service, ServiceLocation
from services.validators import FINLAND_LATITUDE, FINLAND_LONGITUDE

BOUNDARIES = Path(settings.BASE_DIR) / "fixtures" / "reference" / "municipalities.geojson"
EARTH_RADIUS_KM = 6371.0
# How many of the search's best matches are ordered by distance: nearest among the relevant ones.
CANDIDATES = 100


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Origin:
    point: Point
    label: str
    municipality: str | None = None


@dataclass
class Near:
    service: Service
    kilometres: float
    place: str  # the municipality of the nearest location
    point: Point  # the nearest location's point (its map dot, services/location_map.py)


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """(area, x, y) of a polygon ring in longitude/latitude (the shoelace formula; plenty for a municipality)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return abs(area), cx / (6 * area), cy / (6 * area)


@functools.cache
def municipality_centres() -> dict[str, Point]:
    """Each municipality's centre by its three-digit code."""
    data = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    centres = {}
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        parts = [_ring_centroid(polygon[0]) for polygon in polygons]
        total = sum(area for area, _x, _y in parts) or 1.0
        longitude = sum(area * x for area, x, _y in parts) / total
        latitude = sum(area * y for area, _x, y in parts) / total
        centres[feature["properties"]["code"]] = Point(latitude, longitude)
    return centres


def location_point(location: ServiceLocation) -> Point | None:
    """Where a location is: its own coordinates, else its municipality's centre (``None`` for a municipality
    without a boundary, such as one merged away since)."""
    if location.latitude is not None and location.longitude is not None:
        return Point(float(location.latitude), float(location.longitude))
    return municipality_centres().get(location.municipality.code)


def distance_km(a: Point, b: Point) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(a.latitude), math.radians(b.latitude)
    dphi = phi2 - phi1
    dlam = math.radians(b.longitude - a.longitude)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _number(text: str | None) -> float | None:
    if not text or len(text) > 20:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def origin_from(data: Mapping[str, str]) -> tuple[Origin | None, str | None]:
    """The point to measure from, and a message when what was given cannot be used (shown on the page)."""
    latitude, longitude = _number(data.get("lat")), _number(data.get("lon"))
    if data.get("lat") or data.get("lon"):
        if (
            latitude is not None
            and longitude is not None
            and FINLAND_LATITUDE[0] <= latitude <= FINLAND_LATITUDE[1]
            and FINLAND_LONGITUDE[0] <= longitude <= FINLAND_LONGITUDE[1]
        ):
            return Origin(Point(latitude, longitude), gettext("your location")), None
        return None, gettext("The position given is not in Finland. Choose a municipality instead.")
    code = data.get("near") or ""
    if not code:
        return None, None
    municipality = Municipality.objects.filter(code=code).first()
    centre = municipality_centres().get(code)
    if municipality is None or centre is None:
        return None, gettext("Unknown municipality. Choose one from the list.")
    return Origin(centre, str(municipality), municipality=code), None


def order_by_distance(services: Iterable[Service], origin: Origin) -> tuple[list[Near], list[Service]]:
    """The services with a location, nearest first (ties by the search's order), and those without one that
    can be used remotely."""
    services = list(services)
    ids = [service.pk for service in services]
    nearest: dict[int, tuple[float, str, Point]] = {}
    locations = ServiceLocation.objects.filter(service_id__in=ids).select_related("municipality")
    for location in locations:
        point = location_point(location)
        if point is None:
            continue
        kilometres = distance_km(origin.point, point)
        if location.service_id not in nearest or kilometres < nearest[location.service_id][0]:
            nearest[location.service_id] = (kilometres, str(location.municipality), point)
    remote_ids = set(PhoneChannel.objects.filter(service_id__in=ids).values_list("service_id", flat=True))
    remote_ids |= set(ElectronicChannel.objects.filter(service_id__in=ids).values_list("service_id", flat=True))
    order = {pk: index for index, pk in enumerate(ids)}
    near = sorted(
        (Near(s, *nearest[s.pk]) for s in services if s.pk in nearest),
        key=lambda n: (round(n.kilometres, 1), order[n.service.pk]),
    )
    remote = [s for s in services if s.pk not in nearest and (s.pk in remote_ids or s.nationwide)]
    return near, remote
