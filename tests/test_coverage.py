"""Coverage of services per municipality, on a small constructed case: Mikkeli served in person, Pieksämäki
only from elsewhere (a service for the whole Etelä-Savo region, located in Mikkeli), Kuopio only by a
nationwide remote service, and, where no nationwide service exists, nothing at all."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cooperation.coverage import Dimension, Level, coverage_table
from regions.models import Region, VitalityCentre
from services.models import Service, TargetGroup
from tests.factories import (
    ElectronicChannelFactory,
    PhoneChannelFactory,
    ServiceFactory,
    ServiceLocationFactory,
    municipality,
)

pytestmark = pytest.mark.django_db

MIKKELI, PIEKSAMAKI, KUOPIO = "491", "593", "297"


def _service(target_groups: list[str], **kwargs) -> Service:
    service = ServiceFactory(**kwargs)
    service.target_groups.set(TargetGroup.objects.filter(code__in=target_groups))
    return service


@pytest.fixture
def ita_suomi() -> VitalityCentre:
    return VitalityCentre.objects.get(code="06")


@pytest.fixture
def regional_services() -> None:
    """Two services for young people located in Mikkeli; one of them serves the whole Etelä-Savo region."""
    local = _service(["young-people"], languages=["fi"])
    ServiceLocationFactory(service=local, municipality=municipality(MIKKELI))
    regional = _service(["young-people", "adults"], languages=["fi", "sv", "ar"])
    regional.regions.set([Region.objects.get(code="10")])
    ServiceLocationFactory(service=regional, municipality=municipality(MIKKELI))


@pytest.fixture
def nationwide_remote() -> Service:
    """A nationwide phone and chat service for immigrants."""
    service = _service(["immigrants"], nationwide=True, languages=["fi", "en", "uk"])
    PhoneChannelFactory(service=service)
    ElectronicChannelFactory(service=service, kind="chat")
    return service


def _rows(table):
    return {row.municipality.code: row for row in table.rows}


def _cell(table, code: str, column: str):
    return _rows(table)[code].cells[table.column_index(column)]


def test_served_in_person_from_elsewhere_only_remote_and_nothing(ita_suomi, regional_services, nationwide_remote):
    table = coverage_table(area=ita_suomi)
    rows = _rows(table)
    assert (rows[MIKKELI].total.in_person, rows[MIKKELI].total.elsewhere, rows[MIKKELI].total.remote) == (2, 0, 1)
    assert rows[MIKKELI].total.level is Level.IN_PERSON
    assert (rows[PIEKSAMAKI].total.in_person, rows[PIEKSAMAKI].total.elsewhere) == (0, 1)
    assert rows[PIEKSAMAKI].total.level is Level.ELSEWHERE
    assert (rows[KUOPIO].total.in_person, rows[KUOPIO].total.elsewhere, rows[KUOPIO].total.remote) == (0, 0, 1)
    assert rows[KUOPIO].total.level is Level.REMOTE_ONLY

    assert _cell(table, MIKKELI, "young-people").in_person == 2
    assert _cell(table, PIEKSAMAKI, "young-people").level is Level.ELSEWHERE
    assert _cell(table, KUOPIO, "young-people").level is Level.NONE
    assert _cell(table, KUOPIO, "immigrants").level is Level.REMOTE_ONLY
    assert _cell(table, MIKKELI, "adults").in_person == 1
    assert _cell(table, MIKKELI, "entrepreneurs").level is Level.NONE


def test_municipality_with_nothing_at_all(ita_suomi, regional_services):
    rows = _rows(coverage_table(area=ita_suomi))
    assert rows[KUOPIO].total.level is Level.NONE
    assert rows[KUOPIO].total.total == 0
    assert rows[KUOPIO].gaps == TargetGroup.objects.count()


def test_only_area_municipalities_are_listed_and_the_country_has_all(ita_suomi, regional_services):
    assert len(coverage_table(area=ita_suomi).rows) == 43
    national = coverage_table()
    assert len(national.rows) == 308
    assert _rows(national)["091"].total.level is Level.NONE


def test_nationwide_service_with_a_location_counts_once_in_person_there(ita_suomi, nationwide_remote):
    ServiceLocationFactory(service=nationwide_remote, municipality=municipality(KUOPIO))
    rows = _rows(coverage_table(area=ita_suomi))
    assert (rows[KUOPIO].total.in_person, rows[KUOPIO].total.remote) == (1, 0)
    assert (rows[MIKKELI].total.in_person, rows[MIKKELI].total.remote) == (0, 1)


def test_nationwide_service_without_remote_channels_serves_from_elsewhere(ita_suomi):
    _service(["adults"], nationwide=True)
    cell = _rows(coverage_table(area=ita_suomi))[KUOPIO].total
    assert (cell.elsewhere, cell.remote) == (1, 0)


def test_service_listed_by_area_and_municipality_counts_once(ita_suomi):
    service = _service(["adults"])
    service.vitality_centres.set([ita_suomi])
    service.municipalities.set([municipality(KUOPIO)])
    service.regions.set([Region.objects.get(code="11")])
    assert _rows(coverage_table(area=ita_suomi))[KUOPIO].total.elsewhere == 1


def test_drafts_are_not_counted(ita_suomi):
    draft = _service(["adults"], status=Service.Status.DRAFT)
    ServiceLocationFactory(service=draft, municipality=municipality(KUOPIO))
    assert _rows(coverage_table(area=ita_suomi))[KUOPIO].total.level is Level.NONE


def test_languages_offered_per_municipality(ita_suomi, regional_services, nationwide_remote):
    rows = _rows(coverage_table(area=ita_suomi))
    mikkeli = rows[MIKKELI].languages
    assert (mikkeli.swedish, mikkeli.english, mikkeli.other) == (1, 1, 2)  # Arabic here, Ukrainian by phone
    kuopio = rows[KUOPIO].languages
    assert (kuopio.swedish, kuopio.english, kuopio.other) == (0, 1, 1)


def test_switch_to_service_types(ita_suomi, regional_services):
    table = coverage_table(area=ita_suomi, dimension=Dimension.SERVICE_TYPES)
    assert table.columns[0].code == "information"
    assert _rows(table)[MIKKELI].total.in_person == 2


def test_a_fixed_number_of_queries_whatever_the_data(ita_suomi, regional_services, nationwide_remote):
    with CaptureQueriesContext(connection) as few:
        coverage_table()
    for index in range(20):
        service = _service(["adults", "jobseekers"], nationwide=index % 2 == 0)
        ServiceLocationFactory(service=service, municipality=municipality(KUOPIO))
    with CaptureQueriesContext(connection) as many:
        coverage_table()
    # the version check, the count (with its savepoint and work_mem), the municipalities and the columns
    assert len(few) == len(many) <= 7


def test_area_summary_counts_municipalities_by_level(ita_suomi, regional_services, nationwide_remote):
    summary = coverage_table(area=ita_suomi).summary()
    assert summary.municipalities == 43
    assert summary.counts[Level.IN_PERSON] == 1
    assert summary.counts[Level.ELSEWHERE] == 10  # the rest of Etelä-Savo's 11 municipalities
    assert summary.counts[Level.REMOTE_ONLY] == 32
