"""Coordinators export their own area's services as CSV and import the edited file back, all or nothing."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from services.models import Service
from tests.admin_support import ITA_SUOMI, make_coordinator
from tests.factories import ProviderFactory, ServiceFactory, municipality

pytestmark = pytest.mark.django_db

CHANGELIST = "/fi/admin/services/service/"
IMPORT = "/fi/admin/services/service/import-csv/"


@pytest.fixture
def ita(client):
    client.force_login(make_coordinator("ita", ITA_SUOMI))
    return client


@pytest.fixture
def services():
    provider = ProviderFactory(municipality=municipality("491"))
    own = [ServiceFactory(provider=provider, name_fi=f"Mikkelin ohjaus {n}") for n in range(3)]
    own[0].municipalities.add(municipality("740"))
    other = ServiceFactory(name_fi="Helsingin ohjaus")
    return own, other


def export(client, selected) -> list[dict[str, str]]:
    response = client.post(CHANGELIST, {"action": "export_csv", "_selected_action": [s.pk for s in selected]})
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def upload(client, rows: list[dict[str, str]], **extra):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    file = SimpleUploadedFile("services.csv", ("\ufeff" + buffer.getvalue()).encode(), content_type="text/csv")
    return client.post(IMPORT, {"file": file, **extra})


def test_export_has_own_services_with_codes(ita, services):
    own, other = services
    rows = export(ita, [*own, other])
    assert sorted(row["name_fi"] for row in rows) == sorted(s.name_fi for s in own)
    first = next(row for row in rows if row["id"] == str(own[0].pk))
    assert first["municipalities"] == "740"


def test_import_of_an_edited_export_updates_the_entries(ita, services):
    own, _other = services
    rows = export(ita, own)
    rows[0]["name_sv"] = "Handledning i S:t Michel"
    rows[1]["regions"] = "10"  # Pohjois-Savo's code
    response = upload(ita, rows)
    assert response.status_code == 302, response.content.decode()[:2000]
    edited = Service.objects.get(pk=rows[0]["id"])
    assert edited.name_sv == "Handledning i S:t Michel"
    assert edited.history.first().history_user.username == "ita"
    assert list(Service.objects.get(pk=rows[1]["id"]).regions.values_list("code", flat=True)) == ["10"]
    assert upload(ita, export(ita, own)).status_code == 302  # importing the same file again changes nothing


def test_import_with_errors_saves_nothing_and_names_row_and_column(ita, services):
    own, _other = services
    rows = export(ita, own)
    rows[0]["name_sv"] = "Ändrat"
    rows[1]["municipalities"] = "999"
    rows[2]["regions"] = "01"  # Uusimaa: outside the coordinator's area
    page = upload(ita, rows).content.decode()
    assert "Row 3" in page or "Rivi 3" in page
    assert "999" in page
    assert "Uusimaa" in page
    assert Service.objects.get(pk=rows[0]["id"]).name_sv != "Ändrat"


def test_import_cannot_touch_another_areas_service(ita, services):
    own, other = services
    rows = export(ita, own[:1])
    rows[0]["id"] = str(other.pk)
    rows[0]["name_fi"] = "Kaapattu"
    upload(ita, rows)
    other.refresh_from_db()
    assert other.name_fi == "Helsingin ohjaus"


def test_import_adds_a_new_service_and_dry_run_saves_nothing(ita, services):
    own, _other = services
    row = export(ita, own[:1])[0]
    row.update({"id": "", "external_id": "", "name_fi": "Uusi palvelu CSV:stä"})
    upload(ita, [row], dry_run="on")
    assert not Service.objects.filter(name_fi="Uusi palvelu CSV:stä").exists()
    assert upload(ita, [row]).status_code == 302
    assert Service.objects.filter(name_fi="Uusi palvelu CSV:stä").exists()


@pytest.mark.parametrize(
    "content",
    [b"", b"\xff\xfe\x00garbage", b"id,name\n1,x\n", b"\x00\x00\x00"],
)
def test_broken_files_give_a_clear_error_not_a_crash(ita, content):
    response = ita.post(IMPORT, {"file": SimpleUploadedFile("bad.csv", content or b" ")})
    assert response.status_code == 200
    assert "errornote" in response.content.decode() or "errorlist" in response.content.decode()
