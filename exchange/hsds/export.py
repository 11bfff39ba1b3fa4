"""``export_hsds``: the published directory as HSDS 3.0 files, one dataset per language (docs/open-data.md).

Each language gets the HSDS API's collections as JSON, each one page holding every object in the API's envelope
(``total_items``, ``contents``, …), and the same data in HSDS's tabular form (CSV files and ``datapackage.json``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db.models import QuerySet

from exchange.hsds import dataset as datasets
from exchange.hsds import tabular
from exchange.hsds.objects import HSDS_VERSION, LANGUAGES, published_services
from services.models import Service

COLLECTIONS = ("services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms")


def envelope(contents: list[dict[str, Any]], *, page: int = 1, per_page: int | None = None, total: int | None = None):
    """The HSDS API's page: its counts and flags, then ``contents``."""
    total = len(contents) if total is None else total
    per_page = per_page or max(total, 1)
    pages = max(1, -(-total // per_page))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": not contents,
        "contents": contents,
    }


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def export_hsds(*, directory: Path, services: QuerySet[Service] | None = None) -> dict[str, int]:
    """Write ``<directory>/<language>/<collection>.json`` and ``<directory>/<language>/tabular/`` (CSV files and
    ``datapackage.json``) for fi, sv and en, and ``<directory>/index.json`` describing them."""
    rows = list(published_services() if services is None else services)
    taxonomies = datasets.taxonomies()
    counts: dict[str, int] = {}
    for language in LANGUAGES:
        data = datasets.build(rows, language)
        terms = datasets.taxonomy_terms(language)
        collections = {
            "services": data.services,
            "organizations": data.organizations,
            "service_at_locations": data.service_at_locations,
            "taxonomies": taxonomies,
            "taxonomy_terms": terms,
        }
        target = directory / language
        target.mkdir(parents=True, exist_ok=True)
        for name, contents in collections.items():
            _write_json(target / f"{name}.json", envelope(contents))
        tables = tabular.tables(data, taxonomies, terms)
        table_dir = target / "tabular"
        table_dir.mkdir(exist_ok=True)
        for old in table_dir.glob("*.csv"):
            old.unlink()
        for table, table_rows in tables.items():
            (table_dir / tabular.file_name(table)).write_text(
                tabular.csv_text(table, table_rows), encoding="utf-8", newline=""
            )
        _write_json(table_dir / "datapackage.json", tabular.datapackage(tables, language=language))
        counts = {name: len(contents) for name, contents in collections.items()}
    index = {
        "specification": "Open Referral Human Services Data Specification (HSDS)",
        "version": HSDS_VERSION,
        "profile": "docs/hsds-profile.md",
        "publisher": "LIV – lifelong guidance services in Finland",
        "languages": {
            code: {
                **{name: f"{code}/{name}.json" for name in COLLECTIONS},
                "tabular": f"{code}/tabular/datapackage.json",
            }
            for code in LANGUAGES
        },
        "translations": "One dataset per language with the same ids; see docs/open-data.md.",
        "counts": counts,
    }
    _write_json(directory / "index.json", index)
    return counts
