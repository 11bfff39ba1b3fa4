"""CSV cells that a spreadsheet cannot run: formula injection neutralised on export, undone on import.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula by Excel,
LibreOffice and Google Sheets: a service name typed as ``=HYPERLINK("https://…","Click")`` would become a live
link (or worse) in a coordinator's spreadsheet. Following OWASP's advice ("CSV Injection"), such a cell is
written with a single quote in front, which spreadsheets show as text. A cell that already begins with quotes
followed by one of those characters gets one more quote, so that :func:`restore` — used by the CSV import —
gives back exactly what was exported: the round trip is lossless.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _formula_after_quotes(value: str) -> bool:
    return value.lstrip("'").startswith(FORMULA_STARTS)


def neutralise(value: object) -> str:
    """The cell as it is written to a CSV file."""
    text = "" if value is None else str(value)
    return "'" + text if _formula_after_quotes(text) else text


def restore(text: str) -> str:
    """The value of a cell read from a file written with :func:`neutralise`."""
    return text[1:] if text.startswith("'") and _formula_after_quotes(text) else text
