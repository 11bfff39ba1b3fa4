"""Screen a whole exchange document before any record is read: how deep it is nested, which characters its texts
hold and how long they are.

Why a pass of its own: these are the things that used to crash an import halfway or only in the real run — a
JSON file nested 10 000 deep (RecursionError), a lone surrogate such as ``"\\ud800"`` (valid JSON, but no UTF-8
can store it, so ``--dry-run`` passed and the real run failed writing it), a 1 000 000-character description
(accepted as it was). The pass is iterative (no recursion however deep the file), looks at every key and every
string — also of fields the reader would refuse as unknown — and names the record and the field of each problem.
A text with a bad character is replaced by one with U+FFFD in its place, so that no later message repeats the
character to a terminal that cannot print it.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _

from exchange.format import COOPERATION_KINDS, MAX_DEPTH, TEXT_MAX_LENGTH
from exchange.problems import FILE, Problem

RECORD_KINDS = ("providers", "services", *COOPERATION_KINDS)

# Lone surrogates (UTF-16 halves, which UTF-8 cannot encode) and the Unicode non-characters (U+FDD0–U+FDEF and
# the last two code points of every plane), which are reserved for a program's internal use and never text.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
BAD_CHARACTER = re.compile(f"[\ud800-\udfff{_NONCHARACTERS}]")


def _character_problem(text: str) -> str | None:
    match = BAD_CHARACTER.search(text)
    if match is None:
        return None
    code_point = ord(match.group())
    if 0xD800 <= code_point <= 0xDFFF:
        message = _("the text contains a lone surrogate (U+%(code)04X), which is not a character")
    else:
        message = _("the text contains U+%(code)04X, a Unicode non-character")
    return message % {"code": code_point}


def _record_label(kind: str, index: int, record: Any) -> str:
    """A record is named by its external id when it has a usable one, else by its place in the file."""
    if isinstance(record, dict):
        external_id = record.get("external_id")
        if (
            isinstance(external_id, str)
            and external_id.strip()
            and len(external_id) <= 100
            and not BAD_CHARACTER.search(external_id)
        ):
            return external_id.strip()
    return f"{kind}[{index}]"


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def screen(document: Any) -> list[Problem]:
    """Every problem of depth, characters and length in the document; fixes the bad texts in place (U+FFFD)
    and cuts off what is nested too deep, so that reading the rest cannot fail on them."""
    problems: list[Problem] = []
    if not isinstance(document, dict):
        return problems
    # (container, key in it, record named, path inside the record, depth of the value)
    stack: list[tuple[Any, Any, str, str, int]] = []
    for key in list(document):
        value = document[key]
        if key in RECORD_KINDS and isinstance(value, list):
            for index in range(len(value) - 1, -1, -1):
                stack.append((value, index, _record_label(key, index, value[index]), "", 3))
        else:
            stack.append((document, key, FILE, key, 2))
    _screen_keys(document, FILE, "", problems)
    while stack:
        container, key, record, path, depth = stack.pop()
        value = container[key]
        if isinstance(value, str):
            message = _character_problem(value)
            if message:
                problems.append(Problem(record, path, message))
                container[key] = BAD_CHARACTER.sub("\ufffd", value)
            if len(value) > TEXT_MAX_LENGTH:
                problems.append(
                    Problem(
                        record,
                        path,
                        _("the text is %(length)d characters long; at most %(max)d are allowed")
                        % {"length": len(value), "max": TEXT_MAX_LENGTH},
                    )
                )
        elif isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                problems.append(Problem(record, path, _("nested deeper than %(max)d levels") % {"max": MAX_DEPTH}))
                container[key] = None
                continue
            if isinstance(value, dict):
                _screen_keys(value, record, path, problems)
                children = list(value)
            else:
                children = list(range(len(value)))
            for child in reversed(children):
                stack.append((value, child, record, _join(path, child), depth + 1))
    return problems


def _screen_keys(data: dict[str, Any], record: str, path: str, problems: list[Problem]) -> None:
    """Field names with bad characters are named (with U+FFFD in their place) and renamed so."""
    for key in [key for key in data if BAD_CHARACTER.search(key) or len(key) > TEXT_MAX_LENGTH]:
        fixed = BAD_CHARACTER.sub("\ufffd", key)[:100]
        message = _character_problem(key) or _("a field name of %(length)d characters") % {"length": len(key)}
        problems.append(Problem(record, _join(path, fixed), message))
        data[fixed] = data.pop(key)
