"""Search of the catalogue of practices, on the service search's machinery (not a second engine).

From :mod:`services.search_terms` it takes the reading of the query (words, phrases, -exclusions, `or`), the
Finnish base forms and compound parts from Voikko, the known-word expansions and typo corrections, and the
tsquery per language; from the search index (services/migrations/0002) the per-language text-search
configurations and ``liv_search_weighted``, which adds the Voikko lexemes of known words to the Finnish
document. A practice's words join the same word table (:func:`record_words`) so that they are analysed too.

The catalogue is small (hundreds of practices, not the directory's 100 000 services), so the documents are
built in the query rather than stored; the facet counts are one grouped query per facet over the matches.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, Count, FloatField, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from cooperation.models import MaturityDimension, Practice
from liv.i18n import translated
from regions.models import VitalityCentre
from services import search_index, search_terms
from services.models import NationalGoal, TargetGroup
from services.search import CONFIGS, LANGUAGES

TEXT_FIELDS = ("title", "summary", "description", "results", "evaluation")
PAGE_SIZE = 20


def record_words(practices: QuerySet[Practice] | list[Practice]) -> int:
    """Put the practices' words into the search's word table and let Voikko analyse the new ones."""
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
    return search_index.analyse_new_words()


@dataclass(frozen=True)
class PracticeFilters:
    areas: tuple[str, ...] = ()
    goals: tuple[int, ...] = ()
    target_groups: tuple[str, ...] = ()
    dimensions: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()


@dataclass(frozen=True)
class PracticeQuery:
    text: str = ""
    language: str = "fi"
    filters: PracticeFilters = field(default_factory=PracticeFilters)
    page: int = 1


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
    "phase": _("Status"),
}


def _document(code: str) -> str:
    """The practice's document in one language, weighted like a service's (title A, summary B, the rest C)."""
    table = Practice._meta.db_table
    extra = "true" if code == "fi" else "false"
    config = CONFIGS[code]
    return (
        f"liv_search_weighted('{config}', {table}.title_{code}, 'A', {extra})"
        f" || liv_search_weighted('{config}', {table}.summary_{code}, 'B', {extra})"
        f" || liv_search_weighted('{config}', concat_ws(' ', {table}.description_{code}, {table}.results_{code},"
        f" {table}.evaluation_{code}), 'C', {extra})"
    )


def _text_match(queryset: QuerySet[Practice], text: str) -> tuple[QuerySet[Practice], list[str]]:
    parsed = search_terms.parse(text)
    if not parsed:
        return queryset, []
    search_terms.expand(parsed, search_terms.look_up(search_terms.words_to_look_up(parsed)))
    conditions, params, ranks = [], [], []
    for code in LANGUAGES:
        tsquery = search_terms.tsquery_text(parsed, code)
        if not tsquery:
            continue
        conditions.append(f"({_document(code)}) @@ to_tsquery('{CONFIGS[code]}', %s)")
        ranks.append(f"ts_rank({_document(code)}, to_tsquery('{CONFIGS[code]}', %s))")
        params.append(tsquery)
    if not conditions:
        return queryset.none(), []
    corrections = [word for term in parsed.terms() for word in term.corrections]
    # The SQL is built from constants (column names and configurations); the tsqueries are parameters.
    matched = (
        queryset.alias(
            text_match=RawSQL(" OR ".join(conditions), params, output_field=BooleanField())  # noqa: S611
        )
        .filter(text_match=True)
        .annotate(rank=RawSQL(" + ".join(ranks), params, output_field=FloatField()))  # noqa: S611
    )
    return matched, corrections


def _filter(queryset: QuerySet[Practice], filters: PracticeFilters, skip: str = "") -> QuerySet[Practice]:
    if filters.areas and skip != "area":
        for code in filters.areas:
            queryset = queryset.filter(vitality_centres__code=code)
    if filters.goals and skip != "goal":
        for number in filters.goals:
            queryset = queryset.filter(national_goals__number=number)
    if filters.target_groups and skip != "target_group":
        for code in filters.target_groups:
            queryset = queryset.filter(target_groups__code=code)
    if filters.dimensions and skip != "dimension":
        for code in filters.dimensions:
            queryset = queryset.filter(dimensions__code=code)
    if filters.phases and skip != "phase":
        queryset = queryset.filter(phase__in=filters.phases)
    return queryset


def _facets(base: QuerySet[Practice], filters: PracticeFilters) -> dict[str, list[FacetValue]]:
    """Counts per value among the matches; each facet counts as if its own selection were not made (so that a
    reader sees what choosing another value would give)."""

    def counts(skip: str, path: str) -> dict:
        ids = _filter(base, filters, skip).values("pk")
        rows = Practice.objects.filter(pk__in=ids).order_by().values(path).annotate(n=Count("pk", distinct=True))
        return {row[path]: row["n"] for row in rows}

    area_counts = counts("area", "vitality_centres__code")
    goal_counts = counts("goal", "national_goals__number")
    group_counts = counts("target_group", "target_groups__code")
    dimension_counts = counts("dimension", "dimensions__code")
    phase_counts = counts("phase", "phase")
    return {
        "area": [
            FacetValue(a.code, translated(a, "name"), area_counts.get(a.code, 0), a.code in filters.areas)
            for a in VitalityCentre.objects.in_force()
        ],
        "goal": [
            FacetValue(
                str(g.number),
                f"{g.number}. {translated(g, 'name')}",
                goal_counts.get(g.number, 0),
                g.number in filters.goals,
            )
            for g in NationalGoal.objects.all()
        ],
        "target_group": [
            FacetValue(t.code, translated(t, "name"), group_counts.get(t.code, 0), t.code in filters.target_groups)
            for t in TargetGroup.objects.all()
        ],
        "dimension": [
            FacetValue(d.code, translated(d, "name"), dimension_counts.get(d.code, 0), d.code in filters.dimensions)
            for d in MaturityDimension.objects.all()
        ],
        "phase": [
            FacetValue(value, label, phase_counts.get(value, 0), value in filters.phases)
            for value, label in Practice.Phase.choices
        ],
    }


def search_practices(query: PracticeQuery) -> PracticeResult:
    """Published practices matching the text (in any language, Finnish-aware) and the filters."""
    base = Practice.objects.published()
    matched, corrections = _text_match(base, query.text)
    filtered = _filter(matched, query.filters)
    total = filtered.count()
    ordering = ["-rank", "title_fi"] if query.text and search_terms.parse(query.text) else ["title_fi"]
    start = (query.page - 1) * PAGE_SIZE
    ids = list(filtered.order_by(*ordering).values_list("pk", flat=True)[start : start + PAGE_SIZE])
    by_id = {p.pk: p for p in Practice.objects.filter(pk__in=ids).with_detail()}
    facet_base = Practice.objects.filter(pk__in=matched.values("pk")) if query.text else base
    return PracticeResult(
        practices=[by_id[pk] for pk in ids if pk in by_id],
        total=total,
        facets=_facets(facet_base, query.filters),
        page=query.page,
        corrections=corrections,
    )


def practice_codes_known(filters: PracticeFilters) -> bool:
    """Are all the filter values real (so that an unknown one can be refused instead of silently ignored)?"""
    checks = [
        (filters.areas, VitalityCentre.objects.filter(code__in=filters.areas).count()),
        (filters.goals, NationalGoal.objects.filter(number__in=filters.goals).count()),
        (filters.target_groups, TargetGroup.objects.filter(code__in=filters.target_groups).count()),
        (filters.dimensions, MaturityDimension.objects.filter(code__in=filters.dimensions).count()),
    ]
    phases_known = all(phase in Practice.Phase.values for phase in filters.phases)
    return phases_known and all(len(set(values)) == count for values, count in checks if values)
