"""CSV exports never hand a spreadsheet a formula, and the CSV import reads its own exports back unchanged.

A service name typed as ``=HYPERLINK(…)`` was exported exactly as typed, so a coordinator's spreadsheet ran it
(issue 13, point 7). Cells beginning with = + - @, a tab or a carriage return now get a single quote in front
(OWASP's advice), and the import takes it off again.
"""

from __future__ import annotations

import csv
import io

import pytest

from cooperation.coverage import Dimension, coverage_table
from cooperation.coverage_export import coverage_csv_rows
from liv.csv_cells import neutralise, restore
from services import admin_csv
from services.models import Service
from services.permissions import scope_for
from tests.admin_support import ITA_SUOMI, make_coordinator
from tests.factories import ProviderFactory, ServiceFactory, municipality

pytestmark = pytest.mark.django_db

HOSTILE = {
    "name_fi": '=HYPERLINK("https://evil.example/","Avaa")',
    "name_sv": "+46 8 123 45",
    "name_en": "-1+1",
    "summary_fi": "@SUM(A1:A2)",
    "summary_sv": "\tTabbed",
    "summary_en": "\rCarriage",
    "description_fi": "'=already quoted",
    "description_sv": "'just a quote",
}


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "'=x", "''+x", "'plain", "plain", "", "a=b", "1-2"],
)
def test_neutralise_and_restore_are_a_lossless_pair(value):
    written = neutralise(value)
    assert not written.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert restore(written) == value


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def hostile_service() -> Service:
    provider = ProviderFactory(municipality=municipality("491"), name_fi="=cmd|' /C calc'!A0")
    return ServiceFactory(provider=provider, **HOSTILE)


def test_service_export_writes_no_formula(hostile_service):
    text = admin_csv.export_csv(admin_csv.export_queryset(Service.objects.filter(pk=hostile_service.pk)))
    (row,) = _rows(text)
    for column, value in row.items():
        assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), column
    assert row["name_fi"] == "'" + HOSTILE["name_fi"]
    assert row["provider_name"].startswith("'=")
    assert row["description_fi"] == "''=already quoted"
    assert row["description_sv"] == "'just a quote"


def test_import_of_an_export_gives_back_the_same_texts(hostile_service):
    user = make_coordinator("ita", ITA_SUOMI)
    text = admin_csv.export_csv(admin_csv.export_queryset(Service.objects.filter(pk=hostile_service.pk)))
    result = admin_csv.import_csv(text.encode(), scope=scope_for(user), by=user)
    assert result.errors == []
    hostile_service.refresh_from_db()
    for field, value in HOSTILE.items():
        # Every quote added on export was taken off; only the leading tab and carriage return are gone, as
        # when the same text is saved in the admin (its form strips surrounding white space).
        assert getattr(hostile_service, field) == value.strip(), field


def test_repeated_round_trips_add_no_quotes(hostile_service):
    user = make_coordinator("ita", ITA_SUOMI)
    texts = []
    for _round in range(3):
        text = admin_csv.export_csv(admin_csv.export_queryset(Service.objects.filter(pk=hostile_service.pk)))
        assert admin_csv.import_csv(text.encode(), scope=scope_for(user), by=user).errors == []
        texts.append(text)
    assert texts[1] == texts[2]
    hostile_service.refresh_from_db()
    assert hostile_service.name_fi == HOSTILE["name_fi"]


def test_import_of_an_edited_export_keeps_a_quoted_formula_as_text(hostile_service):
    user = make_coordinator("ita", ITA_SUOMI)
    text = admin_csv.export_csv(admin_csv.export_queryset(Service.objects.filter(pk=hostile_service.pk)))
    text = text.replace("'@SUM(A1:A2)", "'=SUM(1;2)")
    result = admin_csv.import_csv(text.encode(), scope=scope_for(user), by=user)
    assert result.errors == []
    hostile_service.refresh_from_db()
    assert hostile_service.summary_fi == "=SUM(1;2)"


def test_coverage_export_writes_no_formula():
    table = coverage_table(area=None, dimension=Dimension.TARGET_GROUPS)
    for column in table.columns:
        column.name_fi = '=HYPERLINK("https://evil.example/","' + column.name_fi + '")'
    text = "".join(coverage_csv_rows(table)).lstrip("\ufeff")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
