"""Opening hours as a coordinator types them: one line per day or range of days, e.g. ``ma–pe 9–16``.

Typing ``Mon-Fri 9:00-16:00`` (or ``ma-pe 9.00-16.00``, ``må-fr 9-16``) into one text box is quicker and less
error-prone than filling in five rows of weekday, opens and closes. A line may give several periods of a day
(``ti 9-12, 13-16``). Day names are accepted in Finnish, Swedish and English; the text is parsed into
:class:`services.models.OpeningHours` rows and every mistake is reported with its line.
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

# Abbreviations in Finnish, Swedish and English (two and three letters); they do not collide across languages.
_DAYS = {
    1: ("ma", "må", "mo", "mon", "maanantai", "måndag", "monday"),
    2: ("ti", "tu", "tue", "tiistai", "tisdag", "tuesday"),
    3: ("ke", "on", "we", "wed", "keskiviikko", "onsdag", "wednesday"),
    4: ("to", "th", "thu", "torstai", "torsdag", "thursday"),
    5: ("pe", "fr", "fri", "perjantai", "fredag", "friday"),
    6: ("la", "lö", "sa", "sat", "lauantai", "lördag", "saturday"),
    7: ("su", "sö", "sun", "sunnuntai", "söndag", "sunday"),
}
_DAY_BY_NAME = {name: number for number, names in _DAYS.items() for name in names}
_SHOWN = {
    "fi": ("ma", "ti", "ke", "to", "pe", "la", "su"),
    "sv": ("må", "ti", "on", "to", "fr", "lö", "sö"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
_DASH = r"\s*[-–—]\s*"
_LINE = re.compile(rf"^(?P<first>[^\W\d_]+)(?:{_DASH}(?P<last>[^\W\d_]+))?\s+(?P<periods>.+)$")
_PERIOD = re.compile(rf"^(?P<opens>\d{{1,2}}(?:[.:]\d{{2}})?){_DASH}(?P<closes>\d{{1,2}}(?:[.:]\d{{2}})?)$")
MAX_LINES = 30

HELP_TEXT = _(
    "One line per day or range of days, for example “Mon–Fri 9.00–16.00” or “Tue 9–12, 13–16”. "
    "Day names can be written in Finnish, Swedish or English. Leave empty if there are no regular hours."
)


@dataclass(frozen=True, slots=True)
class Period:
    weekday: int
    opens: datetime.time
    closes: datetime.time


def _time(text: str, line_number: int) -> datetime.time:
    hours, _sep, minutes = text.replace(".", ":").partition(":")
    try:
        return datetime.time(int(hours), int(minutes or 0))
    except ValueError:
        raise ValidationError(
            gettext("Line %(line)s: %(time)s is not a time of day.") % {"line": line_number, "time": text}
        ) from None


def _day(name: str, line_number: int) -> int:
    number = _DAY_BY_NAME.get(name.lower().rstrip("."))
    if number is None:
        raise ValidationError(
            gettext("Line %(line)s: “%(day)s” is not a day of the week.") % {"line": line_number, "day": name}
        )
    return number


def parse(text: str) -> list[Period]:
    """The periods the text describes; raises ValidationError naming every faulty line."""
    errors: list[ValidationError] = []
    periods: list[Period] = []
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > MAX_LINES:
        raise ValidationError(gettext("Give at most %(count)s lines of opening hours.") % {"count": MAX_LINES})
    for number, line in enumerate(lines, start=1):
        match = _LINE.match(line)
        if not match:
            errors.append(
                ValidationError(
                    gettext("Line %(line)s: write the day and the hours, for example “Mon–Fri 9.00–16.00”.")
                    % {"line": number}
                )
            )
            continue
        try:
            first = _day(match["first"], number)
            last = _day(match["last"], number) if match["last"] else first
            if last < first:
                raise ValidationError(
                    gettext("Line %(line)s: the range of days must run from Monday towards Sunday.") % {"line": number}
                )
            for part in match["periods"].split(","):
                period = _PERIOD.match(part.strip())
                if not period:
                    raise ValidationError(
                        gettext("Line %(line)s: “%(hours)s” is not a period such as 9.00–16.00.")
                        % {"line": number, "hours": part.strip()}
                    )
                opens, closes = _time(period["opens"], number), _time(period["closes"], number)
                if opens >= closes:
                    raise ValidationError(
                        gettext("Line %(line)s: closing time must be later than opening time.") % {"line": number}
                    )
                periods.extend(Period(day, opens, closes) for day in range(first, last + 1))
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    _check_overlaps(periods)
    return sorted(periods, key=lambda p: (p.weekday, p.opens))


def _check_overlaps(periods: list[Period]) -> None:
    by_day: dict[int, list[Period]] = {}
    for period in periods:
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
