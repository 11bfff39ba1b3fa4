"""The published directory's words as postings in memory, per directory version: which services a text query
matches, without visiting the matched rows.

The GIN indexes find the documents that match, but the search also needs every matched row's id for the total,
the facet counts and the choice of the best candidates, and PostgreSQL can only get those by visiting the rows:
at 100 000 services a query as broad as "ohjaus" (64 000 matches) spent about 100 ms of its statement there
(docs/search.md, "Performance"). Here each lexeme of each language's documents has its postings — the ids of the
published services whose document holds it, and of those whose name holds it — as numpy arrays, and a query is a
few vectorised AND/OR/NOT operations over boolean masks of the whole directory: a millisecond or two however many
services match. Only the few hundred best candidates are then ranked in full by PostgreSQL.

The lexemes are those PostgreSQL stored (its stemming and stop words), and the query's lexemes come from
PostgreSQL's ``to_tsquery`` (services.tsquery), so the postings match exactly what ``@@`` matches. Like the facet
bitsets the postings depend only on the published documents and are built once per directory version and process
(one statement: about 3 s at 100 000 services, 0.3 s at 10 000; about 45 MB of memory at 100 000).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np
from django.db import connection

from services import tsquery

LANGUAGES = ("fi", "sv", "en")

Mask = np.ndarray  # booleans, one per service id below TextIndex.size


def _postings(language: str) -> str:
    """One language's lexemes with the ids of the documents, and of the names (weight A), that hold them; the ids
    as big-endian 32-bit integers in one bytea, which numpy reads without a Python object per id."""
    return (
        f"SELECT '{language}' AS language, u.lexeme, string_agg(int4send(d.service_id), ''::bytea),"  # noqa: S608
        f" string_agg(int4send(d.service_id), ''::bytea) FILTER (WHERE 'A' = ANY(u.weights))"
        f" FROM services_search_document d, unnest(d.document_{language}) u WHERE d.published GROUP BY u.lexeme"
    )


def _order(language: str) -> str:
    """The published ids in this language's name order, and the number of words of each name (lexeme NULL marks
    the row)."""
    order = f"ORDER BY sort_name_{language}, service_id"
    return (
        f"SELECT '{language}', NULL, string_agg(int4send(service_id), ''::bytea {order}),"  # noqa: S608
        f" string_agg(int4send(coalesce(array_length(tsvector_to_array(name_document_{language}), 1), 0)),"
        f" ''::bytea {order}) FROM services_search_document WHERE published"
    )


_PARTS = " UNION ALL ".join([*map(_postings, LANGUAGES), *map(_order, LANGUAGES)])
_BUILD_SQL = f"SELECT (SELECT version FROM services_search_state WHERE id = 1), x.* FROM ({_PARTS}) x"  # noqa: S608


def _ids(data: bytes | memoryview | None) -> np.ndarray:
    return np.frombuffer(bytes(data or b""), dtype=">i4").astype(np.int32)


@dataclass
class TextIndex:
    """One directory version's postings, name orders and published services."""

    version: int
    size: int
    published: Mask
    words: dict[str, dict[str, np.ndarray]]  # language → lexeme → ids of the documents holding it
    names: dict[str, dict[str, np.ndarray]]  # language → lexeme → ids of the names holding it
    order: dict[str, np.ndarray]  # language → published ids in name order (sort name, then id)
    rank: dict[str, np.ndarray] = field(default_factory=dict)  # language → each id's position in that order
    name_length: dict[str, np.ndarray] = field(default_factory=dict)  # language → each id's number of name lexemes

    def match(self, query: tsquery.Node | None, language: str, *, names: bool = False) -> Mask:
        """The published services whose document (or name) in ``language`` matches ``query``."""
        if query is None:
            return np.zeros(self.size, dtype=bool)
        return self._evaluate(query, (self.names if names else self.words)[language]) & self.published

    def name_weight(self, query: tsquery.Node | None, language: str) -> np.ndarray:
        """For the services whose name in ``language`` matches ``query``: how many of the query's lexemes the name
        holds, divided by 1 + the logarithm of the name's length (as ``ts_rank(…, 1)`` normalises); 0 for the
        rest. A cheap likeness of the name's ts_rank for choosing the candidates ranked in full."""
        matched = self.match(query, language, names=True)
        if query is None or not matched.any():
            return np.zeros(self.size)
        hits = np.zeros(self.size, dtype=np.int16)
        postings = self.names[language]
        for lexeme in set(_positive_lexemes(query)):
            ids = postings.get(lexeme)
            if ids is not None:
                hits[ids] += 1
        return matched * hits / (1 + np.log(np.maximum(self.name_length[language], 1)))

    def _evaluate(self, node: tsquery.Node, postings: dict[str, np.ndarray]) -> Mask:
        if isinstance(node, tsquery.Lexeme):
            mask = np.zeros(self.size, dtype=bool)
            ids = postings.get(node.text)
            if ids is not None:
                mask[ids] = True
            return mask
        if isinstance(node, tsquery.Not):
            return ~self._evaluate(node.operand, postings)
        left = self._evaluate(node.left, postings)
        right = self._evaluate(node.right, postings)
        return left & right if isinstance(node, tsquery.And) else left | right

    def mask(self, bits: int) -> Mask:
        """A bitset of services.facet_index as a mask (ids beyond this version's size are left out)."""
        bits &= (1 << self.size) - 1
        data = np.frombuffer(bits.to_bytes((self.size + 7) // 8, "little"), dtype=np.uint8)
        return np.unpackbits(data, bitorder="little", count=self.size).astype(bool)

    @staticmethod
    def bits(mask: Mask) -> int:
        """A mask as a bitset of services.facet_index."""
        return int.from_bytes(np.packbits(mask, bitorder="little").tobytes(), "little")

    def in_name_order(self, mask: Mask, language: str) -> np.ndarray:
        """The ids in ``mask`` in the name order of ``language``."""
        order = self.order[language]
        return order[mask[order]]


def _positive_lexemes(node: tsquery.Node) -> list[str]:
    """The lexemes of ``node`` not under a NOT."""
    if isinstance(node, tsquery.Lexeme):
        return [node.text]
    if isinstance(node, tsquery.Not):
        return []
    return _positive_lexemes(node.left) + _positive_lexemes(node.right)


_lock = threading.Lock()
_cache: dict[tuple[str, int], TextIndex] = {}


def for_version(version: int) -> TextIndex:
    """The text index of this directory version (built now if this process has not built it yet)."""
    key = (str(connection.settings_dict.get("NAME")), version)
    index = _cache.get(key)
    if index is not None:
        return index
    with _lock:
        index = _cache.get(key)
        if index is None:
            index = build()
            _cache.clear()  # one version per process: an older one is never asked for again
            _cache[(key[0], index.version)] = index
            _cache[key] = index
    return index


def build() -> TextIndex:
    """The postings of the directory as it is now (its version read in the same statement)."""
    with connection.cursor() as cursor:
        cursor.execute(_BUILD_SQL)
        rows = cursor.fetchall()
    version = rows[0][0] if rows else 0
    words: dict[str, dict[str, np.ndarray]] = {language: {} for language in LANGUAGES}
    names: dict[str, dict[str, np.ndarray]] = {language: {} for language in LANGUAGES}
    order: dict[str, np.ndarray] = {}
    lengths: dict[str, np.ndarray] = {}
    for _version, language, lexeme, ids, name_ids in rows:
        if lexeme is None:
            order[language] = _ids(ids)
            lengths[language] = _ids(name_ids)
            continue
        words[language][lexeme] = _ids(ids)
        if name_ids is not None:
            names[language][lexeme] = _ids(name_ids)
    size = int(max((ids.max() for ids in order.values() if len(ids)), default=-1)) + 1
    published = np.zeros(size, dtype=bool)
    rank: dict[str, np.ndarray] = {}
    name_length: dict[str, np.ndarray] = {}
    for language, ids in order.items():
        published[ids] = True
        rank[language] = np.zeros(size, dtype=np.int32)
        rank[language][ids] = np.arange(len(ids), dtype=np.int32)
        name_length[language] = np.zeros(size, dtype=np.int32)
        name_length[language][ids] = lengths[language]
    return TextIndex(version, size, published, words, names, order, rank, name_length)
