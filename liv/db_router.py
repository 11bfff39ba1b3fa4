"""A read replica for the public pages and the API, when one database is not enough (``DATABASE_REPLICA_URL``).

With a replica configured (liv/settings.py, "Read replica"), the ORM's reads of a **read-only public request** —
``GET`` or ``HEAD`` of a page or the API outside the admin — go to the ``replica`` database; everything else goes
to ``default``, the primary: every write, every request of the admin, every ``POST`` (feedback, log-in), and the
reads of any request that is not read-only. Inside such a request a read still goes to the primary when it happens
inside a transaction the code opened (``transaction.atomic``), so that what a transaction reads is what it writes on.

What stays on the primary in a routed request, too: SQL written by hand through ``django.db.connection`` (the
search's own statements in services/search and the coverage counts, which also build and store shared indexes
under advisory locks: writes that a read-only standby refuses). docs/deployment.md, "A read replica", says what
this means for replication lag.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
READ_ONLY_METHODS = frozenset({"GET", "HEAD"})

# Whether this request's ORM reads may go to the replica; set per request by ReadOnlyRequestsFromReplica.
_reading_from_replica: ContextVar[bool] = ContextVar("liv_reading_from_replica", default=False)


def reads_from_replica() -> bool:
    return _reading_from_replica.get()


def _in_transaction_of_our_own() -> bool:
    """Whether the primary's connection is inside a transaction the code opened (not one a test case wraps
    around every test, which Django marks)."""
    return any(not getattr(block, "_from_testcase", False) for block in connections[DEFAULT_DB_ALIAS].atomic_blocks)


class PrimaryReplicaRouter:
    """Reads of read-only public requests from the replica, everything else from and to the primary."""

    def db_for_read(self, model, **hints) -> str:
        if reads_from_replica() and not _in_transaction_of_our_own():
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # The replica holds the same rows as the primary: an object read from one may refer to one from the other.
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}:
            return True
        return None


def is_read_only_public_request(request: HttpRequest) -> bool:
    """GET or HEAD of a page or the API, not of the admin (resolved: a URL's prefix may be in any language)."""
    match = request.resolver_match
    return request.method in READ_ONLY_METHODS and match is not None and "admin" not in match.namespaces


class ReadOnlyRequestsFromReplica:
    """Middleware: marks a read-only public request, once its view is known, so that the router sends its reads
    to the replica; the mark ends with the response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _reading_from_replica.set(False)
        try:
            return self.get_response(request)
        finally:
            _reading_from_replica.reset(token)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        if is_read_only_public_request(request):
            _reading_from_replica.set(True)
