"""Maps of service locations (issue 17): drawn on the server from the coverage map's municipality boundaries, with a
numbered marker for each result of nearest first and each location of a service page — the numbers of the list
beside the map, which is its text equivalent."""

from __future__ import annotations

import gzip
import random
import re
from decimal import Decimal
from html import unescape

import pytest

from cooperation.coverage_map import map_data
from cooperation.map_projection import map_point
from regions.models import Municipality
from services import location_map
from services.location_map import MAX_LABEL, RESULTS_ON_MAP, Pin, _label, _markers
from services.nearest import Point, municipality_centres
from services.search import documents
from tests.factories import PhoneChannelFactory, ServiceFactory, ServiceLocationFactory, municipality

pytestmark = pytest.mark.django_db

_MARKER = re.compile(
    r'<g><title>([^<]*)</title><rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"[^>]*/>'
    r"<text[^>]*>([^<]*)</text></g>"
)


def _map(page: str) -> str:
    start = page.index('<div class="location-map')
    return page[start : page.index("</div>", start)]


def _markers_of(page: str) -> list[tuple[list[int], list[str], str]]:
    """Each marker's numbers and names (from its tooltip) and its label."""
    markers = []
    for title, *_box, label in _MARKER.findall(_map(page)):
        lines = [re.match(r"(\d+)\. (.*)", line).groups() for line in unescape(title).split("\n")]
        markers.append(([int(number) for number, _ in lines], [name for _, name in lines], unescape(label)))
    return markers


def _listed(page: str) -> list[tuple[int, str]]:
    """The numbered results of the list: (number, service name)."""
    items = re.findall(r'<span class="map-number">(\d+)</span>\s*<h3><a href="[^"]+">([^<]+)</a></h3>', page)
    return [(int(number), unescape(name)) for number, name in items]


@pytest.fixture
def services():
    located = {}
    for name, code in (("Helsinki", "091"), ("Helsinki 2", "091"), ("Mikkeli", "491"), ("Oulu", "564")):
        service = ServiceFactory(name_fi=f"Ohjaamo {name}", name_sv="", name_en="")
        ServiceLocationFactory(service=service, municipality=municipality(code))
        located[name] = service
    documents.refresh()
    return located


def test_a_point_lands_in_its_municipality_on_the_coverage_map():
    data = map_data()
    for code, centre in municipality_centres().items():
        x, y = map_point(centre.longitude, centre.latitude, data["transform"])
        x0, y0, x1, y1 = data["municipalities"][code]["bbox"]
        assert x0 - 1 <= x <= x1 + 1 and y0 - 1 <= y <= y1 + 1, code


def test_the_markers_of_nearest_first_are_the_list_s_numbers_in_order(client, services):
    page = client.get("/fi/near/", {"q": "ohjaamo", "near": "491"}).content.decode()
    listed = _listed(page)
    assert [name for _, name in listed] == ["Ohjaamo Mikkeli", "Ohjaamo Helsinki", "Ohjaamo Helsinki 2", "Ohjaamo Oulu"]
    assert [number for number, _ in listed] == [1, 2, 3, 4]
    markers = _markers_of(page)
    # The two Helsinki services share a place, and so one marker labelled with both numbers.
    assert [(numbers, label) for numbers, _names, label in markers] == [([1], "1"), ([2, 3], "2–3"), ([4], "4")]
    named = [(number, name) for numbers, names, _ in markers for number, name in zip(numbers, names, strict=True)]
    places = ["Mikkeli", "Helsinki", "Helsinki", "Oulu"]
    assert named == [(n, f"{name} ({place})") for (n, name), place in zip(listed, places, strict=True)]
    assert re.search(r'<circle class="location-map-origin"[^>]*><title>Mikkeli</title>', page)  # the starting point


def test_the_map_is_an_image_with_a_title_and_a_description(client, services):
    page = client.get("/sv/near/", {"q": "ohjaamo", "lat": "65.01", "lon": "25.47"}).content.decode()
    svg = _map(page)
    assert 'role="img" aria-labelledby="near-map-title" aria-describedby="near-map-caption"' in svg
    assert '<title id="near-map-title">Resultaten på kartan</title>' in svg
    caption = "Siffrorna på kartan motsvarar numren i resultatlistan; ringen visar utgångspunkten (din position)."
    assert f'<p class="meta" id="near-map-caption">{caption}' in svg
    assert "http" not in svg.split("</svg>")[0]  # nothing fetched: no tile, no font, no link
    assert _markers_of(page)[0][1] == ["Ohjaamo Oulu (Uleåborg)"]  # the place in the page's language


def test_the_map_shows_the_nearest_results_and_says_so(client):
    codes = list(Municipality.objects.order_by("code").values_list("code", flat=True))
    for n, code in enumerate(random.Random(17).sample(codes, RESULTS_ON_MAP + 5)):
        service = ServiceFactory(name_fi=f"Uraohjaus {n}", name_sv="", name_en="")
        ServiceLocationFactory(service=service, municipality=municipality(code))
    documents.refresh()
    response = client.get("/fi/near/", {"q": "uraohjaus", "near": "179"}, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    page = gzip.decompress(response.content).decode()
    assert len(_listed(page)) == RESULTS_ON_MAP + 5
    numbers = [number for marker_numbers, _, _ in _markers_of(page) for number in marker_numbers]
    assert sorted(numbers) == list(range(1, RESULTS_ON_MAP + 1))
    assert f"Kartalla näkyvät {RESULTS_ON_MAP} lähintä." in page
    assert len(response.content) < 16 * 1024, len(response.content)  # small on the wire


def test_the_map_draws_only_the_municipalities_in_view(client):
    ServiceLocationFactory(service=ServiceFactory(name_fi="Ohjaamo Mikkeli"), municipality=municipality("491"))
    documents.refresh()
    page = client.get("/fi/near/", {"q": "ohjaamo", "near": "491"}).content.decode()
    assert [numbers for numbers, _, _ in _markers_of(page)] == [[1]]
    land = re.search(r'class="location-map-land" d="([^"]+)"', page).group(1)
    whole = sum(len(shape["d"]) for shape in map_data()["municipalities"].values())
    assert len(land) < whole / 5


def test_markers_never_overlap_and_every_number_is_on_one():
    rng = random.Random(3)
    pins = [Pin(n, Point(60 + rng.random() * 2, 24 + rng.random() * 4), f"Paikka {n}") for n in range(1, 41)]
    drawn = location_map._draw(pins, 140, 0.022)
    numbers = sorted(drawn.numbers)
    assert numbers == list(range(1, 41))
    for a, b in zip(drawn.markers, drawn.markers[1:], strict=False):
        assert a.numbers[0] < b.numbers[0]  # in the list's order
    for i, a in enumerate(drawn.markers):
        for b in drawn.markers[i + 1 :]:
            apart_x = abs(a.x - b.x) >= (a.width + b.width) / 2
            apart_y = abs(a.y - b.y) >= 2 * drawn.radius
            assert apart_x or apart_y, (a.label, b.label)
    x0, y0, width, height = (float(v) for v in drawn.view_box.split())
    assert all(x0 <= m.x <= x0 + width and y0 <= m.y <= y0 + height for m in drawn.markers)


def test_a_marker_s_label_gives_runs_and_is_cut_with_an_ellipsis():
    assert _label([1, 2, 3, 7]) == "1–3,7"
    assert _label([4]) == "4"
    long = _label(range(1, 40, 2))
    assert long.endswith("…") and len(long) <= MAX_LABEL + 1
    assert [m.label for m in _markers([(Pin(1, Point(60, 25), "a"), (10.0, 10.0))], 5, 5)] == ["1"]


def test_a_service_page_maps_its_locations_numbered_as_listed(client):
    service = ServiceFactory(name_fi="Ohjaamo Savo", name_sv="", name_en="")
    market_square = {"latitude": Decimal("61.688727"), "longitude": Decimal("27.272146")}
    ServiceLocationFactory(
        service=service, name_fi="Ohjaamo Mikkeli", municipality=municipality("491"), **market_square
    )
    ServiceLocationFactory(service=service, name_fi="Ohjaamo Kuopio", municipality=municipality("297"))
    page = client.get(f"/fi/services/{service.pk}/").content.decode()
    markers = _markers_of(page)
    assert [(numbers, names, label) for numbers, names, label in markers] == [
        ([1], ["Ohjaamo Mikkeli, Mikkeli"], "1"),
        ([2], ["Ohjaamo Kuopio, Kuopio"], "2"),
    ]
    cards = re.findall(r'<div class="card"><span class="map-number">(\d+)</span>\s*<h3>([^<]+)</h3>', page)
    assert cards == [("1", "Ohjaamo Mikkeli"), ("2", "Ohjaamo Kuopio")]
    assert '<title id="service-map-title">Palvelupisteet kartalla</title>' in page


def test_a_service_with_locations_across_finland_is_light_on_the_wire(client):
    service = ServiceFactory()
    codes = Municipality.objects.order_by("code").values_list("code", flat=True)
    for code in random.Random(12).sample(list(codes), 12):
        ServiceLocationFactory(service=service, municipality=municipality(code))
    response = client.get(f"/fi/services/{service.pk}/", HTTP_ACCEPT_ENCODING="gzip")
    page = gzip.decompress(response.content).decode()
    assert sorted(number for numbers, _, _ in _markers_of(page) for number in numbers) == list(range(1, 13))
    assert len(response.content) < 16 * 1024, len(response.content)


@pytest.mark.parametrize("channels", ["none", "phone"])
def test_a_service_without_locations_has_no_map(client, channels):
    service = ServiceFactory()
    if channels == "phone":
        PhoneChannelFactory(service=service)
    page = client.get(f"/sv/services/{service.pk}/").content.decode()
    assert "location-map" not in page and "map-number" not in page


@pytest.mark.parametrize(
    "params",
    [
        {"q": "ohjaamo", "lat": "40.7", "lon": "-74"},
        {"q": "ohjaamo", "near": "999"},
        {"q": "ohjaamo", "near": "491", "lat": "x"},
        {"q": "zzzz-ei-loydy", "near": "491"},
        {"q": "ohjaamo"},
    ],
)
def test_bad_or_empty_input_is_a_normal_page_without_a_map(client, services, params):
    response = client.get("/fi/near/", params)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>" in page and "location-map" not in page
