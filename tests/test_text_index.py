"""The in-memory postings (services.text_index) find exactly what PostgreSQL's own match finds."""

from __future__ import annotations

import pytest

from services import search as search_module
from services import search_index, tsquery
from services.models import Service
from services.search import SearchFilters, SearchQuery, Sort, search
from tests.factories import ServiceFactory, ServiceLocationFactory, municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory() -> dict[str, Service]:
    def service(fi: str, sv: str = "", en: str = "", code: str | None = None, **kw) -> Service:
        created = ServiceFactory(
            name_fi=fi, summary_fi="Tietoa palvelusta.", name_sv=sv, summary_sv=sv, name_en=en, **kw
        )
        if code:
            ServiceLocationFactory(service=created, municipality=municipality(code))
        return created

    services = {
        "ura": service("Uraohjaus aikuisille", "Karriärvägledning för vuxna", "Career guidance", "091"),
        "opinto": service("Opinto-ohjaus lukiossa", "Studiehandledning i gymnasiet", code="853"),
        "nuoret": service("Ohjaus ja neuvonta nuorille", "Handledning för unga", code="491"),
        "maahanmuutto": service("Neuvontaa maahanmuuttajille", "Rådgivning för invandrare"),
        "ohjaamo": service("Ohjaamo Mikkeli", "Ohjaamo Sankt Michel", code="491"),
        "ohjaamo2": service("Ohjaamo Turku", "Ohjaamo Åbo", code="853"),
        "draft": service("Uraohjaus luonnos", status=Service.Status.DRAFT),
    }
    search_index.refresh()
    return services


def _both_ways(query: SearchQuery, monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], list[int], int, int]:
    """The services (in name order) and total, from the postings and from PostgreSQL's match."""
    by_postings = search(query)
    with monkeypatch.context() as patch:
        patch.setattr(search_module, "_indexed_match", lambda plan, index: None)
        by_postgres = search(query)
    return (
        [s.pk for s in by_postings.services],
        [s.pk for s in by_postgres.services],
        by_postings.total,
        by_postgres.total,
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("ohjaus", "fi"),
        ("uraohjaus", "fi"),
        ("ohjaus -nuoret", "fi"),
        ("opinto-ohjaus", "fi"),
        ("neuvonta OR ohjaamo", "fi"),
        ("ohjamo", "fi"),
        ("handledning", "sv"),
        ("karriärvägledning", "sv"),
        ("career guidance", "en"),
        ("ja", "fi"),
        ("zzzqqq", "fi"),
    ],
)
def test_the_postings_find_what_postgresql_finds(
    directory: dict[str, Service], monkeypatch: pytest.MonkeyPatch, text: str, language: str
) -> None:
    query = SearchQuery(text=text, language=language, sort=Sort.NAME, page_size=50)
    from_postings, from_postgres, total, expected_total = _both_ways(query, monkeypatch)
    assert total == expected_total
    assert from_postings == from_postgres
    assert directory["draft"].pk not in from_postings


def test_filters_and_facet_counts_agree_with_postgresql(
    directory: dict[str, Service], monkeypatch: pytest.MonkeyPatch
) -> None:
    query = SearchQuery(text="ohjaus", filters=SearchFilters(municipalities=("491",)))
    counts = {(f.parameter, o.value): o.count for f in search(query).facets.facets for o in f.options}
    with monkeypatch.context() as patch:
        patch.setattr(search_module, "_indexed_match", lambda plan, index: None)
        expected = {(f.parameter, o.value): o.count for f in search(query).facets.facets for o in f.options}
    assert counts == expected
    assert counts[("municipality", "491")] == search(query).total > 0


def test_a_quoted_phrase_needs_its_words_in_that_order(directory: dict[str, Service]) -> None:
    """Word order is not in the postings: a phrase is matched by PostgreSQL."""
    found = search(SearchQuery(text='"neuvonta nuorille"')).services
    assert [s.pk for s in found] == [directory["nuoret"].pk]
    assert search(SearchQuery(text='"nuorille neuvonta"')).total == 0


def test_the_place_named_chooses_the_candidates_ranked_in_full(
    directory: dict[str, Service], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even when only one candidate is ranked in full, it is the service in the place the query names."""
    monkeypatch.setattr(search_module, "CANDIDATES", 1)
    result = search(SearchQuery(text="ohjaamo Mikkelissä"))
    assert result.total == 2
    assert [s.pk for s in result.services] == [directory["ohjaamo"].pk, directory["ohjaamo2"].pk]


def test_a_new_word_is_found_right_after_the_edit(directory: dict[str, Service]) -> None:
    assert search(SearchQuery(text="kotoutumiseen")).total == 0
    service = directory["maahanmuutto"]
    service.summary_fi = "Tukea kotoutumiseen."
    service.save()
    assert [s.pk for s in search(SearchQuery(text="kotoutumiseen")).services] == [service.pk]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'a' | 'b' & 'c'", tsquery.Or(tsquery.Lexeme("a"), tsquery.And(tsquery.Lexeme("b"), tsquery.Lexeme("c")))),
        ("!'a' & 'b'", tsquery.And(tsquery.Not(tsquery.Lexeme("a")), tsquery.Lexeme("b"))),
        ("( 'a' | 'b' ) & 'c'", tsquery.And(tsquery.Or(tsquery.Lexeme("a"), tsquery.Lexeme("b")), tsquery.Lexeme("c"))),
        ("'o''brien'", tsquery.Lexeme("o'brien")),
        ("", None),
    ],
)
def test_tsquery_text_is_read_with_postgresql_precedence(text: str, expected: tsquery.Node | None) -> None:
    assert tsquery.parse(text) == expected


@pytest.mark.parametrize("text", ["'a' <-> 'b'", "'a':*", "'a':AB & 'b'", "'a' <2> 'b'", "('a'"])
def test_what_the_postings_cannot_answer_is_refused(text: str) -> None:
    with pytest.raises(tsquery.Unsupported):
        tsquery.parse(text)
