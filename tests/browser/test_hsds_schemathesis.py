"""Schemathesis over the HSDS 3.0 API (/api/hsds/v3/) with every check (``--checks all``), driven by Open
Referral's own API description (fixtures/hsds/3.0/openapi.json, vendored unchanged and served at
/api/hsds/v3/openapi.json), against the live server holding the demo directory. Zero failures.

As tests/browser/test_api_schemathesis.py does for /api/v1: in tests/browser/ for its live server (a real HTTP
server, transactional database); it drives no browser; the CLI runs in a subprocess.

The official description cannot be used byte for byte, for reasons written next to each change in
:func:`liv_description` (and in docs/hsds-profile.md, "The API description"): its response schemas are URLs on
raw.githubusercontent.com (nothing may be downloaded in a test: they are replaced by the vendored copies of the
same files), one of them names the wrong schema, it documents no error answers, and its parameters are looser than
the HSDS schemas and LIV's documented bounds. Every change narrows what a request may be or fills in a missing
piece; none widens what a response may be.
"""

from __future__ import annotations

import copy
import json
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from exchange.hsds.api import MAX_PAGE, MAX_PER_PAGE
from services.search import documents
from tests.browser.api_checks import assert_schemathesis_finds_nothing

ROOT = Path(__file__).resolve().parent.parent.parent
VENDORED = ROOT / "fixtures" / "hsds" / "3.0"
UPSTREAM = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"

ERROR = {
    "type": "object",
    "required": ["error", "detail"],
    "properties": {"error": {"type": "string"}, "detail": {"type": "string"}},
}
UUID = {"type": "string", "format": "uuid"}
# Which objects' ids a list's first item names: (the path that answers one, the item's field).
LINKS = {
    "/services": [("/services/{id}", "id"), ("/organizations/{id}", "organization_id")],
    "/organizations": [("/organizations/{id}", "id")],
    "/service_at_locations": [("/service_at_locations/{id}", "id"), ("/services/{id}", "service_id")],
    "/taxonomies": [("/taxonomies/{id}", "id")],
    "/taxonomy_terms": [("/taxonomy_terms/{id}", "id"), ("/taxonomies/{id}", "taxonomy_id")],
}


def _inline(value: Any, schemas: dict[str, Any], base: str) -> None:
    """Replace every reference to an upstream schema file (absolute, or relative to ``base``) by a reference to
    the vendored copy, put under components/schemas."""
    if isinstance(value, dict):
        ref = value.get("$ref")
        if isinstance(ref, str) and not ref.startswith("#"):
            relative = ref.removeprefix(UPSTREAM) if ref.startswith(UPSTREAM) else base + ref
            name = relative.removesuffix(".json").replace("/", "_")
            if (VENDORED / relative).exists():
                if name not in schemas:
                    schemas[name] = json.loads((VENDORED / relative).read_text(encoding="utf-8"))
                    _inline(schemas[name], schemas, relative.rpartition("/")[0] + "/" if "/" in relative else "")
                value["$ref"] = f"#/components/schemas/{name}"
            else:
                # metadata.json (provenance records) is not vendored: LIV writes no metadata (open-data.md,
                # "Limits"), so a response holding any is wrong.
                del value["$ref"]
                value["not"] = {}
        for item in value.values():
            _inline(item, schemas, base)
    elif isinstance(value, list):
        for item in value:
            _inline(item, schemas, base)


def liv_description(examples: dict[str, str]) -> dict[str, Any]:
    """Open Referral's API description as LIV serves it: the vendored file with LIV's documented narrowing, and
    ``examples``, an id that exists for each path ``/<collection>/{id}``."""
    spec = json.loads((VENDORED / "openapi.json").read_text(encoding="utf-8"))
    spec = copy.deepcopy(spec)
    parameters = spec["components"]["parameters"]
    # HSDS ids are UUIDs (every compiled schema says `"format": "uuid"`); the description types the filters by
    # id as any string. LIV answers a filter that is not a UUID with 400.
    for name in ("taxonomy_term_id", "taxonomy_id", "organization_id"):
        parameters[name]["schema"] = UUID
    # Pages: LIV's documented bounds (open-data.md, "The HSDS API"); the description sets none.
    parameters["page"]["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}
    parameters["per_page"]["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}
    # "datetime" is no JSON Schema format (so any text would pass); HSDS means an RFC 3339 date-time.
    parameters["modified_after"]["schema"] = {"type": "string", "format": "date-time"}
    # No text may hold a NUL byte (PostgreSQL cannot hold one): the site refuses it with 400 before any view
    # (liv/middleware.py), as the JSON API's description says of its texts.
    parameters["search"]["schema"] = {"type": "string", "pattern": "^[^\\u0000]*$"}
    # Finnish postal codes are five digits.
    parameters["postcode"]["schema"] = {"type": "string", "pattern": "^[0-9]{5}$"}
    # LIV serves JSON only (no ndjson streaming): any other format is refused with 400.
    parameters["format"]["schema"] = {"type": "string", "enum": ["json"]}
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            if method == "parameters":
                for parameter in operation:
                    if parameter["in"] == "path" and parameter["name"] == "id":
                        # An id that exists, so that the examples phase reads one object of each kind (the
                        # description has none, and generated UUIDs name nothing).
                        parameter["schema"] = {**UUID, "examples": [examples[path]]}
                continue
            # proximity needs the centroid of a postal code, which LIV does not have: the parameter is refused
            # with 400 (tests/test_hsds.py), so it is not one the API accepts.
            operation["parameters"] = [
                p for p in operation.get("parameters", []) if p.get("$ref") != "#/components/parameters/proximity"
            ]
            for parameter in operation["parameters"]:
                if parameter.get("name") == "parent_id":  # a taxonomy term's id, as above
                    parameter["schema"] = UUID
            # The description documents only 200; LIV answers a bad parameter with 400 and an unknown id with 404,
            # both in JSON (docs/api.md, "Errors").
            responses = operation["responses"]
            for status, what in (("400", "A parameter is not valid."), ("404", "No object has this id.")):
                responses[status] = {"description": what, "content": {"application/json": {"schema": ERROR}}}
    # Upstream names the compiled *service* schema for /service_at_locations/{id}, which answers a service at a
    # location (compiled/service_at_location.json, as the list's items are service_at_location_list.json).
    detail = spec["paths"]["/service_at_locations/{id}"]["get"]["responses"]["200"]["content"]["application/json"]
    detail["schema"] = {"$ref": UPSTREAM + "compiled/service_at_location.json"}
    # The description has no links, so generated requests for one object name ids that do not exist (a 404 each
    # time). Links from each list to the objects it names let the stateful phase fetch real ones; links constrain
    # no response.
    for source, targets in LINKS.items():
        spec["paths"][source]["get"]["responses"]["200"]["links"] = {
            f"{target}:{field}": {
                "operationRef": "#/paths/" + target.replace("~", "~0").replace("/", "~1") + "/get",
                "parameters": {"id": f"$response.body#/contents/0/{field}"},
            }
            for target, field in targets
        }
    # The response schemas are URLs on raw.githubusercontent.com: the vendored copies of the same files instead.
    _inline(spec["paths"], spec["components"]["schemas"], "")
    return spec


def first_ids(base: str) -> dict[str, str]:
    """The id of the first object of each list, as a client finds them."""
    examples = {}
    for collection in ("services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms"):
        with urllib.request.urlopen(f"{base}/{collection}?per_page=1") as response:
            examples[f"/{collection}/{{id}}"] = json.load(response)["contents"][0]["id"]
    return examples


@pytest.fixture
def directory() -> None:
    call_command("load_demo_directory", verbosity=0)
    documents.refresh()


def test_schemathesis_finds_nothing_in_hsds(live_server, directory, tmp_path) -> None:
    base = live_server.url + "/api/hsds/v3"
    description = tmp_path / "hsds-openapi.json"
    description.write_text(json.dumps(liv_description(first_ids(base))), encoding="utf-8")
    output = assert_schemathesis_finds_nothing(description, base, tmp_path)
    assert "Unresolvable references" not in output, output[-12000:]
