"""The catalogue's filters cost the same however many values they are given (issue 13, finding 1).

Each value used to add a join to the query (``?goal=1&goal=1&…``): seven repeats took seconds, eleven hit the
worker timeout. Now a filter's values are kept once each and all of them make ONE condition, so the SQL of a
request with a value repeated five times, or with five goals, two areas and a target group, has exactly as many
joins as with one value of each. Counted in the SQL and in PostgreSQL's plan, never timed.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cooperation.models import Practice
from cooperation.practice_search import PracticeFilters, PracticeQuery, search_practices
from regions.models import VitalityCentre
from services.models import NationalGoal, TargetGroup

pytestmark = pytest.mark.django_db


def _practice(title: str, goals: list[int], areas: list[str], groups: list[str]) -> Practice:
    practice = Practice.objects.create(title_fi=title, summary_fi="Lyhyesti.", status="published")
    practice.national_goals.set(NationalGoal.objects.filter(number__in=goals))
    practice.vitality_centres.set(VitalityCentre.objects.filter(code__in=areas))
    practice.target_groups.set(TargetGroup.objects.filter(code__in=groups))
    return practice


@pytest.fixture
def practices() -> dict[str, Practice]:
    group_codes = list(TargetGroup.objects.values_list("code", flat=True)[:2])
    return {
        "all": _practice("Kaikki", [1, 2, 3, 4, 5], ["06", "02"], group_codes),
        "some": _practice("Osa", [1, 2], ["06"], group_codes[:1]),
        "none": _practice("Ei mitään", [], [], []),
    }


def _shape(url: str, client) -> tuple[int, int, str]:
    """(queries, joins, the page's status) of one request: what grows if a value adds a join."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    joins = sum(len(re.findall(r"\bJOIN\b", query["sql"])) for query in captured.captured_queries)
    return len(captured.captured_queries), joins, response.status_code


def _table_scans(filters: PracticeFilters) -> int:
    """How many times PostgreSQL's plan of the catalogue's result query for these filters reads a table (a join
    per value would read the link table once more per value; scan methods may change, the count may not)."""
    with CaptureQueriesContext(connection) as captured:
        search_practices(PracticeQuery(filters=filters), detail=False)
    result_sql = next(query["sql"] for query in captured.captured_queries if "total_matches" in query["sql"])
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + result_sql)
        plan = cursor.fetchone()[0]

    def count(node: dict) -> int:
        return ("Relation Name" in node) + sum(count(child) for child in node.get("Plans", []))

    return count(plan[0]["Plan"])


@pytest.mark.parametrize("base", ["/fi/practices/", "/api/v1/practices/"])
def test_repeating_a_value_does_not_grow_the_queries(client, practices, base: str) -> None:
    client.get(base)  # the first request may warm caches
    once = _shape(f"{base}?goal=1&area=06", client)
    repeated = _shape(f"{base}?" + "&".join(["goal=1"] * 5 + ["area=06"] * 3), client)
    assert once[2] == repeated[2] == 200
    assert repeated[:2] == once[:2]


@pytest.mark.parametrize("base", ["/fi/practices/", "/api/v1/practices/"])
def test_many_distinct_values_cost_as_much_as_one_of_each(client, practices, base: str) -> None:
    group = TargetGroup.objects.values_list("code", flat=True)[0]
    client.get(base)
    one_of_each = _shape(f"{base}?goal=1&area=06&target_group={group}", client)
    many = _shape(f"{base}?goal=1&goal=2&goal=3&goal=4&goal=5&area=06&area=02&target_group={group}", client)
    assert one_of_each[2] == many[2] == 200
    assert many[:2] == one_of_each[:2]


def test_the_plan_does_not_grow_with_repeated_or_many_values(practices) -> None:
    group = TargetGroup.objects.values_list("code", flat=True)[0]
    one = _table_scans(PracticeFilters(goals=(1,), areas=("06",), target_groups=(group,)))
    repeated = _table_scans(PracticeFilters(goals=(1,) * 5, areas=("06",) * 3, target_groups=(group,) * 2))
    two = _table_scans(PracticeFilters(goals=(1, 2), areas=("06", "02"), target_groups=(group,)))
    many = _table_scans(PracticeFilters(goals=(1, 2, 3, 4, 5, 6), areas=("06", "02", "01"), target_groups=(group,)))
    assert repeated == one
    assert many == two == one


def test_repeated_values_are_kept_once() -> None:
    filters = PracticeFilters(goals=(1, 1, 2, 1), areas=("06", "06"), phases=("ongoing", "ongoing"))
    assert filters.goals == (1, 2)
    assert filters.areas == ("06",)
    assert filters.phases == ("ongoing",)


def test_several_values_of_a_filter_all_have_to_match(practices) -> None:
    def titles(**filters: object) -> list[str]:
        result = search_practices(PracticeQuery(filters=PracticeFilters(**filters)), detail=False)
        return [practice.title_fi for practice in result.practices]

    assert titles(goals=(1, 2)) == ["Kaikki", "Osa"]
    assert titles(goals=(1, 2, 3, 4, 5)) == ["Kaikki"]
    assert titles(goals=(1, 1, 1, 2, 2)) == ["Kaikki", "Osa"]
    assert titles(goals=(1, 2), areas=("06", "02")) == ["Kaikki"]
    assert titles(goals=(1,), areas=("06",), phases=("ongoing", "ended")) == ["Kaikki", "Osa"]


def test_the_facets_still_count_as_if_their_own_choice_were_not_made(practices) -> None:
    result = search_practices(PracticeQuery(filters=PracticeFilters(goals=(1, 2, 3))), detail=False)
    assert result.total == 1
    goal_counts = {value.code: value.count for value in result.facets["goal"]}
    assert goal_counts["1"] == 2 and goal_counts["3"] == 1  # goals counted without the goal choice
    area_counts = {value.code: value.count for value in result.facets["area"]}
    assert area_counts["06"] == 1 and area_counts["02"] == 1  # other facets counted within it


def test_the_forty_value_cap_counts_distinct_values(client, practices) -> None:
    repeated = "&".join(["goal=1"] * 45)
    assert client.get(f"/fi/practices/?{repeated}").status_code == 200
    assert client.get(f"/api/v1/practices/?{repeated}").status_code == 200
