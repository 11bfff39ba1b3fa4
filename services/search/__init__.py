"""The one search of the directory (docs/search.md lists its modules).

Callers use what this package exports: a typed :class:`SearchQuery` in, a :class:`SearchResult` out, through
:func:`search`. The HTML page, the area pages and the JSON API all call it; nobody else builds a search query.
"""

from services.search.engine import (
    CONFIGS,
    LANGUAGES,
    MAX_PAGE,
    PAGE_SIZE,
    SearchFilters,
    SearchQuery,
    SearchResult,
    Sort,
    Suggestion,
    search,
    warm_up,
)

__all__ = [
    "CONFIGS",
    "LANGUAGES",
    "MAX_PAGE",
    "PAGE_SIZE",
    "SearchFilters",
    "SearchQuery",
    "SearchResult",
    "Sort",
    "Suggestion",
    "search",
    "warm_up",
]
