"""Exceptions to a location's opening hours as a coordinator types them: one line per day or run of days.

``24.12.2026–26.12.2026 closed | Suljettu joulun ajan | Stängt över julen | Closed over Christmas`` or
``31.12.2026 9–14``: the days, then ``closed`` (``suljettu``, ``stängt``) or the hours, then optionally the note in
Finnish, Swedish and English separated by ``|``. One text box, as for the regular hours
(:mod:`services.opening_hours`), because a location is itself edited inside the service's page and the admin
cannot nest a table of exceptions inside it. Every mistake is reported with its line.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from services.models import OpeningHoursException

MAX_LINES = 30
NOTE_LANGUAGES = ("fi", "sv", "en")
CLOSED_WORDS = frozenset({"closed", "suljettu", "stängt", "stängd"})
_DASH = r"\s*[-–—]\s*"
_DATE = r"\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}"
_LINE = re.compile(rf"^(?P<first>{_DATE})(?:{_DASH}(?P<last>{_DATE}))?\s+(?P<what>.+)$")
_HOURS = re.compile(rf"^(?P<opens>\d{{1,2}}(?:[.:]\d{{2}})?){_DASH}(?P<closes>\d{{1,2}}(?:[.:]\d{{2}})?)$")

HELP_TEXT = _(
    "One line per day or run of days: the dates, then “closed” or the hours, then the note in Finnish, Swedish "
    "and English after “|”, for example “24.12.2026–26.12.2026 closed | Suljettu joulun ajan | Stängt över julen "
    "| Closed over Christmas” or “31.12.2026 9–14”. Days that have passed can be left out."
)


@dataclass(frozen=True, slots=True)
class ExceptionDays:
    valid_from: datetime.date
    valid_to: datetime.date | None
    closed: bool
    opens: datetime.time | None
    closes: datetime.time | None
    notes: dict[str, str]


def _date(text: str, line: int) -> datetime.date:
    try:
        if "-" in text:
            return datetime.date.fromisoformat(text)
        day, month, year = (int(part) for part in text.split("."))
        return datetime.date(year, month, day)
    except ValueError:
        raise ValidationError(
            gettext("Line %(line)s: %(date)s is not a date.") % {"line": line, "date": text}
        ) from None


def _time(text: str, line: int) -> datetime.time:
    hours, _sep, minutes = text.replace(".", ":").partition(":")
    try:
        return datetime.time(int(hours), int(minutes or 0))
    except ValueError:
        raise ValidationError(
            gettext("Line %(line)s: %(time)s is not a time of day.") % {"line": line, "time": text}
        ) from None


def _parse_line(text: str, line: int) -> ExceptionDays:
    days_and_hours, *notes = (part.strip() for part in text.split("|"))
    match = _LINE.match(days_and_hours)
    if not match:
        raise ValidationError(
            gettext("Line %(line)s: write the dates and “closed” or the hours, for example “24.12.2026 closed”.")
            % {"line": line}
        )
    first = _date(match["first"], line)
    last = _date(match["last"], line) if match["last"] else None
    if last is not None and last < first:
        raise ValidationError(gettext("Line %(line)s: the last day is before the first.") % {"line": line})
    if last == first:
        last = None
    if len(notes) > len(NOTE_LANGUAGES):
        raise ValidationError(
            gettext("Line %(line)s: give the note in at most three languages (Finnish | Swedish | English).")
            % {"line": line}
        )
    if any(len(note) > 200 for note in notes):
        raise ValidationError(gettext("Line %(line)s: a note has at most 200 characters.") % {"line": line})
    note_by_language = {code: note for code, note in zip(NOTE_LANGUAGES, notes, strict=False) if note}
    what = match["what"].strip()
    if what.lower() in CLOSED_WORDS:
        return ExceptionDays(first, last, True, None, None, note_by_language)
    hours = _HOURS.match(what)
    if not hours:
        raise ValidationError(
            gettext("Line %(line)s: “%(hours)s” is neither “closed” nor hours such as 9.00–14.00.")
            % {"line": line, "hours": what}
        )
    opens, closes = _time(hours["opens"], line), _time(hours["closes"], line)
    if opens >= closes:
        raise ValidationError(gettext("Line %(line)s: closing time must be later than opening time.") % {"line": line})
    return ExceptionDays(first, last, False, opens, closes, note_by_language)


def parse(text: str) -> list[ExceptionDays]:
    """The exceptions the text describes, in date order; raises ValidationError naming every faulty line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > MAX_LINES:
        raise ValidationError(gettext("Give at most %(count)s exceptions.") % {"count": MAX_LINES})
    parsed: list[ExceptionDays] = []
    errors: list[ValidationError] = []
    for number, line in enumerate(lines, start=1):
        try:
            parsed.append(_parse_line(line, number))
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    return sorted(parsed, key=lambda e: (e.valid_from, e.opens or datetime.time.min))


def _clock(value: datetime.time) -> str:
    return f"{value.hour}.{value.minute:02d}"


def format_exceptions(rows: Iterable[OpeningHoursException]) -> str:
    """The text form of a location's exceptions, which :func:`parse` reads back to the same rows."""
    lines = []
    for row in rows:
        days = f"{row.valid_from.day}.{row.valid_from.month}.{row.valid_from.year}"
        if row.valid_to:
            days += f"–{row.valid_to.day}.{row.valid_to.month}.{row.valid_to.year}"
        what = "closed" if row.closed else f"{_clock(row.opens)}–{_clock(row.closes)}"
        notes = [getattr(row, f"note_{code}") or "" for code in NOTE_LANGUAGES]
        while notes and not notes[-1]:
            notes.pop()
        lines.append(" | ".join([f"{days} {what}", *notes]))
    return "\n".join(lines)


def rows_for(location_id: int, parsed: Iterable[ExceptionDays]) -> list[OpeningHoursException]:
    """Unsaved rows of ``parsed`` for the location, with the note in each language's own field."""
    return [
        OpeningHoursException(
            location_id=location_id,
            valid_from=e.valid_from,
            valid_to=e.valid_to,
            closed=e.closed,
            opens=e.opens,
            closes=e.closes,
            **{f"note_{code}": e.notes.get(code) or None for code in NOTE_LANGUAGES},
        )
        for e in parsed
    ]
