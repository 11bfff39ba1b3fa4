"""From what a person typed to one tsquery per language.

The query is read the way web search engines read it: words are all required, "quoted words" must appear
together, -word excludes, and `or` (also `tai`, `eller`) between words accepts either. Each word is then widened:

* Finnish base forms and compound parts from Voikko ("työnhakuvalmennus" → työnhaku, työ & haku & valmennus);
* known words of the index that contain it ("vägledning" → "karriärvägledning"), for compounds in every language;
* known words that look like it, without diacritics ("ohjamo" → "ohjaamo", "tyonhaku" → "työnhaku"), when
  the word itself is not known.

Limits keep PostgreSQL's own limits out of reach: 200 characters, 12 words, 60 characters a word and at most 24
alternatives a word (a lexeme may be 2 KB and a tsquery 32 768 nodes).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db import connection

from services.search import finnish

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
MAX_WORD_CHARS = 60
MAX_ALTERNATIVES = 24
MIN_INFIX_CHARS = 5
MIN_PART_CHARS = 4  # each part of an unknown word read as two known ones
SIMILARITY = 0.45

OR_WORDS = frozenset({"or", "tai", "eller"})
# Words that make a query a question or a request and say nothing of what is sought ("miten pääsen
# opiskelemaan", "var kan jag få hjälp", "where can I get help"). They are left out when other words remain.
QUESTION_WORDS = frozenset(
    {
        # Finnish
        *("miten", "mitenkä", "kuinka", "mistä", "missä", "mihin", "minne", "mitä", "mikä", "mitkä", "millainen"),
        *("kuka", "ketkä", "kenelle", "keneltä", "kenen", "milloin", "miksi", "voinko", "voiko", "voisinko"),
        *("saanko", "saako", "saisinko", "onko", "olisiko", "pitääkö", "pitäisikö", "täytyykö", "kannattaako"),
        *("haluan", "haluaisin", "tarvitsen", "tarvitsisin", "etsin", "haen", "minä", "mä", "minun", "mun", "minulla"),
        *("minulle", "mulle", "olen", "oon", "jos", "kun", "että", "ja", "tai", "sekä", "myös", "nyt", "vain"),
        *("apua", "apu", "saada", "päästä", "pääsen", "löydän", "löytää", "jonkun", "joku", "jotain", "joka"),
        # "mitä nyt pitää tehdä" ("teen" is an English word too)
        *("pitää", "pitäis", "pitäisi", "pitäs", "tehdä", "tekisin", "just", "juuri"),
        # Swedish
        *("hur", "var", "vart", "varifrån", "vad", "vem", "vilka", "vilken", "när", "varför", "kan", "får"),
        *("jag", "mig", "min", "mitt", "mina", "man", "vill", "skulle", "behöver", "söker", "finns", "det", "någon"),
        *("något", "om", "och", "att", "hjälp", "få", "hittar", "hitta", "är", "ska", "göra", "gör", "måste", "borde"),
        "nu",
        # English
        *("how", "where", "what", "who", "which", "when", "why", "can", "could", "may", "should", "do", "does"),
        *("is", "are", "there", "i", "me", "my", "we", "our", "want", "need", "looking", "find", "get", "help"),
        *("someone", "somebody", "some", "anyone", "a", "an", "the", "to", "for", "with", "and", "if", "am", "im"),
        *("ive", "cant", "dont", "doesnt", "didnt", "wont", "isnt", "havent"),  # contractions typed without "'"
        *("must", "now"),  # and "just", above
        # Fillers of spoken and written talk, and how long something has lasted ("ope ollu 20 vuotta, haluun
        # jotain ihan muuta", "ollu työttömänä kolme vuotta eikä mikään auta"): no service is about them, and in
        # the fallback a rare one weighs the most, so a text that happens to say "riittää" came first.
        *("aivan", "tosi", "todella", "vähän", "hieman", "mitään", "mikään", "jotenkin", "jotenki", "enää"),
        *("kyllä", "kyl", "sit", "sitten", "niinku", "siis", "ehkä", "oikein", "eikä", "jo", "vielä", "aina"),
        *("käy", "käydä", "käyn", "käyt", "käynyt", "kävisi"),  # "käy koulua" (goes to school), as "on" is left
        *("toimi", "toimii", "tekemistä"),  # "kirjautuminen ei toimi" (does not work) is no "työtoiminta"
        # (spoken "kaks", "viis", "mut", "semmonen" are read as "kaksi", "viisi", "mutta", "sellainen" first)
        *("joskus", "auttaa", "auta", "auttaisi", "auttais", "riittää", "sellainen"),
        *("vuotta", "vuosia", "kuukautta", "kuukausia", "viikkoa", "viikkoja", "kaksi", "kolme", "neljä", "viisi"),
        *("int", "bara", "liksom", "asså", "ju", "väl", "nåt", "inget", "ingenting", "riktigt", "helt", "lite"),
        *("fortfarande", "redan", "aldrig", "alltid", "kanske", "nog", "egentligen", "hjälpa", "hjälper"),
        *("år", "månader", "veckor", "två", "tre", "fyra", "fem"),
        *("really", "so", "like", "totally", "anything", "nothing", "something", "stuff", "kinda", "lol", "very"),
        *("still", "already", "even", "ever", "never", "pretty", "quite", "bit", "maybe", "actually", "always"),
        *("basically", "literally", "years", "months", "weeks", "two", "three", "four", "five"),
    }
)
_TOKEN = re.compile(r'"([^"]*)"?|(-?)([^\W_][\w-]*)')
# A case ending after an abbreviation's colon (Finnish "TE:n", "AMK:hon", "cv:tä"; Swedish "FPA:s"): the ending is
# part of the word, which is the abbreviation. A one-letter start is a Swedish name ("S:t Michel").
_CASE_ENDING = re.compile(r"\b([^\W_]{2,}):[^\W\d_]{1,5}\b")
# English contractions: "I'm", "kid's", "you've" are the word before the apostrophe (the rest would be a word of its
# own, "m", that every match must hold), and a negation ("don't", "can't") says nothing a text could match.
_CONTRACTION = re.compile(r"\b[^\W\d_]+n['’]t\b|['’](?:m|s|re|ve|ll|d)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def clean(text: str) -> str:
    """Normal form, no control characters, at most MAX_QUERY_CHARS characters, cut between words (a word cut in
    two would be searched as another word)."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return cut_between_words(" ".join(text.split()), MAX_QUERY_CHARS)


def cut_between_words(text: str, limit: int) -> str:
    """At most ``limit`` characters of ``text``, cut at the last space that allows it (else within the word)."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0]
    return cut if cut and len(cut) <= limit else text[:limit]


@dataclass
class Term:
    """A word or a quoted phrase; alternatives are filled in by :func:`expand`."""

    words: list[str]
    negated: bool = False
    alternatives: list[str] = field(default_factory=list)
    stop_in: frozenset[str] = frozenset()  # languages whose configuration ignores this word
    splits: list[tuple[str, ...]] = field(default_factory=list)
    corrections: list[str] = field(default_factory=list)

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass
class ParsedQuery:
    clauses: list[list[Term]]

    def terms(self) -> list[Term]:
        return [term for clause in self.clauses for term in clause]

    def __bool__(self) -> bool:
        return bool(self.clauses)


def _words(text: str) -> list[str]:
    return [w[:MAX_WORD_CHARS] for w in _WORD.findall(text.lower())]


def parse(text: str) -> ParsedQuery:
    """Clauses joined by AND; the terms of a clause are joined by OR."""
    clauses: list[list[Term]] = []
    join_next = False
    count = 0
    for match in _TOKEN.finditer(_CONTRACTION.sub("", _CASE_ENDING.sub(r"\1", clean(text)))):
        phrase, minus, word = match.groups()
        if phrase is not None:
            words = _words(phrase)
            if not words:
                continue
            term = Term(words)
        else:
            if word.lower() in OR_WORDS and clauses:
                join_next = True
                continue
            words = _words(word)
            if not words:
                continue
            term = Term(words[:1], negated=bool(minus)) if len(words) == 1 else Term(words)
        if count >= MAX_TERMS:
            break
        count += 1
        if join_next and not term.negated and not clauses[-1][-1].negated:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        join_next = False
    return ParsedQuery(_once(clauses))


def without_repeats(text: str) -> str:
    """The text with each word once, in the order typed (what is embedded of a query pasted many times)."""
    seen: set[str] = set()
    kept = []
    for word in text.split():
        if word.casefold() not in seen:
            seen.add(word.casefold())
            kept.append(word)
    return " ".join(kept)


def _once(clauses: list[list[Term]]) -> list[list[Term]]:
    """The clauses without repeats: a word typed twice (or pasted a hundred times) asks nothing more."""
    seen: set[tuple[tuple[tuple[str, ...], bool], ...]] = set()
    unique = []
    for clause in clauses:
        key = tuple((tuple(term.words), term.negated) for term in clause)
        if key not in seen:
            seen.add(key)
            unique.append(clause)
    return unique


def without_question_words(query: ParsedQuery) -> ParsedQuery:
    """The query without the words of :data:`QUESTION_WORDS`, unless nothing else would be left."""
    asking = [t for t in query.terms() if not t.is_phrase and not t.negated and t.words[0] in QUESTION_WORDS]
    if not asking or len(asking) == len([t for t in query.terms() if not t.negated]):
        return query
    return without(query, asking)


def without(query: ParsedQuery, consumed: Iterable[Term]) -> ParsedQuery:
    """The query without the terms that named places (they rank instead of matching)."""
    gone = {id(term) for term in consumed}
    clauses = [[t for t in clause if id(t) not in gone] for clause in query.clauses]
    return ParsedQuery([clause for clause in clauses if clause])


@dataclass(frozen=True, slots=True)
class KnownWords:
    known: frozenset[str]
    similar: dict[str, list[str]]
    containing: dict[str, list[str]]
    same_letters: dict[str, list[str]]  # known words that differ only by diacritics
    swapped: dict[str, list[str]]  # known words that are the word with two neighbouring letters swapped
    stems: dict[str, list[str]]  # the word's stem in each language's configuration, as "sv:invandr"
    stop_words: dict[str, frozenset[str]]  # by language: words its configuration ignores ("för", "for", "ja")
    # An unknown word as two known words (the start of a known word + a known word): "invandrarrådgivning" →
    # "invandrar rådgivning". Voikko splits Finnish compounds it knows; this is for Swedish ones, and for words
    # Voikko does not know.
    joined: dict[str, list[str]]
    # By language, each of these words and of the words found for them → its lexemes in that language's
    # configuration, for the match in memory (services.search.tsquery.normalised).
    lexemes: dict[str, dict[str, tuple[str, ...]]]


def look_up(words: list[str], also: Iterable[str] = ()) -> KnownWords:
    """One query: which words the index knows, which known words look like each, which contain it, and which two
    known words an unknown one may be; and the lexemes of all of them and of ``also`` (the parts Voikko splits a
    compound into), so that the query is matched without asking PostgreSQL again."""
    if not words:
        return KnownWords(frozenset(), {}, {}, {}, {}, {}, {}, {}, {"fi": {}, "sv": {}, "en": {}})
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH r AS MATERIALIZED (
            SELECT q.i, q.word,
                   EXISTS (SELECT 1 FROM services_search_word w WHERE w.word = q.word) AS known,
                   ARRAY(SELECT w.word FROM services_search_word w
                         WHERE liv_unaccent(w.word) %% liv_unaccent(q.word)
                           AND similarity(liv_unaccent(w.word), liv_unaccent(q.word)) >= %s
                         ORDER BY similarity(liv_unaccent(w.word), liv_unaccent(q.word)) DESC, length(w.word), w.word
                         LIMIT 3) AS alike,
                   ARRAY(SELECT w.word FROM services_search_word w
                         WHERE length(q.word) >= %s AND w.word LIKE '%%' || q.word || '%%' AND w.word <> q.word
                         ORDER BY length(w.word), w.word
                         LIMIT 12) AS containing,
                   ARRAY(SELECT w.word FROM services_search_word w
                         WHERE liv_unaccent(w.word) = liv_unaccent(q.word) AND w.word <> q.word
                         ORDER BY w.word
                         LIMIT 3) AS same_letters,
                   ARRAY(SELECT w.word FROM services_search_word w
                         WHERE w.word = ANY (ARRAY(
                                   SELECT substr(q.word, 1, i - 1) || substr(q.word, i + 1, 1) || substr(q.word, i, 1)
                                          || substr(q.word, i + 2)
                                   FROM generate_series(1, length(q.word) - 1) AS i))
                           AND w.word <> q.word
                         ORDER BY w.word) AS swapped,
                   numnode(plainto_tsquery('finnish', q.word)) = 0 AS stop_fi,
                   numnode(plainto_tsquery('swedish', q.word)) = 0 AS stop_sv,
                   numnode(plainto_tsquery('english', q.word)) = 0 AS stop_en,
                   ARRAY(SELECT 'fi:' || lexeme FROM unnest(to_tsvector('finnish', q.word))
                         UNION ALL SELECT 'sv:' || lexeme FROM unnest(to_tsvector('swedish', q.word))
                         UNION ALL SELECT 'sv:' || lexeme
                         FROM unnest(to_tsvector('swedish', regexp_replace(q.word, 'an$', 'a')))
                         WHERE q.word ~ '[^aeiouyåäö]an$'
                         UNION ALL SELECT 'sv:' || lexeme
                         FROM unnest(to_tsvector('swedish', regexp_replace(q.word, 'et$', 'e')))
                         WHERE q.word ~ '[^aeiouyåäö]et$'
                         UNION ALL SELECT 'en:' || lexeme FROM unnest(to_tsvector('english', q.word))) AS stems,
                   ARRAY(SELECT substr(q.word, 1, i) || ' ' || substr(q.word, i + 1)
                         FROM generate_series(%s, length(q.word) - %s) AS i
                         WHERE NOT EXISTS (SELECT 1 FROM services_search_word w WHERE w.word = q.word)
                           AND EXISTS (SELECT 1 FROM services_search_word w WHERE w.word = substr(q.word, i + 1))
                           AND EXISTS (SELECT 1 FROM services_search_word w
                                       WHERE w.word LIKE substr(q.word, 1, i) || '%%')
                         ORDER BY i
                         LIMIT 1) AS joined
            FROM unnest(%s::text[]) WITH ORDINALITY AS q(word, i)
            ),
            -- Every word that may become a word of the query, as it will be written in the query, and the parts
            -- of the hyphenated ones (services.search.terms._alternative): the words, what was found for them,
            -- and the parts Voikko split them into.
            t AS (
                SELECT DISTINCT part AS word
                FROM (SELECT unnest(ARRAY[word] || alike || containing || same_letters || swapped || joined) FROM r
                      UNION ALL SELECT unnest(%s::text[])) AS a(whole),
                     LATERAL (SELECT whole UNION ALL SELECT regexp_split_to_table(whole, '[-\\s]+')) AS b(part)
                WHERE part <> ''
            )
            SELECT r.word, known, alike, containing, same_letters, swapped, stop_fi, stop_sv, stop_en, stems,
                   joined,
                   CASE WHEN r.i = 1 THEN (
                       SELECT json_object_agg(t.word, json_build_array(
                           ARRAY(SELECT lexeme FROM unnest(to_tsvector('finnish', t.word))),
                           ARRAY(SELECT lexeme FROM unnest(to_tsvector('swedish', t.word))),
                           ARRAY(SELECT lexeme FROM unnest(to_tsvector('english', t.word)))))
                       FROM t)
                   END
            FROM r ORDER BY r.i
            """,
            [SIMILARITY, MIN_INFIX_CHARS, MIN_PART_CHARS, MIN_PART_CHARS, words, list(also)],
        )
        rows = cursor.fetchall()
    return KnownWords(
        known=frozenset(row[0] for row in rows if row[1]),
        similar={row[0]: list(row[2]) for row in rows},
        containing={row[0]: list(row[3]) for row in rows},
        same_letters={row[0]: list(row[4]) for row in rows},
        swapped={row[0]: list(row[5]) for row in rows},
        stop_words={lang: frozenset(row[0] for row in rows if row[6 + i]) for i, lang in enumerate(("fi", "sv", "en"))},
        stems={row[0]: list(row[9]) for row in rows},
        joined={row[0]: list(row[10]) for row in rows},
        lexemes={
            language: {word: tuple(found[i]) for word, found in (rows[0][11] or {}).items()}
            for i, language in enumerate(("fi", "sv", "en"))
        },
    )


def join_synonym_words(query: ParsedQuery, synonyms: dict[str, list[str]]) -> ParsedQuery:
    """Consecutive plain words that together are a synonym ("TE office", "high school", "oma firma") as one term
    whose alternatives are the words together (AND) or the synonym's equivalents (services.models.SearchSynonym
    allows up to three words)."""
    clauses: list[list[Term]] = []
    plain = [
        len(clause) == 1 and not clause[0].negated and not clause[0].is_phrase and " " not in clause[0].words[0]
        for clause in query.clauses
    ]
    i = 0
    while i < len(query.clauses):
        for size in (3, 2):
            if i + size <= len(query.clauses) and all(plain[i : i + size]):
                words = " ".join(clause[0].words[0] for clause in query.clauses[i : i + size])
                if words in synonyms:
                    clauses.append([Term([words])])
                    i += size
                    break
        else:
            clauses.append(query.clauses[i])
            i += 1
    return ParsedQuery(clauses)


def words_to_look_up(query: ParsedQuery, synonyms: dict[str, list[str]] | None = None) -> list[str]:
    """The query's words and their base forms, and the one-word synonyms of those: a synonym is matched like a
    typed word, so "jobbsökning" → työnhaku also finds the entries that say "työnhakuvalmennus"."""
    words: list[str] = []
    for term in query.terms():
        if term.is_phrase:
            continue
        word = term.words[0]
        forms = [word] if " " in word else [word, *finnish.analyse(word).base_forms]
        said = [other for form in forms for other in (synonyms or {}).get(form, []) if " " not in other]
        for form in (*forms, *said):
            if form not in words and _WORD.fullmatch(form):
                words.append(form)
    return words


def compound_parts(query: ParsedQuery) -> list[str]:
    """The parts Voikko splits the query's Finnish compounds into: words of the query too (see :func:`expand`)."""
    return [
        part
        for term in query.terms()
        if not term.is_phrase and " " not in term.words[0]
        for split in finnish.analyse(term.words[0]).compound_parts
        for part in split
    ]


def said_for_meaning(query: ParsedQuery, synonyms: dict[str, list[str]]) -> list[str]:
    """The first equivalent of each of the query's words that is a synonym (as typed, by its Voikko base forms,
    or as a run of words that together are one), for the query's embedding: the model knows "TE-toimisto" but
    not "työkkäri", and "uraohjaus" better than "career counselling" in a text written in Finnish only. One a
    word, because the model's cost grows with the text and the first equivalent brings what all of them did
    (docs/search.md). Read in memory only, so the embedding starts before the words are looked up."""
    said: list[str] = []
    for term in join_synonym_words(query, synonyms).terms():
        if term.is_phrase or term.negated:
            continue
        word = term.words[0]
        forms = [word] if " " in word else [word, *finnish.analyse(word).base_forms]
        first = next((other for form in forms for other in synonyms.get(form, []) if other not in said), None)
        if first:
            said.append(first)
    return said


def expand(query: ParsedQuery, known: KnownWords, synonyms: dict[str, list[str]] | None = None) -> None:
    """Fill in each word's alternatives (see the module docstring) and the synonyms of the word and its base
    forms (a synonym of several words must match all of them)."""
    synonyms = synonyms or {}
    for term in query.terms():
        if term.is_phrase:
            continue
        word = term.words[0]
        if " " in word:  # words joined by join_synonym_words: they together, or their synonyms
            said = list(synonyms.get(word, []))
            said += [longer for one in said for longer in known.containing.get(one, []) if longer not in said]
            term.alternatives = list(dict.fromkeys([word, *said]))[:MAX_ALTERNATIVES]
            continue
        analysis = finnish.analyse(word)
        alternatives = [word, *analysis.base_forms]
        term.splits = [split for split in analysis.compound_parts if all(len(p) > 1 for p in split)]
        # A word's stems reach the synonyms of each language ("flyktingar" → sv:flykting), but a Finnish word that
        # Voikko knows reaches only Finnish ones: the Swedish stemmer cuts "hanke" (a project) to "hank", the stem
        # of the Swedish synonym "Hanken" (a university).
        stems = known.stems.get(word, [])
        forms = [word, *analysis.base_forms, *(s for s in stems if not analysis.base_forms or s.startswith("fi:"))]
        said = list(dict.fromkeys(equivalent for form in forms for equivalent in synonyms.get(form, [])))
        # The compounds that hold a one-word synonym ("työnhaku" → työnhakuvalmennus), as for the word itself.
        said += [longer for equivalent in said for longer in known.containing.get(equivalent, []) if longer not in said]
        # A stop word of any of the languages ("för", "the", "ja") is left out of every language's query: a
        # Swedish question may be answered by a Finnish text, which has no "för". Not when it has synonyms ("TE"
        # is a Finnish pronoun and the TE services): then the synonyms stand for it.
        if not said and any(word in words for words in known.stop_words.values()):
            term.stop_in = frozenset(known.stop_words)
        # A word no entry holds is corrected even when Voikko knows it: "uraohjas" is a valid compound (career
        # rein), but what was meant is "uraohjaus". A word with synonyms is not a typo.
        recognised = any(form in known.known for form in alternatives) or bool(said)
        alternatives.extend(known.same_letters.get(word, []))
        for form in list(alternatives):
            alternatives.extend(known.containing.get(form, []))
        if not recognised:
            alternatives.extend(known.joined.get(word, []))
            swapped = known.swapped.get(word, [])
            term.corrections = [w for w in dict.fromkeys([*swapped, *known.similar.get(word, [])]) if w != word]
            if "-" in word:  # corrected as a whole, not to one of its parts: "EU-hanke" is no "Hanken"
                parts = len(word.split("-"))
                term.corrections = [w for w in term.corrections if len([p for p in w.split("-") if p]) == parts]
            alternatives.extend(term.corrections)
        # Synonyms right after the word's own forms, so that the cap on alternatives never drops them.
        ordered = [*alternatives[: 1 + len(analysis.base_forms)], *said, *alternatives[1 + len(analysis.base_forms) :]]
        unique: list[str] = []
        for alternative in ordered:
            if alternative not in unique:
                unique.append(alternative)
        term.alternatives = unique[:MAX_ALTERNATIVES]


def _operand(word: str) -> str:
    """A quoted tsquery operand; words hold only letters, digits and inner hyphens (see _WORD)."""
    return "'" + word.replace("'", "") + "'"


def _alternative(word: str, lexemes: Mapping[str, Sequence[str]]) -> str:
    """One alternative of a word, or of a synonym of several words. A hyphenated word ("opinto-ohjaus") is the
    AND of its parts: to_tsquery would make it a phrase, and a phrase makes PostgreSQL re-read every matched
    document to check word positions (the GIN index cannot), which at 100 000 services costs more than the rest
    of the search. But not when the configuration ignores one of its parts (``lexemes``: the words' lexemes in
    it; a stop word has none): the Finnish one ignores "te" (you), so "TE-toimisto" would be "toimisto", any
    office. Then the word is written whole, which only the documents holding the whole word match (the parser
    keeps a hyphenated word's lexeme beside its parts'). Words apart keep their stop words' meaning ("ammatti- ja
    aikuisopisto") and are left as they are."""
    parts = [part for part in re.split(r"[-\s]+", word) if part]
    if len(parts) == 1 or (" " not in word and any(lexemes.get(part) == () for part in parts)):
        return _operand(word)
    return "(" + " & ".join(_operand(part) for part in parts) + ")"


def _term_expression(term: Term, finnish_config: bool, lexemes: Mapping[str, Sequence[str]]) -> str:
    if term.is_phrase:
        return "(" + " <-> ".join(_operand(w) for w in term.words) + ")"
    parts = [_alternative(w, lexemes) for w in term.alternatives or term.words]
    if finnish_config:
        parts.extend("(" + " & ".join(_operand(p) for p in split) + ")" for split in term.splits)
    expression = "(" + " | ".join(parts) + ")"
    return "!" + expression if term.negated else expression


def tsquery_text(query: ParsedQuery, language: str, lexemes: Mapping[str, Sequence[str]] | None = None) -> str:
    """The to_tsquery() input for one language's configuration ('' when nothing is left to match); ``lexemes``,
    the words' lexemes in it, when known (see :func:`_alternative`)."""
    lexemes = lexemes or {}
    clauses = []
    for clause in query.clauses:
        # A word this language ignores ("för" in Swedish) is left out here, not widened into a required word.
        expressions = [
            _term_expression(term, language == "fi", lexemes) for term in clause if language not in term.stop_in
        ]
        if not expressions:
            continue
        clauses.append("(" + " | ".join(expressions) + ")" if len(expressions) > 1 else expressions[0])
    if clauses and all(clause.startswith("!") for clause in clauses):
        return ""  # only exclusions: nothing to look for
    return " & ".join(clauses)


def clause_tsquery_texts(
    query: ParsedQuery, language: str, lexemes: Mapping[str, Sequence[str]] | None = None
) -> list[tuple[str, bool]]:
    """Each clause's to_tsquery() input for one language, without its negation, and whether it was negated: the
    fallback to partial matches weighs the clauses one by one ('' for a clause this language ignores)."""
    lexemes = lexemes or {}
    texts = []
    for clause in query.clauses:
        negated = all(term.negated for term in clause)
        expressions = [
            _term_expression(dataclasses.replace(term, negated=False), language == "fi", lexemes)
            for term in clause
            if language not in term.stop_in
        ]
        texts.append((" | ".join(expressions), negated))
    return texts


def exact_tsquery_text(query: ParsedQuery) -> str:
    """The words as typed (AND), for ranking exact matches above widened ones."""
    operands = [_operand(w) for term in query.terms() if not term.negated for w in term.words]
    return " & ".join(operands)
