"""The codes and names a search page needs: areas and the shared vocabularies.

Filters validate their codes against it, facets take their labels from it and the query reads place names from
it. One statement per request reads the directory version (services.search.facet_index keeps its facet bitsets
per version) and the vocabulary version, and the vocabulary itself (a few thousand short rows: the names, the
search synonyms the national administrators keep in the admin, and the lexemes of the synonyms' words, which the
query is matched with in memory) only when its version has moved since this process last read it: a database
trigger moves it with every change to those tables (migration 0018), so an admin rename or a new synonym is seen
at the next search, and a search does not pay for reading and building what has not changed. The rows come in a
fixed order: a term kept in several languages gives its equivalents in the order of its rows, and the query's
embedding takes the first (services.search.terms.said_for_meaning).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from django.db import connection

from liv.i18n import TranslatedText
from services.search.terms import QUESTION_WORDS

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
KINDS = ("area", "ely", "region", "municipality", "employment_area", "target_group", "service_type", "goal")

_SQL = """
SELECT 'version' AS kind, 0 AS id, version::text AS code, vocabulary_version::text AS name_fi, '' AS name_sv,
       '' AS name_en, NULL::integer AS parent_id, NULL::integer AS other_id, 0 AS sort FROM services_search_state
UNION ALL (SELECT * FROM (
    SELECT 'area' AS kind, id, code, name_fi, name_sv, name_en, NULL::integer AS parent_id,
           NULL::integer AS other_id, 0 AS sort
    FROM regions_vitalitycentre
    UNION ALL SELECT 'ely', id, code, name_fi, name_sv, name_en, NULL, NULL, 0 FROM regions_elycentre
    UNION ALL SELECT 'region', id, code, name_fi, name_sv, name_en, vitality_centre_id, ely_centre_id, 0
    FROM regions_region
    UNION ALL SELECT 'municipality', id, code, name_fi, name_sv, name_en, region_id, employment_area_id, 0
    FROM regions_municipality
    UNION ALL SELECT 'employment_area', id, code::text, name_fi, name_sv, name_en, NULL, NULL, 0
    FROM regions_employmentarea
    UNION ALL SELECT 'target_group', id, code, name_fi, name_sv, name_en, NULL, NULL, "order"
    FROM services_targetgroup
    UNION ALL SELECT 'service_type', id, code, name_fi, name_sv, name_en, NULL, NULL, "order"
    FROM services_servicetype
    UNION ALL SELECT 'goal', id, number::text, name_fi, name_sv, name_en, NULL, NULL, number FROM services_nationalgoal
    UNION ALL SELECT 'synonym', id::integer, term, equivalents, CASE WHEN two_way THEN 'both' ELSE '' END,
           stems,
           NULL, NULL, 0
    FROM services_searchsynonym
    UNION ALL SELECT 'lexeme', 0, t.word,
           array_to_string(ARRAY(SELECT lexeme FROM unnest(to_tsvector('finnish', t.word))), ' '),
           array_to_string(ARRAY(SELECT lexeme FROM unnest(to_tsvector('swedish', t.word))), ' '),
           array_to_string(ARRAY(SELECT lexeme FROM unnest(to_tsvector('english', t.word))), ' '),
           NULL, NULL, 0
    FROM (SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('simple', term || ' ' || equivalents))) AS word
          FROM services_searchsynonym) t
) v WHERE %(known)s IS DISTINCT FROM (SELECT vocabulary_version FROM services_search_state)
ORDER BY kind, sort, code, id)
"""


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str
    id: int
    code: str
    names: dict[str, str]
    parent_id: int | None

    def __hash__(self) -> int:
        return hash(
            (self.kind, self.id, self.code, self.names["fi"], self.names["sv"], self.names["en"], self.parent_id)
        )

    def name(self, language: str) -> TranslatedText:
        """The name in the language, or in Finnish (then marked as a fallback)."""
        for code in (language, "fi", "sv", "en"):
            if self.names.get(code):
                return TranslatedText(self.names[code], code, code != language)
        return TranslatedText(self.code, language, False)


@dataclass
class SearchVocabulary:
    by_id: dict[str, dict[int, Entry]] = field(default_factory=dict)
    by_code: dict[str, dict[str, Entry]] = field(default_factory=dict)
    ely_of_region: dict[int, int] = field(default_factory=dict)
    employment_area_of_municipality: dict[int, int] = field(default_factory=dict)
    version: int = 0
    # A word people use → the words the entries use for it (services.models.SearchSynonym; both ways when asked).
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    # By language, each word of the synonyms → its lexemes in that language's configuration: the query's words
    # are matched in memory by their lexemes (services.search.tsquery.normalised), and a synonym's equivalents
    # become words of the query after its words were looked up.
    lexemes: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    def entries(self, kind: str) -> list[Entry]:
        return list(self.by_id.get(kind, {}).values())

    def municipalities_in(self, employment_area_id: int) -> list[Entry]:
        """The municipalities of an employment area."""
        return [
            self.by_id["municipality"][pk]
            for pk, area_id in self.employment_area_of_municipality.items()
            if area_id == employment_area_id
        ]


# What this process last read, per database: (vocabulary version, the vocabulary).
_kept: dict[str, tuple[int, SearchVocabulary]] = {}


def load() -> SearchVocabulary:
    """The vocabulary and the directory version, in one statement; the rows only when they have changed. Callers
    must not change what they get: it is shared by the requests of this process."""
    database = str(connection.settings_dict.get("NAME"))
    known_version, known = _kept.get(database, (None, None))
    with connection.cursor() as cursor:
        cursor.execute(_SQL, {"known": known_version})
        rows = cursor.fetchall()
    (version, vocabulary_version), rows = _versions(rows)
    if known is None or vocabulary_version != known_version:
        known = _read(rows)
        _kept[database] = (vocabulary_version, known)
    return replace(known, version=version)


def _versions(rows: list[tuple]) -> tuple[tuple[int, int], list[tuple]]:
    """The directory and vocabulary versions, and the other rows."""
    state = next(row for row in rows if row[0] == "version")
    return (int(state[2]), int(state[3])), [row for row in rows if row[0] != "version"]


def _read(rows: list[tuple]) -> SearchVocabulary:
    vocabulary = SearchVocabulary(
        {kind: {} for kind in KINDS}, {kind: {} for kind in KINDS}, {}, lexemes={"fi": {}, "sv": {}, "en": {}}
    )
    # other: a region's ELY centre, a municipality's employment area.
    for kind, pk, code, fi, sv, en, parent, other, _sort in rows:
        if kind == "lexeme":
            for language, lexemes in (("fi", fi), ("sv", sv), ("en", en)):
                vocabulary.lexemes[language][code] = tuple(lexemes.split())
            continue
        if kind == "synonym":
            _add_synonym(vocabulary.synonyms, code, fi.splitlines(), two_way=bool(sv), stems=en)
            continue
        entry = Entry(kind, pk, str(code), {"fi": fi or "", "sv": sv or "", "en": en or ""}, parent)
        vocabulary.by_id[kind][pk] = entry
        vocabulary.by_code[kind][entry.code] = entry
        if other is not None and kind == "region":
            vocabulary.ely_of_region[pk] = other
        elif other is not None and kind == "municipality":
            vocabulary.employment_area_of_municipality[pk] = other
    return vocabulary


def _add_synonym(
    synonyms: dict[str, list[str]], term: str, equivalents: list[str], *, two_way: bool, stems: str
) -> None:
    """Register ``term`` → ``equivalents``, also under the term's stems in its language ("sv:invandr"), so that
    "invandrarna" finds the synonyms of "invandrare" (services.search.terms compares the query word's stems). A
    Finnish word has the stems of a few of its inflected forms too, because the stemmer cuts them differently
    and Voikko does not know colloquial words: "duunia" → duun (duuni → duuni), "amikseen" → amiks (amis)."""
    lines = [" ".join(_WORD.findall(line.lower())) for line in equivalents]
    lines = [line for line in lines if line]
    pairs = [(term, lines), *((stem, lines) for stem in stems.split())]
    # Words of a term are joined after the query's question words are left out, so "learn a trade" is also
    # registered as it is read, "learn trade" (not down to one word: "get a job" is no synonym of every "job").
    read = " ".join(word for word in term.split() if word not in QUESTION_WORDS)
    if " " in read and read != term:
        pairs.append((read, lines))
    if two_way:
        group = [term, *lines]
        pairs += [(line, [other for other in group if other != line]) for line in lines if " " not in line]
    for word, others in pairs:
        known = synonyms.setdefault(word, [])
        known.extend(other for other in others if other not in known and other != word)
