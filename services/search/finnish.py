"""Finnish morphology for the search: base forms and compound parts from Voikko (pyvoikko).

The Snowball stemmer PostgreSQL uses for `finnish` knows suffixes but not words: it cannot see that
"koulutusneuvonta" contains "neuvonta" or that "työnhakuun" is "työnhaku". Voikko's morphology (the dictionary
ships inside the pyvoikko wheel as voikko.kfst; nothing is downloaded) can, so the index stores its base forms and
compound parts and the query is expanded the same way. The dictionary takes about 1.5 s to load, so it is loaded
on first use, not at import.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

MAX_WORD = 60
_CLEAN = re.compile(r"[=|]")


@functools.cache
def _voikko():  # pyvoikko has no type information
    import pyvoikko

    return pyvoikko


def _normal(form: str) -> str:
    """Voikko marks morpheme boundaries with '=' and doubles hyphens in base forms."""
    return _CLEAN.sub("", form).replace("--", "-").lower().strip("-")


@dataclass(frozen=True, slots=True)
class Analysis:
    base_forms: tuple[str, ...]
    compound_parts: tuple[tuple[str, ...], ...]
    place_names: tuple[str, ...]  # readings as a place, not in the partitive: see partitive_places
    # Base forms read only as a place in the partitive: nobody searches "Lappia" for Lapland ("Lapissa", "Lappi");
    # Lappia is a vocational college, and the word is its name.
    partitive_places: tuple[str, ...] = ()


@functools.lru_cache(maxsize=50_000)
def analyse(word: str) -> Analysis:
    """Base forms, compound splits and place-name readings of one lower-case word."""
    word = word.lower()[:MAX_WORD]
    if len(word) < 2 or not any(ch.isalpha() for ch in word):
        return Analysis((), (), ())
    bases: list[str] = []
    parts: list[tuple[str, ...]] = []
    places: list[str] = []
    partitive: list[str] = []
    other: set[str] = set()  # base forms of readings that are not a place in the partitive
    for reading in _voikko().analyse(word):
        base = _normal(reading.BASEFORM)
        if base and base not in bases:
            bases.append(base)
        if reading.CLASS == "paikannimi" and reading.SIJAMUOTO == "osanto":
            partitive.append(base)
        else:
            other.add(base)
            if reading.CLASS == "paikannimi" and base not in places:
                places.append(base)
        if reading.COMPOUND_PARTS:
            split = tuple(p for p in (_normal(part.BASEFORM) for part in reading.COMPOUND_PARTS) if len(p) > 1)
            if len(split) > 1 and split not in parts:
                parts.append(split)
    if not bases and "-" in word.strip("-"):
        return _hyphenated(word)
    return Analysis(tuple(bases), tuple(parts), tuple(places), tuple(b for b in partitive if b not in other))


def _hyphenated(word: str) -> Analysis:
    """A hyphenated word Voikko does not know, inflected by its last part: "TE-toimistoon" → te-toimisto,
    "YKI-testiin" → yki-testi. Offices, tests and programmes are written with an abbreviation and a hyphen, and
    Voikko knows only some of the abbreviations (ELY, AMK), so the rest were matched only as typed."""
    head, _hyphen, last = word.rpartition("-")
    if len(last) < 3:
        return Analysis((), (), ())
    found = analyse(last)
    # No compound parts: the parts of a hyphenated word are matched as the word is (services.search.terms), and
    # "te" alone is a stop word, so "TE-toimisto" split would be any "toimisto".
    return Analysis(tuple(dict.fromkeys(f"{head}-{base}" for base in found.base_forms if base != last)), (), ())


def index_lexemes(word: str) -> list[str]:
    """The extra words the Finnish document gets for one word of the text: its base forms and compound parts."""
    analysis = analyse(word)
    out: list[str] = []
    for base in analysis.base_forms:
        if base != word:
            out.append(base)
    for split in analysis.compound_parts:
        out.extend(split)
    seen: set[str] = set()
    unique = []
    for lexeme in out:
        for piece in lexeme.split("-"):
            if len(piece) > 1 and piece not in seen:
                seen.add(piece)
                unique.append(piece)
    return unique
