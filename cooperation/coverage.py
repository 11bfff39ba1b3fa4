"""Coverage of services (national goal 1, equal access): which municipalities are served, how, and for whom.

For every municipality and every target group (or service type) a cell counts the published services that are

* **in person** there: the service has a service location in the municipality;
* **from elsewhere**: no location there, but its service area covers the municipality, its region, its vitality
  centre area or its employment area (a nationwide service without phone or online channels counts here too:
  it serves the municipality, but not from inside it);
* **nationwide remote**: a nationwide service with a phone or electronic channel (web, chat, video, e-service)
  and neither of the above.

A service is counted once per cell, in the first of these that applies. A cell with nothing in person or from
elsewhere but something remote is a gap of kind *only remote*; a cell with nothing at all is the worst gap.

Everything is counted by PostgreSQL in one statement, for the whole country, whatever the number of services:
services listing one area are counted per area and column before anything is spread to municipalities, and only
the few services that must be (overlapping areas, nationwide remote services) are expanded service by service.

That statement still takes most of a second at 100 000 services, and the counts change only when what they read
changes, so they are kept per *coverage version* (``cooperation_coverage_state.version``, which statement-level
triggers move, in the same transaction, whenever a service's status, nationwide flag, languages, locations,
channels, vocabulary or listed areas change, or the municipalities' regions; cooperation migration 0007; a
corrected description does not move it):

* in the database (``cooperation_coverage_count``, one row per dimension; cooperation migration 0006), so that
  every worker process shares one count: the function ``liv_coverage_counts`` returns the stored count if it is
  of the current version, and otherwise counts again under an advisory lock, so that fifty requests arriving
  after a change wait for one count instead of running fifty;
* and in each process (the last version read), so that a page whose coverage has not changed reads the
  version alone, in the same query as the table's columns.

An area's table is the national count cut to the area's municipalities: one count serves every page.
"""

from __future__ import annotations

import enum
import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from regions.models import Municipality, Region, VitalityCentre
from services.models import ElectronicChannel, PhoneChannel, Service, ServiceLocation, ServiceType, TargetGroup


class Dimension(enum.StrEnum):
    """What the table's columns are."""

    TARGET_GROUPS = "target_groups"
    SERVICE_TYPES = "service_types"

    @property
    def label(self) -> str:
        return str(_("target groups") if self is Dimension.TARGET_GROUPS else _("service types"))

    @property
    def vocabulary(self) -> type[Model]:
        return TargetGroup if self is Dimension.TARGET_GROUPS else ServiceType


class Level(enum.StrEnum):
    """How a cell is served, best first; the last two are the gaps."""

    IN_PERSON = "in_person"
    ELSEWHERE = "elsewhere"
    REMOTE_ONLY = "remote_only"
    NONE = "none"

    @property
    def label(self) -> str:
        return str(LEVEL_LABELS[self])

    @property
    def is_gap(self) -> bool:
        return self in (Level.REMOTE_ONLY, Level.NONE)


LEVEL_LABELS = {
    Level.IN_PERSON: _("in person in the municipality"),
    Level.ELSEWHERE: _("only from elsewhere"),
    Level.REMOTE_ONLY: _("only nationwide remote"),
    Level.NONE: _("nothing"),
}


@dataclass(frozen=True, slots=True)
class Cell:
    in_person: int = 0
    elsewhere: int = 0
    remote: int = 0

    @property
    def level(self) -> Level:
        if self.in_person:
            return Level.IN_PERSON
        if self.elsewhere:
            return Level.ELSEWHERE
        if self.remote:
            return Level.REMOTE_ONLY
        return Level.NONE

    @property
    def total(self) -> int:
        return self.in_person + self.elsewhere + self.remote


@dataclass(frozen=True, slots=True)
class Languages:
    """Services reaching the municipality (in any of the three ways) that are offered in these languages."""

    swedish: int = 0
    english: int = 0
    other: int = 0


@dataclass(slots=True)
class Row:
    municipality: Municipality
    total: Cell
    cells: list[Cell]
    languages: Languages

    @property
    def all_cells(self) -> list[Cell]:
        """All services first, then the columns: the order of the table's cells."""
        return [self.total, *self.cells]

    @property
    def gaps(self) -> int:
        return sum(1 for cell in self.cells if cell.level.is_gap)


@dataclass(slots=True)
class AreaSummary:
    """How many municipalities of an area are served at each level (over all services)."""

    area: VitalityCentre | None
    counts: dict[Level, int] = field(default_factory=lambda: dict.fromkeys(Level, 0))
    gap_cells: int = 0

    @property
    def municipalities(self) -> int:
        return sum(self.counts.values())


@dataclass(slots=True)
class CoverageTable:
    area: VitalityCentre | None
    dimension: Dimension
    columns: list[Model]
    rows: list[Row]

    def summary(self) -> AreaSummary:
        summary = AreaSummary(self.area)
        for row in self.rows:
            summary.counts[row.total.level] += 1
            summary.gap_cells += row.gaps
        return summary

    def summaries_by_area(self, areas: list[VitalityCentre]) -> list[AreaSummary]:
        """The national table cut by vitality centre area, for the national administrators' side-by-side view."""
        by_id = {area.pk: AreaSummary(area) for area in areas}
        for row in self.rows:
            summary = by_id.get(row.municipality.region.vitality_centre_id)
            if summary is not None:
                summary.counts[row.total.level] += 1
                summary.gap_cells += row.gaps
        return list(by_id.values())

    def column_index(self, code: str) -> int | None:
        for index, column in enumerate(self.columns):
            if column.code == code:
                return index
        return None

    def gap_rows(self) -> Iterator[tuple[Row, list[tuple[Model, Level]]]]:
        """Municipalities with at least one gap, with the columns that are gaps."""
        for row in self.rows:
            gaps = [
                (column, cell.level) for column, cell in zip(self.columns, row.cells, strict=True) if cell.level.is_gap
            ]
            if row.total.level.is_gap or gaps:
                yield row, gaps


def _m2m(model: type[Model], field_name: str) -> tuple[str, str]:
    """The join table of ``model.field_name`` and its column pointing to the other side."""
    through = model._meta.get_field(field_name).remote_field.through
    target = model._meta.get_field(field_name).related_model
    column = next(f.column for f in through._meta.fields if f.is_relation and f.related_model is target)
    return through._meta.db_table, column


# The counted "columns" besides the vocabulary's own (whose ids are positive): all services, and the services
# offered in Swedish, in English and in other languages (the table's language figures).
ALL_SERVICES, SWEDISH, ENGLISH, OTHER_LANGUAGES = 0, -1, -2, -3
_TOTALS = ((ALL_SERVICES, "TRUE"), (SWEDISH, "x.sv"), (ENGLISH, "x.en"), (OTHER_LANGUAGES, "x.other"))

# How a listed area is matched to a municipality: level number -> the municipality's column.
_LEVELS = {1: "id", 2: "region_id", 3: "vitality_centre_id", 4: "employment_area_id"}
_LISTED = ("municipalities", "regions", "vitality_centres", "employment_areas")


def _per_column(source: str, keys: list[str], counts: list[str], columns: tuple[str, str]) -> str:
    """Count the services of ``source`` (a relation with the service's ``id`` and its language flags) grouped
    by ``keys`` and by column: once per vocabulary column through the join table, and once for all services
    and each language, counted with filters and unpivoted after grouping (so only grouped rows are repeated).
    ``counts`` are the conditions counted; every output row is (keys…, col, one count per condition)."""
    table, column = columns
    key_list = "".join(f"{key}, " for key in keys)
    group = ", ".join([*keys, "col"])
    by_column = ", ".join(f"count(*) FILTER (WHERE {condition}) AS v{n}" for n, condition in enumerate(counts))
    filtered = ", ".join(
        f"count(*) FILTER (WHERE ({condition}) AND {language}) AS c{n}_{-code}"
        for n, condition in enumerate(counts)
        for code, language in _TOTALS
    )
    values = ", ".join(
        "(" + ", ".join([str(code), *(f"g.c{n}_{-code}" for n in range(len(counts)))]) + ")" for code, _ in _TOTALS
    )
    names = ", ".join(["col", *(f"v{n}" for n in range(len(counts)))])
    outer_keys = "".join(f"g.{key.split('.')[-1]}, " for key in keys)
    return f"""
    SELECT {key_list}t.{column} AS col, {by_column}
      FROM {source} x JOIN {table} t ON t.service_id = x.id
      GROUP BY {group}
    UNION ALL
    SELECT {outer_keys}v.*
      FROM (SELECT {key_list}{filtered} FROM {source} x GROUP BY {", ".join(keys) or "()"}) g
      CROSS JOIN LATERAL (VALUES {values}) v({names})"""  # noqa: S608


def _sql(dimension: Dimension) -> str:
    """One statement; see :func:`_count_sql`. Names and the published status come from the models, never from
    input."""
    columns = _m2m(Service, dimension.value)
    listed = [_m2m(Service, name) for name in _LISTED]
    entries = "\n        UNION ALL ".join(
        f"SELECT service_id, {level} AS level, {target} AS entry_id FROM {table}"  # noqa: S608
        for level, (table, target) in zip(_LEVELS, listed, strict=True)
    )
    area_entries = "\n        UNION ".join(
        f"SELECT {level} AS level, {muni_column} AS entry_id FROM muni"  # noqa: S608
        for level, muni_column in _LEVELS.items()
    )

    def reach(source: str, key: str) -> str:
        """Expand rows of ``source`` with a (level, entry_id) to the municipalities the entry covers: one
        equi-join per level (set-based), never an OR across levels."""
        return "\n    UNION ALL ".join(
            f"SELECT {key}, mu.id AS municipality_id FROM {source} x JOIN muni mu "  # noqa: S608
            f"ON x.level = {level} AND mu.{muni_column} = x.entry_id"
            for level, muni_column in _LEVELS.items()
        )

    covered = " OR ".join(
        f"(s.level = {level} AND s.entry_id = mu.{muni_column})" for level, muni_column in _LEVELS.items()
    )
    remote = (
        f"EXISTS (SELECT 1 FROM {PhoneChannel._meta.db_table} p WHERE p.service_id = s.id)"  # noqa: S608
        f" OR EXISTS (SELECT 1 FROM {ElectronicChannel._meta.db_table} e WHERE e.service_id = s.id)"
    )
    return f"""
WITH muni AS (
    SELECT m.id, m.region_id, m.employment_area_id, r.vitality_centre_id
    FROM {Municipality._meta.db_table} m JOIN {Region._meta.db_table} r ON r.id = m.region_id
),
area_entry AS (
        {area_entries}
),
entry AS (
        {entries}
),
located AS (
    SELECT DISTINCT l.service_id, l.municipality_id
    FROM {ServiceLocation._meta.db_table} l JOIN muni ON muni.id = l.municipality_id
),
listing AS (
    SELECT service_id, count(*) AS n, min(level) AS level, min(entry_id) AS entry_id
    FROM entry e
    GROUP BY service_id
),
svc AS MATERIALIZED (
    SELECT y.*,
           y.nationwide AND y.remote AS nationwide_remote,
           y.nationwide AND NOT y.remote AS everywhere,
           CASE WHEN y.nationwide THEN y.remote ELSE y.n > 1 END AS explicit
    FROM (
        SELECT s.id, s.nationwide,
               CASE WHEN s.nationwide THEN {remote} ELSE FALSE END AS remote,
               coalesce(listing.n, 0) AS n, listing.level, listing.entry_id,
               'sv' = ANY (s.languages) AS sv,
               'en' = ANY (s.languages) AS en,
               NOT (s.languages <@ ARRAY['fi', 'sv', 'en']::varchar[]) AS other
        FROM {Service._meta.db_table} s LEFT JOIN listing ON listing.service_id = s.id
        WHERE s.status = '{Service.Status.PUBLISHED.value}'
    ) y
),
simple_located AS (
    SELECT s.id, s.sv, s.en, s.other, lc.municipality_id, s.everywhere OR {covered} AS covered
    FROM located lc
    JOIN svc s ON s.id = lc.service_id AND NOT s.explicit
    JOIN muni mu ON mu.id = lc.municipality_id
),
single AS (
    SELECT s.* FROM svc s
    WHERE NOT s.explicit AND NOT s.nationwide AND s.n = 1
      AND (s.level, s.entry_id) IN (SELECT level, entry_id FROM area_entry)
),
single_by_entry AS ({_per_column("single", ["x.level", "x.entry_id"], ["TRUE"], columns)}
),
explicit_entry AS (
    SELECT e.service_id, e.level, e.entry_id
    FROM entry e
    JOIN svc s ON s.id = e.service_id AND s.explicit
),
explicit_reach AS (
    SELECT pairs.service_id AS id, pairs.municipality_id, min(pairs.kind) AS kind,
           bool_or(s.nationwide_remote) AS nationwide_remote, bool_or(s.sv) AS sv, bool_or(s.en) AS en,
           bool_or(s.other) AS other
    FROM (
        SELECT lc.service_id, lc.municipality_id, 1 AS kind FROM located lc
        UNION ALL SELECT service_id, municipality_id, 2 FROM ({reach("explicit_entry", "x.service_id")}) a
    ) pairs
    JOIN svc s ON s.id = pairs.service_id AND s.explicit
    GROUP BY 1, 2
)
SELECT municipality_id, col, sum(in_person), sum(by_area), sum(covered), sum(remote_reached)
FROM (
    SELECT municipality_id, col, v0 AS in_person, 0 AS by_area, v1 AS covered, 0 AS remote_reached
    FROM ({_per_column("simple_located", ["x.municipality_id"], ["TRUE", "x.covered"], columns)}
    ) a
    UNION ALL
    SELECT r.municipality_id, r.col, 0, r.n, 0, 0
    FROM ({reach("(SELECT level, entry_id, col, v0 AS n FROM single_by_entry)", "x.col, x.n")}) r
    UNION ALL
    SELECT municipality_id, col, v0, v1, 0, v2
    FROM ({
        _per_column(
            "explicit_reach", ["x.municipality_id"], ["x.kind = 1", "x.kind = 2", "x.nationwide_remote"], columns
        )
    }
    ) b
    UNION ALL
    SELECT NULL, col, 0, v0, 0, v1
    FROM ({_per_column("(SELECT * FROM svc WHERE nationwide)", [], ["x.everywhere", "x.nationwide_remote"], columns)}
    ) c
) parts
GROUP BY 1, 2
"""  # noqa: S608


@functools.cache
def _count_sql(dimension: Dimension) -> str:
    """The national count of :func:`_sql` as one JSON text, ``[[municipality, column, in person, by area,
    in person and by area, nationwide remote reached there], …]``, for ``liv_coverage_counts`` to store.

    No service is expanded to the municipalities it reaches unless it must be. Services are in two classes:

    * *simple*: not nationwide with at most one listed area (a municipality, region, vitality centre area or
      employment area), or nationwide without remote channels (it reaches every municipality anyway). The
      one-area services are counted per listed area and column first (a few thousand rows however many services
      there are), and only those counts are spread to the municipalities the area covers. The nationwide ones
      are counted once per column. Their locations give the in-person counts, and each location also says
      whether the service already reached that municipality by its area (it is then counted in person only).
    * *explicit*: a nationwide service with phone or online channels, or one listing several areas (which may
      overlap: a region and one of its municipalities). Only these few are expanded to (service, municipality)
      pairs, through one equi-join per area level, and counted once per pair at their best level.

    The municipality is null in the nationwide rows, which carry (everywhere without remote channels, remote)
    as "by area" and "remote reached".
    """
    return (
        "SELECT coalesce(json_agg(json_build_array(m, col, a, b, c, d)), '[]')::text"  # noqa: S608
        f" FROM ({_sql(dimension)}) counted(m, col, a, b, c, d)"
    )


@dataclass(frozen=True, slots=True)
class _Counts:
    """One dimension's national count, as read from ``cooperation_coverage_count``, with the cells already
    built from it (they are the same for every request of this version; nothing changes a built cell)."""

    version: int
    # (municipality, column) -> (in person, by area, in person and by area, nationwide remote reached there)
    reached: dict[tuple[int, int], tuple[int, int, int, int]]
    # column -> (nationwide everywhere without remote channels, nationwide remote)
    nationwide: dict[int, tuple[int, int]]
    # (municipality, the table's column ids) -> (all services, the columns' cells, languages)
    _rows: dict[tuple[int, tuple[int, ...]], tuple[Cell, list[Cell], Languages]] = field(default_factory=dict)

    @classmethod
    def parse(cls, version: int, counts: str) -> _Counts:
        reached, nationwide = {}, {}
        for municipality_id, column, in_person, by_area, located_and_by_area, remote_reached in json.loads(counts):
            if municipality_id is None:
                nationwide[column] = (by_area, remote_reached)
            else:
                reached[(municipality_id, column)] = (in_person, by_area, located_and_by_area, remote_reached)
        return cls(version, reached, nationwide)

    def cell(self, municipality_id: int, column: int) -> Cell:
        in_person, by_area, located_and_by_area, remote_reached = self.reached.get(
            (municipality_id, column), (0, 0, 0, 0)
        )
        everywhere, remote = self.nationwide.get(column, (0, 0))
        return Cell(
            in_person=in_person,
            elsewhere=by_area + everywhere - located_and_by_area,
            remote=remote - remote_reached,
        )

    def row(self, municipality_id: int, column_ids: tuple[int, ...]) -> tuple[Cell, list[Cell], Languages]:
        key = (municipality_id, column_ids)
        built = self._rows.get(key)
        if built is None:
            cell = self.cell
            built = self._rows[key] = (
                cell(municipality_id, ALL_SERVICES),
                [cell(municipality_id, column) for column in column_ids],
                Languages(*(cell(municipality_id, code).total for code in (SWEDISH, ENGLISH, OTHER_LANGUAGES))),
            )
        return built


# The last count this process read, per (database, dimension). A request whose coverage version is the same
# uses it without reading the count again; any other version is read (or counted) anew.
_last: dict[tuple[str, Dimension], _Counts] = {}


@functools.cache
def _columns_sql(dimension: Dimension) -> str:
    """The dimension's vocabulary in its order, with ``liv_coverage_counts`` of the current coverage version:
    the version on every row, the counts (if the process does not hold them yet) on the first only."""
    model = dimension.vocabulary
    quote = connection.ops.quote_name
    order = ", ".join(
        f"v.{quote(model._meta.get_field(name.lstrip('-')).column)}{' DESC' if name.startswith('-') else ''}"
        for name in [*model._meta.ordering, model._meta.pk.name]
    )
    return f"""
SELECT v.*, c.out_version AS directory_version,
       CASE WHEN row_number() OVER (ORDER BY {order}) = 1 THEN c.out_counts END AS coverage_counts
FROM {model._meta.db_table} v CROSS JOIN liv_coverage_counts(%s, %s, %s) c
ORDER BY {order}"""  # noqa: S608 - names from the model's _meta


def _keep(dimension: Dimension, version: int, counts: str | None) -> _Counts:
    """The count of ``version``: the one this process holds, or ``counts`` as just read (and now held)."""
    key = (str(connection.settings_dict.get("NAME")), dimension)
    last = _last.get(key)
    if counts is None and last is not None and last.version == version:
        return last
    last = _last[key] = _Counts.parse(version, counts)
    return last


def _held_version(dimension: Dimension) -> int | None:
    last = _last.get((str(connection.settings_dict.get("NAME")), dimension))
    return last.version if last else None


def _columns_and_counts(dimension: Dimension) -> tuple[list[Model], _Counts]:
    """The table's columns and the count of the current coverage version, in one query: the count is sent
    only if this process does not hold it yet, from the database (stored, or counted there now under a lock)."""
    params = [dimension.value, _count_sql(dimension), _held_version(dimension)]
    columns = list(dimension.vocabulary.objects.raw(_columns_sql(dimension), params))
    if columns:
        return columns, _keep(dimension, columns[0].directory_version, columns[0].coverage_counts)
    with connection.cursor() as cursor:  # no vocabulary: the count alone (all services and languages)
        cursor.execute("SELECT * FROM liv_coverage_counts(%s, %s, %s)", params)
        return columns, _keep(dimension, *cursor.fetchone())


@functools.cache
def _state_sql(dimension: Dimension) -> str:
    """The coverage version and a fingerprint of the reference data a coverage page shows besides the counts:
    municipalities, regions, areas and the dimension's vocabulary (names, codes, order). Those change rarely
    and, but for the municipalities' regions, without a new coverage version, so a page kept by version also
    keeps it by this (a sum of row hashes: under a millisecond for some 350 rows)."""
    rows = " UNION ALL ".join(
        f"SELECT t::text AS r FROM {model._meta.db_table} t"  # noqa: S608 - names from the models' _meta
        for model in (Municipality, Region, VitalityCentre, dimension.vocabulary)
    )
    return (
        "SELECT (SELECT version FROM cooperation_coverage_state WHERE id = 1),"  # noqa: S608
        f" (SELECT coalesce(sum(hashtext(f.r)), 0) FROM ({rows}) f)"
    )


def coverage_state(dimension: Dimension) -> tuple[int, int]:
    """(coverage version, reference fingerprint): what a coverage page of ``dimension`` depends on, in one
    small query (the count itself is read by :func:`coverage_table` when the page is built)."""
    with connection.cursor() as cursor:
        cursor.execute(_state_sql(dimension))
        version, fingerprint = cursor.fetchone()
    return version, int(fingerprint)


def coverage_table(
    *,
    area: VitalityCentre | None = None,
    dimension: Dimension = Dimension.TARGET_GROUPS,
    municipalities: list[Municipality] | None = None,
) -> CoverageTable:
    """The coverage of an area's municipalities (or all of Finland's).

    Two queries (the municipalities; the columns with the count), or one when the caller already holds the
    area's ``municipalities`` (each with its region, as a page that lists them has)."""
    if municipalities is None:
        queryset = Municipality.objects.select_related("region").order_by("name_fi")
        if area is not None:
            queryset = queryset.filter(region__vitality_centre=area)
        municipalities = list(queryset)
    else:
        municipalities = sorted(municipalities, key=lambda municipality: municipality.name_fi or "")
    columns, counts = _columns_and_counts(dimension)
    column_ids = tuple(column.pk for column in columns)
    rows = [Row(municipality, *counts.row(municipality.pk, column_ids)) for municipality in municipalities]
    return CoverageTable(area=area, dimension=dimension, columns=columns, rows=rows)
