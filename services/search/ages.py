"""Reading the age of the person a query is for: "oon 17", "kesäduuni 16v", "alle 25", "yli 50-vuotias",
"jag är 18", "16-åring", "under 30", "a 16-year-old", "summer job for my 15 yo".

A service says whom it serves through its target groups more often than through an age, so an age in a query
ranks services as a place does (services.search.places): under 30 — the age limit of the Ohjaamo centres — the
services for young people, pupils or upper secondary students rank first; from 30 on, the services for them
alone rank last. An age written with digits alone ("oon 17", "alle 25", "15 yo") leaves the digits and their
unit out of the words that must match, since no text holds them; "alle" and a word such as "17-vuotias" stay,
as texts say "alle 30-vuotiaille". A length of time ("työttömänä kolme vuotta", "opettaja 20 vuotta",
"i 18 år") is not an age.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OLDEST = 99
YOUNG_BELOW = 30  # the Ohjaamo centres serve people under 30; the Youth Act's young people are under 29
# Digits alone, and the shorthand "16v", read as an age from this one: "9" in "9. luokka" is a school year.
YOUNGEST_BARE = 13

# "17-vuotias", "50-vuotiaille", "15-17-vuotiaat", "16v", "16-åring", "16-åriga", "16-year-old", "15yo".
_WITH_UNIT = re.compile(
    r"(\d{1,2})(?:-(\d{1,2}))?-?"
    r"(?:(vuotia\w*|vuotis\w*|åring\w*|årig\w*|years?-olds?|yrs?-olds?)|(v|vee|yo|yrs?))"
)
# The word before digits that says they are an age, and what it makes of them.
_BELOW = frozenset({"alle", "under", "below", "younger"})
_ABOVE = frozenset({"yli", "över", "over", "above", "older"})
_BEING = frozenset({"oon", "olen", "olin", "är", "e", "am", "im", "aged", "age", "ikä", "ikää", "ålder"})
# A unit after the digits: "16 v", "15 yo", "17 vuotias"; "years old" and "år gammal" are two words.
_UNIT_AFTER = frozenset({"v", "vee", "yo", "vuotias", "vuotiaana", "vuotiaalle", "vuotiaille", "åring", "åringar"})
_OLD = {"years": "old", "year": "old", "yrs": "old", "år": "gammal", "vuotta": "vanha"}


@dataclass(frozen=True)
class Age:
    """The ages the query can mean, both ends included: "17" is 17–17, "alle 25" is 0–24, "yli 50" 51–99."""

    low: int
    high: int
    consumed: frozenset[int] = frozenset()  # the positions of the words that say it and match no text

    @property
    def young(self) -> bool:
        return self.high < YOUNG_BELOW

    @property
    def adult(self) -> bool:
        return self.low >= YOUNG_BELOW


def _unit_word(words: list[str], i: int) -> int:
    """How many words after position ``i`` say that the digits there are years of age (0 when none do)."""
    following = words[i + 1] if i + 1 < len(words) else ""
    if following in _UNIT_AFTER:
        return 1
    if following in _OLD and i + 2 < len(words) and words[i + 2] == _OLD[following]:
        return 2
    return 0


def read(words: list[str]) -> Age | None:
    """The first age the query's plain words (lower case, in order) say, if any."""
    for i, word in enumerate(words):
        before = words[i - 1] if i else ""
        whole = _WITH_UNIT.fullmatch(word)
        if whole:
            first, last, unit, _short = whole.groups()
            low, high = int(first), int(last or first)
            said = set() if unit else {i}  # "17-vuotias" is matched as a word; "16v" is not
            if not unit and low < YOUNGEST_BARE:  # "2v" is more often two years of something
                continue
        elif word.isdigit() and YOUNGEST_BARE <= int(word) <= OLDEST:
            following = words[i + 1] if i + 1 < len(words) else ""
            after = _unit_word(words, i) or (1 if before in _BEING and following in _OLD else 0)  # "är 16 år"
            if not after and (following in _OLD or before not in _BELOW | _ABOVE | _BEING):
                continue  # "20 vuotta", "i 18 år", "3 years": a length of time; digits alone: a number of something
            low = high = int(word)
            said = {i, *range(i + 1, i + 1 + after)}
        else:
            continue
        if before in _BELOW:
            return Age(0, low - 1, frozenset(said))
        if before in _ABOVE:
            return Age(high + 1, OLDEST, frozenset(said))
        return Age(low, high, frozenset(said))
    return None
