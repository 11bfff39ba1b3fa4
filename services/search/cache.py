"""Recent searches' matches, kept in the process's memory for the directory version they were made on.

A broad query ("ohjaus" matches about 64 000 of 100 000 services) costs 100–150 ms of SQL on this machine, most
of it spent visiting every matched row: the GIN index gives the matches, but their ids, pre-ranking and
grouping for the facet bitsets need each row (docs/search.md, "Performance"). That cost cannot fall much below
the number of matches, so the search keeps what a statement found — the page's ids and scores, the total and
the matched set as a bitset — under the statement and its parameters. People ask the same few things often
("ohjaus", "Ohjaamo", a town), so most requests are answered without the statement.

Entries never go stale: the key includes the directory version (services_search_state.version, changed by a
trigger with every change to a search document), and the whole cache is dropped when a newer version is seen.
``SEARCH_CACHE_ENTRIES`` (environment) sets its size per process; 0 turns it off.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.conf import settings
from django.db import connection

T = TypeVar("T")

_lock = threading.Lock()
_entries: OrderedDict[Hashable, object] = OrderedDict()
_version: tuple[str, int] | None = None


def cached(version: int, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or what it returned before for ``key`` on this directory version."""
    size = settings.SEARCH_CACHE_ENTRIES
    if not size:
        return compute()
    global _version
    current = (str(connection.settings_dict.get("NAME")), version)
    with _lock:
        if current != _version:
            if _version is None or current[0] != _version[0] or current[1] > _version[1]:
                _entries.clear()
                _version = current
            else:  # a request that read an older version than the cache's: do not mix them
                return compute()
        if key in _entries:
            _entries.move_to_end(key)
            return _entries[key]  # type: ignore[return-value]
    value = compute()
    with _lock:
        if current == _version:
            _entries[key] = value
            while len(_entries) > size:
                _entries.popitem(last=False)
    return value


def clear() -> None:
    """Forget every entry (the benchmark's cold runs)."""
    global _version
    with _lock:
        _entries.clear()
        _version = None
