"""The test files speak PTV's language: every key of the PTV-shaped records in tests/ptv_files.py is one that PTV
serialises, at the same place, by the property sets of PTV's own model tests (tests/data/ptv/, copied from
vrk-kpa/ptv-releases ptv-release-3_4 27723498de3f920d53276d63963f1e71b43777c3,
test/PTV.Domain.Model.Tests/Models/OpenApi/V11/Resources and V10/Resources)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests import ptv_files as ptv

RESOURCES = Path(__file__).resolve().parent / "data" / "ptv"


def _resource(name: str) -> Any:
    return json.loads((RESOURCES / name).read_text(encoding="utf-8-sig"))


def _keys_outside(ours: Any, theirs: Any, path: str = "") -> list[str]:
    """Keys of ``ours`` that ``theirs`` (PTV's property set) does not have at the same place."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        found = [f"{path}.{key}" for key in ours if key not in theirs]
        for key, value in ours.items():
            if key in theirs:
                found += _keys_outside(value, theirs[key], f"{path}.{key}")
        return found
    if isinstance(ours, list) and isinstance(theirs, list) and theirs:
        return [problem for item in ours for problem in _keys_outside(item, theirs[0], f"{path}[]")]
    return []


@pytest.mark.parametrize(
    ("record", "resource"),
    [
        (ptv.service("s", "o", ["c"]), "V11VmOpenApiService.json"),
        (ptv.location_channel("c", "o", "s"), "V11VmOpenApiServiceLocationChannel.json"),
        (ptv.web_channel("c", "o", "s", "https://example.fi/"), "V11VmOpenApiWebPageChannel.json"),
    ],
    ids=["service", "service-location", "web-page"],
)
def test_every_key_of_the_test_records_is_one_ptv_serialises(record, resource):
    assert _keys_outside(record, _resource(resource)) == []


def test_every_key_of_the_test_organisation_is_one_ptv_serialises():
    # PTV's V10 organisation resource is not strict JSON (a comma is missing in it), so its keys are read as text.
    text = (RESOURCES / "V10VmOpenApiOrganization.json").read_text(encoding="utf-8-sig")
    theirs = set(re.findall(r'"(\w+)"\s*:', text))
    ours = set(ptv.organization("o", "Mikkeli"))
    assert ours - theirs == set()
