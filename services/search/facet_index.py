"""Facet counts and filters as bitsets over the published directory, kept per directory version.

Counting facets in SQL means unnesting a dozen arrays of every matched row and grouping them: at 100 000 services
a query that matches 60 000 of them spent 300–600 ms there. Here each facet value (an area, a region, a
municipality, a target group, a language, …) is one Python integer used as a bitset, bit *n* standing for the
service whose id is *n*. The search's matched set comes in the same form (from services.search.text_index, or for a
phrase from its statement, 64 ids a word grouped in SQL), and a facet count is ``(matched & value).bit_count()``:
about 400 AND-and-count operations on 12 kB integers, a millisecond or two whatever the size of the result.

The bitsets depend only on the published documents, so they are kept per directory version
(``services_search_state.version``, set by a trigger whenever a search document changes; migration 0007).
Building them is one grouped SQL query (3–4 s at 100 000 services): the first process to need them builds them
under an advisory lock and stores them in ``services_facet_bitset`` (migration 0008), and every other process
reads them from there (tens of milliseconds). After a change a process does not build again: the change log
(migration 0011, services.search.changes) names the changed services, whose bits are cleared and set again from
their documents (milliseconds). Only when the log cannot tell (a bulk job, or a copy older than the log) is the
whole set built and stored again.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection

from services.search import changes as change_log
from services.search import versioned

# Facets whose counts leave nationwide services out (they count in every option; services.facets adds them).
PLACE_FACETS = ("area", "region", "municipality")
# Bitsets kept for the search, not counted as facets: every published service, the nationwide ones, and the
# services located in a municipality (the place bonus of services.search.engine).
NOT_COUNTED = ("published", "nationwide", "local")


def _grouped(facet: str, element: str, source: str, condition: str = "true") -> str:
    """One facet's values as (facet, key, word, bits) rows: grouped on plain values, which PostgreSQL hashes
    several times faster than one LATERAL union of all facets. ``{only}`` is left for :func:`_statement`."""
    return (
        f"SELECT '{facet}' AS facet, {element} AS key, d.service_id >> 6 AS w,"  # noqa: S608
        f" bit_or(1::int8 << (d.service_id & 63)) AS bits FROM services_search_document d{source}"
        f" WHERE d.published AND {condition}{{only}} GROUP BY 2, 3"
    )


_GROUPED = " UNION ALL ".join(
    [
        _grouped("published", "''", ""),
        _grouped("nationwide", "''", "", "d.nationwide"),
        _grouped("free", "'free'", "", "d.free"),
        _grouped("area", "x::text", ", unnest(d.centre_ids) x"),
        _grouped("local", "x::text", ", unnest(d.local_municipality_ids) x"),
        _grouped("region", "x::text", ", unnest(d.region_ids) x"),
        _grouped("municipality", "x::text", ", unnest(d.municipality_ids) x"),
        _grouped("target_group", "x::text", ", unnest(d.target_group_ids) x"),
        _grouped("service_type", "x::text", ", unnest(d.service_type_ids) x"),
        _grouped("goal", "x::text", ", unnest(d.national_goal_ids) x"),
        _grouped("language", "x", ", unnest(d.languages) x"),
        _grouped("channel", "x", ", unnest(d.channels) x"),
    ]
)


def _statement(only: str) -> str:
    """Every facet value's bitset, of all published documents or (``only``) some."""
    return (
        "SELECT (SELECT version FROM services_search_state WHERE id = 1), g.facet, g.key,"  # noqa: S608
        f" array_agg(g.w ORDER BY g.w), array_agg(g.bits ORDER BY g.w) FROM ({_GROUPED.format(only=only)}) g"
        " GROUP BY g.facet, g.key"
    )


_BUILD_SQL = _statement("")
_UPDATE_SQL = _statement(" AND d.service_id = ANY(%(ids)s)")

# A common table expression over a set of documents named `m`: its ids as 64-bit words, for :func:`bitset`.
MATCHED_WORDS_CTE = (
    "matched_words AS MATERIALIZED "
    "(SELECT service_id >> 6 AS w, bit_or(1::int8 << (service_id & 63)) AS bits FROM m GROUP BY 1)"
)
MATCHED_WORDS_COLUMNS = (
    "(SELECT array_agg(w ORDER BY w) FROM matched_words), (SELECT array_agg(bits ORDER BY w) FROM matched_words)"
)

_MASK = (1 << 64) - 1


def bitset(words: Iterable[int] | None, bits: Iterable[int] | None) -> int:
    """The integer whose 64-bit word *w* is ``bits[i]`` for ``words[i] == w`` (the rest zero)."""
    if not words:
        return 0
    words = list(words)
    packed = array("Q", bytes(8 * (max(words) + 1)))
    for word, value in zip(words, bits or (), strict=True):
        packed[word] = value & _MASK
    if sys.byteorder == "big":
        packed.byteswap()
    return int.from_bytes(packed.tobytes(), "little")


@dataclass
class FacetIndex:
    """The published directory's facet values as bitsets, for one directory version."""

    version: int
    values: dict[tuple[str, str], int]
    published: int = 0
    nationwide: int = 0
    _counts_of_all: list[tuple[str, str, int]] | None = field(default=None, repr=False)

    def value(self, facet: str, key: str) -> int:
        return self.values.get((facet, key), 0)

    def counts(self, matched: int) -> list[tuple[str, str, int]]:
        """(facet, key, count) for every value some matched service has; place facets without nationwide
        services, plus ("nationwide", "nationwide", n) and ("free", "free", n)."""
        if matched == self.published and self._counts_of_all is not None:
            return self._counts_of_all
        local = matched & ~self.nationwide
        rows: list[tuple[str, str, int]] = []
        for (facet, key), bits in self.values.items():
            if facet in NOT_COUNTED:
                continue
            count = ((local if facet in PLACE_FACETS else matched) & bits).bit_count()
            if count:
                rows.append((facet, key, count))
        rows.append(("nationwide", "nationwide", (matched & self.nationwide).bit_count()))
        if matched == self.published:
            self._counts_of_all = rows
        return rows

    def filtered(self, conditions: list[tuple[str, list[str], bool]]) -> int:
        """The published services that have every listed value; ``or_nationwide`` lets nationwide services
        pass a place condition (they serve every place)."""
        result = self.published
        for facet, keys, or_nationwide in conditions:
            for key in keys:
                bits = self.value(facet, key)
                result &= (bits | self.nationwide) if or_nationwide else bits
        return result


def for_version(version: int) -> FacetIndex:
    """The facet index of this directory version (or a newer one): kept, brought up to date, or loaded."""
    if not version:  # a vocabulary made without the version (not by vocabularies.load): ask
        with connection.cursor() as cursor:
            cursor.execute("SELECT version FROM services_search_state WHERE id = 1")
            version = cursor.fetchone()[0]
    return copies.get(version)


def _updated(index: FacetIndex) -> FacetIndex | None:
    """``index`` brought up to the current version from the change log (services.search.changes): the changed
    services' bits cleared everywhere and set again from their documents now. None when it must be rebuilt."""
    changes = change_log.since(index.version)
    if changes.service_ids is None:
        return None
    values = index.values
    if changes.service_ids:
        with connection.cursor() as cursor:
            cursor.execute(_UPDATE_SQL, {"ids": sorted(changes.service_ids)})
            rows = cursor.fetchall()
        cleared = ~_of_ids(changes.service_ids)
        values = {key: bits & cleared for key, bits in values.items()}
        for _version, facet, key, words, bits in rows:
            values[(facet, key)] = values.get((facet, key), 0) | bitset(words, bits)
    return _index(changes.version, values)


def _of_ids(ids: Iterable[int]) -> int:
    """The bitset of these ids."""
    result = 0
    for pk in ids:
        result |= 1 << pk
    return result


# pg_advisory_xact_lock key of the build (any constant the project uses for nothing else: "LIVfacet").
_BUILD_LOCK = 0x4C4956_66616365


def _stored() -> FacetIndex | None:
    """The bitsets some process stored (one version), or None."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT version, facet, key, bits FROM services_facet_bitset")
        rows = cursor.fetchall()
    if not rows:
        return None
    return _index(rows[0][0], {(facet, key): int.from_bytes(bits, "little") for _v, facet, key, bits in rows})


def _index(version: int, values: dict[tuple[str, str], int]) -> FacetIndex:
    return FacetIndex(
        version=version,
        values=values,
        published=values.get(("published", ""), 0),
        nationwide=values.get(("nationwide", ""), 0),
    )


def _build_and_store() -> FacetIndex:
    index = build()
    _store(index)
    return index


def _store(index: FacetIndex) -> None:
    """Keep ``index`` as the only stored version (an older one is never asked for again)."""
    rows = [
        (index.version, facet, key, bits.to_bytes((bits.bit_length() + 7) // 8, "little"))
        for (facet, key), bits in index.values.items()
    ]  # one statement, whatever the number of values
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH gone AS (DELETE FROM services_facet_bitset)"
            " INSERT INTO services_facet_bitset (version, facet, key, bits)"
            " SELECT %s, * FROM unnest(%s::text[], %s::text[], %s::bytea[])",
            [index.version, [row[1] for row in rows], [row[2] for row in rows], [row[3] for row in rows]],
        )


def build() -> FacetIndex:
    """The bitsets of the directory as it is now, counted in SQL (its version read in the same snapshot)."""
    with connection.cursor() as cursor:
        cursor.execute(_BUILD_SQL)
        rows = cursor.fetchall()
    if not rows:
        with connection.cursor() as cursor:
            cursor.execute("SELECT version FROM services_search_state WHERE id = 1")
            return FacetIndex(cursor.fetchone()[0], {})
    return _index(rows[0][0], {(facet, key): bitset(words, bits) for _version, facet, key, words, bits in rows})


# This process's facet index (services.versioned): kept per version, updated from the change log, stored once.
copies = versioned.PerVersion(updated=_updated, stored=_stored, build_and_store=_build_and_store, lock_key=_BUILD_LOCK)
