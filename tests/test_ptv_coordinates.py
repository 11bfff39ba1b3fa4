"""ETRS-TM35FIN → WGS84: the closed form in ptv/coordinates.py agrees with PROJ (pyproj, a dev extra) to a
millimetre all over Finland, and refuses coordinates that are no Finnish point (swapped or garbled)."""

from __future__ import annotations

import pytest
from pyproj import Transformer

from ptv.coordinates import tm35fin_to_wgs84

PROJ = Transformer.from_crs("EPSG:3067", "EPSG:4326", always_xy=True)


def test_the_closed_form_agrees_with_proj_over_finland():
    worst = 0.0
    for northing in range(6_600_000, 7_800_001, 25_000):
        for easting in range(60_000, 740_001, 20_000):
            latitude, longitude = tm35fin_to_wgs84(northing, easting)
            proj_longitude, proj_latitude = PROJ.transform(easting, northing)
            worst = max(worst, abs(latitude - proj_latitude), abs(longitude - proj_longitude))
    assert worst < 1e-8  # degrees: about a millimetre


# Landmarks' WGS84 positions (public maps) and their ETRS-TM35FIN coordinates to a decimetre.
@pytest.mark.parametrize(
    ("northing", "easting", "where"),
    [
        (6672051.7, 386392.2, (60.16952, 24.95250)),  # Helsinki, the Senate Square
        (6944206.5, 641852.2, (62.60130, 29.76350)),  # Joensuu, the market square
        (7377052.0, 443585.6, (66.50750, 25.73170)),  # Rovaniemi, Arktikum
    ],
)
def test_known_places_land_where_they_are(northing, easting, where):
    latitude, longitude = tm35fin_to_wgs84(northing, easting)
    assert abs(latitude - where[0]) < 2e-6 and abs(longitude - where[1]) < 2e-6  # within 20 cm


@pytest.mark.parametrize(("northing", "easting"), [(514249.8, 6841014.2), (0, 0), (60.16, 24.94)])
def test_swapped_or_garbled_coordinates_are_refused(northing, easting):
    with pytest.raises(ValueError, match="not an ETRS-TM35FIN point"):
        tm35fin_to_wgs84(northing, easting)
