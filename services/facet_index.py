"""Facet counts and filters as bitsets over the published directory, kept per directory version.

Counting facets in SQL means unnesting a dozen arrays of every matched row and grouping them: at 100 000 services
a query that matches 60 000 of them spent 300–600 ms there. Here each facet value (an area, a region, a
municipality, a target group, a language, …) is one Python integer used as a bitset, bit *n* standing for the
service whose id is *n*. The search's statement returns its matched set in the same form (64 ids a word, grouped
in SQL), and a facet count is ``(matched & value).bit_count()``: about 400 AND-and-count operations on 12 kB
integers, a millisecond or two whatever the size of the result.

The bitsets depend only on the published documents, so they are built once per directory version
(``services_search_state.version``, set by a trigger whenever a search document changes; migration 0007) and
shared by every request of the process. Building them is one grouped SQL query (3–4 s at 100 000 services);
the first process to need a version builds it under an advisory lock and stores it in
``services_facet_bitset`` (migration 0008), and every other process reads it from there (tens of
milliseconds) instead of building its own copy.
"""

from __future__ import annotations

import sys
import threading
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction

# Facets whose counts leave nationwide services out (they count in every option; services.facets adds them).
PLACE_FACETS = ("area", "region", "municipality")
# Bitsets kept for the search, not counted as facets: every published service, the nationwide ones, and the
# services located in a municipality (the place bonus of services.search).
NOT_COUNTED = ("published", "nationwide", "local")


def _grouped(facet: str, element: str, source: str, condition: str = "true") -> str:
    """One facet's values as (facet, key, word, bits) rows: grouped on plain values, which PostgreSQL hashes
    several times faster than one LATERAL union of all facets."""
    return (
        f"SELECT '{facet}' AS facet, {element} AS key, d.service_id >> 6 AS w,"  # noqa: S608
        f" bit_or(1::int8 << (d.service_id & 63)) AS bits FROM services_search_document d{source}"
        f" WHERE d.published AND {condition} GROUP BY 2, 3"
    )


_BUILD_SQL = f"""
SELECT (SELECT version FROM services_search_state WHERE id = 1),
       g.facet, g.key, array_agg(g.w ORDER BY g.w), array_agg(g.bits ORDER BY g.w)
FROM (
    {_grouped("published", "''", "")}
    UNION ALL {_grouped("nationwide", "''", "", "d.nationwide")}
    UNION ALL {_grouped("free", "'free'", "", "d.free")}
    UNION ALL {_grouped("area", "x::text", ", unnest(d.centre_ids) x")}
    UNION ALL {_grouped("local", "x::text", ", unnest(d.local_municipality_ids) x")}
    UNION ALL {_grouped("region", "x::text", ", unnest(d.region_ids) x")}
    UNION ALL {_grouped("municipality", "x::text", ", unnest(d.municipality_ids) x")}
    UNION ALL {_grouped("target_group", "x::text", ", unnest(d.target_group_ids) x")}
    UNION ALL {_grouped("service_type", "x::text", ", unnest(d.service_type_ids) x")}
    UNION ALL {_grouped("goal", "x::text", ", unnest(d.national_goal_ids) x")}
    UNION ALL {_grouped("language", "x", ", unnest(d.languages) x")}
    UNION ALL {_grouped("channel", "x", ", unnest(d.channels) x")}
) g
GROUP BY g.facet, g.key
"""  # noqa: S608

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


_lock = threading.Lock()
_cache: dict[tuple[str, int], FacetIndex] = {}


def for_version(version: int) -> FacetIndex:
    """The facet index of this directory version (built now if this process has not built it yet)."""
    if not version:  # a vocabulary made without the version (not by search_vocabulary.load): ask
        with connection.cursor() as cursor:
            cursor.execute("SELECT version FROM services_search_state WHERE id = 1")
            version = cursor.fetchone()[0]
    key = (str(connection.settings_dict.get("NAME")), version)
    index = _cache.get(key)
    if index is not None:
        return index
    with _lock:
        index = _cache.get(key)
        if index is None:
            index = _load(version)
            _cache.clear()  # one version per process: an older one is never asked for again
            _cache[(key[0], index.version)] = index
            _cache[key] = index
    return index


# pg_advisory_xact_lock key of the build (any constant the project uses for nothing else: "LIVfacet").
_BUILD_LOCK = 0x4C4956_66616365


def _stored(version: int) -> FacetIndex | None:
    """The bitsets of ``version`` as some process stored them, or None."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT facet, key, bits FROM services_facet_bitset WHERE version = %s", [version])
        rows = cursor.fetchall()
    if not rows:
        return None
    return _index(version, {(facet, key): int.from_bytes(bits, "little") for facet, key, bits in rows})


def _index(version: int, values: dict[tuple[str, str], int]) -> FacetIndex:
    return FacetIndex(
        version=version,
        values=values,
        published=values.get(("published", ""), 0),
        nationwide=values.get(("nationwide", ""), 0),
    )


def _load(version: int) -> FacetIndex:
    """The stored bitsets of ``version``; built and stored now if no process has done it yet. The lock makes
    concurrent processes wait for the one that builds instead of all building at once."""
    index = _stored(version)
    if index is not None:
        return index
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_BUILD_LOCK])
        index = _stored(version)
        if index is None:
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
