"""Which services' search documents changed after a directory version (the log of migration 0011).

What the search keeps per directory version in memory (services.search.facet_index, services.search.text_index)
is brought up
to date from this log instead of being rebuilt after every change: a rebuild reads every published document
(seconds at 100 000 services), an update reads only the changed ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

# Versions the log keeps (the trigger of migration 0011 deletes older entries).
KEPT_VERSIONS = 10_000


@dataclass(frozen=True)
class Changes:
    version: int  # the current directory version
    service_ids: frozenset[int] | None  # changed since the asked version; None: unknown, rebuild


def since(version: int) -> Changes:
    """The current version and the services changed after ``version``, read in one snapshot."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT version FROM services_search_state WHERE id = 1), bool_or(service_id IS NULL),"
            " coalesce(array_agg(DISTINCT service_id) FILTER (WHERE service_id IS NOT NULL), '{}')"
            " FROM services_search_change WHERE version > %s",
            [version],
        )
        current, everything, ids = cursor.fetchone()
    if everything or current < version or current - version >= KEPT_VERSIONS:
        # current < version: the copy was made inside a transaction that was rolled back
        return Changes(current, None)
    return Changes(current, frozenset(ids))


def writing() -> bool:
    """Whether this connection's transaction has written anything: what is read now may be rolled back, so a
    copy made from it must not be kept as the base of later updates."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_xact_id_if_assigned() IS NOT NULL")
        return cursor.fetchone()[0]
