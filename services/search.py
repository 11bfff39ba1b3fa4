"""The one search of the directory: a typed query in; results, facet counts, the total and suggestions out.

The HTML search page, the JSON API and any export call :func:`search`; none of them builds its own query. How a
score is made, and why, is written down in docs/search.md. The work is three to six SQL queries whatever the
number of results: the area and vocabulary names (one), the known words (one, when there is text), the match
with its page, total and facet counts (one), and the page's services with what a result shows (three).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.conf import settings
from django.db import connection
from django.db.models import Prefetch

from services import places, search_terms, search_vocabulary
from services.facets import Facets, build_facets
from services.models import Service, ServiceLocation, TargetGroup
from services.search_vocabulary import Entry, SearchVocabulary

PAGE_SIZE = 20
MAX_PAGE = 10_000
LANGUAGES = ("fi", "sv", "en")
CONFIGS = {"fi": "finnish", "sv": "swedish", "en": "english"}
CHANNELS = ("in_person", "phone", "online")

# Score parts (docs/search.md explains them).
OTHER_LANGUAGE_FACTOR = 0.5
INTERFACE_LANGUAGE_BONUS = 0.25
EXACT_BONUS = 0.3
PLACE_LOCAL = 1.0
PLACE_SERVED = 0.7
PLACE_REGION = 0.6
PLACE_CENTRE = 0.4


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

    kind: str  # "correction", "any_word" or "without_filters"
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
    score: str = "0"
    text: bool = False


def search(query: SearchQuery, vocabulary: SearchVocabulary | None = None) -> SearchResult:
    vocabulary = vocabulary or search_vocabulary.load()
    language = query.language if query.language in LANGUAGES else settings.LANGUAGE_CODE
    parsed = search_terms.parse(query.text)
    place_match, place_terms = _places(parsed, vocabulary)
    text_query = search_terms.without(parsed, place_terms)
    known = search_terms.look_up(search_terms.words_to_look_up(text_query))
    search_terms.expand(text_query, known)

    plan = _plan(query.filters, text_query, place_match, language, vocabulary, typed=bool(parsed))
    sort = query.sort if plan.score != "0" else Sort.NAME
    page = min(max(query.page, 1), MAX_PAGE)
    ids, scores, total, page, facet_rows = _run(plan, language, sort, page, query.page_size)
    suggestions: list[Suggestion] = []
    if total == 0:
        suggestions = _suggestions(query, text_query)
        if query.filters:
            unfiltered = _plan(SearchFilters(), text_query, place_match, language, vocabulary, typed=bool(parsed))
            suggestions.append(Suggestion("without_filters", query.text, _count(unfiltered)))
    return SearchResult(
        query=query,
        services=_services(ids),
        total=total,
        page=page,
        page_count=max(1, -(-total // query.page_size)),
        facets=build_facets(facet_rows, query.filters, vocabulary, language),
        places=place_match.entries,
        suggestions=suggestions,
        scores=scores,
        text_searched=bool(parsed),
    )


def _places(
    parsed: search_terms.ParsedQuery, vocabulary: SearchVocabulary
) -> tuple[places.PlaceMatch, list[search_terms.Term]]:
    """Places named by the query's plain words (not phrases, exclusions or alternatives), and those words."""
    single = [clause[0] for clause in parsed.clauses if len(clause) == 1 and not clause[0].negated]
    single = [term for term in single if not term.is_phrase]
    found = places.find_places([term.words[0] for term in single], vocabulary)
    return found, [single[i] for i in sorted(found.consumed)]


def _plan(
    filters: SearchFilters,
    text_query: search_terms.ParsedQuery,
    place_match: places.PlaceMatch,
    language: str,
    vocabulary: SearchVocabulary,
    *,
    typed: bool,
) -> _Plan:
    plan = _Plan()
    _filter(plan, filters, vocabulary)
    _match(plan, text_query, place_match, language, typed=typed)
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
    if filters.languages:
        plan.params["languages"] = list(filters.languages)
        plan.where.append("d.languages @> %(languages)s::text[]")
    if filters.channels:
        plan.params["channels"] = list(filters.channels)
        plan.where.append("d.channels @> %(channels)s::text[]")
    if filters.free:
        plan.where.append("d.free")


def _match(
    plan: _Plan, text_query: search_terms.ParsedQuery, found: places.PlaceMatch, language: str, *, typed: bool
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
    if text_query:
        plan.text = True
        for code in LANGUAGES:
            plan.params[f"q_{code}"] = search_terms.tsquery_text(text_query, code)
        plan.params["exact"] = search_terms.exact_tsquery_text(text_query)
        plan.where.append("(d.document_fi @@ q.fi OR d.document_sv @@ q.sv OR d.document_en @@ q.en)")
        others = [code for code in LANGUAGES if code != language]
        plan.score = (
            f"ts_rank(d.document_{language}, q.{language}, 1)"
            f" + {OTHER_LANGUAGE_FACTOR} * greatest("
            + ", ".join(f"ts_rank(d.document_{code}, q.{code}, 1)" for code in others)
            + ")"
            f" + CASE WHEN d.document_{language} @@ q.{language} THEN {INTERFACE_LANGUAGE_BONUS} ELSE 0 END"
            f" + CASE WHEN d.document_{language} @@ q.exact_{language} THEN {EXACT_BONUS} ELSE 0 END"
            f" + {place_score}"
        )
    elif found:
        plan.where.append(
            "(d.nationwide OR d.municipality_ids && %(place_municipalities)s::integer[]"
            " OR d.region_ids && %(place_regions)s::integer[] OR d.centre_ids && %(place_centres)s::integer[])"
        )
        plan.score = place_score
    elif typed:
        # Something was typed, but nothing searchable is left (only exclusions or punctuation): no match.
        plan.where.append("false")


_FACETS = """
    SELECT 'area' AS facet, c.id::text AS key, count(*) FROM m, unnest(m.centre_ids) c(id)
        WHERE NOT m.nationwide GROUP BY c.id
    UNION ALL SELECT 'region', r.id::text, count(*) FROM m, unnest(m.region_ids) r(id)
        WHERE NOT m.nationwide GROUP BY r.id
    UNION ALL SELECT 'municipality', x.id::text, count(*) FROM m, unnest(m.municipality_ids) x(id)
        WHERE NOT m.nationwide GROUP BY x.id
    UNION ALL SELECT 'target_group', x.id::text, count(*) FROM m, unnest(m.target_group_ids) x(id) GROUP BY x.id
    UNION ALL SELECT 'service_type', x.id::text, count(*) FROM m, unnest(m.service_type_ids) x(id) GROUP BY x.id
    UNION ALL SELECT 'goal', x.id::text, count(*) FROM m, unnest(m.national_goal_ids) x(id) GROUP BY x.id
    UNION ALL SELECT 'language', x.code, count(*) FROM m, unnest(m.languages) x(code) GROUP BY x.code
    UNION ALL SELECT 'channel', x.code, count(*) FROM m, unnest(m.channels) x(code) GROUP BY x.code
    UNION ALL SELECT 'free', 'free', count(*) FROM m WHERE m.free
    UNION ALL SELECT 'nationwide', 'nationwide', count(*) FROM m WHERE m.nationwide
"""


def _run(
    plan: _Plan, language: str, sort: Sort, page: int, page_size: int
) -> tuple[list[int], dict[int, float], int, int, list[tuple[str, str, int]]]:
    """One statement: the matched set once, then its total, the requested page (clamped to the last page)
    and the facet counts."""
    order = "m.score DESC, m.sort_name, m.service_id" if sort == Sort.RELEVANCE else "m.sort_name, m.service_id"
    # Only constant fragments and a checked language code are formatted in; every value is a parameter.
    sql = f"""
        WITH {_with(plan, language)},
        total AS (SELECT count(*) AS n FROM m),
        page AS (
            SELECT m.service_id, m.score FROM m ORDER BY {order}
            LIMIT %(page_size)s
            OFFSET (SELECT least(%(offset)s, greatest(n - 1, 0) / %(page_size)s * %(page_size)s) FROM total)
        )
        SELECT (SELECT n FROM total),
               (SELECT coalesce(json_agg(json_build_array(service_id, score)), '[]') FROM page),
               (SELECT coalesce(json_agg(json_build_array(facet, key, count)), '[]') FROM ({_FACETS}) f)
    """  # noqa: S608
    params = {**plan.params, "page_size": page_size, "offset": (page - 1) * page_size}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        total, page_rows, facet_rows = cursor.fetchone()
    last_page = max(1, -(-total // page_size))
    page = min(page, last_page)
    ids = [int(row[0]) for row in page_rows]
    scores = {int(row[0]): float(row[1]) for row in page_rows}
    return ids, scores, total, page, [(f, k, int(n)) for f, k, n in facet_rows]


def _count(plan: _Plan) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {_with(plan, 'fi')} SELECT count(*) FROM m", plan.params)  # noqa: S608
        return cursor.fetchone()[0]


def _with(plan: _Plan, language: str) -> str:
    """The common table expressions: the query's tsqueries (q) and the matched documents (m)."""
    queries = ""
    if plan.text:
        queries = (
            "q AS (SELECT to_tsquery('finnish', %(q_fi)s) AS fi, to_tsquery('swedish', %(q_sv)s) AS sv,"
            " to_tsquery('english', %(q_en)s) AS en,"
            " to_tsquery('finnish', %(exact)s) AS exact_fi, to_tsquery('swedish', %(exact)s) AS exact_sv,"
            " to_tsquery('english', %(exact)s) AS exact_en), "
        )
    source = "services_search_document d" + (", q" if plan.text else "")
    return f"""params AS (SELECT 1), {queries}
        m AS MATERIALIZED (
            SELECT d.service_id, ({plan.score})::float8 AS score, d.sort_name_{language} AS sort_name,
                   d.centre_ids, d.region_ids, d.municipality_ids, d.target_group_ids, d.service_type_ids,
                   d.national_goal_ids,
                   d.languages, d.channels, d.free, d.nationwide
            FROM {source}
            WHERE {" AND ".join(plan.where)}
        )"""  # noqa: S608


def _translated(field: str) -> list[str]:
    return [f"{field}_{code}" for code in LANGUAGES]


# What a result shows (templates/services/_result.html, the API's list): the rest of a service is not loaded.
RESULT_FIELDS = (
    "external_id",
    "nationwide",
    "languages",
    "cost",
    "last_reviewed",
    "status",
    "provider_id",
    *_translated("name"),
    *_translated("summary"),
    *_translated("provider__name"),
)


def _services(ids: list[int]) -> list[Service]:
    """The page's services with what a result shows, in the ranked order (three queries)."""
    if not ids:
        return []
    found = (
        Service.objects.filter(pk__in=ids)
        .select_related("provider")
        .only(*RESULT_FIELDS)
        .prefetch_related(
            Prefetch("target_groups", queryset=TargetGroup.objects.only("code", *_translated("name"))),
            Prefetch(
                "locations",
                queryset=ServiceLocation.objects.select_related("municipality").only(
                    "service_id", "municipality__code", *_translated("municipality__name")
                ),
            ),
        )
    )
    by_id = {service.pk: service for service in found}
    return [by_id[pk] for pk in ids if pk in by_id]


def _suggestions(query: SearchQuery, text_query: search_terms.ParsedQuery) -> list[Suggestion]:
    """Ways out of an empty result: corrected words, or any of the words instead of all."""
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
    words = [t for t in text_query.terms() if not t.negated and not t.is_phrase]
    if len(words) > 1:
        suggestions.append(Suggestion("any_word", " or ".join(t.words[0] for t in words)))
    return suggestions
