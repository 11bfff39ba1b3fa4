"""Recognising the language a query asks a service to be given in: "ohjaus venäjäksi", "rådgivning på arabiska",
"career guidance in Russian", "somalinkielinen neuvonta", "Ukrainian-speaking".

Such words say who can use a service, not what it is about, and a service given in Russian seldom says
"venäjäksi": so the words match the services given in the language (``Service.languages``, through a token in
their search documents, :func:`token`) as well as the texts that say it, and those services rank first, as the
services of a named place do (services.search.places). Only forms that cannot be the subject are read — the
Finnish translative ("venäjäksi") and *-kielinen* adjectives, Swedish "på ryska" and *-språkig*, English "in
Russian", "Russian-speaking" and "Russian-language" — since "ruotsin kurssi", "svenska för invandrare" and
"Finnish course" are about learning a language.
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


def asked(words: list[str]) -> dict[int, str]:
    """The positions of the query's plain words (lower case, in order) that ask a service to be given in a
    language, and the language's code ("in Russian": the position of "russian")."""
    found: dict[int, str] = {}
    for i, word in enumerate(words):
        code = _code(word)
        if code:
            found[i] = code
        elif word in _BEFORE and i + 1 < len(words) and (code := _names().get((_BEFORE[word], words[i + 1]))):
            found[i + 1] = code
    return found


def token(code: str) -> str:
    """The word each search document holds for each language its service is given in (migration 0026): a word
    asking for the language matches it too, so a service given in Russian is found for "ohjaus venäjäksi" even
    when its text never says so."""
    return f"lang0{code}"
