"""The regional cooperation in the exchange format: round trip, idempotence, updates, dry run, clear errors,
the JSON Schema, and the demo loaded through the import."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import translation

from cooperation.demo import load_demo_cooperation
from cooperation.models import (
    FollowUp,
    GroupMember,
    MaturityAssessment,
    MaturityDimension,
    Measure,
    Practice,
    RegionalGroup,
)
from exchange.export import export_directory
from exchange.format import dumps
from exchange.importer import import_directory
from exchange.problems import DirectoryImportError
from regions.models import VitalityCentre
from services.models import Origin, Provider, Service
from tests.factories import ProviderFactory, ServiceFactory

pytestmark = pytest.mark.django_db

DEMO_FILE = Path(settings.BASE_DIR) / "fixtures" / "demo" / "cooperation.json"
SCHEMA = Path(settings.BASE_DIR) / "docs" / "data-format.schema.json"
STEERING = "demo:group:etela-savo-steering"
PRACTICE = "demo-practice-01"
MEASURE = "demo:measure:ELO-2021-01"
ASSESSMENT = "demo:assessment:etela-savo-steering:2025"


@pytest.fixture(autouse=True)
def _english_messages():
    with translation.override("en"):
        yield


def demo_document() -> dict:
    return json.loads(DEMO_FILE.read_text(encoding="utf-8"))


def delete_cooperation() -> None:
    MaturityAssessment.objects.all().delete()
    Measure.objects.all().delete()
    RegionalGroup.objects.all().delete()
    Practice.objects.all().delete()


def record(document: dict, kind: str, external_id: str) -> dict:
    return next(r for r in document[kind] if r["external_id"] == external_id)


def problems_of(document: dict) -> list[str]:
    with pytest.raises(DirectoryImportError) as raised:
        import_directory(document=document)
    return [str(problem) for problem in raised.value.problems]


def test_round_trip_of_the_demo_cooperation_gives_the_identical_file():
    import_directory(document=DEMO_FILE.read_bytes())
    first = dumps(export_directory())
    assert json.loads(first) == demo_document()

    delete_cooperation()
    report = import_directory(document=first)

    assert len(report.created["groups"]) == 5 and len(report.created["assessments"]) == 5
    assert dumps(export_directory()) == first


def test_importing_the_same_file_twice_changes_nothing():
    import_directory(document=DEMO_FILE.read_bytes())
    modified = {
        model: sorted(model.objects.values_list("pk", "modified"))
        for model in (RegionalGroup, Practice, Measure, MaturityAssessment)
    }
    follow_ups = sorted(FollowUp.objects.values_list("pk", flat=True))
    history = (RegionalGroup.history.count(), Practice.history.count(), Measure.history.count())

    report = import_directory(document=DEMO_FILE.read_bytes())

    assert not report.changed
    assert len(report.unchanged["practices"]) == 16 and len(report.unchanged["measures"]) == 15
    for model, rows in modified.items():
        assert sorted(model.objects.values_list("pk", "modified")) == rows
    assert sorted(FollowUp.objects.values_list("pk", flat=True)) == follow_ups
    assert (RegionalGroup.history.count(), Practice.history.count(), Measure.history.count()) == history


def test_an_edited_file_updates_what_changed_and_only_that():
    import_directory(document=DEMO_FILE.read_bytes())
    recorder = get_user_model().objects.create_user("recorder", password="not-used-here")
    kept = FollowUp.objects.filter(measure__external_id=MEASURE).order_by("date").first()
    FollowUp.objects.filter(pk=kept.pk).update(recorded_by=recorder)
    document = demo_document()
    record(document, "groups", STEERING)["tasks"][0]["en"] = "Renew the region's strategic goals."
    record(document, "practices", PRACTICE)["summary"]["sv"] = "Ny sammanfattning."
    record(document, "practices", PRACTICE)["links"] = [
        {"title": {"fi": "Raportti", "sv": "", "en": ""}, "url": "https://example.org/raportti"}
    ]
    record(document, "measures", MEASURE)["follow_ups"].append(
        {"date": "2026-05-01", "status": "completed", "note": {"fi": "Valmis.", "sv": "", "en": ""}}
    )
    record(document, "assessments", ASSESSMENT)["ratings"][4]["stage"] = 3

    report = import_directory(document=dumps(document))

    assert report.updated == {
        "providers": [],
        "services": [],
        "groups": [STEERING],
        "practices": [PRACTICE],
        "measures": [MEASURE],
        "assessments": [ASSESSMENT],
    }
    assert len(report.unchanged["practices"]) == 15
    group = RegionalGroup.objects.get(external_id=STEERING)
    assert group.tasks.first().text_en == "Renew the region's strategic goals."
    assert Practice.objects.get(external_id=PRACTICE).links.get().url == "https://example.org/raportti"
    measure = Measure.objects.with_latest_status().get(external_id=MEASURE)
    assert measure.latest_status == "completed"
    # The entries that did not change stay, with who recorded them.
    assert FollowUp.objects.get(pk=kept.pk).recorded_by == recorder
    rating = MaturityAssessment.objects.get(external_id=ASSESSMENT).ratings.get(dimension__code="impact-and-efficiency")
    assert rating.stage.number == 3
    assert json.loads(dumps(export_directory())) == document


def test_dry_run_reports_per_kind_and_writes_nothing():
    import_directory(document=DEMO_FILE.read_bytes())
    document = demo_document()
    record(document, "measures", MEASURE)["title"]["en"] = "Changed"
    new = copy.deepcopy(record(document, "practices", PRACTICE))
    new["external_id"] = "test:practice:new"
    document["practices"].append(new)

    report = import_directory(document=dumps(document), dry_run=True)

    assert report.created["practices"] == ["test:practice:new"]
    assert report.updated["measures"] == [MEASURE]
    assert not Practice.objects.filter(external_id="test:practice:new").exists()
    assert not Measure.objects.filter(title_en="Changed").exists()
    summary = report.summary()
    assert "practices: 1 created, 0 updated, 16 unchanged" in summary
    assert "measures: 0 created, 1 updated, 14 unchanged" in summary
    assert "regional groups: 0 created, 0 updated, 5 unchanged" in summary


def test_command_dry_run_lists_the_cooperation_kinds(tmp_path):
    out = io.StringIO()
    call_command("import_directory", str(DEMO_FILE), "--dry-run", "--language", "en", stdout=out)
    assert "maturity self-assessments: 5 created, 0 updated, 0 unchanged" in out.getvalue()
    assert not RegionalGroup.objects.exists()


def test_errors_name_the_record_the_field_and_the_problem_and_nothing_is_written():
    document = demo_document()
    document["services"] = [
        {"external_id": "test:service:x", "provider": "test:provider:x", "name": {"fi": "Palvelu"}, "status": "draft"}
    ]
    document["providers"] = [
        {"external_id": "test:provider:x", "name": {"fi": "Järjestäjä"}, "sector": "public", "kind": "municipality"}
    ]
    group = record(document, "groups", STEERING)
    group["area"] = "99"
    group["members"].append({"provider": "test:provider:missing"})
    group["strategies"][0]["goals"][0]["national_goals"] = [6]
    practice = record(document, "practices", PRACTICE)
    practice["title"]["fi"] = ""
    practice["dimensions"].append("happiness")
    practice["links"] = [{"title": {"fi": "FTP"}, "url": "ftp://example.org/"}]
    practice["status"] = "open"
    document["practices"].append(copy.deepcopy(record(document, "practices", "demo-practice-02")))
    record(document, "measures", MEASURE)["follow_ups"][0]["status"] = "halfway"

    assert problems_of(document) == [
        "demo-practice-02: external_id: duplicate id: another record in the file has it too",
        "demo-practice-01: dimensions: unknown maturity dimension code 'happiness'",
        "demo-practice-01: title.fi: missing Finnish title (the Finnish title is required)",
        "demo-practice-01: status: Value 'open' is not a valid choice.",
        "demo-practice-01: links[0].url: Enter a web address that starts with https://.",
        "demo:group:etela-savo-steering: area: unknown vitality centre code '99'",
        "demo:group:etela-savo-steering: strategies[0].goals[0].national_goals: unknown national goal code 6",
        "demo:group:etela-savo-steering: members[6].provider: unknown provider 'test:provider:missing': "
        "not in this file and not in the directory",
        "demo:measure:ELO-2021-01: follow_ups[0].status: Value 'halfway' is not a valid choice.",
    ]
    assert not Provider.objects.exists() and not Service.objects.exists()
    assert not RegionalGroup.objects.exists() and not Practice.objects.exists()


def test_references_between_records_and_uniqueness_are_checked():
    import_directory(document=DEMO_FILE.read_bytes())
    document = demo_document()
    regional = record(document, "measures", "demo:measure:ITA-ES-1")
    regional["area"] = "10"
    clash = copy.deepcopy(record(document, "measures", MEASURE))
    clash["external_id"] = "test:measure:clash"
    document["measures"].append(clash)
    assessment = record(document, "assessments", ASSESSMENT)
    assessment["ratings"][0]["practices"] = ["test:practice:nowhere"]
    assessment["ratings"][1]["dimension"] = assessment["ratings"][0]["dimension"]
    twice = copy.deepcopy(assessment)
    twice["external_id"] = "test:assessment:twice"
    twice["ratings"] = []
    earlier = f"{STEERING.replace('group', 'assessment')}:2024"
    document["assessments"] = [a for a in document["assessments"] if a["external_id"] != earlier]
    in_directory = copy.deepcopy(twice)
    in_directory.update(external_id="test:assessment:in-directory", year=2024)
    document["assessments"] += [twice, in_directory]

    problems = problems_of(document)

    assert problems == [
        "demo:measure:ITA-ES-1: group: the group must work in the measure's area",
        "test:measure:clash: code: duplicate code: measure demo:measure:ELO-2021-01 has the same code",
        "demo:assessment:etela-savo-steering:2025: ratings[1].dimension: dimension 'general-situation' is rated twice",
        "demo:assessment:etela-savo-steering:2025: ratings[0].practices: unknown practice 'test:practice:nowhere': "
        "not in this file and not in the directory",
        "test:assessment:twice: year: duplicate year: assessment demo:assessment:etela-savo-steering:2025 is of the "
        "same group and year",
        "test:assessment:in-directory: year: the group already has an assessment of this year in the directory "
        "(demo:assessment:etela-savo-steering:2024)",
    ]


def test_members_and_organisations_refer_to_providers_by_external_id():
    provider = ProviderFactory(external_id="test:provider:ohjaamo")
    entered = ProviderFactory(external_id=None)
    document = demo_document()
    group = record(document, "groups", "demo:group:example-lapland")
    group["members"] = [
        {"provider": "test:provider:ohjaamo", "name": {"fi": "", "sv": "", "en": ""}},
        {"provider": f"liv:provider:{entered.pk}", "name": {"fi": "", "sv": "", "en": ""}},
    ]
    record(document, "practices", PRACTICE)["providers"] = ["test:provider:ohjaamo"]
    record(document, "measures", MEASURE)["responsible_providers"] = [f"liv:provider:{entered.pk}"]

    import_directory(document=document)

    members = GroupMember.objects.filter(group__external_id="demo:group:example-lapland")
    assert [m.provider for m in members] == [provider, entered]
    assert list(Practice.objects.get(external_id=PRACTICE).providers.all()) == [provider]
    exported = export_directory()
    assert record(exported, "groups", "demo:group:example-lapland")["members"] == group["members"]
    assert {p["external_id"] for p in exported["providers"]} == {"test:provider:ohjaamo", f"liv:provider:{entered.pk}"}
    assert not import_directory(document=exported).changed


def test_an_entry_made_in_the_admin_is_exported_by_its_local_id_and_matched_back():
    group = RegionalGroup.objects.create(vitality_centre=VitalityCentre.objects.get(code="02"), name_fi="Ryhmä")
    assessment = MaturityAssessment.objects.create(group=group, year=2025)
    document = export_directory()
    assert record(document, "assessments", f"liv:assessment:{assessment.pk}")["group"] == f"liv:group:{group.pk}"

    report = import_directory(document=document)

    assert not report.changed
    assert RegionalGroup.objects.count() == 1 and RegionalGroup.objects.get().external_id is None


def test_a_file_of_before_the_cooperation_sections_is_valid_and_an_export_without_cooperation_is_unchanged():
    ServiceFactory(external_id="test:service:a", provider=ProviderFactory(external_id="test:provider:a"))
    document = export_directory()
    assert list(document) == ["format", "version", "providers", "services"]
    Service.objects.all().delete()
    Provider.objects.all().delete()
    report = import_directory(document=dumps(document))
    assert report.created["services"] == ["test:service:a"]
    assert "practices" not in report.summary()


def test_export_command_filters_the_cooperation_by_area_status_and_origin():
    import_directory(document=DEMO_FILE.read_bytes())
    Practice.objects.filter(external_id="demo-practice-02").update(status=Practice.Status.DRAFT)
    call_command("export_directory", "-", "--area", "10", "--status", "published", stdout=(out := io.StringIO()))
    document = json.loads(out.getvalue())
    assert [g["external_id"] for g in document["groups"]] == ["demo:group:example-lapland"]
    assert {m["area"] for m in document["measures"]} == {"10"}
    assert all("10" in p["areas"] and p["status"] == "published" for p in document["practices"])
    assert {a["group"] for a in document["assessments"]} == {"demo:group:example-lapland"}

    call_command("export_directory", "-", "--origin", "entered", stdout=(out := io.StringIO()))
    assert list(json.loads(out.getvalue())) == ["format", "version", "providers", "services"]


def test_demo_file_and_an_export_validate_against_the_json_schema():
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert list(validator.iter_errors(demo_document())) == []
    import_directory(document=DEMO_FILE.read_bytes())
    assert list(validator.iter_errors(export_directory())) == []
    broken = demo_document()
    record(broken, "measures", MEASURE)["follow_ups"][0]["status"] = "halfway"
    record(broken, "groups", STEERING)["tasks"][0] = {"sv": "Bara svenska"}
    assert len(list(validator.iter_errors(broken))) == 2


def test_the_demo_loader_updates_demo_rows_and_keeps_them_demo_marked():
    first = load_demo_cooperation()
    assert first == {"groups": 5, "practices": 16, "measures": 15, "assessments": 5}
    practice = Practice.objects.get(external_id=PRACTICE)
    practice.title_en = "Edited in the admin"
    practice.save()
    Measure.objects.filter(external_id=MEASURE).update(origin=Origin.ENTERED)

    again = load_demo_cooperation()

    assert set(again.values()) == {0}
    assert (
        Practice.objects.get(external_id=PRACTICE).title_en
        == "A shared operating model of the Ohjaamo centres in South Savo"
    )
    assert Measure.objects.get(external_id=MEASURE).origin == Origin.DEMO
    assert set(RegionalGroup.objects.values_list("origin", flat=True)) == {Origin.DEMO}
    assert set(FollowUp.objects.values_list("origin", flat=True)) == {Origin.DEMO}


def test_the_demo_loader_takes_over_rows_of_the_earlier_loader_instead_of_copying_them():
    load_demo_cooperation()
    RegionalGroup.objects.update(external_id=None)
    Measure.objects.update(external_id=None)
    MaturityAssessment.objects.update(external_id=None)
    counts = (RegionalGroup.objects.count(), Measure.objects.count(), MaturityAssessment.objects.count())

    created = load_demo_cooperation()

    assert set(created.values()) == {0}
    assert (RegionalGroup.objects.count(), Measure.objects.count(), MaturityAssessment.objects.count()) == counts
    assert RegionalGroup.objects.filter(external_id=STEERING).exists()


def test_the_maturity_dimensions_of_the_demo_are_the_model_s():
    codes = {r["dimension"] for a in demo_document()["assessments"] for r in a["ratings"]}
    assert codes == set(MaturityDimension.objects.values_list("code", flat=True))


def test_the_demo_command_of_make_run_loads_and_then_leaves_the_demo_as_it_is():
    call_command("load_demo_cooperation", stdout=(out := io.StringIO()))
    assert "created: groups 5, practices 16, measures 15, assessments 5." in out.getvalue()
    call_command("load_demo_cooperation", stdout=(out := io.StringIO()))
    assert "created: groups 0, practices 0, measures 0, assessments 0." in out.getvalue()
    assert json.loads(dumps(export_directory())) == demo_document()


def test_a_region_outside_the_group_s_area_and_a_national_measure_with_an_area_are_refused():
    document = demo_document()
    record(document, "groups", STEERING)["region"] = "01"
    record(document, "measures", MEASURE)["area"] = "06"
    record(document, "measures", MEASURE)["first_year"] = 2030
    assert problems_of(document) == [
        "demo:group:etela-savo-steering: region: region '01' is not in area '06'",
        "demo:measure:ELO-2021-01: area: A national measure has no area or group.",
        "demo:measure:ELO-2021-01: last_year: The last year must not be before the first year.",
    ]


def test_a_follow_up_entry_added_on_a_day_that_has_one_keeps_the_file_s_order_and_a_second_import_changes_nothing():
    import_directory(document=DEMO_FILE.read_bytes())
    document = demo_document()
    entries = record(document, "measures", MEASURE)["follow_ups"]
    entries.insert(
        0, {"date": entries[0]["date"], "status": "not_started", "note": {"fi": "Aloitettu.", "sv": "", "en": ""}}
    )

    assert import_directory(document=dumps(document)).updated["measures"] == [MEASURE]

    assert record(export_directory(), "measures", MEASURE)["follow_ups"] == entries
    assert not import_directory(document=dumps(document)).changed


def test_nul_characters_are_a_problem_of_the_field_not_a_database_error():
    document = demo_document()
    record(document, "practices", PRACTICE)["summary"]["fi"] = "Lyhyesti\x00"
    record(document, "measures", MEASURE)["responsible_providers"] = ["demo:provider:\x00"]
    assert problems_of(document) == [
        "demo-practice-01: summary.fi: the text contains a NUL character",
        "demo:measure:ELO-2021-01: responsible_providers: expected the external id of a provider, "
        "got 'demo:provider:\x00'",
    ]
