"""Search of the catalogue of practices, on the service search's machinery (not a second engine).

From :mod:`services.search.terms` it takes the reading of the query (words, phrases, -exclusions, `or`), the
Finnish base forms and compound parts from Voikko, the known-word expansions and typo corrections, and the
tsquery per language; from the search index (services/migrations/0002) the per-language text-search
configurations and ``liv_search_weighted``, which adds the Voikko lexemes of known words to the Finnish
document. A practice's words join the same word table (:func:`record_words`) so that they are analysed too.

The documents are stored (cooperation/migrations/0004): one row per practice in ``cooperation_practice_search``
with a weighted tsvector per language (title A, summary B, the rest C) and GIN indexes, kept current by
statement-level triggers on the practices and on the word table, so an edit is findable at once however it was
made (admin, QuerySet.update(), raw SQL, import). A search reads the matches from the indexes and ranks them by
their stored documents instead of building every practice's documents in the query. The facet counts are one
grouped query over the matches (a UNION ALL of one part per facet), and the four vocabularies of the filters are
read in one query too, which both checks the filter values and labels the facets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.conf import settings
from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    QuerySet,
    TextField,
    Value,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cooperation.models import MaturityDimension, Practice
from liv.i18n import translated
from regions.models import VitalityCentre
from services.models import NationalGoal, TargetGroup
from services.search import CONFIGS, LANGUAGES, documents, terms

TEXT_FIELDS = ("title", "summary", "description", "results", "evaluation")
PAGE_SIZE = 20


DOCUMENT_TABLE = "cooperation_practice_search"  # the stored documents (cooperation/migrations/0004)


def record_words(practices: QuerySet[Practice] | list[Practice]) -> int:
    """Let Voikko analyse the new words of these practices' texts; returns how many words it analysed.

    The practice triggers have already put the words into the search's word table and built the documents; the
    analysis (Python, so not in a trigger) UPDATEs the word table, whose trigger then rebuilds the documents of
    the practices that have those words, now with their Finnish base forms and compound parts. The words are
    recorded here too, so that this also works for rows saved before the triggers existed."""
    texts = [
        getattr(practice, f"{name}_{code}") or ""
        for practice in practices
        for name in TEXT_FIELDS
        for code in LANGUAGES
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO services_search_word (word)
            SELECT DISTINCT w FROM unnest(%s::text[]) AS t(text),
                 regexp_split_to_table(lower(t.text), '[^[:alnum:]-]+') AS w
            WHERE length(w) > 1 AND length(w) <= 60
            ON CONFLICT (word) DO NOTHING
            """,
            [texts],
        )
    return documents.analyse_new_words()


def refresh(practice_ids: list[int] | None = None) -> int:
    """Rebuild the stored documents of these practices (all when None) after analysing their new words; for a
    repair by hand (the triggers keep them current). Returns how many documents were written."""
    practices = Practice.objects.all() if practice_ids is None else Practice.objects.filter(pk__in=practice_ids)
    record_words(practices)
    with connection.cursor() as cursor:
        cursor.execute("SELECT liv_practice_search_refresh(%s::integer[])", [practice_ids])
        return cursor.fetchone()[0]


@dataclass(frozen=True)
class PracticeFilters:
    areas: tuple[str, ...] = ()
    goals: tuple[int, ...] = ()
    target_groups: tuple[str, ...] = ()
    dimensions: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # A value given twice is the same choice (``?goal=1&goal=1``): keep each once, in the order given.
        for name in ("areas", "goals", "target_groups", "dimensions", "phases"):
            object.__setattr__(self, name, tuple(dict.fromkeys(getattr(self, name))))


@dataclass(frozen=True)
class VocabularyTerm:
    """One value a filter can take: an area's code, a national goal's number, a target group's or a maturity
    dimension's code, with its names (``names.name_fi`` … for :func:`liv.i18n.translated`)."""

    code: str
    names: SimpleNamespace
    in_force: bool = True


@dataclass(frozen=True)
class PracticeVocabulary:
    """The four vocabularies of the catalogue's filters, in their display order, read in one query."""

    terms: dict[str, list[VocabularyTerm]]

    def codes(self, kind: str) -> set[str]:
        return {term.code for term in self.terms.get(kind, [])}


_NAME_COLUMNS = ("name", *(f"name_{code}" for code, _label in settings.LANGUAGES))


def _vocabulary_part(queryset: QuerySet, kind: str, code: str, sort: str, in_force: object) -> QuerySet:
    """One vocabulary as rows (kind, code, sort key, in force, names); a plain QuerySet, because
    modeltranslation's would rewrite the name columns of values()."""
    return (
        QuerySet(queryset.model)
        .filter(pk__in=queryset.values("pk"))
        .order_by()
        .annotate(
            v_kind=Value(kind, output_field=CharField()),
            v_code=Cast(code, output_field=TextField()),
            v_sort=Cast(sort, output_field=IntegerField()),
            v_in_force=in_force,
        )
        .values("v_kind", "v_code", "v_sort", "v_in_force", *_NAME_COLUMNS)
    )


def practice_vocabulary() -> PracticeVocabulary:
    """Areas (all, flagged whether in force: an old code is still a valid filter), national goals, target groups
    and maturity dimensions in one UNION ALL query."""
    in_force = Exists(VitalityCentre.objects.in_force().filter(pk=OuterRef("pk")))
    true = Value(True, output_field=BooleanField())
    parts = [
        _vocabulary_part(VitalityCentre.objects.all(), "area", "code", Value(0), in_force),
        _vocabulary_part(NationalGoal.objects.all(), "goal", "number", "number", true),
        _vocabulary_part(TargetGroup.objects.all(), "target_group", "code", "order", true),
        _vocabulary_part(MaturityDimension.objects.all(), "dimension", "code", "order", true),
    ]
    rows = sorted(parts[0].union(*parts[1:], all=True), key=lambda row: (row["v_sort"], row["v_code"]))
    terms: dict[str, list[VocabularyTerm]] = {"area": [], "goal": [], "target_group": [], "dimension": []}
    for row in rows:
        names = SimpleNamespace(**{column: row[column] for column in _NAME_COLUMNS})
        terms[row["v_kind"]].append(VocabularyTerm(row["v_code"], names, row["v_in_force"]))
    return PracticeVocabulary(terms)


@dataclass(frozen=True)
class PracticeQuery:
    text: str = ""
    language: str = "fi"
    filters: PracticeFilters = field(default_factory=PracticeFilters)
    page: int = 1
    vocabulary: PracticeVocabulary | None = field(default=None, compare=False, repr=False)


@dataclass
class FacetValue:
    code: str
    label: object
    count: int
    selected: bool


@dataclass
class PracticeResult:
    practices: list[Practice]
    total: int
    facets: dict[str, list[FacetValue]]
    page: int
    corrections: list[str]

    @property
    def pages(self) -> int:
        return max(1, (self.total + PAGE_SIZE - 1) // PAGE_SIZE)


FACET_LABELS = {
    "area": _("Area"),
    "goal": _("National goal"),
    "target_group": _("Target group"),
    "dimension": _("Maturity dimension"),
    "phase": pgettext_lazy("phase of a practice", "Status"),
}


class StoredRank(Func):
    """A practice's rank: the sum over the languages of ``ts_rank`` of its stored document against that language's
    tsquery (read by primary key from the stored documents, for the matched practices only)."""

    output_field = FloatField()

    def __init__(self, tsqueries: dict[str, str]) -> None:
        self.languages = list(tsqueries)
        super().__init__(F("pk"), *(Value(tsquery, output_field=TextField()) for tsquery in tsqueries.values()))

    def as_sql(self, compiler, connection, **extra_context) -> tuple[str, list]:
        sqls, params = [], []
        for expression in self.get_source_expressions():
            sql, expression_params = compiler.compile(expression)
            sqls.append(sql)
            params.extend(expression_params)
        # Column names and configurations are constants; the tsqueries are parameters.
        ranks = " + ".join(
            f"ts_rank(d.document_{code}, to_tsquery('{CONFIGS[code]}', {sql}))"
            for code, sql in zip(self.languages, sqls[1:], strict=True)
        )
        sql = f"(SELECT {ranks} FROM {DOCUMENT_TABLE} d WHERE d.practice_id = {sqls[0]})"  # noqa: S608
        return sql, params


def _text_match(queryset: QuerySet[Practice], text: str) -> tuple[QuerySet[Practice], list[str]]:
    parsed = terms.parse(text)
    if not parsed:
        return queryset, []
    terms.expand(parsed, terms.look_up(terms.words_to_look_up(parsed)))
    tsqueries = {code: tsquery for code in LANGUAGES if (tsquery := terms.tsquery_text(parsed, code))}
    if not tsqueries:
        return queryset.none(), []
    corrections = [word for term in parsed.terms() for word in term.corrections]
    # The ids of the matches from the GIN indexes of the stored documents (one index scan per language, OR-ed).
    # The SQL is built from constants (column names and configurations); the tsqueries are parameters.
    conditions = " OR ".join(f"d.document_{code} @@ to_tsquery('{CONFIGS[code]}', %s)" for code in tsqueries)
    sql = f"SELECT d.practice_id FROM {DOCUMENT_TABLE} d WHERE {conditions}"  # noqa: S608
    ids = RawSQL(sql, list(tsqueries.values()))  # noqa: S611
    matched = queryset.filter(pk__in=ids).annotate(rank=StoredRank(tsqueries))
    return matched, corrections


# A filter's kind → the practice's many-to-many field and the field of the related vocabulary its values name.
_RELATION_FILTERS = {
    "area": ("areas", "vitality_centres", "code"),
    "goal": ("goals", "national_goals", "number"),
    "target_group": ("target_groups", "target_groups", "code"),
    "dimension": ("dimensions", "dimensions", "code"),
}


def _having_all(relation: str, key: str, values: tuple[object, ...]) -> QuerySet:
    """The ids of the practices related to every one of these values, as ONE subquery on the link table
    (``… WHERE code IN (…) GROUP BY practice HAVING count(DISTINCT code) = n``), however many values there are.
    Filtering once per value would add a join per value, and the plan grows exponentially with them (issue 13)."""
    field = Practice._meta.get_field(relation)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    links = through.objects.filter(**{f"{target}__{key}__in": values}).order_by()
    if len(values) == 1:
        return links.values(source)
    return (
        links.values(source)
        .annotate(matched=Count(f"{target}__{key}", distinct=True))
        .filter(matched=len(values))
        .values(source)
    )


def _filter(queryset: QuerySet[Practice], filters: PracticeFilters, skip: str = "") -> QuerySet[Practice]:
    """The practices having all the chosen values of each filter (a practice for goals 1 and 2 both), except
    the status, of which any chosen value will do. One condition per filter, not one per value."""
    for kind, (attribute, relation, key) in _RELATION_FILTERS.items():
        values = getattr(filters, attribute)
        if values and skip != kind:
            queryset = queryset.filter(pk__in=_having_all(relation, key, values))
    if filters.phases and skip != "phase":
        queryset = queryset.filter(phase__in=filters.phases)
    return queryset


_FACET_PATHS = {
    "area": "vitality_centres__code",
    "goal": "national_goals__number",
    "target_group": "target_groups__code",
    "dimension": "dimensions__code",
    "phase": "phase",
}


def _facet_counts(base: QuerySet[Practice], filters: PracticeFilters) -> dict[str, dict[str, int]]:
    """Counts per facet and value among the matches, all facets in one UNION ALL query; each facet counts as if
    its own selection were not made (so that a reader sees what choosing another value would give)."""
    parts = [
        Practice.objects.filter(pk__in=_filter(base, filters, skip).values("pk"))
        .order_by()
        .annotate(f_kind=Value(skip, output_field=CharField()), f_value=Cast(path, output_field=TextField()))
        .values("f_kind", "f_value")
        .annotate(f_count=Count("pk", distinct=True))
        .values_list("f_kind", "f_value", "f_count")
        for skip, path in _FACET_PATHS.items()
    ]
    counts: dict[str, dict[str, int]] = {kind: {} for kind in _FACET_PATHS}
    for kind, value, count in parts[0].union(*parts[1:], all=True):
        counts[kind][value] = count
    return counts


def _facets(
    base: QuerySet[Practice], filters: PracticeFilters, vocabulary: PracticeVocabulary
) -> dict[str, list[FacetValue]]:
    counts = _facet_counts(base, filters)
    selected = {
        "area": set(filters.areas),
        "goal": {str(number) for number in filters.goals},
        "target_group": set(filters.target_groups),
        "dimension": set(filters.dimensions),
    }
    facets: dict[str, list[FacetValue]] = {}
    for kind in ("area", "goal", "target_group", "dimension"):
        values = []
        for term in vocabulary.terms[kind]:
            if kind == "area" and not term.in_force:
                continue
            label = translated(term.names, "name")
            if kind == "goal":
                label = f"{term.code}. {label}"
            values.append(FacetValue(term.code, label, counts[kind].get(term.code, 0), term.code in selected[kind]))
        facets[kind] = values
    facets["phase"] = [
        FacetValue(value, label, counts["phase"].get(value, 0), value in filters.phases)
        for value, label in Practice.Phase.choices
    ]
    return facets


def search_practices(query: PracticeQuery, *, detail: bool = True) -> PracticeResult:
    """Published practices matching the text (in any language, Finnish-aware) and the filters.

    ``detail`` reads everything a practice's API record shows; the list page shows only the areas, so it asks
    for less. The page's practices and the total come from one query (a window count)."""
    vocabulary = query.vocabulary or practice_vocabulary()
    base = Practice.objects.published()
    matched, corrections = _text_match(base, query.text)
    filtered = _filter(matched, query.filters)
    # Ranked only when there was something to look for: a query of exclusions only (-ohjaamo) matches nothing, as
    # in the service search, and has no rank to order by.
    ordering = ["-rank", "title_fi"] if "rank" in matched.query.annotations else ["title_fi"]
    start = (query.page - 1) * PAGE_SIZE
    page = filtered.annotate(total_matches=Window(Count("*"))).order_by(*ordering)[start : start + PAGE_SIZE]
    page = page.with_detail() if detail else page.prefetch_related("vitality_centres")
    practices = list(page)
    total = practices[0].total_matches if practices else (filtered.count() if start else 0)
    facet_base = Practice.objects.filter(pk__in=matched.values("pk")) if query.text else base
    return PracticeResult(
        practices=practices,
        total=total,
        facets=_facets(facet_base, query.filters, vocabulary),
        page=query.page,
        corrections=corrections,
    )


def practice_codes_known(filters: PracticeFilters, vocabulary: PracticeVocabulary | None = None) -> bool:
    """Are all the filter values real (so that an unknown one can be refused instead of silently ignored)?"""
    vocabulary = vocabulary or practice_vocabulary()
    checks = [
        (filters.areas, vocabulary.codes("area")),
        ({str(number) for number in filters.goals}, vocabulary.codes("goal")),
        (filters.target_groups, vocabulary.codes("target_group")),
        (filters.dimensions, vocabulary.codes("dimension")),
        (filters.phases, set(Practice.Phase.values)),
    ]
    return all(set(values) <= known for values, known in checks)
