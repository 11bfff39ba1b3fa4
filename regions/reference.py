"""Load Finland's administrative areas from the reference CSVs in fixtures/reference (see its SOURCES.md)."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import transaction

from regions.models import ElyCentre, EmploymentArea, Municipality, Region, VitalityCentre

REFERENCE_DIR = Path(settings.BASE_DIR) / "fixtures" / "reference"


def read_csv(name: str, directory: Path = REFERENCE_DIR) -> Iterator[dict[str, str]]:
    with (directory / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _upsert(model, lookup: dict, values: dict, update: bool) -> int:
    """Create a row that is missing; refresh an existing one only with ``update`` (edits are kept otherwise)."""
    obj, created = model.objects.get_or_create(**lookup, defaults=values)
    if not created and update:
        for field, value in values.items():
            setattr(obj, field, value)
        obj.save()
    return int(created)


@transaction.atomic
def load_areas(*, update: bool = False) -> dict[str, int]:
    """Load every area; returns how many rows of each kind were created."""
    created = {
        "vitality_centres": 0,
        "ely_centres": 0,
        "regions": 0,
        "employment_areas": 0,
        "municipalities": 0,
    }
    centres: dict[str, VitalityCentre] = {}
    for row in read_csv("elinvoimakeskukset.csv"):
        created["vitality_centres"] += _upsert(
            VitalityCentre,
            {"code": row["evk_code"]},
            {
                "abbreviation": row["abbreviation"],
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
                "valid_from": _date(row["valid_from"]),
            },
            update,
        )
    centres = {c.code: c for c in VitalityCentre.objects.all()}
    for row in read_csv("ely_centres.csv"):
        created["ely_centres"] += _upsert(
            ElyCentre,
            {"code": row["ely_code"]},
            {
                "abbreviation": row["abbreviation"],
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
                "name_full_fi": row["name_fi_full"],
                "valid_until": _date(row["valid_until"]),
            },
            update,
        )
        ely = ElyCentre.objects.get(code=row["ely_code"])
        ely.successors.add(*(centres[code] for code in row["successor_evk_code"].split(";")))
    elys = {e.code: e for e in ElyCentre.objects.all()}
    for row in read_csv("regions.csv"):
        created["regions"] += _upsert(
            Region,
            {"code": row["region_code"]},
            {
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
                "vitality_centre": centres[row["evk_code"]],
                "ely_centre": elys.get(row["ely_code"]),
            },
            update,
        )
    regions = {r.code: r for r in Region.objects.all()}
    area_of_municipality: dict[str, str] = {}
    for row in read_csv("employment_areas.csv"):
        created["employment_areas"] += _upsert(
            EmploymentArea,
            {"code": int(row["employment_area_code"])},
            {"name_fi": row["name_fi"], "name_sv": row["name_sv"], "name_en": row["name_en"]},
            update,
        )
        for code in row["municipality_codes"].split(";"):
            area_of_municipality[code] = row["employment_area_code"]
    employment_areas = {str(a.code): a for a in EmploymentArea.objects.all()}
    for row in read_csv("municipalities.csv"):
        area_code = area_of_municipality.get(row["municipality_code"])
        created["municipalities"] += _upsert(
            Municipality,
            {"code": row["municipality_code"]},
            {
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
                "region": regions[row["region_code"]],
                "employment_area": employment_areas[area_code] if area_code else None,
            },
            update,
        )
    return created
