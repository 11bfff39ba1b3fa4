"""Recognising places in a query: "Mikkelissä", "Helsingfors", "Åbo", "Savonlinnassa", "Etelä-Savon ELY".

Municipality, region, vitality-centre, ELY and employment-area names in Finnish, Swedish and English are matched
word by word and as two- and three-word names, as written, without diacritics ("Jyvaskyla") and by their Finnish
base form from Voikko ("Mikkelissä" → "Mikkeli", "Pieksämäellä" → "Pieksämäki"). A recognised place does not
filter the results; it ranks the services of that place first, and links to its vitality centre's area page.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from services.search import finnish
from services.search.ages import Age
from services.search.vocabularies import Entry, SearchVocabulary

# Words that only say "the regional authority" around a place name; consumed together with a place.
AREA_WORDS = frozenset(
    {
        "ely",
        "ely-keskus",
        "ely-keskuksen",
        "ely-keskuksessa",
        "ely-centre",
        "ely-center",
        "centre",
        "keskus",
        "elinvoimakeskus",
        "elinvoimakeskuksen",
        "elinvoimakeskuksessa",
        "ntm",
        "ntm-central",
        "ntm-centralen",
        "livskraftscentral",
        "livskraftscentralen",
        "alue",
        "alueella",
        "alueen",
        "ely-alue",
        "ely-alueella",
        "ely-alueen",
        "ely-alueelta",
        "elinvoimakeskusalue",
        "elinvoimakeskusalueella",
        "området",
        "regionen",
        "maakunta",
        "maakunnassa",
        "työllisyysalue",
        "työllisyysalueella",
        "työllisyysalueen",
        "sysselsättningsområde",
        "sysselsättningsområdet",
        "kunta",
        "kunnassa",
        "kaupunki",
        "kaupungissa",
        "i",
        "in",
        "area",
        "region",
        "landskap",
        "kommun",
        "stad",
    }
)
# Words that say only "guidance services", in a directory of nothing else: a query of a place and these alone
# ("Keski-Pohjanmaan ohjauspalvelut", "vägledning i Vasa") is the place alone, ranked by how well a service serves
# it and how central it is to guidance, and not by which texts say "palvelu" and "ohjaus" (as the early childhood
# education's "palveluohjaus" does). Finnish words by their base forms; "ja", "och" and "and" are question words,
# which are gone before places are read.
GUIDANCE_WORDS = frozenset(
    {
        "ohjaus",
        "neuvonta",
        "palvelu",
        "ohjauspalvelu",
        "neuvontapalvelu",
        "guidance",
        "counselling",
        "counseling",
        "advice",
        "service",
        "services",
        "vägledning",
        "handledning",
        "rådgivning",
        "tjänst",
        "tjänster",
    }
)
# Places people name that no register lists, as their municipalities: the capital region is Helsinki, Espoo,
# Kauniainen and Vantaa (Statistics Finland, "pääkaupunkiseutu"). An entry of kind "group" for each set of names.
PLACE_GROUPS: dict[str, tuple[str, ...]] = {"capital-region": ("091", "049", "235", "092")}
_GROUP_NAMES = (
    ("capital-region", "pääkaupunkiseutu", "huvudstadsregionen", "capital region"),
    ("capital-region", "", "huvudstadsregion", "helsinki metropolitan area"),
)
_GROUPS = tuple(Entry("group", 0, code, {"fi": fi, "sv": sv, "en": en}, None) for code, fi, sv, en in _GROUP_NAMES)
# Names people type for a town that no register lists (municipality code → names): the spoken names, which
# Voikko does not know and so cannot put in their base form ("stadissa", "hesaan", "mansessa"), and the
# abbreviations of signs and timetables ("Hki:ssä" is "hki" after the query's reading). A spoken name is matched
# with its case endings, written out below, but not in the genitive, which is part of names: "Stadin
# ammattiopisto" is a college and not any service in Helsinki.
SPOKEN_NAMES: dict[str, tuple[str, ...]] = {
    "091": ("stadi", "hesa", "hki", "hfors", "h:fors"),
    "837": ("manse",),
    "179": ("jkl",),
    "853": ("tku",),
    "698": ("rollo",),
    "405": ("lpr",),
    "109": ("hml",),
    "598": ("jakobstan",),
}
_CASE_ENDINGS = ("s", "ssa", "ssä", "sta", "stä", "st", "lla", "llä", "lta", "ltä", "lle")
_SPOKEN_GENITIVES = frozenset(name + "n" for names in SPOKEN_NAMES.values() for name in names)
MAX_NGRAM = 3
_NON_WORD = re.compile(r"[^\w-]+")
_BILINGUAL = re.compile(r"\s+[-–]\s+")
PLACE_KINDS = ("municipality", "region", "area", "ely", "employment_area")


def fold(text: str) -> str:
    """Lower case without diacritics (Python's equivalent of liv_unaccent for matching names only)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def base(token: str) -> str:
    """The word's Finnish base form, a place reading first; the word itself when Voikko does not know it."""
    analysis = finnish.analyse(token)
    return (analysis.place_names or analysis.base_forms or (token,))[0]


def _token_forms(token: str) -> list[str]:
    """A word as written, folded, and its Finnish base forms (place readings first; not a place's partitive)."""
    if token in _SPOKEN_GENITIVES:  # Voikko reads "stadin" as "stadi": part of a name, not a place
        return [token]
    forms = [token, fold(token)]
    analysis = finnish.analyse(token)
    forms.extend(analysis.place_names)
    forms.extend(form for form in analysis.base_forms if form not in analysis.partitive_places)
    if len(token) > 4 and token.endswith("s"):  # Swedish genitive: "Åbos", "Helsingfors'" stays as it is
        forms.append(token[:-1])
    seen: list[str] = []
    for form in forms:
        if form and form not in seen:
            seen.append(form)
    return seen


@dataclass
class PlaceMatch:
    municipality_ids: set[int] = field(default_factory=set)
    region_ids: set[int] = field(default_factory=set)
    centre_ids: set[int] = field(default_factory=set)
    entries: list[Entry] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)
    # The languages the query asks a service to be given in (services.search.service_languages): not places,
    # but ranked as one is.
    languages: list[str] = field(default_factory=list)
    # The age of the person the query is for (services.search.ages), ranked as a place is, too.
    age: Age | None = None

    def __bool__(self) -> bool:
        return bool(self.entries)


def _lexicon(vocabulary: SearchVocabulary) -> dict[str, list[Entry]]:
    """Every place name as written, folded and in base form, to the places it names. Built once per set of
    names (a rename in the admin gives a new set, and so a new lexicon)."""
    entries = tuple(entry for kind in PLACE_KINDS for entry in vocabulary.entries(kind))
    return _lexicon_of(entries + _GROUPS)


@functools.lru_cache(maxsize=4)
def _lexicon_of(entries: tuple[Entry, ...]) -> dict[str, list[Entry]]:
    lexicon: dict[str, list[Entry]] = {}
    for entry in entries:
        # A name in two languages ("Maarianhamina - Mariehamn") is either of them too.
        for name in {part for n in entry.names.values() if n for part in (n, *_BILINGUAL.split(n))}:
            words = _NON_WORD.sub(" ", name.lower()).split()  # "S:t Michel" is typed as "s t michel"
            keys = {" ".join(words), fold(" ".join(words)), " ".join(base(w) for w in words)}
            for key in keys:
                bucket = lexicon.setdefault(key, [])
                if entry not in bucket:
                    bucket.append(entry)
    for entry in entries:
        if entry.kind == "municipality":
            for name in SPOKEN_NAMES.get(entry.code, ()):
                for form in _spoken_forms(name):
                    lexicon.setdefault(" ".join(_NON_WORD.sub(" ", form).split()), [entry])
    # An employment area named as a town or a region ("Kuopio", "Satakunta") is that town or region to a person:
    # the area's name counts only where it names nothing else ("Keski-Uusimaa", "Rovaseutu", "Oulun seutu").
    for key, bucket in lexicon.items():
        if any(entry.kind != "employment_area" for entry in bucket):
            lexicon[key] = [entry for entry in bucket if entry.kind != "employment_area"]
    return lexicon


def _spoken_forms(name: str) -> list[str]:
    """A spoken name with its case endings ("stadi", "stadissa", "stadiin", …); an abbreviation as it is."""
    if name[-1] not in "aeiouyäö":
        return [name]
    return [name, *(name + ending for ending in _CASE_ENDINGS), name + name[-1] + "n"]


def find_places(tokens: list[str], vocabulary: SearchVocabulary) -> PlaceMatch:
    """Places named in the query tokens (lower case), longest names first."""
    lexicon = _lexicon(vocabulary)
    match = PlaceMatch()
    forms = [_token_forms(token) for token in tokens]
    i = 0
    while i < len(tokens):
        found: list[Entry] = []
        length = 0
        for n in range(min(MAX_NGRAM, len(tokens) - i), 0, -1):
            candidates = forms[i] if n == 1 else _ngram_keys(tokens[i : i + n])
            for key in candidates:
                if key in lexicon:
                    found = lexicon[key]
                    break
            if found:
                length = n
                break
        if found:
            for entry in found:
                _add(match, entry, vocabulary)
            match.consumed.update(range(i, i + length))
            i += length
        else:
            i += 1
    if match:
        match.consumed.update(k for k, token in enumerate(tokens) if token in AREA_WORDS)
        rest = [k for k in range(len(tokens)) if k not in match.consumed]
        if all(_says_guidance(tokens[k]) for k in rest):
            match.consumed.update(rest)
    return match


def _says_guidance(token: str) -> bool:
    return token in GUIDANCE_WORDS or any(form in GUIDANCE_WORDS for form in finnish.analyse(token).base_forms)


def _ngram_keys(words: list[str]) -> list[str]:
    """Keys for a run of words: as written, folded, and with every word in its base form."""
    joined = " ".join(words)
    return [joined, fold(joined), " ".join(base(w) for w in words)]


def _add(match: PlaceMatch, entry: Entry, vocabulary: SearchVocabulary) -> None:
    if entry in match.entries:
        return
    match.entries.append(entry)
    if entry.kind in ("municipality", "employment_area", "group"):  # as if their municipalities were named
        for municipality in municipalities(entry, vocabulary):
            match.municipality_ids.add(municipality.id)
            region = vocabulary.by_id["region"].get(municipality.parent_id or 0)
            if region and region.parent_id:
                match.centre_ids.add(region.parent_id)
    elif entry.kind == "region":
        match.region_ids.add(entry.id)
        if entry.parent_id:
            match.centre_ids.add(entry.parent_id)
    elif entry.kind == "area":
        match.centre_ids.add(entry.id)
    elif entry.kind == "ely":
        for region in vocabulary.entries("region"):
            if vocabulary.ely_of_region.get(region.id) == entry.id:
                match.region_ids.add(region.id)
                if region.parent_id:
                    match.centre_ids.add(region.parent_id)


def municipalities(entry: Entry, vocabulary: SearchVocabulary) -> list[Entry]:
    """The municipalities a municipality, an employment area or a group of places stands for."""
    if entry.kind == "employment_area":
        return vocabulary.municipalities_in(entry.id)
    if entry.kind == "group":
        by_code = vocabulary.by_code["municipality"]
        return [by_code[code] for code in PLACE_GROUPS[entry.code] if code in by_code]
    return [entry] if entry.kind == "municipality" else []
