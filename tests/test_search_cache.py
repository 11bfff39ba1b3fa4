"""Repeated searches are answered from the process's memory, and never with an older directory's results."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.models import Service
from services.search import SearchQuery, documents, search
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def _names(text: str) -> list[str]:
    return [service.name_fi for service in search(SearchQuery(text=text)).services]


def test_a_repeated_search_does_not_run_the_match_again() -> None:
    ServiceFactory(name_fi="Uraohjaus Mikkelissä")
    documents.refresh()
    assert _names("uraohjaus") == ["Uraohjaus Mikkelissä"]
    with CaptureQueriesContext(connection) as captured:
        assert _names("uraohjaus") == ["Uraohjaus Mikkelissä"]
    assert not any("services_search_document d" in query["sql"] for query in captured)


@pytest.mark.parametrize("entries", [512, 0])
def test_every_change_to_the_directory_shows_in_the_next_search(settings, entries: int) -> None:
    settings.SEARCH_CACHE_ENTRIES = entries
    first = ServiceFactory(name_fi="Uraohjaus Mikkelissä")
    documents.refresh()
    assert _names("uraohjaus") == ["Uraohjaus Mikkelissä"]

    ServiceFactory(name_fi="Uraohjaus Savonlinnassa")  # an admin save: the trigger updates the document
    assert sorted(_names("uraohjaus")) == ["Uraohjaus Mikkelissä", "Uraohjaus Savonlinnassa"]

    Service.objects.filter(pk=first.pk).update(status=Service.Status.ARCHIVED)  # no save(), no signal
    assert _names("uraohjaus") == ["Uraohjaus Savonlinnassa"]
    assert search(SearchQuery(text="uraohjaus")).facets.get("municipality") is not None
