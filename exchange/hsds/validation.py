"""Check HSDS objects against Open Referral's official compiled schemas (fixtures/hsds/3.0/, vendored unchanged).

Used by the test suite on every object of the export and of the API (tests/test_hsds.py): the schemas
are the standard, so what passes here is what any HSDS 3.0 tool expects.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import jsonschema
from django.conf import settings

SCHEMAS = Path(settings.BASE_DIR) / "fixtures" / "hsds" / "3.0"
# What each collection's objects are, by id and in a list.
SCHEMA_FILES = {
    "service": "compiled/service.json",
    "service_list": "compiled/service_list.json",
    "organization": "compiled/organization.json",
    "organization_list": "compiled/organization_list.json",
    "service_at_location": "compiled/service_at_location.json",
    "service_at_location_list": "compiled/service_at_location_list.json",
    "taxonomy": "taxonomy.json",
    "taxonomy_term": "taxonomy_term.json",
    "tabular": "compiled/tabular.json",
}


@functools.cache
def validator(kind: str) -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMAS / SCHEMA_FILES[kind]).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def problems(kind: str, obj: Any) -> list[str]:
    """Every way ``obj`` fails the official schema of ``kind``, as "path: message" lines (none: valid)."""
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(object)'}: {error.message[:300]}"
        for error in validator(kind).iter_errors(obj)
    ]
