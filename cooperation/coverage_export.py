"""The coverage table as CSV: one row per municipality and column, in the language of the request."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.utils.translation import gettext as _

from cooperation.coverage import CoverageTable, Level
from liv.csv_cells import neutralise
from liv.i18n import translated


class _Echo:
    def write(self, value: str) -> str:
        return value


class _SafeWriter:
    """csv.writer whose cells a spreadsheet cannot run as formulas (liv.csv_cells)."""

    def __init__(self) -> None:
        self._writer = csv.writer(_Echo())

    def writerow(self, row: list[object]) -> str:
        return self._writer.writerow([neutralise(cell) for cell in row])


def coverage_csv_rows(table: CoverageTable) -> Iterator[str]:
    """Header, then per municipality a row for all services and one per column; languages on the first. Names
    that begin like a formula are written as text (a quote in front)."""
    writer = _SafeWriter()
    yield "\ufeff" + writer.writerow(
        [
            _("municipality code"),
            _("municipality"),
            _("region"),
            table.dimension.label,
            _("in person"),
            _("from elsewhere"),
            _("nationwide remote"),
            _("coverage"),
            _("in Swedish"),
            _("in English"),
            _("in other languages"),
        ]
    )

    columns = [translated(column, "name").text for column in table.columns]
    all_services = _("all services")
    levels = {level: level.label for level in Level}
    for row in table.rows:
        # The municipality's columns are the same on each of its lines: looked up once.
        place = [
            row.municipality.code,
            translated(row.municipality, "name").text,
            translated(row.municipality.region, "name").text,
        ]
        offered = [row.languages.swedish, row.languages.english, row.languages.other]
        lines = [(all_services, row.total, offered)]
        lines.extend((label, cell, ["", "", ""]) for label, cell in zip(columns, row.cells, strict=True))
        yield "".join(
            writer.writerow(
                [*place, label, cell.in_person, cell.elsewhere, cell.remote, levels[cell.level], *languages]
            )
            for label, cell, languages in lines
        )
