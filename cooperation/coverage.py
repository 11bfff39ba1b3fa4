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

Everything is counted by PostgreSQL in one statement (plus one query each for the municipalities and the
columns), whatever the number of services or municipalities. Services are grouped by the places they list
before anything is expanded to municipalities, and nationwide services are counted once per column and
subtracted where they already reach a municipality in person or by area.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from regions.models import Municipality, VitalityCentre
from services.models import ElectronicChannel, PhoneChannel, Service, ServiceLocation, ServiceType, TargetGroup

CACHE_SECONDS = 15 * 60


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


@dataclass(slots=True)
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


@dataclass(slots=True)
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


COUNTED_TABLES = (
    Service._meta.db_table,
    ServiceLocation._meta.db_table,
    PhoneChannel._meta.db_table,
    ElectronicChannel._meta.db_table,
    *(
        Service._meta.get_field(name).remote_field.through._meta.db_table
        for name in (
            "target_groups",
            "service_types",
            "municipalities",
            "regions",
            "vitality_centres",
            "employment_areas",
        )
    ),
    Municipality._meta.db_table,
)


def _sql(dimension: Dimension, restrict_to_area: bool) -> str:
    """One statement; see the module docstring. Services are grouped by their *reach signature* (the
    municipalities of their locations and the municipalities, regions, areas and employment areas they list)
    before anything is expanded to municipalities: thousands of services share a signature, so the expansion
    is done once per signature, not once per service."""
    service = Service._meta.db_table
    columns_table, column = _m2m(Service, dimension.value)
    lists = {
        name: _m2m(Service, name) for name in ("municipalities", "regions", "vitality_centres", "employment_areas")
    }
    area_filter = "WHERE r.vitality_centre_id = %(area)s" if restrict_to_area else ""

    def listed(name: str) -> str:
        table, target = lists[name]
        return f"SELECT service_id, array_agg({target} ORDER BY {target}) AS ids FROM {table} GROUP BY service_id"  # noqa: S608

    # Names below come from the models' _meta, never from input; values are query parameters.
    return f"""
WITH pub AS (
    SELECT s.id, s.nationwide,
           (EXISTS (SELECT 1 FROM {PhoneChannel._meta.db_table} p WHERE p.service_id = s.id)
            OR EXISTS (SELECT 1 FROM {ElectronicChannel._meta.db_table} e WHERE e.service_id = s.id)) AS remote,
           'sv' = ANY (s.languages) AS sv,
           'en' = ANY (s.languages) AS en,
           EXISTS (SELECT 1 FROM unnest(s.languages) lang WHERE lang NOT IN ('fi', 'sv', 'en')) AS other
    FROM {service} s
    WHERE s.status = %(published)s
),
muni AS (
    SELECT m.id, m.region_id, m.employment_area_id, r.vitality_centre_id
    FROM {Municipality._meta.db_table} m JOIN regions_region r ON r.id = m.region_id
    {area_filter}
),
loc AS (
    SELECT service_id, array_agg(DISTINCT municipality_id ORDER BY municipality_id) AS ids
    FROM {ServiceLocation._meta.db_table} GROUP BY service_id
),
mun AS ({listed("municipalities")}),
reg AS ({listed("regions")}),
vc AS ({listed("vitality_centres")}),
ea AS ({listed("employment_areas")}),
sig AS (
    SELECT pub.*,
           coalesce(loc.ids, '{{}}') AS loc, coalesce(mun.ids, '{{}}') AS mun, coalesce(reg.ids, '{{}}') AS reg,
           coalesce(vc.ids, '{{}}') AS vc, coalesce(ea.ids, '{{}}') AS ea,
           dense_rank() OVER (ORDER BY loc.ids, mun.ids, reg.ids, vc.ids, ea.ids) AS sig_id
    FROM pub
    LEFT JOIN loc ON loc.service_id = pub.id
    LEFT JOIN mun ON mun.service_id = pub.id
    LEFT JOIN reg ON reg.service_id = pub.id
    LEFT JOIN vc ON vc.service_id = pub.id
    LEFT JOIN ea ON ea.service_id = pub.id
),
signature AS (
    SELECT DISTINCT ON (sig_id) sig_id, loc, mun, reg, vc, ea FROM sig ORDER BY sig_id
),
sig_reach AS (
    SELECT x.sig_id, x.municipality_id, min(x.kind) AS kind
    FROM (
        SELECT sig_id, unnest(loc) AS municipality_id, 1 AS kind FROM signature
        UNION ALL SELECT sig_id, unnest(mun), 2 FROM signature
        UNION ALL SELECT s.sig_id, m.id, 2 FROM signature s JOIN muni m ON m.region_id = ANY (s.reg)
        UNION ALL SELECT s.sig_id, m.id, 2 FROM signature s JOIN muni m ON m.vitality_centre_id = ANY (s.vc)
        UNION ALL SELECT s.sig_id, m.id, 2 FROM signature s JOIN muni m ON m.employment_area_id = ANY (s.ea)
    ) x
    WHERE x.municipality_id IN (SELECT id FROM muni)
    GROUP BY x.sig_id, x.municipality_id
),
per_column AS (
    SELECT cl.sig_id, cl.nationwide, cl.remote, c.{column} AS column_id, count(*) AS n
    FROM sig cl JOIN {columns_table} c ON c.service_id = cl.id
    GROUP BY 1, 2, 3, 4
),
per_total AS (
    SELECT sig_id, nationwide, remote, count(*) AS n,
           count(*) FILTER (WHERE sv) AS sv, count(*) FILTER (WHERE en) AS en, count(*) FILTER (WHERE other) AS other
    FROM sig
    GROUP BY 1, 2, 3
)
SELECT 'cell', r.municipality_id, r.kind, p.nationwide, p.remote, p.column_id, sum(p.n), 0, 0, 0
  FROM sig_reach r JOIN per_column p ON p.sig_id = r.sig_id
  GROUP BY r.municipality_id, r.kind, p.nationwide, p.remote, p.column_id
UNION ALL
SELECT 'total', r.municipality_id, r.kind, p.nationwide, p.remote, NULL, sum(p.n), sum(p.sv), sum(p.en), sum(p.other)
  FROM sig_reach r JOIN per_total p ON p.sig_id = r.sig_id
  GROUP BY r.municipality_id, r.kind, p.nationwide, p.remote
UNION ALL
SELECT 'nationwide', NULL, NULL, TRUE, remote, c.{column}, count(*), 0, 0, 0
  FROM pub JOIN {columns_table} c ON c.service_id = pub.id
  WHERE pub.nationwide
  GROUP BY remote, c.{column}
UNION ALL
SELECT 'nationwide_total', NULL, NULL, TRUE, remote, NULL, count(*),
       count(*) FILTER (WHERE sv), count(*) FILTER (WHERE en), count(*) FILTER (WHERE other)
  FROM pub
  WHERE pub.nationwide
  GROUP BY remote
"""  # noqa: S608


def data_version() -> str | None:
    """A fingerprint of the tables the count reads, from PostgreSQL's own row-change statistics: any committed
    insert, update or delete of a service, location, channel or service-area row changes it (within seconds:
    the server publishes its counters at least every few seconds). None while this connection's own
    transaction has changed those tables, because a count made then must not be remembered for others."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables"
            "        WHERE relname = ANY (%s)),"
            "       (SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_user_tables"
            "        WHERE relname = ANY (%s))",
            [list(COUNTED_TABLES), list(COUNTED_TABLES)],
        )
        committed, own = cursor.fetchone()
    return None if own else str(committed)


def _counted_rows(area: VitalityCentre | None, dimension: Dimension) -> list[tuple]:
    """The statement's rows, reused while the counted tables are unchanged (at most CACHE_SECONDS).

    Counting 100 000 services takes PostgreSQL seconds; the answer only changes when the directory does, so
    the page views after the first read the cached rows (a few hundred kilobytes per area and dimension).
    """
    version = data_version()
    key = f"coverage:{area.pk if area else 'all'}:{dimension.value}:{version}"
    rows = cache.get(key) if version is not None else None
    if rows is None:
        params = {"published": Service.Status.PUBLISHED, "area": area.pk if area else None}
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '64MB'")  # the grouping fits in memory instead of spilling
            cursor.execute(_sql(dimension, area is not None), params)
            rows = cursor.fetchall()
        if version is not None:
            cache.set(key, rows, CACHE_SECONDS)
    return rows


def _add(total: list[int], values: tuple[int, ...]) -> None:
    for index, value in enumerate(values):
        total[index] += value


def coverage_table(
    *, area: VitalityCentre | None = None, dimension: Dimension = Dimension.TARGET_GROUPS
) -> CoverageTable:
    """The coverage of an area's municipalities (or all of Finland's) in three queries."""
    municipalities = Municipality.objects.select_related("region").order_by("name_fi")
    if area is not None:
        municipalities = municipalities.filter(region__vitality_centre=area)
    municipalities = list(municipalities)
    columns = list(dimension.vocabulary.objects.all())
    result = _counted_rows(area, dimension)

    # (municipality, column or None) -> [in person, from elsewhere by area, nationwide remote reached there,
    # nationwide without remote channels reached there]
    reached: dict[tuple[int, int | None], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    nationwide: dict[int | None, list[int]] = defaultdict(lambda: [0, 0])  # column -> [remote, not remote]
    # Languages (Swedish, English, other): services reaching a municipality in person or by area, the nationwide
    # ones among them (to avoid counting them twice), and all nationwide services.
    languages: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    nationwide_reached_languages: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    nationwide_languages = [0, 0, 0]
    for section, municipality_id, kind, is_nationwide, remote, column_id, count, sv, en, other in result:
        offered = (sv, en, other)
        if section in ("cell", "total"):
            counts = reached[(municipality_id, column_id)]
            counts[0 if kind == 1 else 1] += count
            if is_nationwide:
                counts[2 if remote else 3] += count
            if section == "total":
                _add(languages[municipality_id], offered)
                if is_nationwide:
                    _add(nationwide_reached_languages[municipality_id], offered)
        else:
            nationwide[column_id][0 if remote else 1] += count
            if section == "nationwide_total":
                _add(nationwide_languages, offered)

    def cell(municipality_id: int, column_id: int | None) -> Cell:
        in_person, by_area, nationwide_remote_reached, nationwide_other_reached = reached.get(
            (municipality_id, column_id), (0, 0, 0, 0)
        )
        remote_total, other_total = nationwide.get(column_id, (0, 0))
        return Cell(
            in_person=in_person,
            elsewhere=by_area + other_total - nationwide_other_reached,
            remote=remote_total - nationwide_remote_reached,
        )

    rows = []
    for municipality in municipalities:
        own = languages.get(municipality.pk, (0, 0, 0))
        already = nationwide_reached_languages.get(municipality.pk, (0, 0, 0))
        offered = [own[i] + nationwide_languages[i] - already[i] for i in range(3)]
        rows.append(
            Row(
                municipality=municipality,
                total=cell(municipality.pk, None),
                cells=[cell(municipality.pk, column.pk) for column in columns],
                languages=Languages(*offered),
            )
        )
    return CoverageTable(area=area, dimension=dimension, columns=columns, rows=rows)
