"""The coverage table as CSV: one row per municipality and column, in the language of the request."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.utils.translation import gettext as _

from cooperation.coverage import Cell, CoverageTable
from liv.i18n import translated


class _Echo:
    def write(self, value: str) -> str:
        return value


def coverage_csv_rows(table: CoverageTable) -> Iterator[str]:
    """Header, then per municipality a row for all services and one per column; languages on the first."""
    writer = csv.writer(_Echo())
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

    def line(row, label: str, cell: Cell, languages: list[int | str]) -> str:
        return writer.writerow(
            [
                row.municipality.code,
                translated(row.municipality, "name").text,
                translated(row.municipality.region, "name").text,
                label,
                cell.in_person,
                cell.elsewhere,
                cell.remote,
                cell.level.label,
                *languages,
            ]
        )

    for row in table.rows:
        offered = [row.languages.swedish, row.languages.english, row.languages.other]
        yield line(row, _("all services"), row.total, offered)
        for column, cell in zip(table.columns, row.cells, strict=True):
            yield line(row, translated(column, "name").text, cell, ["", "", ""])
