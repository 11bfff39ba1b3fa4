"""Read one record of the regional cooperation into its canonical form, noting every problem on the way.

The canonical form is exactly what exchange/cooperation_export.py writes, so that the import can tell
"unchanged" from "updated" by comparing the two. As in exchange/normalize.py, this module checks the
shape of the JSON and the codes; the models' own validation and the references between records (providers,
groups, practices) are checked by exchange/cooperation_import.py.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from cooperation.models import MaturityDimension, MaturityStage
from exchange.format import (
    ASSESSMENT_TRANSLATED,
    GOAL_TRANSLATED,
    GROUP_TRANSLATED,
    MEASURE_TRANSLATED,
    PRACTICE_TRANSLATED,
    RATING_TRANSLATED,
    STRATEGY_TRANSLATED,
)
from exchange.normalize import MAX_ID_LENGTH, RecordReader, kind_name, quoted
from regions.models import Region

GROUP_FIELDS = (
    "external_id",
    *GROUP_TRANSLATED,
    "area",
    "region",
    "active_from",
    "active_until",
    "website",
    "publish_latest_assessment",
    "tasks",
    "members",
    "strategies",
    "origin",
)
MEMBER_FIELDS = ("provider", "name")
STRATEGY_FIELDS = (*STRATEGY_TRANSLATED, "first_year", "last_year", "website", "goals")
GOAL_FIELDS = (*GOAL_TRANSLATED, "national_goals")
PRACTICE_FIELDS = (
    "external_id",
    *PRACTICE_TRANSLATED,
    "areas",
    "providers",
    "target_groups",
    "national_goals",
    "dimensions",
    "first_year",
    "last_year",
    "phase",
    "status",
    "last_reviewed",
    "links",
    "origin",
)
LINK_FIELDS = ("title", "url")
MEASURE_FIELDS = (
    "external_id",
    "code",
    *MEASURE_TRANSLATED,
    "level",
    "area",
    "group",
    "national_goals",
    "responsible_providers",
    "first_year",
    "last_year",
    "follow_ups",
    "origin",
)
FOLLOW_UP_FIELDS = ("date", "status", "note")
ASSESSMENT_FIELDS = ("external_id", "group", "year", *ASSESSMENT_TRANSLATED, "ratings", "origin")
RATING_FIELDS = ("dimension", "stage", *RATING_TRANSLATED, "practices")


@dataclass
class CooperationCodes:
    """The maturity model by code and number, and each region's area: what a cooperation record may refer to."""

    dimensions: dict[str, int]
    dimension_order: dict[str, tuple[int, str]]
    stages: dict[int, int]
    region_areas: dict[str, str]

    @classmethod
    def load(cls) -> CooperationCodes:
        dimensions = list(MaturityDimension.objects.values_list("code", "pk", "order"))
        return cls(
            dimensions={code: pk for code, pk, _order in dimensions},
            dimension_order={code: (order, code) for code, _pk, order in dimensions},
            stages=dict(MaturityStage.objects.values_list("number", "pk")),
            region_areas=dict(Region.objects.values_list("code", "vitality_centre__code")),
        )


def _date(reader: RecordReader, data: dict[str, Any], key: str, path: str, *, required: bool = False) -> str | None:
    value = data.get(key)
    if value is None or value == "":
        if required:
            reader.problem(path, _("a date is required (YYYY-MM-DD)"))
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        reader.problem(path, _("not a date (YYYY-MM-DD): %(value)s") % {"value": quoted(value)})
        return None


def _number(reader: RecordReader, data: dict[str, Any], key: str, path: str, *, required: bool = False) -> int | None:
    value = data.get(key)
    if value is None:
        if required:
            reader.problem(path, _("a number is required"))
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        reader.problem(path, _("expected a whole number, got %(kind)s") % {"kind": kind_name(value)})
        return None
    return value


def _flag(reader: RecordReader, data: dict[str, Any], key: str, path: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        reader.problem(path, _("expected true or false"))
        return False
    return value


def _code(
    reader: RecordReader, data: dict[str, Any], key: str, path: str, known: dict, label: str, *, required: bool
) -> str | None:
    value = data.get(key)
    if value is None or value == "":
        if required:
            reader.problem(path, _("a %(label)s code is required") % {"label": label})
        return None
    if not isinstance(value, str) or value not in known:
        reader.problem(path, _("unknown %(label)s code %(code)s") % {"label": label, "code": quoted(value)})
        return None
    return value


def _reference(reader: RecordReader, value: Any, path: str, label: str) -> str | None:
    """An external id of another record; whether that record exists is checked by the import."""
    if not isinstance(value, str) or not value.strip() or len(value.strip()) > MAX_ID_LENGTH or "\x00" in value:
        reader.problem(
            path, _("expected the external id of a %(label)s, got %(value)s") % {"label": label, "value": quoted(value)}
        )
        return None
    return value.strip()


def _references(reader: RecordReader, data: dict[str, Any], key: str, path: str, label: str) -> list[str]:
    value = data.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        reader.problem(path, _("expected a list of external ids, got %(kind)s") % {"kind": kind_name(value)})
        return []
    ids: list[str] = []
    for item in value:
        reference = _reference(reader, item, path, label)
        if reference is None:
            continue
        if reference in ids:
            reader.problem(path, _("%(id)s is listed twice") % {"id": quoted(reference)})
        else:
            ids.append(reference)
    return sorted(ids)


def _years_in_order(reader: RecordReader, record: dict[str, Any], prefix: str = "") -> None:
    """The database refuses a period that ends before it starts (the models' check constraints); say it here."""
    first, last = record["first_year"], record["last_year"]
    if first is not None and last is not None and first > last:
        reader.problem(f"{prefix}last_year", _("The last year must not be before the first year."))


def _translated_item(reader: RecordReader, item: Any, path: str) -> dict[str, str]:
    """A list item that is itself a translated text, e.g. a group's task."""
    return reader.translated({"text": item}, "text", path)


def _require_finnish(reader: RecordReader, record: dict[str, Any], key: str, path: str, label: str) -> None:
    if not record[key]["fi"]:
        reader.problem(
            f"{path}.fi", _("missing Finnish %(label)s (the Finnish %(label)s is required)") % {"label": label}
        )


def _translations(reader: RecordReader, data: dict[str, Any], names: tuple[str, ...], prefix: str = "") -> dict:
    return {name: reader.translated(data, name, f"{prefix}{name}") for name in names}


def _strategy(reader: RecordReader, item: dict[str, Any], path: str) -> dict[str, Any]:
    reader.unknown_fields(item, STRATEGY_FIELDS, f"{path}.")
    strategy = {
        **_translations(reader, item, STRATEGY_TRANSLATED, f"{path}."),
        "first_year": _number(reader, item, "first_year", f"{path}.first_year", required=True),
        "last_year": _number(reader, item, "last_year", f"{path}.last_year", required=True),
        "website": reader.text(item, "website", f"{path}.website"),
        "goals": [],
    }
    _require_finnish(reader, strategy, "name", f"{path}.name", _("name"))
    for key in ("first_year", "last_year"):
        if strategy[key] is not None and not 1990 <= strategy[key] <= 2100:
            reader.problem(f"{path}.{key}", _("a year from 1990 to 2100"))
    _years_in_order(reader, strategy, f"{path}.")
    for goal_path, goal_item in reader.items(item, "goals"):
        goal_path = f"{path}.{goal_path}"
        reader.unknown_fields(goal_item, GOAL_FIELDS, f"{goal_path}.")
        goal = {
            **_translations(reader, goal_item, GOAL_TRANSLATED, f"{goal_path}."),
            "national_goals": reader.code_list(
                goal_item,
                "national_goals",
                f"{goal_path}.national_goals",
                reader.codes.national_goals,
                _("national goal"),
                numeric=True,
            ),
        }
        _require_finnish(reader, goal, "title", f"{goal_path}.title", _("title"))
        strategy["goals"].append(goal)
    return strategy


def group(reader: RecordReader, data: dict[str, Any], codes: CooperationCodes, *, origin: str | None) -> dict:
    reader.unknown_fields(data, GROUP_FIELDS)
    area = _code(reader, data, "area", "area", reader.codes.vitality_centres, _("vitality centre"), required=True)
    region = _code(reader, data, "region", "region", reader.codes.regions, _("region"), required=False)
    if area and region and codes.region_areas.get(region) != area:
        reader.problem(
            "region", _("region %(region)s is not in area %(area)s") % {"region": quoted(region), "area": quoted(area)}
        )
    record = {
        "external_id": reader.record_id,
        **_translations(reader, data, GROUP_TRANSLATED),
        "area": area,
        "region": region,
        "active_from": _date(reader, data, "active_from", "active_from"),
        "active_until": _date(reader, data, "active_until", "active_until"),
        "website": reader.text(data, "website", "website"),
        "publish_latest_assessment": _flag(reader, data, "publish_latest_assessment", "publish_latest_assessment"),
        "tasks": [],
        "members": [],
        "strategies": [],
        "origin": reader.origin(data, origin),
    }
    _require_finnish(reader, record, "name", "name", _("name"))
    tasks = data.get("tasks", [])
    if not isinstance(tasks, list):
        reader.problem("tasks", _("expected a list, got %(kind)s") % {"kind": kind_name(tasks)})
        tasks = []
    for index, item in enumerate(tasks):
        task = _translated_item(reader, item, f"tasks[{index}]")
        if not task["fi"]:
            reader.problem(f"tasks[{index}].fi", _("missing Finnish text (the Finnish text is required)"))
        record["tasks"].append(task)
    for path, item in reader.items(data, "members"):
        reader.unknown_fields(item, MEMBER_FIELDS, f"{path}.")
        provider = item.get("provider")
        member = {
            "provider": None if provider is None else _reference(reader, provider, f"{path}.provider", _("provider")),
            "name": reader.translated(item, "name", f"{path}.name"),
        }
        if provider is None and not member["name"]["fi"]:
            reader.problem(path, _("a member needs a provider (its external id) or a Finnish name"))
        record["members"].append(member)
    strategies = [_strategy(reader, item, path) for path, item in reader.items(data, "strategies")]
    # The order the site shows them in (the latest first); the file's order among strategies of one year.
    record["strategies"] = sorted(strategies, key=lambda s: -(s["first_year"] or 0))
    return record


def practice(reader: RecordReader, data: dict[str, Any], codes: CooperationCodes, *, origin: str | None) -> dict:
    reader.unknown_fields(data, PRACTICE_FIELDS)
    known = reader.codes
    record = {
        "external_id": reader.record_id,
        **_translations(reader, data, PRACTICE_TRANSLATED),
        "areas": reader.code_list(data, "areas", "areas", known.vitality_centres, _("vitality centre"), numeric=False),
        "providers": _references(reader, data, "providers", "providers", _("provider")),
        "target_groups": reader.code_list(
            data, "target_groups", "target_groups", known.target_groups, _("target group"), numeric=False
        ),
        "national_goals": reader.code_list(
            data, "national_goals", "national_goals", known.national_goals, _("national goal"), numeric=True
        ),
        "dimensions": reader.code_list(
            data, "dimensions", "dimensions", codes.dimensions, _("maturity dimension"), numeric=False
        ),
        "first_year": _number(reader, data, "first_year", "first_year"),
        "last_year": _number(reader, data, "last_year", "last_year"),
        "phase": reader.text(data, "phase", "phase", default="ongoing"),
        "status": reader.text(data, "status", "status", default="draft"),
        "last_reviewed": _date(reader, data, "last_reviewed", "last_reviewed"),
        "links": [],
        "origin": reader.origin(data, origin),
    }
    _require_finnish(reader, record, "title", "title", _("title"))
    _years_in_order(reader, record)
    if not record["areas"] and "areas" not in {p.field for p in reader.problems}:
        reader.problem("areas", _("at least one area (vitality centre code) is required"))
    for path, item in reader.items(data, "links"):
        reader.unknown_fields(item, LINK_FIELDS, f"{path}.")
        link = {
            "title": reader.translated(item, "title", f"{path}.title"),
            "url": reader.text(item, "url", f"{path}.url"),
        }
        if not link["url"]:
            reader.problem(f"{path}.url", _("a web address is required"))
        record["links"].append(link)
    return record


def measure(reader: RecordReader, data: dict[str, Any], codes: CooperationCodes, *, origin: str | None) -> dict:
    reader.unknown_fields(data, MEASURE_FIELDS)
    group_id = data.get("group")
    record = {
        "external_id": reader.record_id,
        "code": reader.text(data, "code", "code"),
        **_translations(reader, data, MEASURE_TRANSLATED),
        "level": reader.text(data, "level", "level"),
        "area": _code(
            reader, data, "area", "area", reader.codes.vitality_centres, _("vitality centre"), required=False
        ),
        "group": None if group_id is None else _reference(reader, group_id, "group", _("group")),
        "national_goals": reader.code_list(
            data, "national_goals", "national_goals", reader.codes.national_goals, _("national goal"), numeric=True
        ),
        "responsible_providers": _references(
            reader, data, "responsible_providers", "responsible_providers", _("provider")
        ),
        "first_year": _number(reader, data, "first_year", "first_year"),
        "last_year": _number(reader, data, "last_year", "last_year"),
        "follow_ups": [],
        "origin": reader.origin(data, origin),
    }
    if not record["code"]:
        reader.problem("code", _("a code is required"))
    if not record["level"]:
        reader.problem("level", _("a level is required (national or regional)"))
    elif record["level"] == "national" and (record["area"] or record["group"]):
        reader.problem("area" if record["area"] else "group", _("A national measure has no area or group."))
    _years_in_order(reader, record)
    _require_finnish(reader, record, "title", "title", _("title"))
    follow_ups = []
    for path, item in reader.items(data, "follow_ups"):
        reader.unknown_fields(item, FOLLOW_UP_FIELDS, f"{path}.")
        follow_ups.append(
            {
                "date": _date(reader, item, "date", f"{path}.date", required=True),
                "status": reader.text(item, "status", f"{path}.status"),
                "note": reader.translated(item, "note", f"{path}.note"),
            }
        )
    # Oldest first, as the export writes them; entries of one day in the file's order.
    record["follow_ups"] = sorted(follow_ups, key=lambda f: f["date"] or "")
    return record


def assessment(reader: RecordReader, data: dict[str, Any], codes: CooperationCodes, *, origin: str | None) -> dict:
    reader.unknown_fields(data, ASSESSMENT_FIELDS)
    group_id = data.get("group")
    record = {
        "external_id": reader.record_id,
        "group": _reference(reader, group_id, "group", _("group")) if group_id is not None else None,
        "year": _number(reader, data, "year", "year", required=True),
        **_translations(reader, data, ASSESSMENT_TRANSLATED),
        "ratings": [],
        "origin": reader.origin(data, origin),
    }
    if group_id is None:
        reader.problem("group", _("the group's external id is required"))
    ratings = []
    for path, item in reader.items(data, "ratings"):
        reader.unknown_fields(item, RATING_FIELDS, f"{path}.")
        dimension = _code(
            reader, item, "dimension", f"{path}.dimension", codes.dimensions, _("maturity dimension"), required=True
        )
        if dimension and dimension in {r["dimension"] for r in ratings}:
            reader.problem(f"{path}.dimension", _("dimension %(code)s is rated twice") % {"code": quoted(dimension)})
            continue
        stage = _number(reader, item, "stage", f"{path}.stage", required=True)
        if stage is not None and stage not in codes.stages:
            reader.problem(f"{path}.stage", _("unknown stage %(stage)s (the stages are 1, 2 and 3)") % {"stage": stage})
            stage = None
        ratings.append(
            {
                "dimension": dimension,
                "stage": stage,
                **_translations(reader, item, RATING_TRANSLATED, f"{path}."),
                "practices": _references(reader, item, "practices", f"{path}.practices", _("practice")),
            }
        )
    record["ratings"] = sorted(ratings, key=lambda r: codes.dimension_order.get(r["dimension"] or "", (0, "")))
    return record
