"""The admin shows, on a service synced from PTV, where it came from, when it was last synced, what a coordinator
has changed locally and that PTV will overwrite its PTV fields; the guidance criteria and the include/exclude
lists belong to the national administrators."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from ptv.models import SyncRun
from services.models import Service
from tests import ptv_files as ptv
from tests.admin_support import ITA_SUOMI, make_coordinator, make_national_administrator

pytestmark = pytest.mark.django_db

ORG = "0b7e4a9e-1c52-4e6b-9a7f-3f6f2d1c0a01"
SERVICE = "5c1d3a52-8f0e-4d8b-b1a4-7a1b2c3d4e01"
LOCATION = "9a8b7c6d-0000-4000-8000-000000000001"


@pytest.fixture
def synced(tmp_path) -> Service:
    folder = ptv.write_download(
        tmp_path,
        services=[ptv.service(SERVICE, ORG, [LOCATION])],
        channels=[ptv.location_channel(LOCATION, ORG, SERVICE)],
        organizations=[ptv.organization(ORG, "Mikkelin kaupunki")],
    )
    call_command("sync_ptv", "--from-dir", str(folder), verbosity=0)
    return Service.objects.get(ptv_id=SERVICE)


def test_a_coordinator_sees_the_ptv_box_the_warning_and_the_local_changes(client, synced):
    synced.description_fi = "Paikallisesti muutettu kuvaus."
    synced.save()
    client.force_login(make_coordinator("ita", ITA_SUOMI))  # Mikkeli is in Itä-Suomi
    page = client.get(f"/en/admin/services/service/{synced.pk}/change/").content.decode()
    assert "Suomi.fi Service Catalogue (PTV)" in page
    assert "text replaces it" in page
    assert SERVICE in page
    assert "<code>description_fi</code>" in page


def test_the_service_list_filters_by_source(client, synced):
    client.force_login(make_national_administrator())
    page = client.get("/en/admin/services/service/", {"source": "ptv"}).content.decode()
    assert synced.name_fi in page


def test_criteria_and_rules_are_for_national_administrators_only(client, synced):
    client.force_login(make_coordinator("ita", ITA_SUOMI))
    assert client.get("/en/admin/ptv/guidancecriterion/").status_code == 403
    assert client.get("/en/admin/ptv/servicerule/add/").status_code == 403
    client.force_login(make_national_administrator())
    page = client.get("/en/admin/ptv/guidancecriterion/").content.decode()
    assert "Ammatinvalinta ja urasuunnittelu" in page  # a default criterion
    assert client.get("/en/admin/ptv/servicerule/add/").status_code == 200


def test_a_run_and_its_report_can_be_read_but_not_changed(client, synced):
    client.force_login(make_national_administrator())
    run = SyncRun.objects.latest()
    page = client.get(f"/en/admin/ptv/syncrun/{run.pk}/change/").content.decode()
    assert "&quot;created&quot;" in page and SERVICE in page
    assert client.get("/en/admin/ptv/syncrun/add/").status_code == 403
    assert client.get("/en/admin/services/service/not-a-number/change/").status_code in (302, 404)
