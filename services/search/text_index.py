"""The published directory's words as postings in memory, per directory version: which services a text query
matches, without visiting the matched rows.

The GIN indexes find the documents that match, but the search also needs every matched row's id for the total,
the facet counts and the choice of the best candidates, and PostgreSQL can only get those by visiting the rows:
at 100 000 services a query as broad as "ohjaus" (64 000 matches) spent about 100 ms of its statement there
(docs/search.md, "Performance"). Here each lexeme of each language's documents has its postings — the ids of the
published services whose document holds it, and of those whose name holds it — as numpy arrays, and a query is a
few vectorised AND/OR/NOT operations over boolean masks of the whole directory: a millisecond or two however many
services match. Only the few hundred best candidates are then ranked in full by PostgreSQL.

The lexemes are those PostgreSQL stored (its stemming and stop words), and the query's are PostgreSQL's too
(``to_tsvector`` of each word, read with the word look-up; services.search.tsquery.normalised reads the query as
``to_tsquery`` would), so the postings match exactly what ``@@`` matches. The postings
depend only on the published documents. A process builds them once (one statement: about 3.5–5 s at 100 000
services, 0.3 s at 10 000; about 50 MB of memory at 100 000) and then follows the changes: for a new directory
version it reads the services changed since its copy (services.search.changes), reads their postings again and
keeps them apart, in ``recent_words``/``recent_names``, which override the built postings for exactly those
services, and moves each in the name order before the service that now follows it (6 ms at 100 000 services).
Only when more than ``RECENT_LIMIT`` services have changed since the build, or the log cannot tell (a bulk job),
is it built again.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np
from django.db import connection

from services.search import changes as change_log
from services.search import tsquery, versioned

LANGUAGES = ("fi", "sv", "en")

Mask = np.ndarray  # booleans, one per service id below TextIndex.size
Postings = dict[str, dict[str, np.ndarray]]  # language → lexeme → ids

# Changed services whose postings are kept apart before the whole index is built again.
RECENT_LIMIT = 2_000


def _postings(language: str, only: str) -> str:
    """One language's lexemes with the ids of the documents, and of the names (weight A), that hold them; the ids
    as big-endian 32-bit integers in one bytea, which numpy reads without a Python object per id."""
    return (
        f"SELECT '{language}' AS language, u.lexeme, string_agg(int4send(d.service_id), ''::bytea),"  # noqa: S608
        f" string_agg(int4send(d.service_id), ''::bytea) FILTER (WHERE 'A' = ANY(u.weights)), NULL::bytea"
        f" FROM services_search_document d, unnest(d.document_{language}) u WHERE d.published{only}"
        " GROUP BY u.lexeme"
    )


def _name_length(language: str, alias: str) -> str:
    return f"int4send(coalesce(array_length(tsvector_to_array({alias}.name_document_{language}), 1), 0))"


def _order(language: str) -> str:
    """The published ids in this language's name order, and the number of words of each name (lexeme NULL marks
    the row)."""
    order = f"ORDER BY sort_name_{language}, service_id"
    return (
        f"SELECT '{language}', NULL, string_agg(int4send(service_id), ''::bytea {order}),"  # noqa: S608
        f" NULL, string_agg({_name_length(language, 'd')}, ''::bytea {order})"
        " FROM services_search_document d WHERE published"
    )


def _neighbours(language: str) -> str:
    """For each changed published service: the published service that follows it in this language's name order
    (-1: none), and the number of words of its name (lexeme NULL marks the row). Read through the name index."""
    return (
        f"SELECT '{language}', NULL, string_agg(int4send(c.service_id), ''::bytea),"  # noqa: S608
        " string_agg(int4send(coalesce(n.service_id, -1)), ''::bytea),"
        f" string_agg({_name_length(language, 'c')}, ''::bytea)"
        " FROM services_search_document c LEFT JOIN LATERAL (SELECT d.service_id FROM services_search_document d"
        f" WHERE d.published AND (d.sort_name_{language}, d.service_id) > (c.sort_name_{language}, c.service_id)"
        f" ORDER BY d.sort_name_{language}, d.service_id LIMIT 1) n ON true"
        " WHERE c.published AND c.service_id = ANY(%(new)s)"
    )


def _statement(parts: list[str]) -> str:
    return (
        "SELECT (SELECT version FROM services_search_state WHERE id = 1), x.*"  # noqa: S608
        f" FROM ({' UNION ALL '.join(parts)}) x"
    )


_BUILD_SQL = _statement([*(_postings(language, "") for language in LANGUAGES), *map(_order, LANGUAGES)])
_UPDATE_SQL = _statement(
    [*(_postings(language, " AND d.service_id = ANY(%(all)s)") for language in LANGUAGES), *map(_neighbours, LANGUAGES)]
)


def _ids(data: bytes | memoryview | None) -> np.ndarray:
    return np.frombuffer(bytes(data or b""), dtype=">i4").astype(np.int32)


@dataclass
class TextIndex:
    """One directory version's postings, name orders and published services."""

    version: int
    size: int
    published: Mask
    words: Postings  # the documents holding each lexeme, as built
    names: Postings  # the names holding each lexeme, as built
    order: dict[str, np.ndarray]  # language → published ids in name order (sort name, then id)
    rank: dict[str, np.ndarray]  # language → each id's position in that order
    name_length: dict[str, np.ndarray]  # language → each id's number of name lexemes
    # Services changed since the build: their postings are in recent_words/recent_names, not in words/names.
    changed: frozenset[int] = frozenset()
    recent_words: Postings = field(default_factory=dict)
    recent_names: Postings = field(default_factory=dict)
    _changed_mask: Mask | None = field(default=None, repr=False)

    def match(self, query: tsquery.Node | None, language: str, *, names: bool = False) -> Mask:
        """The published services whose document (or name) in ``language`` matches ``query``."""
        if query is None:
            return np.zeros(self.size, dtype=bool)
        built, recent = (self.names, self.recent_names) if names else (self.words, self.recent_words)
        result = self._evaluate(query, built[language])
        if self.changed:
            result = np.where(self._changed(), self._evaluate(query, recent.get(language, {})), result)
        return result & self.published

    def name_weight(self, query: tsquery.Node | None, language: str) -> np.ndarray:
        """For the services whose name in ``language`` matches ``query``: how many of the query's lexemes the name
        holds, divided by 1 + the logarithm of the name's length (as ``ts_rank(…, 1)`` normalises); 0 for the
        rest. A cheap likeness of the name's ts_rank for choosing the candidates ranked in full."""
        matched = self.match(query, language, names=True)
        if query is None or not matched.any():
            return np.zeros(self.size)
        lexemes = set(_positive_lexemes(query))
        hits = self._hits(lexemes, self.names[language])
        if self.changed:
            hits = np.where(self._changed(), self._hits(lexemes, self.recent_names.get(language, {})), hits)
        return matched * hits / (1 + np.log(np.maximum(self.name_length[language], 1)))

    def _hits(self, lexemes: set[str], postings: dict[str, np.ndarray]) -> np.ndarray:
        """How many of ``lexemes`` each service has in ``postings``."""
        hits = np.zeros(self.size, dtype=np.int16)
        for lexeme in lexemes:
            ids = postings.get(lexeme)
            if ids is not None:
                hits[ids] += 1
        return hits

    def _changed(self) -> Mask:
        if self._changed_mask is None:
            self._changed_mask = np.zeros(self.size, dtype=bool)
            self._changed_mask[list(self.changed)] = True
        return self._changed_mask

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
        """A bitset of services.search.facet_index as a mask (ids beyond this version's size are left out)."""
        bits &= (1 << self.size) - 1
        data = np.frombuffer(bits.to_bytes((self.size + 7) // 8, "little"), dtype=np.uint8)
        return np.unpackbits(data, bitorder="little", count=self.size).astype(bool)

    @staticmethod
    def bits(mask: Mask) -> int:
        """A mask as a bitset of services.search.facet_index."""
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


def for_version(version: int) -> TextIndex:
    """The text index of this directory version (or a newer one): kept, brought up to date, or loaded."""
    return copies.get(version)


def build() -> TextIndex:
    """The postings of the directory as it is now (its version read in the same statement), not stored."""
    with connection.cursor() as cursor:
        cursor.execute(_BUILD_SQL)
        return _from_rows(cursor.fetchall())


# pg_advisory_xact_lock key of the build (any constant the project uses for nothing else: "LIVtext").
_BUILD_LOCK = 0x4C4956_74657874


def _stored() -> TextIndex | None:
    """The postings some process stored (one version), or None."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT version, language, lexeme, ids, name_ids, lengths FROM services_text_posting")
        rows = cursor.fetchall()
    return _from_rows(rows) if rows else None


def _build_and_store() -> TextIndex:
    """The postings built in SQL straight into the table (the only stored version), and read back."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH gone AS (DELETE FROM services_text_posting) INSERT INTO services_text_posting {_BUILD_SQL}"  # noqa: S608
            " RETURNING version, language, lexeme, ids, name_ids, lengths"
        )
        return _from_rows(cursor.fetchall())


def _from_rows(rows: list[tuple]) -> TextIndex:
    """The index of a build statement's rows (one version)."""
    words, names, orders = _read(rows)
    order = {language: ids for language, (ids, _following, _lengths) in orders.items()}
    size = max((int(ids.max()) + 1 for postings in words.values() for ids in postings.values()), default=0)
    size = max(size, *(int(ids.max()) + 1 for ids in order.values() if len(ids)), 0)
    name_length = {language: np.zeros(size, dtype=np.int32) for language in LANGUAGES}
    for language, (ids, _following, lengths) in orders.items():
        name_length[language][ids] = lengths
    return _index(rows[0][0], size, words, names, order, name_length)


def _updated(index: TextIndex) -> TextIndex | None:
    """``index`` brought up to the current version from the change log; None when it must be built again.

    The changed services' postings are read again (all changed since the build); the name order is kept and only
    the services changed since ``index`` are moved, each before the published service that now follows it."""
    for _attempt in range(3):
        changes = change_log.since(index.version)
        if changes.service_ids is None:
            return None
        if not changes.service_ids:
            return dataclasses.replace(index, version=changes.version)
        changed = index.changed | changes.service_ids
        if len(changed) > RECENT_LIMIT:
            return None
        with connection.cursor() as cursor:
            cursor.execute(_UPDATE_SQL, {"all": sorted(changed), "new": sorted(changes.service_ids)})
            rows = cursor.fetchall()
        if rows[0][0] != changes.version:
            continue  # another change came in between the two reads: the neighbours may be of a later version
        recent_words, recent_names, neighbours = _read(rows)
        size = max(index.size, max(changed) + 1)
        order: dict[str, np.ndarray] = {}
        name_length: dict[str, np.ndarray] = {}
        for language in LANGUAGES:
            ids, following, lengths = neighbours[language]
            moved = _moved(index, language, changes.service_ids, ids, following)
            if moved is None:
                return None
            order[language] = moved
            name_length[language] = np.zeros(size, dtype=np.int32)
            name_length[language][: index.size] = index.name_length[language]
            name_length[language][ids] = lengths
        return _index(
            changes.version, size, index.words, index.names, order, name_length, changed, recent_words, recent_names
        )
    return None


def _moved(
    index: TextIndex, language: str, changed: frozenset[int], ids: np.ndarray, following: np.ndarray
) -> np.ndarray | None:
    """The name order of ``index`` with the ``changed`` services taken out and the published ones among them
    (``ids``) put back before the service that now follows each (``following``, -1 for none). None if a
    following service is not where the order says (then the order is read again with everything else)."""
    old = index.order[language]
    leaving = np.zeros(index.size + 1, dtype=bool)
    leaving[[pk for pk in changed if pk < index.size]] = True
    gone = np.flatnonzero(leaving[old])  # positions in the old order of the services taken out
    kept = old[~leaving[old]]
    after = dict(zip(ids.tolist(), following.tolist(), strict=True))
    before = {next_pk: pk for pk, next_pk in after.items()}
    positions: list[int] = []
    values: list[int] = []
    for pk, next_pk in after.items():
        if next_pk in after:
            continue  # not the last of a run of changed services; the run is placed from its last one
        if next_pk == -1:
            position = len(kept)
        else:
            if next_pk >= index.size or old[index.rank[language][next_pk]] != next_pk:
                return None
            old_position = int(index.rank[language][next_pk])
            position = old_position - int(np.searchsorted(gone, old_position))
        run = [pk]
        while run[0] in before:
            run.insert(0, before[run[0]])
        positions.extend([position] * len(run))
        values.extend(run)
    return np.insert(kept, positions, values).astype(np.int32)


def _read(
    rows: list[tuple],
) -> tuple[Postings, Postings, dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]]:
    """The postings, and each language's order or neighbour rows (ids, following ids, name lengths)."""
    words: Postings = {language: {} for language in LANGUAGES}
    names: Postings = {language: {} for language in LANGUAGES}
    orders: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    for _version, language, lexeme, ids, name_ids, lengths in rows:
        if lexeme is None:
            orders[language] = (_ids(ids), _ids(name_ids), _ids(lengths))
            continue
        words[language][lexeme] = _ids(ids)
        if name_ids is not None:
            names[language][lexeme] = _ids(name_ids)
    return words, names, orders


def _index(
    version: int,
    size: int,
    words: Postings,
    names: Postings,
    order: dict[str, np.ndarray],
    name_length: dict[str, np.ndarray],
    changed: frozenset[int] = frozenset(),
    recent_words: Postings | None = None,
    recent_names: Postings | None = None,
) -> TextIndex:
    """The index with its published mask and name ranks."""
    published = np.zeros(size, dtype=bool)
    rank: dict[str, np.ndarray] = {}
    for language, ids in order.items():
        published[ids] = True
        rank[language] = np.zeros(size, dtype=np.int32)
        rank[language][ids] = np.arange(len(ids), dtype=np.int32)
    return TextIndex(
        version,
        size,
        published,
        words,
        names,
        order,
        rank,
        name_length,
        changed,
        recent_words or {},
        recent_names or {},
    )


# This process's postings (services.versioned): kept per version, updated from the change log, stored once.
copies = versioned.PerVersion(updated=_updated, stored=_stored, build_and_store=_build_and_store, lock_key=_BUILD_LOCK)
