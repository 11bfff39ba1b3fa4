"""A page runs the same small number of SQL queries whether it shows 5 results or 30."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from cooperation.demo import load_demo_cooperation
from cooperation.models import GroupMember, GroupTask, Measure, Practice, RegionalGroup
from regions.models import EmploymentArea, Municipality, Region, VitalityCentre
from services.models import NationalGoal, ServiceType, TargetGroup
from services.search import documents
from tests.factories import (
    ElectronicChannelFactory,
    OpeningHoursFactory,
    PhoneChannelFactory,
    ServiceFactory,
    ServiceLocationFactory,
    municipality,
)

pytestmark = pytest.mark.django_db

MAX_QUERIES = 8


def make_services(count: int) -> list:
    services = []
    for n in range(count):
        service = ServiceFactory(name_fi=f"Uraohjaus {n}")
        ServiceLocationFactory(service=service)
        services.append(service)
    documents.refresh()
    return services


@pytest.mark.parametrize("count", [5, 30])
@pytest.mark.parametrize(
    "url",
    [
        "/fi/search/?q=uraohjaus",
        "/fi/search/?q=uraohjaus+Jyv%C3%A4skyl%C3%A4ss%C3%A4&municipality=179&channel=in_person&target_group=adults",
        "/fi/search/",
        "/fi/search/?q=zzzz&area=06",
        "/api/v1/services/?q=uraohjaus",
        "/fi/goals/",
    ],
)
def test_pages_run_a_fixed_number_of_queries(client, django_assert_max_num_queries, count: int, url: str) -> None:
    make_services(count)
    client.get("/fi/search/?q=other")  # the first search after a change builds the facet bitsets for every process
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 30])
def test_the_detail_page_and_its_api_run_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count: int
) -> None:
    service = make_services(count)[0]
    with django_assert_max_num_queries(14):
        assert client.get(f"/fi/services/{service.pk}/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(f"/api/v1/services/{service.pk}/").status_code == 200


def test_nearest_first_and_its_map_run_the_same_queries_for_5_and_35_services(client) -> None:
    """The search (as on the search page), the municipality list, the locations and the remote channels; the map is
    drawn from what the ordering already read (issue 17)."""
    counts = []
    for count in (5, 30):
        make_services(count)
        client.get("/fi/near/?q=uraohjaus&near=179")  # the first search after a change builds the facet bitsets
        with CaptureQueriesContext(connection) as captured:
            page = client.get("/fi/near/?q=uraohjaus&near=179").content.decode()
        assert 'class="location-map"' in page
        counts.append(len(captured))
    assert counts[0] == counts[1] <= MAX_QUERIES


def add_detail_rows(service, extra: int) -> None:
    """Several of everything the detail page lists: vocabularies, areas, locations with hours, phones, channels."""
    service.service_types.set(ServiceType.objects.all()[:extra])
    service.target_groups.set(TargetGroup.objects.all()[:extra])
    service.national_goals.set(NationalGoal.objects.all()[:extra])
    service.vitality_centres.set(VitalityCentre.objects.all()[:extra])
    service.regions.set(Region.objects.all()[:extra])
    service.employment_areas.set(EmploymentArea.objects.all()[:extra])
    service.municipalities.set(Municipality.objects.all()[:extra])
    for n in range(extra):
        location = ServiceLocationFactory(service=service, name_fi=f"Toimipiste {n}", municipality=municipality("179"))
        for weekday in (1, 3, 5):
            OpeningHoursFactory(location=location, weekday=weekday, opens=datetime.time(8 + n % 3, 15))
        PhoneChannelFactory(service=service, number=f"+358 40 100 {n:04d}")
        ElectronicChannelFactory(service=service, name_fi=f"Chat {n}", url_fi=f"https://example.org/chat/{n}/")


@pytest.mark.parametrize("extra", [0, 5])
def test_the_detail_page_runs_at_most_three_queries(client, django_assert_max_num_queries, extra: int) -> None:
    service = ServiceFactory(name_fi="Uraohjaus Jyväskylässä")
    add_detail_rows(service, extra)
    with django_assert_max_num_queries(3):
        response = client.get(f"/fi/services/{service.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Uraohjaus Jyväskylässä" in page
    assert page.count('<div class="card">') == extra
    assert page.count('href="tel:') == extra
    assert page.count('href="https://example.org/chat/') == extra
    assert page.count('<th scope="row">') == 3 * extra
    if extra:
        assert "Toimipiste 4" in page and "+358 40 100 0004" in page and "08.15–16.00" in page
    else:
        with translation.override("fi"):
            assert translation.gettext("Contact the provider for how to use this service.") in page


def test_the_area_page_runs_the_same_queries_for_5_and_25_services(client) -> None:
    """The area page also shows the regional cooperation's sections (cooperation app): the area with its
    regions, municipalities and replaced ELY areas (1), the service search (2–3), the coverage (1) and the
    groups, measures, practices and published assessments (1) — within the 8 of any page, whatever the number
    of services."""
    counts = []
    for count in (5, 25):
        make_services(count)
        client.get("/fi/areas/08/")  # the first request after a change rebuilds the search's shared facet bitsets
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/fi/areas/08/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 8


@pytest.mark.parametrize("count", [5, 25])
def test_coverage_and_practice_pages_run_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count: int
) -> None:
    make_services(count)
    for url in ("/fi/coverage/", "/fi/coverage/08/", "/fi/coverage/download.csv"):
        with django_assert_max_num_queries(MAX_QUERIES):
            assert client.get(url).status_code == 200
    practice = Practice.objects.create(title_fi="Toimintatapa", summary_fi="Lyhyesti.", status="published")
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(f"/fi/practices/{practice.pk}/").status_code == 200


def add_cooperation(extra: int) -> RegionalGroup:
    """The demo's cooperation, with ``extra`` more tasks, members, measures and practices for the group that
    publishes its assessment: a page must not read them row by row."""
    load_demo_cooperation()
    group = RegionalGroup.objects.filter(publish_latest_assessment=True, assessments__isnull=False).first()
    area = VitalityCentre.objects.get(code="06")
    for n in range(extra):
        GroupTask.objects.create(group=group, order=100 + n, text_fi=f"Tehtävä {n}")
        GroupMember.objects.create(group=group, order=100 + n, name_fi=f"Jäsen {n}")
        Measure.objects.create(
            code=f"X-{n}",
            title_fi=f"Toimenpide {n}",
            level="regional",
            vitality_centre=group.vitality_centre,
            group=group,
        )
        practice = Practice.objects.create(title_fi=f"Käytäntö {n}", summary_fi="Lyhyesti.", status="published")
        practice.vitality_centres.set([area])
    return group


@pytest.mark.parametrize("extra", [0, 25])
def test_the_group_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, extra: int) -> None:
    group = add_cooperation(extra)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(f"/fi/groups/{group.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<table>" in html  # the published self-assessment
    if extra:
        assert "Tehtävä 24" in html and "Jäsen 24" in html and "Toimenpide 24" in html


@pytest.mark.parametrize("extra", [0, 25])
@pytest.mark.parametrize(
    "url",
    [
        "/fi/practices/",
        "/fi/practices/?q=ohjaus",
        "/fi/practices/?area=06&goal=1",
        "/fi/practices/?page=2",
        "/fi/practices/?page=50",
    ],
)
def test_the_practice_list_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, extra: int, url: str
) -> None:
    add_cooperation(extra)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize(("url", "most"), [("/fi/search/?q=uraohjaus", 4), ("/fi/search/", 3), ("/fi/areas/06/", None)])
def test_a_search_page_reads_its_results_in_one_query(client, url: str, most: int | None) -> None:
    """Names, providers, target groups and municipalities of the 20 results come in one query, not one per
    relation: the vocabulary, the known words, the match and the results make the whole search."""
    make_services(30)
    client.get(url)  # the first request of a process also builds the shared facet index
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    result_queries = [q["sql"] for q in captured if '"services_service"."id" IN' in q["sql"]]
    assert len(result_queries) == 1
    assert "Uraohjaus 1" in response.content.decode()
    if most is not None:
        assert len(captured) <= most
