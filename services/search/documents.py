"""The stored search documents: (re)building them and analysing new Finnish words with Voikko.

A service's search document is rebuilt by the SQL function ``liv_search_refresh`` (migration 0002) in a few
set-based statements. Database triggers call it whenever a service, its provider, places, channels or vocabulary
names change, so admin edits are searchable at once. What SQL cannot do is Finnish morphology: the base forms and
compound parts of words ("uraohjauksen" → "uraohjaus", "ura", "ohjaus") come from Voikko in Python and are
stored once per distinct word in ``services_search_word``. :func:`refresh` analyses the words nobody has analysed
yet and then rebuilds the documents; import commands and bulk jobs call it, and ``manage.py rebuild_search_index``
calls it for everything. See docs/search.md.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator

from django.db import connection, transaction

from services.search import finnish

ANALYSE_BATCH = 5_000
ANALYZE_AFTER = 5_000  # documents rebuilt at once after which the planner's statistics are refreshed


def analyse_new_words() -> int:
    """Give every not yet analysed word its Finnish base forms and compound parts. Returns how many words."""
    done = 0
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT word FROM services_search_word WHERE NOT analysed"
                " ORDER BY word LIMIT %s FOR UPDATE SKIP LOCKED",
                [ANALYSE_BATCH],
            )
            words = [row[0] for row in cursor.fetchall()]
            if not words:
                return done
            lexemes = [" ".join(finnish.index_lexemes(word)) for word in words]
            cursor.execute(
                """
                UPDATE services_search_word w SET lexemes = v.lexemes, analysed = true
                FROM unnest(%s::text[], %s::text[]) AS v(word, lexemes)
                WHERE w.word = v.word
                """,
                [words, lexemes],
            )
            done += len(words)


def refresh(service_ids: Iterable[int] | None = None) -> int:
    """Rebuild the search documents of these services (all when None); returns how many documents were written.

    First the words of their texts are recorded and Voikko analyses the new ones; then each document is built
    once, with the base forms and compound parts of its words.
    """
    ids = None if service_ids is None else sorted({int(pk) for pk in service_ids})
    if ids == []:
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT liv_search_collect_words(%s::integer[])", [ids])
    analyse_new_words()
    with connection.cursor() as cursor:
        cursor.execute("SELECT liv_search_refresh(%s::integer[])", [ids])
        written = cursor.fetchone()[0]
        if ids is None or len(ids) >= ANALYZE_AFTER:
            # After a bulk load the planner's statistics describe the old table: a search would pick a sequential
            # scan over 100 000 documents where the GIN index reads a few hundred rows.
            cursor.execute("ANALYZE services_search_document")
            cursor.execute("ANALYZE services_search_word")
    return written


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Inside a bulk job: skip the per-statement triggers and rebuild every document once at the end.

    The setting is transaction-local, so the block runs in a transaction of its own.
    """
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL liv.search_deferred = 'on'")
        yield
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL liv.search_deferred = 'off'")
    refresh()
