"""Public pages of regional cooperation: the area page shows its groups, strategy, coverage and a published
assessment; the group page; the catalogue finds practices by an inflected Finnish query and filters by facets;
the goals page shows the measures' status; every page answers in fi, sv and en, and bad input gets a 4xx."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cooperation.demo import load_demo_cooperation
from cooperation.models import (
    DimensionRating,
    GroupMember,
    GroupTask,
    MaturityAssessment,
    MaturityDimension,
    MaturityStage,
    Measure,
    Practice,
    RegionalGroup,
    RegionalStrategy,
    StrategicGoal,
)
from regions.models import VitalityCentre
from services.models import NationalGoal
from services.search import documents
from tests.factories import ProviderFactory, ServiceFactory, ServiceLocationFactory

pytestmark = pytest.mark.django_db
LANGUAGES = ["fi", "sv", "en"]


@pytest.fixture
def demo() -> RegionalGroup:
    load_demo_cooperation()
    return RegionalGroup.objects.get(name_fi="Etelä-Savon ELO-ohjausryhmä")


def _pages(group: RegionalGroup) -> list[str]:
    practice = Practice.objects.published().first()
    return [
        f"/{{lang}}/groups/{group.pk}/",
        "/{lang}/practices/",
        f"/{{lang}}/practices/{practice.pk}/",
        "/{lang}/coverage/",
        "/{lang}/coverage/06/",
        "/{lang}/areas/06/",
        "/{lang}/goals/",
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_cooperation_page_answers_in_every_language(client, demo, lang):
    for page in _pages(demo):
        response = client.get(page.format(lang=lang))
        assert response.status_code == 200, page
        html = response.content.decode()
        assert f'<html lang="{lang}">' in html
        assert html.count("<h1") == 1, page


def test_area_page_shows_groups_strategy_goals_coverage_and_published_assessment(client, demo):
    html = client.get("/en/areas/06/").content.decode()
    assert "South Savo lifelong guidance steering group" in html
    assert "South Savo strategy for lifelong learning, guidance and the youth guarantee 2017–2022" in html
    for goal in ["Shared arrangements", "Participation", "Encouraging learning", "Smoothly into work"]:
        assert goal in html
    assert "Coverage of services" in html and "<svg" in html and "Mikkeli" in html
    assert "Maturity self-assessment of South Savo lifelong guidance steering group, 2025" in html
    assert "ITA-ES-1" in html  # a regional measure with its status


def test_group_page_lists_tasks_and_shows_assessment_only_when_published(client, demo):
    html = client.get(f"/fi/groups/{demo.pk}/").content.decode()
    assert html.count("<li>Ohjata") >= 4
    assert "Maturity self-assessment" in html or "itsearvio" in html.lower()
    demo.publish_latest_assessment = False
    demo.save()
    html = client.get(f"/en/groups/{demo.pk}/").content.decode()
    assert "Maturity self-assessment of" not in html


def _grow_group(group: RegionalGroup, first: int, extra: int) -> None:
    """``extra`` more strategies with goals, members (one in the directory) and newer assessments for ``group``."""
    dimension, stage = MaturityDimension.objects.first(), MaturityStage.objects.first()
    for n in range(first, first + extra):
        strategy = RegionalStrategy.objects.create(
            group=group, name_fi=f"Strategia {n}", first_year=2030, last_year=2031
        )
        goal = StrategicGoal.objects.create(strategy=strategy, title_fi=f"Tavoite {n}")
        goal.national_goals.set(NationalGoal.objects.all()[:2])
        GroupMember.objects.create(
            group=group, order=100 + n, provider=ProviderFactory(name_fi=f"Jäsenorganisaatio {n}")
        )
        assessment = MaturityAssessment.objects.create(group=group, year=2030 + n, summary_fi=f"Arvio {n}")
        DimensionRating.objects.create(
            assessment=assessment, dimension=dimension, stage=stage, evidence_fi=f"Näyttö {n}"
        )


def test_the_group_page_reads_the_group_in_one_query(client, demo) -> None:
    """The group with its area, region (here none), tasks, members and their providers, strategies, measures and
    published latest assessment is one query, whatever the number of rows; only the latest assessment shows."""
    demo.region = None
    demo.save()
    counts = []
    for first, extra in ((0, 2), (2, 10)):
        _grow_group(demo, first, extra)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/fi/groups/{demo.pk}/")
        html = response.content.decode()
        last = first + extra - 1
        provider = GroupMember.objects.get(order=100 + last).provider
        assert f'<a href="{provider.get_absolute_url()}">Jäsenorganisaatio {last}</a>' in html
        assert f"Strategia {last}" in html and f"Tavoite {last}" in html and f"Näyttö {last}" in html
        assert f"Näyttö {last - 1}" not in html  # an earlier year's assessment
        assert "<dd>Itä-Suomen elinvoimakeskus</dd>" in html  # the area, without a region
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 2


def test_catalogue_finds_a_practice_by_an_inflected_finnish_query(client, demo):
    response = client.get("/fi/practices/", {"q": "ohjaamoissa"})
    titles = [p.title_fi for p in response.context["result"].practices]
    assert "Ohjaamojen yhteinen toimintamalli Etelä-Savossa" in titles


def test_catalogue_search_finds_a_compound_part(client, demo):
    response = client.get("/fi/practices/", {"q": "vertaisfoorumi"})
    assert "Nuorisotakuun vertaisfoorumit" in [p.title_fi for p in response.context["result"].practices]


def test_catalogue_facets_filter_and_count(client, demo):
    result = client.get("/fi/practices/", {"area": "08"}).context["result"]
    assert result.total == 3
    area_counts = {value.code: value.count for value in result.facets["area"]}
    assert area_counts["06"] >= 5  # counted as if the area filter were not chosen
    result = client.get("/fi/practices/", {"area": "08", "phase": "planned"}).context["result"]
    assert result.total == 1


def test_drafts_are_not_in_the_catalogue(client, demo):
    practice = Practice.objects.get(external_id="demo-practice-01")
    practice.status = Practice.Status.DRAFT
    practice.save()
    assert client.get(f"/fi/practices/{practice.pk}/").status_code == 404
    assert practice not in client.get("/fi/practices/").context["result"].practices


def test_goals_page_shows_national_measures_with_their_latest_status(client, demo):
    html = client.get("/en/goals/").content.decode()
    assert "ELO-2021-04" in html
    assert "Strengthening the regional lifelong guidance networks with the ELY Centres" in html
    assert "progressing" in html


@pytest.mark.parametrize(
    "url",
    [
        "/fi/practices/?area=99",
        "/fi/practices/?goal=7",
        "/fi/practices/?goal=x",
        "/fi/practices/?phase=nonsense",
        "/fi/practices/?page=0",
        "/fi/practices/?page=99999999999999999999",
        "/fi/practices/?q=a&q=b",
        "/fi/coverage/?by=regions",
        "/fi/coverage/?focus=nobody",
        "/fi/coverage/download.csv?by=x",
        "/fi/practices/?q=%00",
    ],
)
def test_bad_parameters_get_a_4xx(client, demo, url):
    assert 400 <= client.get(url).status_code < 500


def test_long_query_and_unknown_ids_do_not_fail(client, demo):
    assert client.get("/fi/practices/", {"q": "ohjaus " * 1500}).status_code in (200, 400)
    assert client.get("/fi/groups/999999999/").status_code == 404
    assert client.get("/fi/practices/99999999999999999999999/").status_code == 404
    assert client.get("/fi/coverage/00/").status_code == 404
    assert client.post("/fi/practices/").status_code == 405


def test_coverage_csv_download(client, demo):
    response = client.get("/en/coverage/06/download.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("municipality code,municipality,region")
    assert "491,Mikkeli" in text


def test_api_lists_and_shows_practices_like_the_catalogue(client, demo):
    body = client.get("/api/v1/practices/", {"q": "ohjaamoissa", "lang": "en"}).json()
    assert body["count"] >= 1
    first = body["results"][0]
    assert first["title"]["lang"] == "en" and first["demo"] is True
    detail = client.get(f"/api/v1/practices/{first['id']}/", {"lang": "sv"}).json()
    assert detail["title"]["lang"] == "sv" and "links" in detail
    assert client.get("/api/v1/practices/", {"area": "99"}).status_code == 400
    assert client.get("/api/v1/practices/", {"lang": "de"}).status_code == 400
    assert client.get("/api/v1/practices/999999/").status_code == 404
    assert client.post("/api/v1/practices/").status_code == 405


def _more_cooperation(area: VitalityCentre, first: int, extra: int) -> None:
    """``extra`` more of every list the area page shows: tasks, measures, practices, services, and groups each
    with a strategy, strategic goals serving national goals and a published assessment (after an older one)
    whose ratings name practices."""
    group = RegionalGroup.objects.filter(vitality_centre=area).first()
    dimensions, stages = list(MaturityDimension.objects.all()), list(MaturityStage.objects.all())
    for n in range(first, first + extra):
        GroupTask.objects.create(group=group, order=100 + n, text_fi=f"Tehtävä {n}")
        Measure.objects.create(
            code=f"X-{n}", title_fi=f"Toimenpide {n}", level="regional", vitality_centre=area, group=group
        )
        practice = Practice.objects.create(title_fi=f"Käytäntö {n}", summary_fi="Lyhyesti.", status="published")
        practice.vitality_centres.set([area])
        ServiceLocationFactory(service=ServiceFactory(name_fi=f"Uraohjaus Mikkelissä {n}"))
        other = RegionalGroup.objects.create(vitality_centre=area, name_fi=f"Ryhmä {n}", publish_latest_assessment=True)
        strategy = RegionalStrategy.objects.create(
            group=other, name_fi=f"Strategia {n}", first_year=2024, last_year=2027
        )
        for order in range(2):
            goal = StrategicGoal.objects.create(strategy=strategy, order=order, title_fi=f"Tavoite {n}.{order}")
            goal.national_goals.set(NationalGoal.objects.all()[: order + 2])
        MaturityAssessment.objects.create(group=other, year=2024, summary_fi=f"Vanha arvio {n}")
        assessment = MaturityAssessment.objects.create(group=other, year=2025, summary_fi=f"Arvio {n}")
        for dimension in dimensions:
            rating = DimensionRating.objects.create(
                assessment=assessment, dimension=dimension, stage=stages[n % len(stages)], evidence_fi=f"Näyttö {n}"
            )
            rating.practices.set([practice])
    documents.refresh()


def test_the_area_page_reads_cooperation_in_a_fixed_number_of_queries(client, demo) -> None:
    """Itä-Suomi with its groups, strategies, measures, practices, services and published assessments: the page
    runs at most the eight queries of a plain page, and no more with more rows of each list (the area and its
    cooperation are one query each, their lists coming as JSON in the row)."""
    area = VitalityCentre.objects.get(code="06")
    counts = []
    for first, extra in ((0, 3), (3, 20)):
        _more_cooperation(area, first, extra)
        client.get("/fi/areas/06/")  # the first request after a change builds the search's shared state
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/fi/areas/06/")
        assert response.status_code == 200
        html = response.content.decode()
        last = first + extra - 1
        for shown in (f"Toimenpide {last}", f"Ryhmä {last}", f"Strategia {last}", f"Tavoite {last}.1", f"Arvio {last}"):
            assert shown in html
        assert f"Näyttö {last}" in html and f"Vanha arvio {last}" not in html
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 8
