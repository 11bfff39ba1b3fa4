"""The coverage page's long parts as HTML, built in Python: the national table has over 4 000 cells, and the page
repeats the 308 municipalities in the table, in the languages table and on the map. Building them with the
template language took most of the page's time (about a second for the cells alone); string formatting takes
milliseconds."""

from __future__ import annotations

import functools

from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe

from cooperation.coverage import CoverageTable, Level
from cooperation.coverage_map import CoverageMap, map_data
from liv.templatetags.liv import tr


def cells_html(table: CoverageTable) -> list[SafeString]:
    """Per row of the table, its ``<td>`` cells (all services first, then the columns)."""
    gap_labels = {level: f'<span class="gap-label">{escape(level.label)}</span>' for level in Level if level.is_gap}
    built: dict[tuple[int, int, int], str] = {}  # most cells repeat a few figures ("0 · 3 · 12")
    rows = []
    for row in table.rows:
        parts = []
        for cell in row.all_cells:
            key = (cell.in_person, cell.elsewhere, cell.remote)
            html = built.get(key)
            if html is None:
                level = cell.level
                html = built[key] = (
                    f'<td class="cov-{level.value}">{cell.in_person} · {cell.elsewhere} · {cell.remote}'
                    f"{gap_labels.get(level, '')}</td>"
                )
            parts.append(html)
        rows.append(mark_safe("".join(parts)))  # noqa: S308 - integers and escaped labels only
    return rows


def _names(table: CoverageTable) -> list[str]:
    """The municipalities' names in the interface language, escaped (``lang`` on a fallback)."""
    return [conditional_escape(tr(row.municipality, "name")) for row in table.rows]


def rows_html(table: CoverageTable, names: list[str] | None = None) -> SafeString:
    """The table's body rows: the municipality (in the interface language, ``lang`` on a fallback) and its
    cells."""
    return mark_safe(  # noqa: S308 - escaped names, integers and escaped labels only
        "".join(
            f'<tr><th scope="row">{name}</th>{cells}</tr>\n'
            for name, cells in zip(names or _names(table), cells_html(table), strict=True)
        )
    )


def languages_html(table: CoverageTable, names: list[str] | None = None) -> SafeString:
    """The languages table's body rows: Swedish, English, other languages per municipality."""
    return mark_safe(  # noqa: S308 - escaped names and integers only
        "".join(
            f'<tr><th scope="row">{name}</th><td>{row.languages.swedish}</td><td>{row.languages.english}</td>'
            f"<td>{row.languages.other}</td></tr>\n"
            for name, row in zip(names or _names(table), table.rows, strict=True)
        )
    )


def table_html(table: CoverageTable) -> tuple[SafeString, SafeString]:
    """The coverage table's and the languages table's body rows (the names are looked up once for both)."""
    names = _names(table)
    return rows_html(table, names), languages_html(table, names)


@functools.cache
def _escaped_path(code: str) -> str:
    """A municipality's SVG path, escaped once per process (the committed map does not change while it runs)."""
    return escape(map_data()["municipalities"][code]["d"])


def map_shapes_html(coverage_map: CoverageMap) -> SafeString:
    """The map's municipalities, each filled with its level's pattern and titled with its name and level."""
    labels = {level: escape(level.label) for level in Level}
    return mark_safe(  # noqa: S308 - escaped paths, names and labels only
        "".join(
            f'<path d="{_escaped_path(shape.code)}" fill="url(#cov-{shape.level.value})">'
            f"<title>{escape(shape.name)}: {labels[shape.level]}</title></path>"
            for shape in coverage_map.shapes
        )
    )
