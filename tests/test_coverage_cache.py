"""The coverage count is kept per directory version, in the database (shared by every worker process) and in
the process: a change to the directory must show on the next request, and an unchanged directory must not be
counted again."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cooperation import coverage
from cooperation.coverage import Dimension, Level, coverage_table
from regions.models import Municipality, Region, VitalityCentre
from services.models import Service, TargetGroup
from tests.factories import PhoneChannelFactory, ServiceFactory, ServiceLocationFactory, municipality

pytestmark = pytest.mark.django_db

KUOPIO, MIKKELI = "297", "491"


def _page_cell(client, path: str, name: str) -> tuple[str, int, int, int]:
    """The "all services" cell of a municipality's row on a coverage page or an area page: (level, in person,
    from elsewhere, nationwide remote)."""
    page = client.get(path).content.decode()
    row = rf'<tr><th scope="row">{name}</th>'
    match = re.search(rf'{row}<td class="cov-(\w+)">(\d+) · (\d+) · (\d+)', page)
    if match:
        return match[1], int(match[2]), int(match[3]), int(match[4])
    match = re.search(rf'{row}<td>(\d+)</td><td>(\d+)</td><td>(\d+)</td><td class="cov-(\w+)">', page)
    assert match, f"no row for {name}"
    return match[4], int(match[1]), int(match[2]), int(match[3])


def _total(code: str, dimension: Dimension = Dimension.TARGET_GROUPS):
    return next(row.total for row in coverage_table(dimension=dimension).rows if row.municipality.code == code)


@pytest.mark.parametrize("path", ["/fi/coverage/", "/fi/coverage/06/", "/fi/areas/06/"])
def test_a_service_published_where_there_was_nothing_shows_on_the_next_request(client, path):
    assert _page_cell(client, path, "Kuopio") == ("none", 0, 0, 0)
    service = ServiceFactory(status=Service.Status.DRAFT)
    ServiceLocationFactory(service=service, municipality=municipality(KUOPIO))
    assert _page_cell(client, path, "Kuopio") == ("none", 0, 0, 0)  # a draft is not counted

    service.status = Service.Status.PUBLISHED
    service.save()
    assert _page_cell(client, path, "Kuopio") == ("in_person", 1, 0, 0)

    service.status = Service.Status.DRAFT
    service.save()
    assert _page_cell(client, path, "Kuopio") == ("none", 0, 0, 0)


def test_changes_to_a_services_places_and_channels_show_at_once():
    service = ServiceFactory(nationwide=True)
    location = ServiceLocationFactory(service=service, municipality=municipality(KUOPIO))
    assert (_total(KUOPIO).in_person, _total(MIKKELI).elsewhere) == (1, 1)

    phone = PhoneChannelFactory(service=service)
    assert (_total(MIKKELI).elsewhere, _total(MIKKELI).remote) == (0, 1)

    location.delete()
    assert _total(KUOPIO).level is Level.REMOTE_ONLY

    phone.delete()
    assert _total(KUOPIO).level is Level.ELSEWHERE

    Service.objects.filter(pk=service.pk).update(nationwide=False)
    assert _total(KUOPIO).level is Level.NONE


def test_a_new_target_group_of_a_service_shows_at_once():
    service = ServiceFactory()
    ServiceLocationFactory(service=service, municipality=municipality(KUOPIO))
    table = coverage_table()
    kuopio = next(row for row in table.rows if row.municipality.code == KUOPIO)
    assert kuopio.cells[table.column_index("immigrants")].level is Level.NONE

    service.target_groups.add(TargetGroup.objects.get(code="immigrants"))
    table = coverage_table()
    kuopio = next(row for row in table.rows if row.municipality.code == KUOPIO)
    assert kuopio.cells[table.column_index("immigrants")].level is Level.IN_PERSON


def _mark_stored_counts() -> None:
    """Replace the stored counts by an empty count, to tell whether a request read them or counted again."""
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cooperation_coverage_count SET counts = '[]'")


def test_an_unchanged_directory_is_not_read_again_by_the_same_process():
    ServiceLocationFactory(service=ServiceFactory(), municipality=municipality(KUOPIO))
    assert _total(KUOPIO).in_person == 1
    _mark_stored_counts()
    assert _total(KUOPIO).in_person == 1  # held by this process since the directory has not changed


@pytest.mark.parametrize("given_municipalities", [False, True])
def test_the_table_takes_one_query_besides_the_municipalities_before_and_after_a_change(given_municipalities):
    area = VitalityCentre.objects.prefetch_related("regions__municipalities").get(code="06")
    municipalities = (
        [m for region in area.regions.all() for m in region.municipalities.all()] if given_municipalities else None
    )
    counts = []
    for _ in range(2):
        ServiceLocationFactory(service=ServiceFactory(), municipality=municipality(KUOPIO))
        for _ in range(2):  # after the change, then unchanged
            with CaptureQueriesContext(connection) as captured:
                table = coverage_table(area=area, municipalities=municipalities)
            counts.append(len(captured))
    assert counts == [1 if given_municipalities else 2] * 4
    assert next(row for row in table.rows if row.municipality.code == KUOPIO).total.in_person == 2


def test_every_process_reads_the_stored_count_until_the_directory_changes():
    """Another worker process (here: this one with its own memory cleared) reads the count stored in the
    database for the current version, and counts again only after a change."""
    ServiceLocationFactory(service=ServiceFactory(), municipality=municipality(KUOPIO))
    assert _total(KUOPIO).in_person == 1
    _mark_stored_counts()
    coverage._last.clear()
    assert _total(KUOPIO).in_person == 0  # the stored count, not a new one

    ServiceLocationFactory(service=ServiceFactory(), municipality=municipality(MIKKELI))
    assert _total(KUOPIO).in_person == 1  # a change: counted again
    assert _total(MIKKELI).in_person == 1


def test_the_dimensions_are_kept_apart():
    service = ServiceFactory()
    ServiceLocationFactory(service=service, municipality=municipality(KUOPIO))
    assert _total(KUOPIO).in_person == 1
    assert _total(KUOPIO, Dimension.SERVICE_TYPES).in_person == 1
    table = coverage_table(dimension=Dimension.SERVICE_TYPES)
    assert table.columns[0].code == "information"
    assert coverage_table().columns[0].code != "information"


def test_a_new_column_shows_on_the_next_request_though_no_service_has_it(client):
    """A vocabulary entry no service uses does not move the directory version; the page must still show it."""
    assert "Uusi kohderyhmä" not in client.get("/fi/coverage/").content.decode()
    TargetGroup.objects.create(code="new-group", name_fi="Uusi kohderyhmä", order=99)
    assert "Uusi kohderyhmä" in client.get("/fi/coverage/").content.decode()


def test_a_renamed_area_shows_on_the_next_request(client):
    assert "Itä-Suomen alue" not in client.get("/fi/coverage/").content.decode()
    VitalityCentre.objects.filter(code="06").update(name_fi="Itä-Suomen alue")
    assert "Itä-Suomen alue" in client.get("/fi/coverage/").content.decode()


def test_an_unchanged_page_is_answered_from_the_process_in_one_query(client, django_assert_num_queries):
    ServiceLocationFactory(service=ServiceFactory(), municipality=municipality(KUOPIO))
    first = client.get("/fi/coverage/").content
    with django_assert_num_queries(1):  # the directory version and the reference data's fingerprint
        second = client.get("/fi/coverage/").content
    assert second == first
    assert _page_cell(client, "/fi/coverage/", "Kuopio") == ("in_person", 1, 0, 0)


def test_pages_are_kept_apart_by_language_dimension_area_and_column(client):
    pages = {
        path: client.get(path).content.decode()
        for path in (
            "/fi/coverage/",
            "/sv/coverage/",
            "/fi/coverage/?by=service_types",
            "/fi/coverage/06/",
            "/fi/coverage/?focus=immigrants",
        )
    }
    assert len(set(pages.values())) == len(pages)
    assert 'lang="sv"' in pages["/sv/coverage/"][:500]
    assert client.get("/fi/coverage/?focus=no-such-column").status_code == 400
    assert client.get("/fi/coverage/?focus=immigrants").content.decode() == pages["/fi/coverage/?focus=immigrants"]


def test_a_change_the_count_does_not_read_leaves_the_stored_count():
    """A corrected description or a location's new address cannot change a figure: no new count (the stored
    one, marked, is still what is read)."""
    service = ServiceFactory()
    location = ServiceLocationFactory(service=service, municipality=municipality(KUOPIO))
    assert _total(KUOPIO).in_person == 1
    _mark_stored_counts()
    coverage._last.clear()
    service.summary_fi = "Korjattu kuvaus."
    service.save()
    location.name_fi = "Uusi toimipiste"
    location.save()
    assert _total(KUOPIO).in_person == 0  # the marked stored count: nothing the count reads has changed

    location.municipality = municipality(MIKKELI)
    location.save()
    assert (_total(KUOPIO).in_person, _total(MIKKELI).in_person) == (0, 1)


def test_listed_areas_languages_and_removal_show_at_once():
    service = ServiceFactory(languages=["fi"])
    assert _total(KUOPIO).level is Level.NONE
    service.regions.set([Region.objects.get(code="11")])  # Pohjois-Savo
    assert _total(KUOPIO).elsewhere == 1
    service.regions.clear()
    service.employment_areas.set([municipality(KUOPIO).employment_area])
    assert _total(KUOPIO).elsewhere == 1
    service.employment_areas.clear()
    service.municipalities.set([municipality(KUOPIO)])
    assert _total(KUOPIO).elsewhere == 1

    def swedish() -> int:
        return next(row for row in coverage_table().rows if row.municipality.code == KUOPIO).languages.swedish

    assert swedish() == 0
    service.languages = ["fi", "sv"]
    service.save()
    assert swedish() == 1

    service.delete()
    assert _total(KUOPIO).level is Level.NONE


def test_a_municipality_moved_to_another_region_is_counted_there_at_once():
    service = ServiceFactory()
    service.regions.set([Region.objects.get(code="10")])  # Etelä-Savo
    assert _total(KUOPIO).level is Level.NONE
    Municipality.objects.filter(code=KUOPIO).update(region=Region.objects.get(code="10"))
    assert _total(KUOPIO).elsewhere == 1
