"""Load the maturity model (dimensions, stages, stage descriptions) from ``data/maturity_model.json``.

The same function serves the data migration (with the historical models it is given) and the
``load_maturity_model`` command, so a fresh database, the tests and a later wording fix all use one path.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

MODEL_FILE = Path(__file__).resolve().parent / "data" / "maturity_model.json"
LANGUAGES = ("fi", "sv", "en")


def _translated(row: dict[str, Any], field: str) -> dict[str, str]:
    return {f"{field}_{code}": row[f"{field}_{code}"] for code in LANGUAGES}


@transaction.atomic
def load_maturity_model(*, update: bool = False, models: Any = None) -> int:
    """Create what is missing (or, with ``update``, also refresh the wording); returns how many rows were created.

    ``models`` is an object with ``MaturityDimension``, ``MaturityStage`` and ``StageDescription`` attributes
    (the app registry of a migration); by default the current models.
    """
    if models is None:
        from cooperation import models
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    created = 0

    def upsert(model: Any, lookup: dict[str, Any], values: dict[str, Any]) -> Any:
        nonlocal created
        obj, was_created = model.objects.get_or_create(**lookup, defaults=values)
        created += was_created
        if update and not was_created:
            for key, value in values.items():
                setattr(obj, key, value)
            obj.save()
        return obj

    stages = {
        row["number"]: upsert(models.MaturityStage, {"number": row["number"]}, _translated(row, "name"))
        for row in data["stages"]
    }
    for row in data["dimensions"]:
        dimension = upsert(
            models.MaturityDimension, {"code": row["code"]}, {"order": row["order"], **_translated(row, "name")}
        )
        for number, cell in enumerate(row["stages"], start=1):
            upsert(
                models.StageDescription,
                {"dimension": dimension, "stage": stages[number]},
                _translated(cell, "text"),
            )
    return created
