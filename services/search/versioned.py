"""A process's copy of something the search derives from the published directory, kept per directory version.

services.search.facet_index (the facet bitsets) and services.search.text_index (the text postings)
keep their data the same
way: one copy per process and database, shared by every request; brought up to date from the change log
(services.search.changes) when the directory version moves; otherwise read from the copy some process stored in
the database, or built and stored under an advisory lock so that concurrent processes wait for one build instead
of all building at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from django.db import connection, transaction

from services.search import changes as change_log


class Versioned(Protocol):
    version: int


T = TypeVar("T", bound=Versioned)


class PerVersion(Generic[T]):
    """The newest copy this process has, per database.

    ``updated(copy)`` brings a copy up to the current version from the change log (None when it cannot);
    ``stored()`` reads the copy kept in the database (None when there is none); ``build_and_store()`` builds a new
    copy from the directory and keeps it in the database. A copy made inside a transaction that has written may
    hold changes that are then rolled back: it is kept apart, for its own version only, and never updated.
    """

    def __init__(
        self,
        *,
        updated: Callable[[T], T | None],
        stored: Callable[[], T | None],
        build_and_store: Callable[[], T],
        lock_key: int,
    ) -> None:
        self._updated = updated
        self._stored = stored
        self._build_and_store = build_and_store
        self._lock_key = lock_key
        self._lock = threading.Lock()
        self._kept: dict[str, T] = {}
        self._provisional: dict[str, T] = {}

    def get(self, version: int) -> T:
        """The copy of this directory version (or a newer one): kept, brought up to date, or loaded."""
        database = str(connection.settings_dict.get("NAME"))
        for copies in (self._kept, self._provisional):
            copy = copies.get(database)
            if copy is not None and copy.version == version:
                return copy
        with self._lock:
            base = self._kept.get(database)
            copy = (self._updated(base) if base is not None else None) or self._load(version)
            (self._provisional if change_log.writing() else self._kept)[database] = copy
        return copy

    def forget(self) -> None:
        """Drop every copy, as a new process starts (tests)."""
        self._kept.clear()
        self._provisional.clear()

    def _load(self, version: int) -> T:
        copy = self._from_store()
        if copy is not None and copy.version >= version:
            return copy
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [self._lock_key])
            copy = self._from_store()  # another process may have built it while this one waited
            if copy is None or copy.version < version:
                copy = self._build_and_store()
        return copy

    def _from_store(self) -> T | None:
        stored = self._stored()
        return self._updated(stored) if stored is not None else None
