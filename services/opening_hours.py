"""Opening hours as coordinators type them, the way they are printed on doors and web pages in Finland.

One line per day or group of days, in Finnish, Swedish or English::

    ma–pe klo 9–16          mån–fre kl. 9.00–16.00     Mon–Fri 9am–4pm
    ti 9–11, 12–16          ma, ke 9–12                 la–su suljettu / lör–sön stängt / Sat–Sun closed
    arkisin 8.30–15.45      ma–to 9–16, pe 9–14         vardagar 9:00–16:00

Days are single days, ranges (hyphen, en or em dash) or lists (commas, ``ja``/``och``/``and``), by their
abbreviations or full names in any of the three languages, with or without a full stop, and the words for weekdays
and weekends (``arkisin``, ``vardagar``, ``weekdays``…). ``klo``/``kl.``/``at`` before the hours is optional; times
have dots or colons or no minutes (``9``, ``9.00``, ``9:00``), or ``am``/``pm``. A day can have several periods,
and one line several groups of days. ``suljettu``, ``kiinni``, ``stängt``, ``closed`` mark days closed.

Typing one text box is quicker and less error-prone than five rows of weekday, opens and closes. The text becomes
:class:`services.models.OpeningHours` rows; a mistake is reported with its line and the exact words that could not
be read, in the coordinator's language.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from services.models import OpeningHours

# Abbreviations and full names in Finnish, Swedish and English; they do not collide across the languages.
_DAYS = {
    1: ("ma", "må", "mån", "mo", "mon", "maanantai", "måndag", "monday"),
    2: ("ti", "tis", "tu", "tue", "tues", "tiistai", "tisdag", "tuesday"),
    3: ("ke", "on", "ons", "we", "wed", "weds", "keskiviikko", "onsdag", "wednesday"),
    4: ("to", "tor", "tors", "th", "thu", "thur", "thurs", "torstai", "torsdag", "thursday"),
    5: ("pe", "fr", "fre", "fri", "perjantai", "fredag", "friday"),
    6: ("la", "lö", "lör", "sa", "sat", "lauantai", "lördag", "saturday"),
    7: ("su", "sö", "sön", "sun", "sunnuntai", "söndag", "sunday"),
}
# "maanantaisin", "måndagar", "mondays": every Monday.
_EVERY = {
    1: ("maanantaisin", "måndagar", "mondays"),
    2: ("tiistaisin", "tisdagar", "tuesdays"),
    3: ("keskiviikkoisin", "onsdagar", "wednesdays"),
    4: ("torstaisin", "torsdagar", "thursdays"),
    5: ("perjantaisin", "fredagar", "fridays"),
    6: ("lauantaisin", "lördagar", "saturdays"),
    7: ("sunnuntaisin", "söndagar", "sundays"),
}
_DAY_BY_NAME = {
    name: (number, number) for table in (_DAYS, _EVERY) for number, names in table.items() for name in names
}
# Words for a run of days, as in "arkisin 9–16" or "vardagar 9–16".
_DAY_BY_NAME.update(
    {name: (1, 5) for name in ("arkisin", "arkipäivisin", "arkipäivät", "vardagar", "vardag", "weekdays")}
    | {name: (6, 7) for name in ("viikonloppuisin", "viikonloppu", "veckoslut", "helger", "weekends", "weekend")}
)
_CLOSED = {"suljettu", "kiinni", "stängt", "stängd", "closed"}
_AT = {"klo", "kl", "at"}
_AND = {",", ";", "&", "ja", "sekä", "och", "samt", "and"}
_SHOWN = {
    "fi": ("ma", "ti", "ke", "to", "pe", "la", "su"),
    "sv": ("må", "ti", "on", "to", "fr", "lö", "sö"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
# A time (9, 9.00, 9:00, 9am, 9.30 pm, 9 a.m.), a word (its full stop kept apart), a dash, or a separator.
_TOKEN = re.compile(
    r"\s*(?:(?P<time>\d{1,2}(?:[.:]\d{2})?(?:\s*(?:am|pm|a\.m\.|p\.m\.))?)"
    r"|(?P<word>[^\W\d_]+)\.?|(?P<dash>[-–—−])|(?P<sep>[,;&:]))",
)
MAX_LINES = 30

HELP_TEXT = _(
    "One line per day or group of days, for example “Mon–Fri 9–16”, “ma–pe klo 9–16” or “mån–fre kl. 9.00–16.00”. "
    "Several periods: “Tue 9–11, 12–16”; lists of days: “Mon, Wed 9–12”; closed days: “Sat–Sun closed” "
    "(suljettu, stängt). Day names can be written in Finnish, Swedish or English. Leave empty if there are no "
    "regular hours."
)


@dataclass(frozen=True, slots=True)
class Period:
    weekday: int
    opens: datetime.time
    closes: datetime.time


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "time", "word", "dash", "sep"
    text: str


def _error(message: str, line: int, **values: object) -> ValidationError:
    return ValidationError(message % {"line": line, **values})


def _tokens(line: str, number: int) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    text = line.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            rest = text[position:].strip()
            raise _error(gettext("Line %(line)s: “%(text)s” could not be read."), number, text=rest[:40])
        kind = match.lastgroup or "sep"
        value = match.group(kind).lower()
        if kind == "sep" and value == ":" and tokens and tokens[-1].kind == "word":
            position = match.end()  # "ma–pe: 9–16"
            continue
        tokens.append(_Token(kind, value))
        position = match.end()
    return tokens


def _is_day(tokens: list[_Token], index: int) -> bool:
    return index < len(tokens) and tokens[index].kind == "word" and tokens[index].text in _DAY_BY_NAME


def _read_days(tokens: list[_Token], index: int, number: int) -> tuple[list[int], int]:
    """The days at ``tokens[index:]`` (single days, ranges, lists) and where the hours start."""
    days: list[int] = []
    while True:
        token = tokens[index]
        if token.kind != "word" or token.text not in _DAY_BY_NAME:
            raise _error(gettext("Line %(line)s: “%(day)s” is not a day of the week."), number, day=token.text)
        first, last = _DAY_BY_NAME[token.text]
        index += 1
        if index < len(tokens) and tokens[index].kind == "dash":
            if not _is_day(tokens, index + 1):
                found = tokens[index + 1].text if index + 1 < len(tokens) else ""
                raise _error(gettext("Line %(line)s: “%(day)s” is not a day of the week."), number, day=found)
            last = _DAY_BY_NAME[tokens[index + 1].text][1]
            index += 2
        if last < first:
            raise _error(gettext("Line %(line)s: the range of days must run from Monday towards Sunday."), number)
        days.extend(range(first, last + 1))
        if _is_day(tokens, index):  # "ma ke 9–12"
            continue
        if index + 1 < len(tokens) and tokens[index].text in _AND and _is_day(tokens, index + 1):
            index += 1
            continue
        return days, index


def _time(text: str, number: int) -> datetime.time:
    match = re.fullmatch(r"(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?", text)
    hours, minutes = (int(match[1]), int(match[2] or 0)) if match else (99, 0)
    if match and match[3]:  # 12-hour clock: 12am is midnight, 12pm noon; 0am and 13pm are no times
        hours = hours % 12 + (12 if match[3].startswith("p") else 0) if 1 <= hours <= 12 else 99
    try:
        return datetime.time(hours, minutes)
    except ValueError:
        raise _error(gettext("Line %(line)s: %(time)s is not a time of day."), number, time=text) from None


def _read_hours(tokens: list[_Token], index: int, number: int) -> tuple[list[tuple[datetime.time, datetime.time]], int]:
    """Periods (or none for "closed") from ``tokens[index:]``, up to the end or the next group of days."""
    if index < len(tokens) and tokens[index].text in _AT:
        index += 1
    if index >= len(tokens):
        raise _error(
            gettext("Line %(line)s: give the hours after the days, for example “9–16”, or write “closed”."), number
        )
    if tokens[index].text in _CLOSED:
        return [], index + 1
    periods: list[tuple[datetime.time, datetime.time]] = []
    while True:
        if index < len(tokens) and tokens[index].text in _AT:  # "klo 9–11 ja klo 12–16"
            index += 1
        window = tokens[index : index + 3]
        if len(window) < 3 or [t.kind for t in window] != ["time", "dash", "time"]:
            shown = " ".join(t.text for t in tokens[index : index + 3]) or tokens[index - 1].text
            if window and window[0].kind == "time" and (len(window) == 1 or window[1].kind != "dash"):
                raise _error(
                    gettext("Line %(line)s: “%(time)s” has no closing time; write the hours as 9–16."),
                    number,
                    time=window[0].text,
                )
            raise _error(
                gettext("Line %(line)s: “%(hours)s” could not be read as hours such as 9–16 or 9.00–16.00."),
                number,
                hours=shown,
            )
        opens, closes = _time(window[0].text, number), _time(window[2].text, number)
        if opens >= closes:
            raise _error(gettext("Line %(line)s: closing time must be later than opening time."), number)
        periods.append((opens, closes))
        index += 3
        if index >= len(tokens):
            return periods, index
        if tokens[index].text in _AND and index + 1 < len(tokens) and not _is_day(tokens, index + 1):
            index += 1
            continue
        return periods, index


def _parse_line(line: str, number: int) -> tuple[list[Period], list[int]]:
    """The periods of one line, and the days it marks closed."""
    tokens = _tokens(line, number)
    if not tokens or tokens[0].kind != "word":
        raise _error(gettext("Line %(line)s: write the day and the hours, for example “Mon–Fri 9.00–16.00”."), number)
    periods: list[Period] = []
    closed: list[int] = []
    index = 0
    while index < len(tokens):
        days, index = _read_days(tokens, index, number)
        hours, index = _read_hours(tokens, index, number)
        if not hours:
            closed.extend(days)
        periods.extend(Period(day, opens, closes) for day in days for opens, closes in hours)
        if index < len(tokens):
            if tokens[index].text in _AND:
                index += 1
            if index >= len(tokens) or not _is_day(tokens, index):
                rest = " ".join(t.text for t in tokens[index:]) or tokens[-1].text
                raise _error(gettext("Line %(line)s: “%(text)s” could not be read."), number, text=rest[:40])
    return periods, closed


def parse(text: str) -> list[Period]:
    """The periods the text describes; raises ValidationError naming every faulty line."""
    errors: list[ValidationError] = []
    periods: list[Period] = []
    closed: dict[int, int] = {}
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > MAX_LINES:
        raise ValidationError(gettext("Give at most %(count)s lines of opening hours.") % {"count": MAX_LINES})
    for number, line in enumerate(lines, start=1):
        try:
            line_periods, line_closed = _parse_line(line, number)
        except ValidationError as error:
            errors.append(error)
            continue
        periods.extend(line_periods)
        closed.update({day: number for day in line_closed})
    if errors:
        raise ValidationError(errors)
    for period in periods:
        if period.weekday in closed:
            raise ValidationError(
                gettext("Line %(line)s: %(day)s is marked closed but has opening hours on another line.")
                % {"line": closed[period.weekday], "day": OpeningHours.Weekday(period.weekday).label}
            )
    _check_overlaps(periods)
    return sorted(set(periods), key=lambda p: (p.weekday, p.opens))


def _check_overlaps(periods: list[Period]) -> None:
    by_day: dict[int, list[Period]] = {}
    for period in set(periods):
        by_day.setdefault(period.weekday, []).append(period)
    for day, day_periods in sorted(by_day.items()):
        day_periods.sort(key=lambda p: p.opens)
        for earlier, later in itertools.pairwise(day_periods):
            if later.opens < earlier.closes:
                raise ValidationError(
                    gettext("The opening hours of %(day)s overlap.") % {"day": OpeningHours.Weekday(day).label}
                )


def _clock(value: datetime.time) -> str:
    return f"{value.hour}.{value.minute:02d}"


def format_hours(rows: Iterable[OpeningHours | Period], language: str | None = None) -> str:
    """The text form of opening hours, days with equal hours joined into ranges (``ma–pe 9.00–16.00``)."""
    names = _SHOWN.get((language or get_language() or "fi")[:2], _SHOWN["fi"])
    by_day: dict[int, list[str]] = {}
    for row in sorted(rows, key=lambda r: (r.weekday, r.opens)):
        by_day.setdefault(row.weekday, []).append(f"{_clock(row.opens)}–{_clock(row.closes)}")
    lines: list[str] = []
    days = sorted(by_day)
    start = 0
    while start < len(days):
        end = start
        hours = by_day[days[start]]
        while end + 1 < len(days) and days[end + 1] == days[end] + 1 and by_day[days[end + 1]] == hours:
            end += 1
        label = names[days[start] - 1] if start == end else f"{names[days[start] - 1]}–{names[days[end] - 1]}"
        lines.append(f"{label} {', '.join(hours)}")
        start = end + 1
    return "\n".join(lines)
