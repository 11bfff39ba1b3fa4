"""Coverage of services per municipality, on a small constructed case: Mikkeli served in person, Pieksämäki
only from elsewhere (a service for the whole Etelä-Savo region, located in Mikkeli), Kuopio only by a
nationwide remote service, and, where no nationwide service exists, nothing at all."""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cooperation.coverage import Dimension, Level, coverage_table
from regions.models import EmploymentArea, Municipality, Region, VitalityCentre
from services.models import Service, ServiceType, TargetGroup
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
    # the municipalities, and the columns with the count
    assert len(few) == len(many) <= 2


def test_area_summary_counts_municipalities_by_level(ita_suomi, regional_services, nationwide_remote):
    summary = coverage_table(area=ita_suomi).summary()
    assert summary.municipalities == 43
    assert summary.counts[Level.IN_PERSON] == 1
    assert summary.counts[Level.ELSEWHERE] == 10  # the rest of Etelä-Savo's 11 municipalities
    assert summary.counts[Level.REMOTE_ONLY] == 32


def _reference(area: VitalityCentre | None, dimension: Dimension) -> dict[str, list]:
    """The coverage counted the plain way, service by service and municipality by municipality, in Python."""
    municipalities = Municipality.objects.select_related("region")
    if area is not None:
        municipalities = municipalities.filter(region__vitality_centre=area)
    columns = list(dimension.vocabulary.objects.values_list("pk", flat=True))
    services = Service.objects.published().prefetch_related(
        "locations", "municipalities", "regions", "vitality_centres", "employment_areas", dimension.value
    )
    facts = []
    for service in services:
        remote = service.phones.exists() or service.electronic_channels.exists()
        facts.append(
            (
                service,
                {location.municipality_id for location in service.locations.all()},
                {m.pk for m in service.municipalities.all()},
                {r.pk for r in service.regions.all()},
                {c.pk for c in service.vitality_centres.all()},
                {e.pk for e in service.employment_areas.all()},
                remote,
                {column.pk for column in getattr(service, dimension.value).all()},
            )
        )
    expected = {}
    for place in municipalities:
        cells = {column: [0, 0, 0] for column in [None, *columns]}
        languages = [0, 0, 0]
        for service, located, listed, regions, centres, employment, remote, in_columns in facts:
            if place.pk in located:
                kind = 0
            elif (
                place.pk in listed
                or place.region_id in regions
                or place.region.vitality_centre_id in centres
                or place.employment_area_id in employment
                or (service.nationwide and not remote)
            ):
                kind = 1
            elif service.nationwide:
                kind = 2
            else:
                continue
            for column in [None, *in_columns]:
                cells[column][kind] += 1
            offered = set(service.languages)
            languages[0] += "sv" in offered
            languages[1] += "en" in offered
            languages[2] += bool(offered - {"fi", "sv", "en"})
        expected[place.code] = [cells[None], *(cells[column] for column in columns), languages]
    return expected


def _counted(table) -> dict[str, list]:
    return {
        row.municipality.code: [
            *([cell.in_person, cell.elsewhere, cell.remote] for cell in row.all_cells),
            [row.languages.swedish, row.languages.english, row.languages.other],
        ]
        for row in table.rows
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_count_matches_a_plain_count_on_a_random_directory(seed):
    """Random services with every combination the count treats apart: several listed areas that overlap,
    nationwide services with and without remote channels, with locations and listed areas, several locations
    in one municipality, drafts, and languages."""
    rng = random.Random(seed)
    area = VitalityCentre.objects.get(code="06")
    municipalities = list(Municipality.objects.filter(region__vitality_centre=area)) + list(
        Municipality.objects.order_by("?")[:10]
    )
    regions = list(Region.objects.all())
    centres = list(VitalityCentre.objects.all())
    employment_areas = list(EmploymentArea.objects.all())
    target_groups = list(TargetGroup.objects.all())
    service_types = list(ServiceType.objects.all())
    for _ in range(60):
        service = ServiceFactory(
            nationwide=rng.random() < 0.2,
            status=Service.Status.DRAFT if rng.random() < 0.1 else Service.Status.PUBLISHED,
            languages=rng.sample(["fi", "sv", "en", "ar", "so"], rng.randint(0, 3)),
        )
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            ServiceLocationFactory(service=service, municipality=rng.choice(municipalities))
        service.municipalities.set(rng.sample(municipalities, rng.choice([0, 0, 1, 1, 2, 3])))
        service.regions.set(rng.sample(regions, rng.choice([0, 0, 0, 1, 2])))
        service.vitality_centres.set(rng.sample(centres, rng.choice([0, 0, 0, 1, 2])))
        service.employment_areas.set(rng.sample(employment_areas, rng.choice([0, 0, 0, 1])))
        service.target_groups.set(rng.sample(target_groups, rng.randint(0, 3)))
        service.service_types.set(rng.sample(service_types, rng.randint(0, 2)))
        if rng.random() < 0.4:
            PhoneChannelFactory(service=service)
        if rng.random() < 0.4:
            ElectronicChannelFactory(service=service)
    for dimension in Dimension:
        for within in (area, None):
            assert _counted(coverage_table(area=within, dimension=dimension)) == _reference(within, dimension)
