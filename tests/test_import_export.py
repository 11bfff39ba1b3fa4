"""Import and export in the LIV exchange format: round trip, all-or-nothing, idempotence and clear errors."""

from __future__ import annotations

import copy
import datetime
import io
import json
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from exchange.export import export_directory, write_directory
from exchange.format import dumps
from exchange.importer import import_directory
from exchange.problems import DirectoryImportError
from regions.models import EmploymentArea, Municipality, Region, VitalityCentre
from services.models import (
    ElectronicChannel,
    NationalGoal,
    OpeningHours,
    Origin,
    Provider,
    Service,
    ServiceLocation,
    ServiceType,
    TargetGroup,
)
from tests.factories import (
    ElectronicChannelFactory,
    OpeningHoursFactory,
    PhoneChannelFactory,
    ProviderFactory,
    ServiceFactory,
    ServiceLocationFactory,
)

pytestmark = pytest.mark.django_db

DOCS = Path(settings.BASE_DIR) / "docs"
DEMO_FILE = Path(settings.BASE_DIR) / "fixtures" / "demo" / "directory.json"


@pytest.fixture(autouse=True)
def _english_messages():
    """Problems are described in the caller's language; these tests read the English source text."""
    with translation.override("en"):
        yield


def build_directory() -> Service:
    """A small directory that uses every part of the format."""
    provider = ProviderFactory(
        external_id="test:provider:ohjaamo",
        name_en=None,
        description_fi="Nuorten ohjauspiste.",
        business_id="0201256-6",
        website="https://www.mikkeli.fi/",
        kind=Provider.Kind.OHJAAMO,
    )
    service = ServiceFactory(
        provider=provider,
        external_id="test:service:ohjaamo-mikkeli",
        name_fi="Ohjaamo Mikkeli",
        name_sv="Navigatorn S:t Michel",
        name_en=None,
        description_fi="Ohjausta alle 30-vuotiaille Mikkelissä.",
        cost=Service.Cost.PARTLY,
        cost_description_fi="Ryhmät maksuttomia.",
        languages=["fi", "en", "uk"],
        ptv_id=uuid.UUID("6f1b8d4e-3c2a-4b7e-9d10-2a3b4c5d6e7f"),
        last_reviewed=datetime.date(2026, 3, 1),
    )
    service.service_types.set(ServiceType.objects.filter(code__in=["guidance", "career-guidance"]))
    service.target_groups.set(TargetGroup.objects.filter(code="young-people"))
    service.national_goals.set(NationalGoal.objects.filter(number__in=[1, 2]))
    service.vitality_centres.set(VitalityCentre.objects.filter(code="06"))
    service.regions.set(Region.objects.filter(code="10"))
    service.employment_areas.set(EmploymentArea.objects.filter(code=23))
    service.municipalities.set(Municipality.objects.filter(code__in=["491", "593"]))
    location = ServiceLocationFactory(service=service, name_fi="Ohjaamo", accessibility_en="Step-free entrance")
    OpeningHoursFactory(location=location, weekday=1)
    OpeningHoursFactory(location=location, weekday=5, closes=datetime.time(14, 30))
    PhoneChannelFactory(service=service, hours_note_fi="arkisin 9–15")
    ElectronicChannelFactory(service=service, kind=ElectronicChannel.Kind.CHAT, name_fi="Chat")
    ServiceFactory(provider=provider, external_id="test:service:finnish-only", name_sv=None, name_en=None)
    return service


OHJAAMO = "test:service:ohjaamo-mikkeli"
FINNISH_ONLY = "test:service:finnish-only"


def record_of(document: dict, external_id: str) -> dict:
    return next(r for r in document["services"] if r["external_id"] == external_id)


def delete_directory() -> None:
    Service.objects.all().delete()
    Provider.objects.all().delete()


def test_round_trip_export_import_into_an_empty_directory_export_gives_the_same_file():
    build_directory()
    first = dumps(export_directory())
    delete_directory()

    report = import_directory(document=first)

    assert len(report.created["services"]) == 2
    assert dumps(export_directory()) == first


def test_round_trip_of_the_demo_directory():
    import_directory(document=DEMO_FILE.read_bytes())
    first = dumps(export_directory())
    delete_directory()
    import_directory(document=first)
    assert dumps(export_directory()) == first
    assert json.loads(first) == json.loads(DEMO_FILE.read_text(encoding="utf-8"))


def test_importing_the_same_file_twice_changes_nothing():
    build_directory()
    document = export_directory()
    before = {s.external_id: s.modified for s in Service.objects.all()}

    report = import_directory(document=dumps(document))

    assert not report.changed
    assert len(report.unchanged["services"]) == 2
    assert len(report.unchanged["providers"]) == 1
    assert {s.external_id: s.modified for s in Service.objects.all()} == before


def test_an_edited_file_updates_what_changed_and_only_that():
    service = build_directory()
    document = export_directory()
    record = next(r for r in document["services"] if r["external_id"] == service.external_id)
    record["name"]["en"] = "Ohjaamo Mikkeli (English)"
    record["locations"][0]["opening_hours"][0]["closes"] = "17:00"
    record["service_area"]["municipalities"] = ["491"]

    report = import_directory(document=dumps(document))

    assert report.updated["services"] == [service.external_id]
    assert report.unchanged["services"] == ["test:service:finnish-only"]
    service.refresh_from_db()
    assert service.name_en == "Ohjaamo Mikkeli (English)"
    assert list(service.municipalities.values_list("code", flat=True)) == ["491"]
    assert OpeningHours.objects.get(location__service=service, weekday=1).closes == datetime.time(17)
    assert dumps(export_directory()) == dumps(document)


def test_dry_run_reports_what_would_change_and_writes_nothing():
    build_directory()
    document = export_directory()
    record_of(document, OHJAAMO)["summary"]["sv"] = "Ny sammanfattning"
    new = copy.deepcopy(record_of(document, FINNISH_ONLY))
    new["external_id"] = "test:service:new"
    document["services"].append(new)

    report = import_directory(document=dumps(document), dry_run=True)

    assert report.created["services"] == ["test:service:new"]
    assert report.updated["services"] == [OHJAAMO]
    assert not Service.objects.filter(external_id="test:service:new").exists()
    assert not Service.objects.filter(summary_sv="Ny sammanfattning").exists()
    assert "Dry run" in report.summary()


def test_only_new_creates_missing_records_and_leaves_existing_ones_untouched():
    service = build_directory()
    document = export_directory()
    service.name_fi = "Muokattu ylläpidossa"
    service.save()
    new = copy.deepcopy(record_of(document, OHJAAMO))
    new["external_id"] = "test:service:another"
    new["ptv_id"] = None
    document["services"].append(new)

    report = import_directory(document=dumps(document), only_new=True)

    assert report.created["services"] == ["test:service:another"]
    assert service.external_id in report.skipped["services"]
    service.refresh_from_db()
    assert service.name_fi == "Muokattu ylläpidossa"


def test_empty_translations_are_stored_empty_so_the_finnish_text_is_shown_instead():
    build_directory()
    document = export_directory()
    delete_directory()
    import_directory(document=document)
    service = Service.objects.get(external_id="test:service:finnish-only")
    assert service.name_sv is None
    with translation.override("sv"):
        assert service.name == service.name_fi


def test_an_entry_without_external_id_is_exported_by_its_local_id_and_matched_back():
    service = ServiceFactory(external_id=None, provider=ProviderFactory(external_id=None))
    document = export_directory()
    assert document["services"][0]["external_id"] == f"liv:service:{service.pk}"
    assert document["services"][0]["provider"] == f"liv:provider:{service.provider.pk}"

    report = import_directory(document=document)

    assert not report.changed
    assert Service.objects.count() == 1


def test_origin_defaults_to_imported_and_can_be_set_for_the_whole_file():
    build_directory()
    document = export_directory()
    delete_directory()
    for record in document["providers"] + document["services"]:
        del record["origin"]
    import_directory(document=document)
    assert set(Service.objects.values_list("origin", flat=True)) == {Origin.IMPORTED}
    delete_directory()
    import_directory(document=document, origin=Origin.DEMO)
    assert set(Service.objects.values_list("origin", flat=True)) == {Origin.DEMO}


def problems_of(document) -> list[str]:
    with pytest.raises(DirectoryImportError) as raised:
        import_directory(document=document)
    return [str(problem) for problem in raised.value.problems]


@pytest.fixture
def valid_document() -> dict:
    build_directory()
    document = export_directory()
    delete_directory()
    return document


def test_an_invalid_file_changes_nothing_at_all(valid_document):
    record_of(valid_document, OHJAAMO)["service_area"]["municipalities"] = ["999"]
    problems_of(valid_document)
    assert Service.objects.count() == 0
    assert Provider.objects.count() == 0
    assert ServiceLocation.objects.count() == 0


def test_unknown_municipality_code_names_record_and_field(valid_document):
    record_of(valid_document, OHJAAMO)["locations"][0]["municipality"] = "999"
    assert problems_of(valid_document) == [
        "test:service:ohjaamo-mikkeli: locations[0].municipality: unknown municipality code '999'"
    ]


def test_bad_business_id_names_record_and_field(valid_document):
    valid_document["providers"][0]["business_id"] = "1234567-8"
    assert problems_of(valid_document) == [
        "test:provider:ohjaamo: business_id: The check digit of business ID 1234567-8 is wrong."
    ]


def test_missing_finnish_name_is_named_once(valid_document):
    record_of(valid_document, FINNISH_ONLY)["name"] = {"sv": "Bara svenska"}
    record_of(valid_document, FINNISH_ONLY)["status"] = "draft"
    assert problems_of(valid_document) == [
        "test:service:finnish-only: name.fi: missing Finnish name (the Finnish name is required)"
    ]


def test_duplicate_id_is_refused(valid_document):
    valid_document["services"].append(copy.deepcopy(record_of(valid_document, FINNISH_ONLY)))
    assert problems_of(valid_document) == [
        "test:service:finnish-only: external_id: duplicate id: another record in the file has it too"
    ]


def test_malformed_json_gives_line_and_column():
    text = '{\n  "format": "liv-directory",\n  "version": 1\n  "providers": []\n}'
    assert problems_of(text) == ["(file): malformed JSON at line 4, column 3: Expecting ',' delimiter"]


def test_wrong_format_and_version_are_refused():
    document = {"format": "hsds", "version": 3, "providers": [], "services": []}
    assert problems_of(json.dumps(document)) == [
        '(file): format: expected "liv-directory", got "hsds"',
        "(file): version: this LIV reads version 1 of the format, the file has 3",
    ]


def test_every_problem_of_a_record_is_listed_with_its_field(valid_document):
    record = record_of(valid_document, OHJAAMO)
    record["target_groups"].append("kids")
    record["status"] = "open"
    record["last_reviewed"] = "2025-13-01"
    record["phones"][0]["number"] = "040 123"
    record["electronic_channels"][0]["url"] = {"fi": "ftp://example.org/"}
    record["provider"] = "test:provider:missing"
    problems = problems_of(valid_document)
    fields = [problem.split(": ")[1] for problem in problems]
    assert fields == [
        "last_reviewed",
        "target_groups",
        "provider",
        "status",
        "phones[0].number",
        "electronic_channels[0].url.fi",
    ]


def test_a_suomi_fi_id_used_twice_is_refused(valid_document):
    import_directory(document=valid_document)
    record_of(valid_document, FINNISH_ONLY)["ptv_id"] = record_of(valid_document, OHJAAMO)["ptv_id"]
    problems = problems_of(valid_document)
    assert (
        "test:service:ohjaamo-mikkeli: ptv_id: duplicate id: service test:service:finnish-only has the same Suomi.fi id"
        in problems
    )
    in_directory = "another service in the directory (test:service:ohjaamo-mikkeli) has this Suomi.fi id"
    assert f"test:service:finnish-only: ptv_id: {in_directory}" in problems


def test_commands_export_and_import_with_filters_and_dry_run(tmp_path):
    build_directory()
    Service.objects.filter(external_id="test:service:finnish-only").update(status=Service.Status.DRAFT)
    out = io.StringIO()
    call_command("export_directory", "-", "--status", "published", stdout=out)
    document = json.loads(out.getvalue())
    assert [s["external_id"] for s in document["services"]] == ["test:service:ohjaamo-mikkeli"]

    call_command("export_directory", "-", "--area", "10", stdout=(out := io.StringIO()))
    assert json.loads(out.getvalue())["services"] == []

    path = tmp_path / "directory.json"
    call_command("export_directory", str(path), stderr=io.StringIO())
    call_command("import_directory", str(path), "--dry-run", "--language", "en", stdout=(out := io.StringIO()))
    assert "services: 0 created, 0 updated, 2 unchanged" in out.getvalue()

    path.write_text('{"format": "liv-directory"', encoding="utf-8")
    with pytest.raises(CommandError, match="malformed JSON at line 1"):
        call_command("import_directory", str(path), "--language", "en")


def test_export_of_an_unknown_area_is_refused():
    with pytest.raises(CommandError, match="Unknown area code"):
        call_command("export_directory", "-", "--area", "99", stdout=io.StringIO())


def test_demo_file_and_an_export_validate_against_the_json_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((DOCS / "data-format.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(json.loads(DEMO_FILE.read_text(encoding="utf-8")))) == []
    build_directory()
    assert list(validator.iter_errors(export_directory())) == []
    broken = export_directory()
    record_of(broken, OHJAAMO)["service_area"]["municipalities"] = ["91"]
    assert list(validator.iter_errors(broken))


def test_imported_services_are_in_the_search_index_at_once():
    report = import_directory(document=DEMO_FILE.read_bytes())
    ids = list(Service.objects.filter(external_id__in=report.created["services"]).values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM services_search_document WHERE service_id = ANY (%s)", [ids])
        assert cursor.fetchone()[0] == len(ids) >= 40


def test_after_an_import_edits_in_the_same_transaction_still_reach_the_search_index():
    import_directory(document=DEMO_FILE.read_bytes())
    service = Service.objects.get(external_id="demo:service:ohjaamo-savonlinna")
    service.status = Service.Status.DRAFT
    service.save()
    with connection.cursor() as cursor:
        cursor.execute("SELECT published FROM services_search_document WHERE service_id = %s", [service.pk])
        assert cursor.fetchone() == (False,)


def test_the_streamed_export_is_exactly_the_document_export():
    build_directory()
    stream = io.StringIO()
    counts = write_directory(stream)
    assert stream.getvalue() == dumps(export_directory())
    assert counts == {"providers": 1, "services": 2}
    out = io.StringIO()
    call_command("export_directory", "-", stdout=out)
    assert out.getvalue() == stream.getvalue()
    empty = io.StringIO()
    write_directory(empty, services=Service.objects.none())
    assert json.loads(empty.getvalue()) == {"format": "liv-directory", "version": 1, "providers": [], "services": []}
    assert empty.getvalue() == dumps(export_directory(services=Service.objects.none()))


def test_an_imported_service_has_one_history_entry_showing_it_as_imported():
    """The history of an imported service has one entry per import, with its relations, so a coordinator sees
    "created" then "changed" rather than a row for each relation the import wrote."""
    service = build_directory()
    document = export_directory()
    delete_directory()
    import_directory(document=dumps(document))

    imported = Service.objects.get(external_id=service.external_id)
    entries = list(imported.history.order_by("history_date"))
    assert [entry.history_type for entry in entries] == ["+"]
    assert [row.targetgroup.code for row in entries[0].target_groups.all()] == ["young-people"]

    record = next(r for r in document["services"] if r["external_id"] == service.external_id)
    record["name"]["sv"] = "Ohjaamo S:t Michel"
    record["target_groups"] = ["immigrants"]
    import_directory(document=dumps(document))

    entries = list(imported.history.order_by("history_date"))
    assert [entry.history_type for entry in entries] == ["+", "~"]
    assert entries[-1].name_sv == "Ohjaamo S:t Michel"
    assert [row.targetgroup.code for row in entries[-1].target_groups.all()] == ["immigrants"]
