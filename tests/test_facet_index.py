"""The facet bitsets are built once, shared by every process through the database and kept up to date from the
change log."""

from __future__ import annotations

import pytest
from django.db import connection

from services.search import SearchFilters, SearchQuery, cache, documents, facet_index, search
from tests.factories import ServiceFactory, ServiceLocationFactory, municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def new_process() -> None:
    """Each test starts as a process that has no bitsets in memory yet."""
    facet_index.copies.forget()


def _stored_versions() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT version FROM services_facet_bitset")
        return [row[0] for row in cursor.fetchall()]


def _municipality_option(code: str) -> int | None:
    facet = search(SearchQuery()).facets.get("municipality")
    return next((option.count for option in facet.options if option.value == code), None)


def test_another_process_reads_the_stored_bitsets_instead_of_building_its_own() -> None:
    ServiceLocationFactory(service=ServiceFactory(name_fi="Uraohjaus"), municipality=municipality("491"))
    documents.refresh()
    assert _municipality_option("491") == 1
    assert len(_stored_versions()) == 1

    # A second process: nothing in its memory, and the stored row of Mikkeli emptied.
    facet_index.copies.forget()
    cache.clear()
    mikkeli = str(municipality("491").pk)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE services_facet_bitset SET bits = %s WHERE facet = 'municipality' AND key = %s",
            [b"", mikkeli],
        )
    assert _municipality_option("491") is None  # read from the table, not counted again


def test_a_change_is_applied_from_the_change_log_without_building_again() -> None:
    ServiceLocationFactory(service=ServiceFactory(name_fi="Uraohjaus"), municipality=municipality("491"))
    documents.refresh()
    search(SearchQuery())
    first = _stored_versions()

    ServiceLocationFactory(service=ServiceFactory(name_fi="Opinto-ohjaus"), municipality=municipality("491"))
    documents.refresh()
    assert _municipality_option("491") == 2
    assert search(SearchQuery(filters=SearchFilters(municipalities=("491",)))).total == 2
    assert _stored_versions() == first  # brought up to date from the log, not built and stored again
