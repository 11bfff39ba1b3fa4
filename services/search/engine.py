"""The one search of the directory: a typed query in; results, facet counts, the total and suggestions out.

The HTML search page, the JSON API and any export call :func:`search`; none of them builds its own query. How a
score is made, and why, is written down in docs/search.md. The work is one to five SQL queries whatever the
number of results: the area and vocabulary names (one), the known words with the lexemes of every word the query
may be written with (one, when there is text), the full scores of the best candidates (one; the matched set comes
from the postings of services.search.text_index and the facet bitsets) and the nearest services by meaning (one),
or for a phrase the match with its page, total and matched set in one statement, and the page's services with
what a result shows (one). What services.search.cache has is not asked again.
"""

from __future__ import annotations

import functools
import itertools
import logging
from collections import ChainMap
from collections.abc import Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
from django.conf import settings
from django.db import connection

from services import selectors
from services.models import Service
from services.search import (
    ages,
    cache,
    embedding,
    facet_index,
    fusion,
    places,
    semantic,
    service_languages,
    spoken,
    terms,
    text_index,
    tsquery,
    vocabularies,
)
from services.search.facets import Facets, build_facets
from services.search.vocabularies import Entry, SearchVocabulary

logger = logging.getLogger(__name__)

PAGE_SIZE = 20
MAX_PAGE = 10_000
LANGUAGES = ("fi", "sv", "en")
CONFIGS = {"fi": "finnish", "sv": "swedish", "en": "english"}
CHANNELS = ("in_person", "phone", "online")
# When the query's nearest are read from each of the services within the filters and the place (_NEIGHBOURS_AMONG)
# rather than from the HNSW index (NEIGHBOURS_WITHIN). Each of the index's two walks reads about NEIGHBOURS × (the
# published services / those within) entries, and an entry of a walk costs about this many times reading one
# service by its key: so the services within are read when count² ≤ ratio × 2 × NEIGHBOURS × published, about
# 2 200 of 10 000 services and 6 900 of 100 000, where the two ways cost the same (docs/performance.md, 7 December
# 2026, sixth session).
READ_ALL_COST_RATIO = 8

# Score parts (docs/search.md explains them).
OTHER_LANGUAGE_FACTOR = 0.7
INTERFACE_LANGUAGE_BONUS = 0.25
EXACT_BONUS = 0.3
PLACE_LOCAL = 1.0
PLACE_SERVED = 0.7
PLACE_REGION = 0.6
PLACE_CENTRE = 0.4
# Given in the language the query asks for ("ohjaus venäjäksi"; services.search.service_languages), beside the
# place's level.
LANGUAGE_LEVEL = 0.6
# The national languages: most services are given in both, so a word asking for one of them ("Swedish-speaking")
# is matched by the texts that say it and not by every service given in it (services.search.service_languages).
NATIONAL = ("fi", "sv")
# For the age the query says (services.search.ages): added for a service for the young when the age is under 30,
# taken off one for the young alone when it is 30 or more.
AGE_LEVEL = 0.3
# The target groups of the young, and the ages each is for (both ends included).
YOUNG_GROUPS = {"young-people": (0, 29), "pupils": (6, 16), "upper-secondary-students": (15, 19)}
# A query naming only a place: how much being about guidance counts beside how well a service serves the place
# (services.search.semantic.guidance; the place levels above differ by 0.1 or more).
GUIDANCE_WEIGHT = 0.5


class Sort(StrEnum):
    RELEVANCE = "relevance"
    NAME = "name"


@dataclass(frozen=True)
class SearchFilters:
    """Filter values by their public codes; all must hold (AND), also several values of one filter."""

    areas: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    service_types: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    free: bool = False

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__)


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    language: str = "fi"
    filters: SearchFilters = field(default_factory=SearchFilters)
    sort: Sort = Sort.RELEVANCE
    page: int = 1
    page_size: int = PAGE_SIZE


@dataclass(frozen=True)
class Suggestion:
    """A way out of an empty or thin result: another query text, or the same query without filters."""

    kind: str  # "correction", "without_quotes", "any_word" or "without_filters"
    text: str
    count: int | None = None


@dataclass
class SearchResult:
    query: SearchQuery
    services: list[Service]
    total: int
    page: int
    page_count: int
    facets: Facets
    places: list[Entry]
    suggestions: list[Suggestion]
    scores: dict[int, float]
    text_searched: bool
    partial: bool = False  # no (or few) services had all the words: these are the closest matches

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.page_count


@dataclass
class _Plan:
    """The SQL pieces of one search."""

    where: list[str] = field(default_factory=list)
    params: dict[str, object] = field(default_factory=dict)
    score: str = "0"  # the full score (docs/search.md), read for the ranked candidates only
    pre: str = "0"  # the pre-ranking that chooses the candidates; reads no document
    place: str = "0"  # how well a service serves the place the query names (PLACE_LOCAL …)
    text: bool = False
    ranked: bool = False  # text or places: ranked; otherwise browsed in name order
    nothing: bool = False  # something was typed, but nothing searchable is left
    place_only: bool = False  # a place without text: ranked by the place and the guidance score (_rank_place)
    negated: list[bool] = field(default_factory=list)  # which clauses exclude (-word), for the fallback
    conditions: list[tuple[str, list[str], bool]] = field(default_factory=list)  # the filters, for the bitsets
    # By language, the query's words → their lexemes, for the match in memory (not part of the cache key: they
    # follow from the words and the directory version, which are).
    lexemes: Mapping[str, Mapping[str, Sequence[str]]] = field(default_factory=dict, repr=False, compare=False)


def search(query: SearchQuery, vocabulary: SearchVocabulary | None = None) -> SearchResult:
    vocabulary = vocabulary or vocabularies.load()
    language = query.language if query.language in LANGUAGES else settings.LANGUAGE_CODE
    text = spoken.standardise(terms.clean(query.text))  # cut first: a long text costs nothing more
    parsed = terms.parse(text)
    embedded = _embed_soon(parsed, text, {} if _off("synonyms") else vocabulary.synonyms)
    asked = parsed if _off("question_words") else terms.without_question_words(parsed)
    place_match, place_terms, language_terms = _places(parsed, asked, vocabulary)
    text_query = terms.without(asked, place_terms)
    synonyms = {} if _off("synonyms") else vocabulary.synonyms
    text_query = terms.join_synonym_words(text_query, synonyms)
    tokens = [service_languages.token(code) for _term, code in language_terms]
    known = terms.look_up(
        terms.words_to_look_up(text_query, synonyms), also=[*terms.compound_parts(text_query), *tokens]
    )
    terms.expand(text_query, known, synonyms)
    for (term, _code), token in zip(language_terms, tokens, strict=True):
        # "venäjäksi" is matched by the services given in Russian too, whatever their text says.
        term.alternatives = [*term.alternatives[: terms.MAX_ALTERNATIVES - 1], token]
    lexemes = {code: ChainMap(known.lexemes[code], vocabulary.lexemes.get(code, {})) for code in LANGUAGES}

    plan = _plan(query.filters, text_query, place_match, language, vocabulary, lexemes, typed=bool(parsed))
    sort = query.sort if plan.ranked else Sort.NAME
    page = min(max(query.page, 1), MAX_PAGE)
    index = facet_index.for_version(vocabulary.version)
    meaning = embedded if plan.text else None  # a place alone is not ranked by meaning

    def run() -> tuple[list[int], dict[int, float], int, int, list[tuple[str, str, int]], bool]:
        ids, scores, total, page_shown, matched, partial = _run(
            plan, language, sort, page, query.page_size, index, meaning
        )
        return ids, scores, total, page_shown, index.counts(matched), partial

    ids, scores, total, page, counts, partial = cache.cached(
        index.version,
        repr((plan, language, sort, page, query.page_size, meaning)),  # every value the statements are made of
        run,
    )
    suggestions: list[Suggestion] = []
    if total == 0 or partial:
        suggestions = _suggestions(query, text_query, any_word=not partial)
        if query.filters:
            unfiltered = _plan(
                SearchFilters(), text_query, place_match, language, vocabulary, lexemes, typed=bool(parsed)
            )
            suggestions.append(Suggestion("without_filters", query.text, _count(unfiltered, index)))
    return SearchResult(
        query=query,
        services=_services(ids),
        total=total,
        page=page,
        page_count=max(1, -(-total // query.page_size)),
        facets=build_facets(counts, query.filters, vocabulary, language),
        places=place_match.entries,
        suggestions=suggestions,
        scores=scores,
        text_searched=bool(parsed),
        partial=partial,
    )


def warm_up() -> None:
    """Search once, so that what the search keeps in memory is loaded before the first request of a new gunicorn
    worker (gunicorn.conf.py): Voikko's dictionary, the place names' base forms (1.5 s), the embedding model, the
    facet bitsets and the text postings of the current directory version."""
    embedding.load()
    search(SearchQuery(text="ohjaus Helsingissä"))


def _off(part: str) -> bool:
    """Whether a part of the search is switched off (only the evaluation's ablation does that)."""
    return part in settings.SEARCH_WITHOUT


@dataclass(frozen=True)
class _Meaning:
    """The query's embedding: the text embedded (part of the cache key) and the vector, computed on a thread while
    the search reads the query and matches its words, and waited for only by the statement that needs it."""

    text: str
    future: Future[np.ndarray] = field(repr=False, compare=False)

    @functools.cached_property
    def vector(self) -> str | None:
        """The vector in pgvector's text form; None when the model failed (the search goes on by words only)."""
        try:
            vector = self.future.result()
        except (OSError, RuntimeError, ValueError):
            logger.exception("search: the query could not be embedded; searching by words only")
            return None
        return "[" + ",".join(f"{x:.6f}" for x in vector) + "]"


def _embed_soon(parsed: terms.ParsedQuery, text: str, synonyms: dict[str, list[str]]) -> _Meaning | None:
    """The query's embedding, started before the rest of the search reads the query: when there are words to mean
    something, but not for a quoted phrase (a phrase asks for those words in that order) nor with the semantic part
    switched off. The model's C engine releases the GIL, so the words are looked up meanwhile. What is embedded is
    the text and, in brackets, an equivalent of each of its synonyms (the model knows "TE-toimisto" but not
    "työkkäri"), within the same cap."""
    if not parsed.clauses or _off("semantic") or any(term.is_phrase for term in parsed.terms()):
        return None
    cleaned = terms.cut_between_words(terms.without_repeats(terms.clean(text)), embedding.MAX_QUERY_CHARS)
    said = terms.said_for_meaning(parsed, synonyms)
    if said:
        cleaned = terms.cut_between_words(f"{cleaned} ({', '.join(said)})", embedding.MAX_QUERY_CHARS)
    return _Meaning(cleaned, embedding.embed_query_soon(cleaned))


def _plain(query: terms.ParsedQuery) -> list[terms.Term]:
    """The query's plain words: not phrases, exclusions or alternatives."""
    single = [clause[0] for clause in query.clauses if len(clause) == 1 and not clause[0].negated]
    return [term for term in single if not term.is_phrase]


def _places(
    parsed: terms.ParsedQuery, asked: terms.ParsedQuery, vocabulary: SearchVocabulary
) -> tuple[places.PlaceMatch, list[terms.Term], list[tuple[terms.Term, str]]]:
    """Places named by the plain words of the query without its question words (``asked``), and those words;
    the languages they ask a service to be given in, and the words that ask (they stay in the query); and the
    age of the person the query is for, read with its question words ("oon 17", "jag är 16"), and the words
    that say it with digits alone, unless nothing else would be left."""
    if _off("places"):
        return places.PlaceMatch(), [], []
    single = _plain(asked)
    words = [term.words[0] for term in single]
    found = places.find_places(words, vocabulary)
    languages = service_languages.asked(words)
    found.languages = list(dict.fromkeys(languages.values()))
    gone = [single[i] for i in sorted(found.consumed)]
    said = _plain(parsed)
    found.age = ages.read([term.words[0] for term in said])
    if found.age:
        age_words = [said[i] for i in sorted(found.age.consumed)]
        if terms.without(asked, gone + age_words):
            gone += [term for term in age_words if term not in gone]
    asking = [(single[i], code) for i, code in languages.items() if i not in found.consumed and code not in NATIONAL]
    return found, gone, asking


def _plan(
    filters: SearchFilters,
    text_query: terms.ParsedQuery,
    place_match: places.PlaceMatch,
    language: str,
    vocabulary: SearchVocabulary,
    lexemes: Mapping[str, Mapping[str, Sequence[str]]],
    *,
    typed: bool,
) -> _Plan:
    plan = _Plan(lexemes=lexemes)
    _filter(plan, filters, vocabulary)
    _match(plan, text_query, place_match, language, vocabulary, typed=typed)
    if plan.text:
        for code in LANGUAGES:
            clauses = terms.clause_tsquery_texts(text_query, code, lexemes.get(code))
            plan.params[f"clauses_{code}"] = [text for text, _negated in clauses]
            plan.negated = [negated for _text, negated in clauses]
    return plan


def _filter(plan: _Plan, filters: SearchFilters, vocabulary: SearchVocabulary) -> None:
    def ids(kind: str, codes: tuple[str, ...]) -> list[int]:
        return [vocabulary.by_code[kind][code].id for code in codes if code in vocabulary.by_code[kind]]

    plan.where.append("d.published")
    for name, kind, column, nationwide in (
        ("areas", "area", "centre_ids", True),
        ("regions", "region", "region_ids", True),
        ("municipalities", "municipality", "municipality_ids", True),
        ("target_groups", "target_group", "target_group_ids", False),
        ("service_types", "service_type", "service_type_ids", False),
        ("goals", "goal", "national_goal_ids", False),
    ):
        codes = getattr(filters, name)
        if codes:
            plan.params[name] = ids(kind, codes)
            condition = f"d.{column} @> %({name})s::integer[]"
            plan.where.append(f"({condition} OR d.nationwide)" if nationwide else condition)
            plan.conditions.append((_FACET_OF[name], [str(pk) for pk in plan.params[name]], nationwide))
    if filters.languages:
        plan.params["languages"] = list(filters.languages)
        plan.where.append("d.languages @> %(languages)s::text[]")
        plan.conditions.append(("language", list(filters.languages), False))
    if filters.channels:
        plan.params["channels"] = list(filters.channels)
        plan.where.append("d.channels @> %(channels)s::text[]")
        plan.conditions.append(("channel", list(filters.channels), False))
    if filters.free:
        plan.where.append("d.free")
        plan.conditions.append(("free", ["free"], False))


# Filter name → facet of services.search.facet_index.
_FACET_OF = {
    "areas": "area",
    "regions": "region",
    "municipalities": "municipality",
    "target_groups": "target_group",
    "service_types": "service_type",
    "goals": "goal",
}


def _age_groups(age: ages.Age | None, vocabulary: SearchVocabulary) -> dict[str, list[int]]:
    """The target groups that an age ranks by (AGE_LEVEL): ``age_fit``, those of the young that fit an age under
    30; or ``age_young`` and ``age_others``, for an age of 30 or more, the groups of the young and the rest (a
    service for the young alone ranks last)."""
    if age is None:
        return {}
    groups = vocabulary.by_code.get("target_group", {})
    if age.young:
        overlapping = [code for code, (low, high) in YOUNG_GROUPS.items() if low <= age.high and age.low <= high]
        fit = [groups[code].id for code in overlapping if code in groups]
        return {"age_fit": fit} if fit else {}
    if age.adult:
        young = [groups[c].id for c in YOUNG_GROUPS if c in groups]
        others = sorted(entry.id for code, entry in groups.items() if code not in YOUNG_GROUPS)
        return {"age_young": young, "age_others": others} if young else {}
    return {}


def _match(
    plan: _Plan,
    text_query: terms.ParsedQuery,
    found: places.PlaceMatch,
    language: str,
    vocabulary: SearchVocabulary,
    *,
    typed: bool,
) -> None:
    place_score = "0"
    if found:
        plan.params.update(
            place_municipalities=sorted(found.municipality_ids),
            place_regions=sorted(found.region_ids),
            place_centres=sorted(found.centre_ids),
        )
        place_score = (
            f"(CASE WHEN d.local_municipality_ids && %(place_municipalities)s::integer[] THEN {PLACE_LOCAL}"
            f" WHEN d.municipality_ids && %(place_municipalities)s::integer[] THEN {PLACE_SERVED}"
            f" WHEN d.region_ids && %(place_regions)s::integer[] THEN {PLACE_REGION}"
            f" WHEN d.centre_ids && %(place_centres)s::integer[] THEN {PLACE_CENTRE} ELSE 0 END)"
        )
    if found.languages:
        plan.params["service_languages"] = found.languages
        place_score = (
            f"({place_score} + CASE WHEN d.languages && %(service_languages)s::text[] THEN {LANGUAGE_LEVEL} ELSE 0 END)"
        )
    age_groups = _age_groups(found.age, vocabulary)
    plan.params.update(age_groups)
    if "age_fit" in age_groups:
        place_score = (
            f"({place_score} + CASE WHEN d.target_group_ids && %(age_fit)s::integer[] THEN {AGE_LEVEL} ELSE 0 END)"
        )
    elif age_groups:
        place_score = (
            f"({place_score} - CASE WHEN d.target_group_ids && %(age_young)s::integer[]"
            f" AND NOT d.target_group_ids && %(age_others)s::integer[] THEN {AGE_LEVEL} ELSE 0 END)"
        )
    if text_query:
        plan.text = True
        plan.ranked = True
        others = [code for code in LANGUAGES if code != language]
        # The name in the interface language, and the place: the two largest parts of the full score.
        plan.pre = f"ts_rank(d.name_document_{language}, q.{language}, 1) + {place_score}"
        for code in LANGUAGES:
            plan.params[f"q_{code}"] = terms.tsquery_text(text_query, code, plan.lexemes.get(code))
        plan.params["exact"] = terms.exact_tsquery_text(text_query)
        plan.where.append("(d.document_fi @@ q.fi OR d.document_sv @@ q.sv OR d.document_en @@ q.en)")
        # A service with no name in the interface language (written in Finnish only, say) gets the bonuses when its
        # own text matches: otherwise a Swedish query ranks it after every Swedish text that holds the word,
        # however incidentally, and meaning and the guidance prior cannot make up 0.55. Its words still count
        # half, so of two services matching alike, the one written in the person's language comes first.
        plan.score = (
            f"CASE WHEN length(d.name_document_{language}) > 0 THEN {_text_score([language], others)}"
            f" ELSE {_text_score(LANGUAGES, [])} END"
        )
        plan.place = place_score
    elif found:
        # Ranked in memory by _rank_place: how well a service serves the place, then how central it is to
        # guidance ("Porvoo" lists Porvoo's guidance services before its library).
        plan.ranked = True
        plan.place_only = True
    elif typed:
        # Something was typed, but nothing searchable is left (only exclusions or punctuation): no match.
        plan.nothing = True


def _text_score(own: Sequence[str], others: Sequence[str]) -> str:
    """The full text score (docs/search.md, "Score"): the best ts_rank in the ``own`` languages (the interface
    language), OTHER_LANGUAGE_FACTOR × the best in the ``others``, and the two bonuses when a document in an own
    language matches, and matches the words as typed. Without ``others`` the own languages are all a service has
    and its ranks count at OTHER_LANGUAGE_FACTOR, as another language's do."""

    def best(codes: Sequence[str]) -> str:
        return "greatest(" + ", ".join(f"ts_rank(d.document_{code}, q.{code}, 1)" for code in codes) + ")"

    matches = " OR ".join(f"d.document_{code} @@ q.{code}" for code in own)
    exact = " OR ".join(f"d.document_{code} @@ q.exact_{code}" for code in own)
    ranks = (
        f"{best(own)} + {OTHER_LANGUAGE_FACTOR} * {best(others)}"
        if others
        else f"{OTHER_LANGUAGE_FACTOR} * {best(own)}"
    )
    return (
        f"{ranks} + CASE WHEN {matches} THEN {INTERFACE_LANGUAGE_BONUS} ELSE 0 END"
        f" + CASE WHEN {exact} THEN {EXACT_BONUS} ELSE 0 END"
    )


# Ranking reads the weighted documents, which are stored apart from the narrow index rows (migration 0007). A
# query matching tens of thousands of services ranks only this many of them in full: the best by a pre-ranking
# that reads no document (the place bonus and the name's match: from the postings in memory, or for a phrase
# ts_rank of the small name documents kept in the row). When no more services than this match, which covers
# every narrow query, the order is exactly the full ranking.
CANDIDATES = 400
# ... and as many as this of the other matched services join them, those most about guidance
# (semantic.guidance): a name match is no sign of a guidance service, and "rådgivning för invandrare" matches the
# texts of hundreds of municipal services whose names say "rådgivning" before the integration services it means.
GUIDANCE_CANDIDATES = 50
# The scale of the pre-ranking's name part (services.search.text_index.TextIndex.name_weight), so that it stays below
# the place bonus as the name's ts_rank does.
NAME_MATCH = 0.1


def _run(
    plan: _Plan,
    language: str,
    sort: Sort,
    page: int,
    page_size: int,
    index: facet_index.FacetIndex,
    meaning: _Meaning | None = None,
) -> tuple[list[int], dict[int, float], int, int, int, bool]:
    """The page's ids and scores, the total, the page (clamped to the last page), the matched set as a bitset and
    whether the results are partial matches."""
    if plan.nothing:
        return [], {}, 0, 1, 0, False
    if not plan.ranked:
        return (*_browse(plan, language, page, page_size, index), False)
    if plan.place_only:
        return _rank_place(plan, language, sort, page, page_size, index)
    matched = _indexed_match(plan, index)
    if matched is not None:
        return _rank_indexed(plan, language, sort, page, page_size, index, matched, meaning)
    params = {
        **plan.params,
        "page_size": page_size,
        "offset": (page - 1) * page_size,
        "candidates": CANDIDATES,
    }
    if sort == Sort.NAME:
        page_sql = """
            (SELECT coalesce(json_agg(json_build_array(service_id, pre) ORDER BY sort_name, service_id), '[]')
             FROM (SELECT service_id, pre, sort_name FROM m ORDER BY sort_name, service_id
                   LIMIT %(page_size)s OFFSET (SELECT off FROM bounds)) p),
            '[]'::json"""
    else:
        page_sql = """
            (SELECT coalesce(json_agg(json_build_array(service_id, score) ORDER BY score DESC, sort_name, service_id),
                             '[]')
             FROM (SELECT service_id, score, sort_name FROM ranked ORDER BY score DESC, sort_name, service_id
                   LIMIT %(page_size)s OFFSET (SELECT off FROM bounds)) p),
            (SELECT coalesce(json_agg(json_build_array(service_id, pre) ORDER BY pre DESC, sort_name, service_id),
                             '[]')
             FROM (SELECT m.service_id, m.pre, m.sort_name FROM m
                   WHERE (SELECT off FROM bounds) + %(page_size)s > %(candidates)s
                     AND NOT EXISTS (SELECT 1 FROM cand c WHERE c.service_id = m.service_id)
                   ORDER BY m.pre DESC, m.sort_name, m.service_id
                   LIMIT %(page_size)s OFFSET greatest((SELECT off FROM bounds) - %(candidates)s, 0)) p)"""
    # Only constant fragments and a checked language code are formatted in; every value is a parameter.
    sql = f"""
        WITH {_with(plan, language)},
        total AS (SELECT count(*) AS n FROM m),
        bounds AS (SELECT least(%(offset)s, greatest(n - 1, 0) / %(page_size)s * %(page_size)s) AS off FROM total),
        cand AS MATERIALIZED (
            SELECT service_id, pre, sort_name FROM m ORDER BY pre DESC, sort_name, service_id LIMIT %(candidates)s
        ),
        ranked AS (
            SELECT c.service_id, ({plan.score} + {plan.place})::float8 AS score, c.sort_name
            FROM cand c JOIN services_search_document d ON d.service_id = c.service_id{", q" if plan.text else ""}
        ),
        {facet_index.MATCHED_WORDS_CTE}
        SELECT (SELECT n FROM total), {page_sql}, {facet_index.MATCHED_WORDS_COLUMNS}
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        total, first_rows, rest_rows, words, bits = cursor.fetchone()
    rows = (list(first_rows) + list(rest_rows))[:page_size]
    last_page = max(1, -(-total // page_size))
    ids = [int(row[0]) for row in rows]
    scores = {int(row[0]): float(row[1]) for row in rows}
    return ids, scores, total, min(page, last_page), facet_index.bitset(words, bits), False


def _rank_indexed(
    plan: _Plan,
    language: str,
    sort: Sort,
    page: int,
    page_size: int,
    index: facet_index.FacetIndex,
    found: _TextMatch,
    meaning: _Meaning | None,
) -> tuple[list[int], dict[int, float], int, int, int, bool]:
    """:func:`_run` for a text query matched in memory. The lexical ranking: the candidates chosen by the
    pre-ranking in numpy, with the matched services most about guidance, ranked in full by PostgreSQL (or, for
    partial matches, by how much of the query they cover); it is fused with the semantic ranking of the query's
    nearest services, read by the one statement that waits for the query's vector (the last of the search but
    the page's, so the embedding has had the most time)."""
    words = found.words
    levels = _place_levels(plan, index, words)
    pre = NAME_MATCH * words.name_weight(found.queries[language], language) + levels
    lexical = found.matched
    all_words = int(lexical.sum())
    few = all_words < fusion.FALLBACK_BELOW and not _off("fallback")
    if few:
        coverage = fusion.coverage(_clause_matches(words, found), plan.negated, found.allowed)
        lexical = coverage > 0
        pre = pre + coverage
    widened = False
    place = _place_mask(plan, index, words)
    if not few and place is not None and not _off("fallback"):
        coverage = fusion.coverage(_clause_matches(words, found), plan.negated, found.allowed)
        within = (coverage > 0) & place & ~lexical
        if within.any():
            widened = True
            lexical = lexical | within
            pre = pre + coverage
    ordered = words.in_name_order(lexical, language)
    ordered = ordered[np.argsort(-pre[ordered], kind="stable")]  # by pre-ranking, then name
    candidates = [] if sort == Sort.NAME else [int(pk) for pk in ordered[:CANDIDATES]]
    more = lexical if sort != Sort.NAME and ordered.size > CANDIDATES else None
    nearby = found.allowed if place is None else found.allowed & place
    scored = _scores(plan, candidates, meaning, more, nearby, index.published.bit_count())
    matched = lexical.copy()
    joining = fusion.joining(scored.neighbours, scored.guidance, partial=few)
    matched[[pk for pk, _similarity in joining if pk < words.size]] = True
    neighbours = [(pk, similarity) for pk, similarity in scored.neighbours if pk < words.size and matched[pk]]
    partial = few and int(matched.sum()) > all_words  # closest matches shown, with a notice
    total = int(matched.sum())
    page = min(page, max(1, -(-total // page_size)))
    offset = (page - 1) * page_size
    if sort == Sort.NAME:
        rows = [(int(pk), float(pre[pk])) for pk in words.in_name_order(matched, language)[offset : offset + page_size]]
        return [pk for pk, _score in rows], dict(rows), total, page, words.bits(matched), partial
    similarity = dict(neighbours) | scored.similarity
    scores = scored.scores
    if few or widened:  # how much of the query a partial match covers counts first
        scores = {pk: score + float(coverage[pk]) for pk, score in scores.items()}
    rank = words.rank[language]
    ranked = sorted(scores.items(), key=lambda row: (-row[1], rank[row[0]]))
    fused = fusion.fused(
        ranked,
        neighbours,
        similarity,
        levels,
        scored.guidance,
        rank,
        partial=few,
        with_guidance=not _off("guidance"),
        words_weight=max((float(coverage[pk]) for pk in scores), default=1.0) if few else 1.0,
    )
    seen = {pk for pk, _score in fused}
    rest = (int(pk) for pk in ordered[CANDIDATES:] if int(pk) not in seen)
    rows = fused[offset : offset + page_size]
    if len(rows) < page_size:
        skip = max(0, offset - len(fused))
        rows += [(pk, float(pre[pk])) for pk in itertools.islice(rest, skip, skip + page_size - len(rows))]
    return [pk for pk, _score in rows], dict(rows), total, page, words.bits(matched), partial


def _place_matched(plan: _Plan, index: facet_index.FacetIndex) -> int:
    """The services a place alone matches, as a bitset: within the filters, serving the place or nationwide."""
    serving = (
        index.nationwide
        | _having(index, "municipality", plan.params["place_municipalities"])
        | _having(index, "region", plan.params["place_regions"])
        | _having(index, "area", plan.params["place_centres"])
    )
    return index.filtered(plan.conditions) & serving


def _rank_place(
    plan: _Plan, language: str, sort: Sort, page: int, page_size: int, index: facet_index.FacetIndex
) -> tuple[list[int], dict[int, float], int, int, int, bool]:
    """:func:`_run` for a place alone, in memory but for one statement: the matched set from the facet bitsets,
    each service's place level (PLACE_LOCAL …) plus GUIDANCE_WEIGHT × its guidance score, which that statement
    reads from the embeddings' covering index for the matched services only. Ties go by name."""
    words = text_index.for_version(index.version)
    matched = words.mask(_place_matched(plan, index))
    total = int(matched.sum())
    page = min(page, max(1, -(-total // page_size)))
    offset = (page - 1) * page_size
    ordered = words.in_name_order(matched, language)
    if sort == Sort.NAME:
        ids = [int(pk) for pk in ordered[offset : offset + page_size]]
        return ids, dict.fromkeys(ids, 0.0), total, page, words.bits(matched), False
    pre = _place_levels(plan, index, words)
    if not _off("guidance"):
        guidance = np.full(words.size, 0.5)  # a service not embedded yet counts as halfway
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.service_id, {semantic.guidance_sql('e')} FROM services_serviceembedding e"  # noqa: S608
                " WHERE e.service_id = ANY(%s)",
                [ordered.tolist()],
            )
            for pk, score in cursor.fetchall():
                if pk < words.size:
                    guidance[pk] = score
        pre = pre + GUIDANCE_WEIGHT * guidance
    ordered = ordered[np.argsort(-pre[ordered], kind="stable")]  # by score, then name
    rows = [(int(pk), float(pre[pk])) for pk in ordered[offset : offset + page_size]]
    return [pk for pk, _score in rows], dict(rows), total, page, words.bits(matched), False


def _clause_matches(words: text_index.TextIndex, found: _TextMatch) -> list[np.ndarray]:
    """Each clause's matches in any language (for fusion.coverage)."""
    matches = []
    for clause in found.clauses:
        mask = np.zeros(words.size, dtype=bool)
        for code in LANGUAGES:
            mask |= words.match(clause[code], code)
        matches.append(mask)
    return matches


def _place_levels(plan: _Plan, index: facet_index.FacetIndex, words: text_index.TextIndex) -> np.ndarray:
    """How well each service serves the place the query names: PLACE_LOCAL for one met there, down to
    PLACE_CENTRE for one of its area; 0 when it names none. Plus LANGUAGE_LEVEL for one given in a language the
    query asks for, and AGE_LEVEL for one that fits the age the query says (minus, for one that does not)."""
    levels = np.zeros(words.size)
    if plan.params.get("place_municipalities") is not None:
        municipalities = plan.params["place_municipalities"]
        levels = np.select(
            [
                words.mask(_having(index, "local", municipalities)),
                words.mask(_having(index, "municipality", municipalities)),
                words.mask(_having(index, "region", plan.params["place_regions"])),
                words.mask(_having(index, "area", plan.params["place_centres"])),
            ],
            [PLACE_LOCAL, PLACE_SERVED, PLACE_REGION, PLACE_CENTRE],
            0.0,
        )
    if plan.params.get("service_languages"):
        levels = levels + LANGUAGE_LEVEL * words.mask(_having(index, "language", plan.params["service_languages"]))
    if "age_fit" in plan.params:
        levels = levels + AGE_LEVEL * words.mask(_having(index, "target_group", plan.params["age_fit"]))
    elif "age_young" in plan.params:
        young = _having(index, "target_group", plan.params["age_young"])
        young_only = young & ~_having(index, "target_group", plan.params["age_others"])
        levels = levels - AGE_LEVEL * words.mask(young_only)
    return levels


def _place_mask(plan: _Plan, index: facet_index.FacetIndex, words: text_index.TextIndex) -> np.ndarray | None:
    """The services of the place the query names (:func:`_place_bits`) as a mask; None when it names none."""
    bits = _place_bits(plan, index)
    return None if bits is None else words.mask(bits)


def _place_bits(plan: _Plan, index: facet_index.FacetIndex) -> int | None:
    """The services of the place the query names, as a bitset: of the municipality when it names one, else of
    the region or area; None when it names none."""
    if "place_municipalities" not in plan.params:
        return None
    if plan.params["place_municipalities"]:
        return _having(index, "municipality", plan.params["place_municipalities"])
    return _having(index, "region", plan.params["place_regions"]) | _having(index, "area", plan.params["place_centres"])


@dataclass
class _Scored:
    """What PostgreSQL says of the lexical candidates and of the query's nearest services by meaning."""

    scores: dict[int, float]  # each candidate's full score (docs/search.md)
    guidance: dict[int, float]  # how central each candidate and neighbour is to guidance (0–1)
    similarity: dict[int, float]  # each candidate's similarity to the query (with a query vector)
    neighbours: list[tuple[int, float]]  # the nearest services within the filters, nearest first, with similarity


def _scores(
    plan: _Plan, ids: list[int], meaning: _Meaning | None, more: np.ndarray | None, nearby: np.ndarray, published: int
) -> _Scored:
    """The candidates' scores, then, with the query's embedding, the nearest services by meaning and the
    candidates' similarity to the query: two statements, so that the first (the costlier: it ranks every
    candidate's documents) runs while the query is still being embedded, and only the second waits for the vector.

    ``more``, the matched services when there are more of them than candidates: the GUIDANCE_CANDIDATES of them
    most about guidance are scored too, read from the embeddings' guidance index (a bit string of the matched
    ids says which). ``nearby``, the services the nearest are read among (within the filters and the place the
    query names), of ``published`` services in all."""
    candidates = []
    if ids or more is not None:
        matched = None if more is None else np.packbits(more, bitorder="little").tobytes()
        with connection.cursor() as cursor:
            cursor.execute(
                f"""WITH {_QUERIES}
                    SELECT coalesce(json_agg(json_build_array(d.service_id, ({plan.score})::float8,
                                                              {semantic.guidance_sql("e")})), '[]')
                    FROM (SELECT unnest(%(candidates)s::integer[]) AS service_id
                          UNION
                          (SELECT g.service_id FROM services_serviceembedding g
                           WHERE %(matched)s::bytea IS NOT NULL AND g.service_id < 8 * length(%(matched)s::bytea)
                             AND get_bit(%(matched)s::bytea, g.service_id) = 1
                           ORDER BY g.guidance DESC LIMIT %(guidance_candidates)s)) p
                    JOIN services_search_document d ON d.service_id = p.service_id CROSS JOIN q
                    LEFT JOIN services_serviceembedding e ON e.service_id = d.service_id""",  # noqa: S608
                {**plan.params, "candidates": ids, "matched": matched, "guidance_candidates": GUIDANCE_CANDIDATES},
            )
            candidates = cursor.fetchone()[0]
    scored = _Scored(
        scores={int(pk): float(score) for pk, score, _g in candidates},
        guidance={int(pk): float(g) for pk, _score, g in candidates},
        similarity={},
        neighbours=[],
    )
    vector = meaning.vector if meaning else None  # waits for the embedding
    if vector is None:
        return scored
    params = {**plan.params, "vector": vector, "neighbours": fusion.NEIGHBOURS, "scored": list(scored.scores)}
    within = int(nearby.sum())
    if within * within <= READ_ALL_COST_RATIO * 2 * fusion.NEIGHBOURS * published:
        params["nearby"] = np.flatnonzero(nearby).tolist()
        neighbours = _NEIGHBOURS_AMONG.format(
            guidance=semantic.guidance_sql("e"), about_guidance=semantic.GUIDANCE_NEIGHBOURS_FROM
        )
    else:
        params["nearby"] = np.packbits(nearby, bitorder="little").tobytes()
        neighbours = NEIGHBOURS_WITHIN
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT (SELECT coalesce(json_agg(json_build_array(e.service_id, 1 - (e.vector <=> %(vector)s::vector))),
                                        '[]')
                        FROM services_serviceembedding e WHERE e.service_id = ANY(%(scored)s::integer[])),
                       {neighbours}""",  # noqa: S608
            params,
        )
        similarity, nearest = cursor.fetchone()
    scored.similarity = {int(pk): float(s) for pk, s in similarity}
    scored.neighbours = [(int(pk), float(s)) for pk, s, _g in nearest]
    scored.guidance = {int(pk): float(g) for pk, _s, g in nearest} | scored.guidance
    return scored


def _browse(
    plan: _Plan, language: str, page: int, page_size: int, index: facet_index.FacetIndex
) -> tuple[list[int], dict[int, float], int, int, int]:
    """No text and no place: the matched set comes from the facet bitsets, and SQL only reads the page in name
    order (the name index, or the filters' GIN index)."""
    matched = index.filtered(plan.conditions)
    total = matched.bit_count()
    last_page = max(1, -(-total // page_size))
    page = min(page, last_page)
    if not total:
        return [], {}, 0, page, 0
    sql = f"""
        SELECT d.service_id FROM services_search_document d WHERE {" AND ".join(plan.where)}
        ORDER BY d.sort_name_{language}, d.service_id LIMIT %(page_size)s OFFSET %(offset)s
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, {**plan.params, "page_size": page_size, "offset": (page - 1) * page_size})
        ids = [row[0] for row in cursor.fetchall()]
    return ids, dict.fromkeys(ids, 0.0), total, page, matched


def _count(plan: _Plan, index: facet_index.FacetIndex) -> int:
    if plan.nothing:
        return 0
    if plan.place_only:
        return _place_matched(plan, index).bit_count()
    matched = _indexed_match(plan, index)
    if matched is not None:
        return int(matched.matched.sum())
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {_with(plan, 'fi')} SELECT count(*) FROM m", plan.params)  # noqa: S608
        return cursor.fetchone()[0]


# The query's tsqueries, by the configuration of each language's documents.
_QUERIES = (
    "q AS (SELECT to_tsquery('finnish', %(q_fi)s) AS fi, to_tsquery('swedish', %(q_sv)s) AS sv,"
    " to_tsquery('english', %(q_en)s) AS en,"
    " to_tsquery('finnish', %(exact)s) AS exact_fi, to_tsquery('swedish', %(exact)s) AS exact_sv,"
    " to_tsquery('english', %(exact)s) AS exact_en)"
)


@dataclass
class _TextMatch:
    """A text query matched in memory (services.search.text_index), with what ranking it needs."""

    words: text_index.TextIndex
    allowed: np.ndarray  # published and within the filters
    matched: np.ndarray  # ... and matching every clause
    queries: dict[str, tsquery.Node | None]  # the whole query as each language's configuration reads it
    clauses: list[dict[str, tsquery.Node | None]]  # each clause likewise (without its negation)


def _indexed_match(plan: _Plan, index: facet_index.FacetIndex) -> _TextMatch | None:
    """The services a text query matches, from memory — the postings of services.search.text_index and the facet
    bitsets — with the query's words read as their lexemes (tsquery.normalised; no statement). None when the plan
    needs PostgreSQL (a phrase; a place without text) or is no text query."""
    if not plan.text:
        return None
    try:
        queries = {code: _normalised(plan.params[f"q_{code}"], plan, code) for code in LANGUAGES}
        clauses = [
            {code: _positive(_normalised(text, plan, code)) for code, text in zip(LANGUAGES, texts, strict=True)}
            for texts in zip(*(plan.params[f"clauses_{code}"] for code in LANGUAGES), strict=True)
        ]
    except tsquery.Unsupported:
        return None
    words = text_index.for_version(index.version)
    allowed = words.mask(index.filtered(plan.conditions))
    matched = allowed & (
        words.match(queries["fi"], "fi") | words.match(queries["sv"], "sv") | words.match(queries["en"], "en")
    )
    return _TextMatch(words, allowed, matched, queries, clauses)


def _normalised(text: str, plan: _Plan, language: str) -> tsquery.Node | None:
    """``to_tsquery`` of the language's configuration, in memory."""
    return tsquery.normalised(tsquery.parse(text), plan.lexemes[language])


# The query's nearest services among those within the filters and the place it names ("employment services in
# Alavus" means Alavus's, not the nearest in the country; a place's Finnish-only service is found from English only
# this way), by cosine distance over the HNSW index, and as many again among those about guidance
# (semantic.GUIDANCE_NEIGHBOURS_FROM): hundreds of near-identical municipal entries ("Talous- ja velkaneuvonta –
# <town>") can otherwise fill every place of the nearest. ``nearby`` is a bit string of the services within, from
# the facet bitsets, checked on the embedding row: joining the search documents to check the filters there cost a
# document lookup for every entry the walk reads (docs/performance.md, 7 December 2026, sixth session). "<> 0",
# not "= 1": the planner cannot know how many bits are set and guesses nearly all rows for "<>" (so it walks the
# index) but one in 200 for "=" (so at 10 000 services it read every vector instead, 7–10 ms against 0.5).
_NEAREST = f"""(SELECT e.service_id, e.vector <=> %(vector)s::vector AS distance,
                 {semantic.guidance_sql("e")} AS guidance
          FROM services_serviceembedding e
          WHERE e.service_id < 8 * length(%(nearby)s::bytea) AND get_bit(%(nearby)s::bytea, e.service_id) <> 0{{about}}
          ORDER BY e.vector <=> %(vector)s::vector LIMIT %(neighbours)s)"""  # noqa: S608
_ABOUT_GUIDANCE = f" AND e.guidance >= {semantic.GUIDANCE_NEIGHBOURS_FROM}"
NEIGHBOURS_WITHIN = f"""(SELECT coalesce(
        json_agg(json_build_array(n.service_id, 1 - n.distance, n.guidance) ORDER BY n.distance), '[]')
    FROM ({_NEAREST.format(about="")} UNION {_NEAREST.format(about=_ABOUT_GUIDANCE)}) n)"""  # noqa: S608
# The same, when the services within the filters and the place are few (READ_ALL_COST_RATIO), read from each of
# them: a walk of the HNSW index skips what the filters leave out, and in a town that holds one service in twenty
# it reads some 550 entries, twice, to find 30 (docs/performance.md).
_NEIGHBOURS_AMONG = """(WITH near AS MATERIALIZED (
        SELECT e.service_id, e.vector <=> %(vector)s::vector AS distance, e.guidance AS about, {guidance} AS guidance
        FROM services_serviceembedding e WHERE e.service_id = ANY(%(nearby)s::integer[]))
    SELECT coalesce(json_agg(json_build_array(n.service_id, 1 - n.distance, n.guidance) ORDER BY n.distance), '[]')
    FROM ((SELECT * FROM near ORDER BY distance LIMIT %(neighbours)s)
          UNION (SELECT * FROM near WHERE about >= {about_guidance} ORDER BY distance LIMIT %(neighbours)s)) n)"""


def _positive(node: tsquery.Node | None) -> tsquery.Node | None:
    return node.operand if isinstance(node, tsquery.Not) else node


def _having(index: facet_index.FacetIndex, facet: str, values: Sequence[int | str]) -> int:
    """The services with any of these values of a facet (ids, or codes), as a bitset."""
    bits = 0
    for value in values:
        bits |= index.value(facet, str(value))
    return bits


def _with(plan: _Plan, language: str) -> str:
    """The common table expressions: the query's tsqueries (q) and the matched index rows (m) with their
    pre-ranking; no document is read here except to match it (the GIN indexes answer that)."""
    queries = _QUERIES + ", " if plan.text else ""
    source = "services_search_document d" + (", q" if plan.text else "")
    return f"""params AS (SELECT 1), {queries}
        m AS MATERIALIZED (
            SELECT d.service_id, ({plan.pre})::float8 AS pre, d.sort_name_{language} AS sort_name
            FROM {source}
            WHERE {" AND ".join(plan.where)}
        )"""  # noqa: S608


def _services(ids: list[int]) -> list[Service]:
    """The page's services with what a result shows, in the ranked order (one query)."""
    return selectors.search_results(ids)


def _suggestions(query: SearchQuery, text_query: terms.ParsedQuery, *, any_word: bool = True) -> list[Suggestion]:
    """Ways out of an empty result: corrected words, the words of a phrase without its quotes, or any of the
    words instead of all."""
    suggestions: list[Suggestion] = []
    corrected = []
    changed = False
    for term in text_query.terms():
        if term.corrections and not term.negated:
            corrected.append(term.corrections[0])
            changed = True
        else:
            corrected.append(" ".join(term.words) if not term.is_phrase else f'"{" ".join(term.words)}"')
    if changed:
        suggestions.append(Suggestion("correction", " ".join(corrected)))
    if any(term.is_phrase for term in text_query.terms()):  # "…" typed, or words joined by two hyphens
        typed = terms.parse(spoken.standardise(terms.clean(query.text))).terms()
        plain = [("-" if term.negated else "") + word for term in typed for word in term.words]
        suggestions.append(Suggestion("without_quotes", " ".join(plain)))
    words = [t for t in text_query.terms() if not t.negated and not t.is_phrase]
    if any_word and len(words) > 1:
        suggestions.append(Suggestion("any_word", " or ".join(t.words[0] for t in words)))
    return suggestions
