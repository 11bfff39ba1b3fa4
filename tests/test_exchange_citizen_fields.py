"""The exchange format carries the fields citizens need: eligibility, how to apply, e-mail addresses, each
location's e-mail, WGS84 coordinates and exceptions to its opening hours — exported, imported back unchanged
(a second import changes nothing), and refused with a message naming the field when wrong."""

from __future__ import annotations

import copy
import json

import pytest
from django.utils import translation

from exchange.export import export_directory
from exchange.format import dumps
from exchange.importer import import_directory
from exchange.problems import DirectoryImportError
from services.models import Service

pytestmark = pytest.mark.django_db

TEXT = {"fi": "", "sv": "", "en": ""}
DOCUMENT = {
    "format": "liv-directory",
    "version": 1,
    "providers": [
        {
            "external_id": "test:provider:1",
            "name": {"fi": "Mikkelin kaupunki", "sv": "", "en": ""},
            "sector": "public",
            "kind": "municipality",
            "municipality": "491",
        }
    ],
    "services": [
        {
            "external_id": "test:service:1",
            "provider": "test:provider:1",
            "name": {"fi": "Ohjaamo Mikkeli", "sv": "Navigatorn S:t Michel", "en": "Ohjaamo Mikkeli"},
            "summary": {"fi": "Ohjausta alle 30-vuotiaille.", "sv": "", "en": ""},
            "eligibility": {"fi": "Alle 30-vuotiaat.", "sv": "Personer under 30 år.", "en": "People under 30."},
            "how_to_apply": {"fi": "Tule käymään.", "sv": "Kom förbi.", "en": "Drop in."},
            "status": "published",
            "emails": ["ohjaamo@example.fi"],
            "locations": [
                {
                    "municipality": "491",
                    "postal_code": "50100",
                    "email": "toimipiste@example.fi",
                    "latitude": 61.688727,
                    "longitude": 27.272146,
                    "opening_hours": [{"weekday": 1, "opens": "09:00", "closes": "16:00"}],
                    "opening_hours_exceptions": [
                        {
                            "from": "2026-12-24",
                            "to": "2026-12-26",
                            "closed": True,
                            "note": {"fi": "Joulu", "sv": "Jul"},
                        },
                        {"from": "2026-12-31", "to": None, "closed": False, "opens": "09:00", "closes": "12:00"},
                    ],
                }
            ],
        }
    ],
}


def test_the_new_fields_go_in_come_out_and_a_second_import_changes_nothing():
    import_directory(document=copy.deepcopy(DOCUMENT))
    service = Service.objects.get(external_id="test:service:1")
    assert service.eligibility_sv == "Personer under 30 år." and service.emails == ["ohjaamo@example.fi"]
    location = service.locations.get()
    assert (float(location.latitude), location.email) == (61.688727, "toimipiste@example.fi")
    assert [e.closed for e in location.opening_hours_exceptions.all()] == [True, False]
    exported = json.loads(dumps(export_directory()))
    record = next(s for s in exported["services"] if s["external_id"] == "test:service:1")
    assert record["how_to_apply"] == {"fi": "Tule käymään.", "sv": "Kom förbi.", "en": "Drop in."}
    assert record["locations"][0]["opening_hours_exceptions"][0] == {
        "from": "2026-12-24",
        "to": "2026-12-26",
        "closed": True,
        "opens": None,
        "closes": None,
        "note": {"fi": "Joulu", "sv": "Jul", "en": ""},
    }
    report = import_directory(document=exported)
    assert report.updated["services"] == [] and report.unchanged["services"] == ["test:service:1"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda loc: loc.update(latitude=27.27, longitude=61.69), "locations[0].latitude"),
        (lambda loc: loc.update(longitude=None), "locations[0]"),
        (lambda loc: loc["opening_hours_exceptions"][0].update(opens="09:00"), "opening_hours_exceptions[0].opens"),
        (lambda loc: loc["opening_hours_exceptions"][1].update(closes="08:00"), "opening_hours_exceptions[1].closes"),
        (lambda loc: loc["opening_hours_exceptions"][0].update(to="2026-12-01"), "opening_hours_exceptions[0].to"),
        (lambda loc: loc.update(email="not an address"), "locations[0].email"),
    ],
    ids=[
        "swapped-coordinates",
        "latitude-alone",
        "closed-with-hours",
        "closes-before-opens",
        "ends-before-start",
        "email",
    ],
)
def test_a_wrong_value_is_refused_naming_the_field(change, field):
    document = copy.deepcopy(DOCUMENT)
    change(document["services"][0]["locations"][0])
    with translation.override("en"), pytest.raises(DirectoryImportError) as error:
        import_directory(document=document)
    assert any(field in f"{p.field}" or field in str(p) for p in error.value.problems), error.value.problems
    assert not Service.objects.filter(external_id="test:service:1").exists()
