"""Recognising the language a query asks a service to be given in: "ohjaus venäjäksi", "rådgivning på arabiska",
"career guidance in Russian", "somalinkielinen neuvonta", "Ukrainian-speaking".

Such words say who can use a service, not what it is about, and a service given in Russian seldom says
"venäjäksi": so the services given in the language (``Service.languages``) rank first, as the services of a named
place do (services.search.places). The words stay in the query, with their synonyms, for the texts that do say
it. Only forms that cannot be the subject are read — the Finnish translative ("venäjäksi") and *-kielinen*
adjectives, Swedish "på ryska" and *-språkig*, English "in Russian", "Russian-speaking" and "Russian-language" —
since "ruotsin kurssi", "svenska för invandrare" and "Finnish course" are about learning a language.
"""

from __future__ import annotations

import functools

from django.utils import translation

from services.languages import LANGUAGES_OFFERED
from services.search import finnish

_BEFORE = {"på": "sv", "in": "en"}  # a preposition before a language's name


@functools.cache
def _names() -> dict[tuple[str, str], str]:
    """(the language a name is in, the one-word name in lower case) → the language's code."""
    names: dict[tuple[str, str], str] = {}
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            for code, name in LANGUAGES_OFFERED.items():
                text = str(name).lower()
                if " " not in text:
                    names[(language, text)] = code
    return names


def _code(word: str) -> str | None:
    """The language one word names as a service's language, if it does."""
    names = _names()
    if word.endswith("ksi"):  # venäjäksi, englanniksi
        return next((names[("fi", b)] for b in finnish.analyse(word).base_forms if ("fi", b) in names), None)
    for base in finnish.analyse(word).base_forms:  # venäjänkielisille → venäjänkielinen → venäjän → venäjä
        if base.endswith("nkielinen"):
            genitive = base.removesuffix("kielinen")
            forms = finnish.analyse(genitive).base_forms
            return next((names[("fi", b)] for b in forms if ("fi", b) in names), None)
    if "språkig" in word:  # ryskspråkig, ryskspråkiga
        return names.get(("sv", word[: word.index("språkig")] + "a"))
    first, _, rest = word.partition("-")
    if rest in ("speaking", "language"):  # Russian-speaking, Russian-language
        return names.get(("en", first))
    return None


def named(words: list[str]) -> list[str]:
    """The codes of the languages the query's plain words (lower case, in order) ask a service to be given in."""
    codes: list[str] = []
    for i, word in enumerate(words):
        code = _code(word)
        if code is None and word in _BEFORE and i + 1 < len(words):
            code = _names().get((_BEFORE[word], words[i + 1]))
        if code and code not in codes:
            codes.append(code)
    return codes
