"""Nearest first: the search's matches ordered by the distance of their nearest location from a chosen
municipality's centre or the browser's position; remote services listed apart; bad input a normal page."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from services.nearest import Point, distance_km, municipality_centres
from services.search import documents
from tests.factories import ElectronicChannelFactory, ServiceFactory, ServiceLocationFactory, municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def services():
    helsinki = ServiceFactory(name_fi="Ohjaamo Helsinki", name_sv="", name_en="")
    ServiceLocationFactory(service=helsinki, municipality=municipality("091"), postal_code="00100")
    mikkeli = ServiceFactory(name_fi="Ohjaamo Mikkeli", name_sv="", name_en="")
    # Its own coordinates (the market square) rather than the municipality's centre.
    ServiceLocationFactory(
        service=mikkeli, municipality=municipality("491"), latitude=Decimal("61.688727"), longitude=Decimal("27.272146")
    )
    oulu = ServiceFactory(name_fi="Ohjaamo Oulu", name_sv="", name_en="")
    ServiceLocationFactory(service=oulu, municipality=municipality("564"), postal_code="90100")
    online = ServiceFactory(name_fi="Ohjaamo verkossa", name_sv="", name_en="", nationwide=True)
    ElectronicChannelFactory(service=online)
    documents.refresh()
    return {"helsinki": helsinki, "mikkeli": mikkeli, "oulu": oulu, "online": online}


def _names(page: str) -> list[str]:
    headings = re.findall(r'<h3><a href="/\w\w/services/\d+/">(.+?)</a></h3>', page)
    return [re.sub(r"<[^>]+>", "", heading) for heading in headings]


def test_municipality_centres_and_distances_are_where_finland_is():
    centres = municipality_centres()
    assert len(centres) == 308
    helsinki, oulu = centres["091"], centres["564"]
    assert 60.1 < helsinki.latitude < 60.4 and 24.7 < helsinki.longitude < 25.3
    assert 500 < distance_km(helsinki, oulu) < 560  # Helsinki–Oulu about 530 km as the crow flies
    assert distance_km(Point(60.0, 25.0), Point(60.0, 25.0)) == 0


def test_from_a_municipality_the_nearest_come_first_with_the_distance_shown(client, services):
    page = client.get("/fi/near/", {"q": "ohjaamo", "near": "491"}).content.decode()  # Mikkeli
    assert _names(page)[:3] == ["Ohjaamo Mikkeli", "Ohjaamo Helsinki", "Ohjaamo Oulu"]
    assert re.search(r"<strong>\d+ km</strong> · Mikkeli", page)
    remote = page.split('id="remote-heading"', 1)[1]
    assert "Ohjaamo verkossa" in remote  # a nationwide online service is listed apart


def test_from_the_browser_s_position(client, services):
    page = client.get("/en/near/", {"q": "ohjaamo", "lat": "65.01", "lon": "25.47"}).content.decode()  # Oulu
    assert _names(page)[:3] == ["Ohjaamo Oulu", "Ohjaamo Mikkeli", "Ohjaamo Helsinki"]
    assert "Nearest to your location" in page


@pytest.mark.parametrize(
    "params",
    [{"lat": "1e400", "lon": "25"}, {"lat": "40.7", "lon": "-74"}, {"lat": "x", "lon": ""}, {"near": "999"}],
)
def test_a_position_outside_finland_or_an_unknown_municipality_is_a_clear_message(client, services, params):
    response = client.get("/en/near/", params)
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_the_search_page_links_to_nearest_first_with_the_same_query(client, services):
    page = client.get("/fi/search/", {"q": "ohjaamo"}).content.decode()
    assert 'href="/fi/near/?q=ohjaamo"' in page
