"""The in-memory postings (services.search.text_index) find exactly what PostgreSQL's own match finds."""

from __future__ import annotations

import numpy as np
import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from services.models import SearchSynonym, Service
from services.search import SearchFilters, SearchQuery, Sort, documents, facet_index, search, text_index, tsquery
from services.search import engine as search_module
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
    documents.refresh()
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
        ("Mikkeli", "fi"),
        ("Åbo", "sv"),
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


@pytest.mark.parametrize("text", ["Mikkeli", "ohjaamo Mikkelissä", "Etelä-Savo"])
def test_a_place_ranks_as_postgresql_ranks_it(
    directory: dict[str, Service], monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    """Services in the place first, then those serving it, and the nationwide ones (named to come first by name, so
    that a wrong place bonus shows in the order)."""
    mikkeli = municipality("491")
    served = ServiceFactory(name_fi="Ohjaamo etänä", summary_fi="Palvelee Mikkeliä.")
    served.municipalities.set([mikkeli])
    regional = ServiceFactory(name_fi="Ohjaamo maakunnassa", summary_fi="Koko maakunnalle.")
    regional.regions.set([mikkeli.region])
    nationwide = ServiceFactory(name_fi="Ohjaamo kaikille verkossa", summary_fi="Koko maalle.", nationwide=True)
    documents.refresh()

    from_postings, from_postgres, total, expected_total = _both_ways(SearchQuery(text=text), monkeypatch)
    assert total == expected_total > 0
    assert from_postings == from_postgres
    if text == "Mikkeli":  # a service area naming Mikkeli counts as being there; the region's services serve it
        assert set(from_postings[:3]) == {directory["nuoret"].pk, directory["ohjaamo"].pk, served.pk}
        assert from_postings[3:] == [regional.pk, nationwide.pk]


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


def _flat(node: tsquery.Node | None) -> object:
    """A tree with runs of one operator gathered and sorted: ``'a' & ('b' & 'c')`` is ``('a' & 'b') & 'c'``."""
    if node is None or isinstance(node, tsquery.Lexeme):
        return node
    if isinstance(node, tsquery.Not):
        return ("!", _flat(node.operand))
    gathered: list[object] = []
    for side in (_flat(node.left), _flat(node.right)):
        same = isinstance(side, tuple) and side[0] == type(node).__name__
        gathered.extend(side[1] if same else [side])
    return (type(node).__name__, tuple(sorted(gathered, key=repr)))


@pytest.mark.parametrize(
    "text",
    [
        "'ohjaus' & 'ja' & 'neuvonta'",  # a Finnish stop word between two words
        "('och' | 'arbete') & !'the'",  # a stop word in an alternative, and an excluded one
        "('ja' | 'och') & 'uraohjaus'",  # an alternative of stop words only
        "'the' & 'and'",  # nothing left
        "'ammatinvalinta-' & ('te' & 'asiat')",  # a word as the texts write it, and a hyphenated one's parts
        "'16' & 'åring' | 'career' & 'guidance' & !('for' | 'adults')",
        "!'ohjaamo'",
    ],
)
@pytest.mark.parametrize("config", ["finnish", "swedish", "english"])
def test_words_are_read_as_to_tsquery_reads_them(text: str, config: str) -> None:
    """The match in memory reads each word as its lexeme in the language's configuration, and leaves out stop
    words as PostgreSQL's to_tsquery does."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w, ARRAY(SELECT lexeme FROM unnest(to_tsvector(%s::regconfig, w)))"
            " FROM unnest(regexp_split_to_array(%s, '[^[:alnum:]åäö-]+')) AS w WHERE w <> ''",
            [config, text.replace("'", " ")],
        )
        lexemes = dict(cursor.fetchall())
    assert _flat(tsquery.normalised(tsquery.parse(text), lexemes)) == _flat(_query(text, config))


def test_a_word_without_a_known_lexeme_is_left_to_postgresql() -> None:
    with pytest.raises(tsquery.Unsupported):
        tsquery.normalised(tsquery.parse("'ohjaus' & 'neuvonta'"), {"ohjaus": ["ohjaus"]})


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("uraohjausta", "fi"),  # an inflected compound: Voikko's base form and parts
        ("opinto-ohjaus lukiossa", "fi"),
        ("flyktingar", "sv"),  # a synonym reached by its stem: its words were not looked up
        ("career guidance for adults", "en"),
    ],
)
def test_plain_words_are_matched_in_memory(
    directory: dict[str, Service], monkeypatch: pytest.MonkeyPatch, text: str, language: str
) -> None:
    """Without a quoted phrase, the words are matched by the postings with their lexemes known from the look-up
    (no statement matches them in PostgreSQL), and find what PostgreSQL's own match finds."""
    SearchSynonym.objects.update_or_create(
        language="sv", term="flykting", defaults={"equivalents": "maahanmuuttajille"}
    )
    query = SearchQuery(text=text, language=language, sort=Sort.NAME, page_size=50)
    with CaptureQueriesContext(connection) as statements:
        total = search(query).total
    assert total > 0
    assert not [s["sql"] for s in statements if "cand AS MATERIALIZED" in s["sql"]]  # engine._run's own match
    from_postings, from_postgres, total, expected_total = _both_ways(query, monkeypatch)
    assert (from_postings, total) == (from_postgres, expected_total)


def test_a_hyphenated_word_whose_part_the_configuration_ignores_is_matched_whole(
    directory: dict[str, Service], monkeypatch: pytest.MonkeyPatch, settings
) -> None:
    """The Finnish configuration ignores "te" (you): "TE-toimisto" is the whole word, not "toimisto" (any office),
    matched in memory as PostgreSQL matches it."""
    settings.SEARCH_WITHOUT = ("semantic",)  # the words alone
    employment = ServiceFactory(name_fi="Entinen TE-toimisto", summary_fi="Työnhakijoiden neuvonta.")
    ServiceFactory(name_fi="Oikeusaputoimisto", summary_fi="Oikeusapua toimistossa.")
    documents.refresh()
    query = SearchQuery(text="TE-toimisto", language="fi", sort=Sort.NAME, page_size=50)
    with CaptureQueriesContext(connection) as statements:
        assert [service.pk for service in search(query).services] == [employment.pk]
    assert not [s["sql"] for s in statements if "cand AS MATERIALIZED" in s["sql"]]  # engine._run's own match
    from_postings, from_postgres, total, expected_total = _both_ways(query, monkeypatch)
    assert (from_postings, total) == (from_postgres, expected_total)


def _query(text: str, config: str) -> tsquery.Node | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsquery(%s::regconfig, %s)::text", [config, text])
        return tsquery.parse(cursor.fetchone()[0])


def test_following_the_change_log_gives_what_a_new_build_gives(directory: dict[str, Service]) -> None:
    """Edits, unpublishing, deletion and new services, applied from the log, leave the postings, the name order
    and the facet bitsets exactly as building them anew would."""
    words_before = text_index.build()
    facets_before = facet_index.build()

    renamed = directory["opinto"]
    renamed.name_fi = "Kotoutumisen tuki"
    renamed.name_sv = "Stöd för integration"
    renamed.save()
    next_to_it = directory["ura"]  # two changed services next to each other in the name order
    next_to_it.name_fi = "Kotoutumisen neuvonta"
    next_to_it.save()
    Service.objects.filter(pk=directory["nuoret"].pk).update(status=Service.Status.DRAFT)
    directory["ohjaamo2"].delete()
    added = ServiceFactory(name_fi="Uraohjaus verkossa", summary_fi="Ohjausta verkossa.", name_sv="Vägledning")
    ServiceLocationFactory(service=added, municipality=municipality("091"))
    documents.refresh([renamed.pk, next_to_it.pk, added.pk])

    updated = text_index._updated(words_before)
    fresh = text_index.build()
    assert updated is not None and updated.changed >= {renamed.pk, added.pk}
    for text, language, config in [
        ("ohjaus", "fi", "finnish"),
        ("uraohjaus", "fi", "finnish"),
        ("kotoutumisen", "fi", "finnish"),
        ("opinto & ohjaus", "fi", "finnish"),
        ("!ohjaamo", "fi", "finnish"),
        ("integration", "sv", "swedish"),
        ("vägledning", "sv", "swedish"),
    ]:
        query = _query(text, config)
        for names in (False, True):
            got = np.flatnonzero(updated.match(query, language, names=names))
            expected = np.flatnonzero(fresh.match(query, language, names=names))
            assert got.tolist() == expected.tolist(), (text, names)
        weights = updated.name_weight(query, language)[: fresh.size]
        assert np.allclose(weights, fresh.name_weight(query, language)[: updated.size]), text
        everything = updated.published[: fresh.size]
        assert (
            updated.in_name_order(updated.published, language).tolist()
            == fresh.in_name_order(everything, language).tolist()
        )

    followed = facet_index._updated(facets_before)
    rebuilt = facet_index.build()
    assert followed is not None
    assert {key: bits for key, bits in followed.values.items() if bits} == rebuilt.values


def test_a_change_rolled_back_leaves_no_trace_in_the_search(directory: dict[str, Service]) -> None:
    """What a search saw inside a transaction that was then rolled back is not kept."""

    class RolledBack(Exception):
        pass

    with pytest.raises(RolledBack), transaction.atomic():
        ServiceFactory(name_fi="Palkkatukineuvonta", summary_fi="Palkkatuesta.")
        assert search(SearchQuery(text="palkkatukineuvonta")).total == 1
        raise RolledBack
    assert search(SearchQuery(text="palkkatukineuvonta")).total == 0
    assert search(SearchQuery(text="ohjaamo")).total == 2
