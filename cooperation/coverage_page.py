"""The coverage page's content, rendered once per coverage version and kept in the process.

Even with the count held (cooperation.coverage), a national page reads 308 municipalities and builds and renders
4 000 cells, a map and a languages table: 40 ms of one CPU at best, so a few busy workers queue. The content
depends only on the coverage version (cooperation.coverage), the reference data (municipalities, regions, areas,
the vocabulary: their fingerprint), today's date (the areas in force), the language and the page's parameters;
one query reads the version and the fingerprint, and the content is rendered only when one of them has changed.

Only pages answered with 200 are kept (an unknown column is refused before anything is stored), at most
``MAX_KEPT`` of them, the least recently used going first; all are dropped when the version or the reference
data of their dimension change, since none of them can be shown again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from django.core.exceptions import BadRequest
from django.db import connection
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from cooperation.coverage import Dimension, coverage_state, coverage_table
from cooperation.coverage_html import map_shapes_html, table_html
from cooperation.coverage_map import coverage_map
from regions.models import VitalityCentre

# The national page in one language is about 300 kB; every area and column in three languages would be some
# 900 pages, so only the recently asked ones are kept.
MAX_KEPT = 48

_lock = threading.Lock()
_kept: OrderedDict[tuple, SafeString] = OrderedDict()  # (dimension, area, focus, language) -> content
_states: dict[Dimension, tuple] = {}  # the state the kept pages of a dimension were rendered in


def _render(area: VitalityCentre | None, dimension: Dimension, focus: str) -> SafeString:
    table = coverage_table(area=area, dimension=dimension)
    column_index = None
    if focus:
        column_index = table.column_index(focus)
        if column_index is None:
            raise BadRequest("Unknown column.")
    shown_map = coverage_map(table, column_index)
    rows, language_rows = table_html(table)
    context = {
        "area": area,
        "areas": VitalityCentre.objects.in_force(),
        "table": table,
        "rows": rows,
        "language_rows": language_rows,
        "map": shown_map,
        "map_shapes": map_shapes_html(shown_map),
        "focus": table.columns[column_index] if column_index is not None else None,
        "dimensions": list(Dimension),
    }
    return SafeString(render_to_string("cooperation/_coverage_content.html", context))


def coverage_content(area: VitalityCentre | None, dimension: Dimension, focus: str) -> SafeString:
    """The page's content (below the breadcrumbs) for an area (or all of Finland), the table's dimension and the
    column the map is coloured by (empty: all services); one query when it is kept already."""
    state = (connection.settings_dict.get("NAME"), *coverage_state(dimension), timezone.localdate())
    key = (dimension, area.pk if area else None, focus, get_language())
    with _lock:
        if _states.get(dimension) != state:
            _states[dimension] = state
            for outdated in [kept for kept in _kept if kept[0] is dimension]:
                del _kept[outdated]
        content = _kept.get(key)
        if content is not None:
            _kept.move_to_end(key)
            return content
    content = _render(area, dimension, focus)
    with _lock:
        if _states.get(dimension) == state:
            _kept[key] = content
            while len(_kept) > MAX_KEPT:
                _kept.popitem(last=False)
    return content
