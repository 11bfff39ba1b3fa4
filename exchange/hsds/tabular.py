"""HSDS 3.0's tabular form: one CSV file per kind of object, the parts linked by their ids, described by a Frictionless
``datapackage.json`` — for spreadsheets and for tools that load tables rather than nested JSON.

The tables and their columns are HSDS's own (fixtures/hsds/3.0/compiled/tabular.json: names, file names, column
order, types); the rows are the nested objects of the same dataset (exchange/hsds/dataset.py) taken apart, so the
two forms always hold the same data.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from pathlib import Path
from typing import Any

from django.conf import settings

from exchange.hsds.dataset import Dataset

TABULAR_SCHEMA = Path(settings.BASE_DIR) / "fixtures" / "hsds" / "3.0" / "compiled" / "tabular.json"

# The string formats a Frictionless Table Schema knows (HSDS's date-time of last_modified is not one of them).
FRICTIONLESS_STRING_FORMATS = ("email", "uri", "uuid")

# The key a nested list or object has in the compiled JSON -> the table its rows go to.
NESTED_TABLES = {
    "organization": "organization",
    "services": "service",
    "service": "service",
    "organization_identifiers": "organization_identifier",
    "phones": "phone",
    "schedules": "schedule",
    "service_areas": "service_area",
    "service_at_locations": "service_at_location",
    "location": "location",
    "addresses": "address",
    "accessibility": "accessibility",
    "languages": "language",
    "attributes": "attribute",
    "taxonomy_term": "taxonomy_term",
}


@functools.cache
def table_definitions() -> dict[str, dict[str, Any]]:
    """Each HSDS table: its file (``path``), its columns in order with their types, its required columns."""
    schema = json.loads(TABULAR_SCHEMA.read_text(encoding="utf-8"))
    return {name: definition["items"] for name, definition in schema["properties"].items()}


def _columns(table: str) -> list[str]:
    properties = table_definitions()[table]["properties"]
    return [name for name, column in properties.items() if column.get("type") != "array"]


def tables(dataset: Dataset, taxonomies: list[dict], terms: list[dict]) -> dict[str, list[dict[str, Any]]]:
    """The dataset's rows by table, each object once (by id), in the order first met."""
    rows: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in table_definitions()}

    def add(table: str, obj: dict[str, Any]) -> None:
        columns = _columns(table)
        row = {key: obj[key] for key in columns if key in obj}
        rows[table].setdefault(obj["id"], {}).update(row)
        for key, value in obj.items():
            nested = NESTED_TABLES.get(key)
            if nested is None:
                continue
            for item in value if isinstance(value, list) else [value]:
                add(nested, item)

    for organization in dataset.organizations:
        add("organization", organization)
    for service in dataset.services:
        add("service", service)
    for taxonomy in taxonomies:
        add("taxonomy", taxonomy)
    for term in terms:
        add("taxonomy_term", term)
    return {table: list(found.values()) for table, found in rows.items() if found}


def csv_text(table: str, rows: list[dict[str, Any]]) -> str:
    """A table as CSV (RFC 4180, UTF-8, a header of HSDS's column names); a missing value is an empty cell."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=_columns(table), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return out.getvalue()


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def file_name(table: str) -> str:
    return table_definitions()[table]["path"]


def datapackage(found: dict[str, list[dict[str, Any]]], *, language: str) -> dict[str, Any]:
    """The Frictionless Data Package describing the CSV files: one resource per table written, with its fields
    as HSDS defines them."""
    resources = []
    for table in found:
        definition = table_definitions()[table]
        fields = []
        for name in _columns(table):
            column = definition["properties"][name]
            field: dict[str, Any] = {"name": name, "type": column.get("type", "string")}
            for key in ("title", "description"):
                if column.get(key):
                    field[key] = column[key]
            if column.get("format") in FRICTIONLESS_STRING_FORMATS:
                field["format"] = column["format"]
            if name in definition.get("required", []):
                field["constraints"] = {"required": True}
            fields.append(field)
        resources.append(
            {
                "name": table,
                "path": definition["path"],
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": "id"},
            }
        )
    return {
        "name": f"liv-hsds-{language}",
        "title": f"LIV – lifelong guidance services in Finland, HSDS 3.0 ({language})",
        "profile": "tabular-data-package",
        "language": language,
        "resources": resources,
    }
