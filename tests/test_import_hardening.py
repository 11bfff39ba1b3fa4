"""Import of hostile or broken files: each is refused with a message naming the record and the field, the
database unchanged, the dry run saying exactly what the real run says; a file imported twice creates nothing."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

from cooperation.models import Practice
from exchange.export import export_directory
from exchange.format import MAX_DEPTH, TEXT_MAX_LENGTH, dumps
from exchange.importer import import_directory
from exchange.problems import DirectoryImportError
from services.models import ElectronicChannel, OpeningHours, PhoneChannel, Provider, Service, ServiceLocation
from tests.test_cooperation_exchange import PRACTICE, record
from tests.test_import_export import FINNISH_ONLY, OHJAAMO, build_directory, delete_directory, record_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages():
    with translation.override("en"):
        yield


@pytest.fixture
def valid_document() -> dict:
    build_directory()
    document = export_directory()
    delete_directory()
    return document


def snapshot() -> dict[str, int]:
    """What an import could have written: the rows of every table it writes, and their history."""
    models = (Provider, Service, ServiceLocation, OpeningHours, PhoneChannel, ElectronicChannel, Practice)
    counts = {model.__name__: model.objects.count() for model in models}
    counts["service history"] = Service.history.count()
    return counts


def refused(tmp_path, text: str | bytes, *, dry_run: bool) -> str:
    """The import command's message for a file, run for real or as a dry run."""
    path = tmp_path / "file.json"
    if isinstance(text, str):
        text = text.encode("utf-8", "surrogatepass")
    path.write_bytes(text)
    arguments = ["import_directory", str(path), "--language", "en"]
    if dry_run:
        arguments.append("--dry-run")
    with pytest.raises(CommandError) as raised:
        call_command(*arguments, stdout=io.StringIO())
    message = str(raised.value)
    # The message can be printed: no lone surrogate went into it.
    message.encode("utf-8")
    return message


def refused_both_ways(tmp_path, text: str | bytes) -> str:
    """A file is refused alike by the dry run and the real run, and neither changes anything."""
    before = snapshot()
    dry = refused(tmp_path, text, dry_run=True)
    real = refused(tmp_path, text, dry_run=False)
    assert dry == real
    assert snapshot() == before
    return real


def as_text(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False)


def test_a_file_nested_10000_deep_is_refused_with_a_message(tmp_path):
    text = '{"format": "liv-directory", "version": 1, "providers": ' + "[" * 10_000 + "]" * 10_000 + "}"
    message = refused_both_ways(tmp_path, text)
    assert f"(file): nested deeper than {MAX_DEPTH} levels" in message


def test_a_record_nested_too_deep_names_the_record_and_field(valid_document, tmp_path):
    record_of(valid_document, OHJAAMO)["description"]["fi"] = json.loads("[" * 40 + "]" * 40)
    message = refused_both_ways(tmp_path, as_text(valid_document))
    assert f"{OHJAAMO}: description.fi" in message
    assert f"nested deeper than {MAX_DEPTH} levels" in message


def test_a_lone_surrogate_is_refused_by_the_dry_run_as_by_the_real_run(valid_document, tmp_path):
    text = as_text(valid_document).replace("Ohjausta alle 30-vuotiaille", "Ohjausta \\ud800 alle 30-vuotiaille")
    message = refused_both_ways(tmp_path, text)
    assert f"{OHJAAMO}: description.fi: the text contains a lone surrogate (U+D800)" in message


def test_a_unicode_non_character_is_refused(valid_document, tmp_path):
    record_of(valid_document, FINNISH_ONLY)["locations"] = [
        {**copy.deepcopy(record_of(valid_document, OHJAAMO)["locations"][0]), "postal_code": "50100"}
    ]
    record_of(valid_document, FINNISH_ONLY)["locations"][0]["name"]["sv"] = "Kontor\ufffe"
    message = refused_both_ways(tmp_path, as_text(valid_document))
    assert f"{FINNISH_ONLY}: locations[0].name.sv: the text contains U+FFFE, a Unicode non-character" in message


def test_a_million_character_description_is_refused(valid_document, tmp_path):
    record_of(valid_document, OHJAAMO)["description"]["en"] = "x" * 1_000_000
    message = refused_both_ways(tmp_path, as_text(valid_document))
    assert (
        f"{OHJAAMO}: description.en: the text is 1000000 characters long; at most {TEXT_MAX_LENGTH} are allowed"
        in message
    )


def test_a_name_longer_than_the_database_allows_is_refused_before_writing(valid_document):
    record_of(valid_document, OHJAAMO)["name"]["sv"] = "N" * 201
    with pytest.raises(DirectoryImportError) as raised:
        import_directory(document=valid_document)
    assert any(
        p.record == OHJAAMO and p.field == "name.sv" and "at most 200 characters" in p.message
        for p in raised.value.problems
    )
    assert Service.objects.count() == 0


def test_an_unknown_top_level_field_does_not_hide_the_other_problems(valid_document, tmp_path):
    valid_document["servces"] = []
    record_of(valid_document, OHJAAMO)["locations"][0]["municipality"] = "999"
    valid_document["providers"][0]["business_id"] = "1234567-8"
    message = refused_both_ways(tmp_path, as_text(valid_document))
    assert "(file): servces: unknown field" in message
    assert f"{OHJAAMO}: locations[0].municipality: unknown municipality code '999'" in message
    assert "test:provider:ohjaamo: business_id: The check digit of business ID 1234567-8 is wrong." in message
    assert "Problems found: 3." in message


def test_a_section_that_is_not_a_list_does_not_hide_the_other_problems(valid_document):
    valid_document["practices"] = "none"
    record_of(valid_document, OHJAAMO)["status"] = "open"
    with pytest.raises(DirectoryImportError) as raised:
        import_directory(document=valid_document)
    assert [(p.record, p.field) for p in raised.value.problems] == [("(file)", "practices"), (OHJAAMO, "status")]


def test_nan_and_giant_numbers_are_refused_as_not_json(tmp_path):
    message = refused_both_ways(tmp_path, '{"format": "liv-directory", "version": NaN}')
    assert "not valid JSON: NaN is not a JSON number" in message
    message = refused_both_ways(tmp_path, '{"format": "liv-directory", "version": ' + "9" * 5000 + "}")
    assert "not valid JSON" in message


def test_the_same_file_imported_twice_creates_nothing(valid_document, tmp_path):
    path = tmp_path / "file.json"
    path.write_text(as_text(valid_document), encoding="utf-8")
    call_command("import_directory", str(path), "--language", "en", stdout=io.StringIO())
    after_first = snapshot()
    out = io.StringIO()
    call_command("import_directory", str(path), "--language", "en", stdout=out)
    assert "services: 0 created, 0 updated, 2 unchanged" in out.getvalue()
    assert snapshot() == after_first


def test_entries_without_external_id_are_matched_back_so_a_second_import_creates_nothing():
    build_directory()
    Service.objects.update(external_id=None)
    Provider.objects.update(external_id=None)
    document = export_directory()
    before = snapshot()
    for _time in range(2):
        report = import_directory(document=copy.deepcopy(document))
        assert report.created["services"] == [] and report.created["providers"] == []
    assert snapshot() == before


def test_a_local_id_of_another_database_is_refused_not_created_again_on_every_import(valid_document):
    """Before, liv:service:N of another database created a new entry (with a number of its own) on each import."""
    record_of(valid_document, OHJAAMO)["external_id"] = "liv:service:987654"
    with pytest.raises(DirectoryImportError) as raised:
        import_directory(document=valid_document)
    assert [(p.record, p.field) for p in raised.value.problems] == [("liv:service:987654", "external_id")]
    assert "a local id of another database" in raised.value.problems[0].message
    assert Service.objects.count() == 0


def test_a_dry_run_reports_what_the_real_run_does_and_changes_nothing(valid_document):
    before = snapshot()
    dry = import_directory(document=copy.deepcopy(valid_document), dry_run=True)
    assert snapshot() == before
    real = import_directory(document=copy.deepcopy(valid_document))
    assert (dry.created, dry.updated, dry.unchanged) == (real.created, real.updated, real.unchanged)
    assert dry.summary().splitlines()[1:] == real.summary().splitlines()


# --- the crash files against a database that holds what they would change ---------------------------------------
# Counting rows (above) cannot see an update: here the files would change existing entries, and the whole export
# before and after must be identical — for the directory's records and for the cooperation's alike.

COOPERATION_FILE = Path(settings.BASE_DIR) / "fixtures" / "demo" / "cooperation.json"


NESTED = '"nested 10 000 deep"'


def _crash_files(document: dict, edit) -> dict[str, str]:
    """The issue's crash files, each with a harmless change beside it that an import would write."""
    files = {}
    for name, crash in (
        ("nested 10 000 deep", lambda d: edit(d, json.loads(NESTED))),
        ("lone surrogate", lambda d: edit(d, "Ohjausta \ud800 kaikille")),
        ("1 000 000 characters", lambda d: edit(d, "x" * 1_000_000)),
        ("unknown top-level field", lambda d: (d.__setitem__("servces", []), edit(d, "Uusi kuvaus"))),
    ):
        changed = copy.deepcopy(document)
        crash(changed)
        # Written into the text: json.dumps itself cannot nest 10 000 deep.
        files[name] = json.dumps(changed, ensure_ascii=False).replace(NESTED, "[" * 10_000 + "]" * 10_000)
    return files


def _refused_and_unchanged(tmp_path, text: str) -> None:
    before = dumps(export_directory())
    refused_both_ways(tmp_path, text)
    assert dumps(export_directory()) == before


def test_each_crash_file_of_services_is_refused_and_the_directory_unchanged(tmp_path):
    build_directory()
    document = export_directory()
    record_of(document, FINNISH_ONLY)["name"]["fi"] = "Uusi nimi"  # an update the import would write

    def edit(d: dict, value: object) -> None:
        record_of(d, OHJAAMO)["description"]["fi"] = value

    for text in _crash_files(document, edit).values():
        _refused_and_unchanged(tmp_path, text)


def test_each_crash_file_of_the_cooperation_is_refused_and_the_cooperation_unchanged(tmp_path):
    import_directory(document=COOPERATION_FILE.read_bytes())
    document = export_directory()
    record(document, "practices", PRACTICE)["title"]["fi"] = "Uusi otsikko"  # an update the import would write

    def edit(d: dict, value: object) -> None:
        record(d, "practices", "demo-practice-02")["summary"]["fi"] = value

    for text in _crash_files(document, edit).values():
        _refused_and_unchanged(tmp_path, text)


def test_a_cooperation_record_without_external_id_imported_twice_creates_nothing():
    import_directory(document=COOPERATION_FILE.read_bytes())
    document = export_directory()
    new = copy.deepcopy(record(document, "practices", PRACTICE))
    new["title"]["fi"] = "Käytäntö ilman tunnusta"
    del new["external_id"]
    document["practices"].append(new)
    outcomes = []
    for _time in range(2):
        before = Practice.objects.count()
        try:
            import_directory(document=copy.deepcopy(document))
            outcomes.append(Practice.objects.count() - before)
        except DirectoryImportError as refused_file:
            assert Practice.objects.count() == before
            outcomes.append(str(refused_file.problems[0]))
    # Either refused both times with a message, or matched: created at most once, never again.
    assert outcomes[1] == 0 or (isinstance(outcomes[1], str) and outcomes[0] == outcomes[1]), outcomes
