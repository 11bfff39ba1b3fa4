"""A practice query of exclusions only (``-ohjaamo``) gives a normal page and normal JSON with no results, as a
service search of exclusions only does (docs/search.md), not a 500 (issue 13, finding 2)."""

from __future__ import annotations

import pytest

from cooperation.models import Practice
from regions.models import VitalityCentre

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def practice() -> Practice:
    practice = Practice.objects.create(title_fi="Ohjaamojen toimintamalli", summary_fi="Lyhyesti.", status="published")
    practice.vitality_centres.set([VitalityCentre.objects.get(code="06")])
    return practice


EXCLUSIONS_ONLY = ["-ohjaamo", "-1", "-ohjaamo -uraohjaus", "-ohjaamo or -1", '-"ohjaamo verkossa"']


@pytest.mark.parametrize("text", EXCLUSIONS_ONLY)
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_page_answers_a_query_of_exclusions_only(client, language: str, text: str) -> None:
    response = client.get(f"/{language}/practices/", {"q": text, "area": "06", "page": "1"})
    assert response.status_code == 200
    assert "Ohjaamojen toimintamalli" not in response.content.decode()


@pytest.mark.parametrize("text", EXCLUSIONS_ONLY)
def test_the_api_answers_a_query_of_exclusions_only(client, text: str) -> None:
    response = client.get("/api/v1/practices/", {"q": text})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 0 and body["results"] == []
    assert {value["value"]: value["count"] for value in body["facets"]["area"]}["06"] == 0


def test_an_exclusion_with_a_word_still_ranks_the_matches(client) -> None:
    Practice.objects.create(title_fi="Ohjaamo verkossa", summary_fi="Lyhyesti.", status="published")
    body = client.get("/api/v1/practices/", {"q": "ohjaamo -verkossa"}).json()
    assert [result["title"]["text"] for result in body["results"]] == ["Ohjaamojen toimintamalli"]
