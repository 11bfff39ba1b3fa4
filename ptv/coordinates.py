"""ETRS-TM35FIN (EPSG:3067), in which PTV gives its coordinates, to WGS84 latitude and longitude.

The inverse transverse Mercator in Krüger's series (JHS 154, the Finnish public-administration recommendation for
ETRS89 map projections, appendix 1), on the GRS80 ellipsoid: central meridian 27° E, scale 0.9996, false easting
500 000 m. ETRS89 and WGS84 differ by well under a metre in Finland, far less than any address needs. A closed form
of some twenty lines rather than pyproj: the sync needs this one projection only, and the PROJ library would add a
large binary dependency to production for it; tests/test_ptv_coordinates.py checks it against pyproj (dev extra).
"""

from __future__ import annotations

import math

_A = 6378137.0  # GRS80 semi-major axis
_F = 1 / 298.257222101  # GRS80 flattening
_K0 = 0.9996
_LON0 = math.radians(27.0)
_FALSE_EASTING = 500_000.0

_N = _F / (2 - _F)
_A1 = _A / (1 + _N) * (1 + _N**2 / 4 + _N**4 / 64)
_E = math.sqrt(_F * (2 - _F))
_H = (
    _N / 2 - 2 / 3 * _N**2 + 37 / 96 * _N**3 - 1 / 360 * _N**4,
    1 / 48 * _N**2 + 1 / 15 * _N**3 - 437 / 1440 * _N**4,
    17 / 480 * _N**3 - 37 / 840 * _N**4,
    4397 / 161280 * _N**4,
)

# ETRS-TM35FIN's area of use (EPSG), with a margin: values outside are no Finnish coordinates.
NORTHING_RANGE = (6_500_000.0, 7_900_000.0)
EASTING_RANGE = (-100_000.0, 1_000_000.0)


def tm35fin_to_wgs84(northing: float, easting: float) -> tuple[float, float]:
    """(latitude, longitude) in degrees of a point given as ETRS-TM35FIN northing (N) and easting (E) in metres.

    Raises ValueError for a point outside the projection's area of use (swapped or garbled coordinates)."""
    if not (NORTHING_RANGE[0] <= northing <= NORTHING_RANGE[1] and EASTING_RANGE[0] <= easting <= EASTING_RANGE[1]):
        raise ValueError(f"not an ETRS-TM35FIN point in Finland: N={northing} E={easting}")
    xi = northing / (_A1 * _K0)
    eta = (easting - _FALSE_EASTING) / (_A1 * _K0)
    xi_prime, eta_prime = xi, eta
    for j, h in enumerate(_H, start=1):
        xi_prime -= h * math.sin(2 * j * xi) * math.cosh(2 * j * eta)
        eta_prime -= h * math.cos(2 * j * xi) * math.sinh(2 * j * eta)
    beta = math.asin(math.sin(xi_prime) / math.cosh(eta_prime))
    longitude = _LON0 + math.asin(math.tanh(eta_prime) / math.cos(beta))
    q = math.asinh(math.tan(beta))
    q_prime = q + _E * math.atanh(_E * math.tanh(q))
    for _ in range(6):  # converges to below 1e-12 in three or four steps
        q_prime = q + _E * math.atanh(_E * math.tanh(q_prime))
    latitude = math.atan(math.sinh(q_prime))
    return math.degrees(latitude), math.degrees(longitude)
