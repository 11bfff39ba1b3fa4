"""sync_ptv with PTV-shaped download folders: create, update, archive, an idempotent second run, a local edit
against a PTV change, and malformed or partial downloads refused with the database unchanged."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ptv.coordinates import tm35fin_to_wgs84
from ptv.models import PtvLink, ServiceRule, SyncRun
from ptv.sync import local_changes
from services.models import Provider, Service, TargetGroup
from tests import ptv_files as ptv

pytestmark = pytest.mark.django_db

ORG = "0b7e4a9e-1c52-4e6b-9a7f-3f6f2d1c0a01"
GUIDANCE = "5c1d3a52-8f0e-4d8b-b1a4-7a1b2c3d4e01"
HOUSING = "5c1d3a52-8f0e-4d8b-b1a4-7a1b2c3d4e02"
NAMELESS = "5c1d3a52-8f0e-4d8b-b1a4-7a1b2c3d4e03"
LOCATION = "9a8b7c6d-0000-4000-8000-000000000001"
WEB = "9a8b7c6d-0000-4000-8000-000000000002"
NEXT_MONTH = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()


def _records(
    *, name: str = "Ohjaamo Mikkeli", exceptions: list | None = None, web_url: str = "https://ohjaamo.example.fi/"
):
    services = [
        ptv.service(GUIDANCE, ORG, [LOCATION, WEB], name=name),
        ptv.service(HOUSING, ORG, [], name="Vuokra-asunnot", classes=("P1",)),
        {
            **ptv.service(NAMELESS, ORG, [], name="Ruotsiksi vain"),
            "serviceNames": ptv.localized("", "Endast svenska", kind="Name"),
        },
    ]
    channels = [
        ptv.location_channel(LOCATION, ORG, GUIDANCE, exceptions=exceptions),
        ptv.web_channel(WEB, ORG, GUIDANCE, web_url),
    ]
    return {
        "services": services,
        "channels": channels,
        "organizations": [ptv.organization(ORG, "Mikkelin kaupunki", business_code="0165116-3")],
    }


def _download(folder: Path, **changes) -> Path:
    records = _records(**{k: v for k, v in changes.items() if k in ("name", "exceptions", "web_url")})
    return ptv.write_download(folder, **records, **{k: v for k, v in changes.items() if k in ("archived", "full")})


def _sync(folder: Path, *extra: str) -> SyncRun:
    call_command("sync_ptv", "--from-dir", str(folder), *extra, verbosity=0)
    return SyncRun.objects.latest()


def _christmas() -> list:
    return [
        ptv.hours(
            "Exceptional",
            [],
            validFrom=f"{NEXT_MONTH}T00:00:00",
            validTo=None,
            isClosed=True,
            validForNow=False,
            additionalInformation=ptv.localized("Koulutuspäivä", "Utbildningsdag", "Staff training"),
        )
    ]


def test_a_first_run_creates_the_guidance_services_and_leaves_out_the_rest(tmp_path):
    run = _sync(_download(tmp_path, exceptions=_christmas()))
    assert (run.created, run.updated, run.refused, run.report["left_out"]) == (1, 0, 1, 1)
    assert "no Finnish name" in run.report["refused"][0]["reason"]
    service = Service.objects.get(ptv_id=GUIDANCE)
    assert (service.status, service.origin) == ("published", "imported")
    assert (service.name_fi, service.name_sv) == ("Ohjaamo Mikkeli", "Navigatorn S:t Michel")
    assert service.eligibility_en == "People under 30."
    assert service.how_to_apply_sv == "Kom förbi eller boka tid."
    assert service.emails == ["verkko@mikkeli.example.fi"]
    assert [m.code for m in service.municipalities.all()] == ["491"]
    assert {t.code for t in service.target_groups.all()} == {"young-people"}
    assert {t.code for t in service.service_types.all()} == {"guidance"}
    assert service.provider.external_id == f"ptv:{ORG}" and service.provider.business_id == "0165116-3"
    location = service.locations.get()
    latitude, longitude = tm35fin_to_wgs84(6841014.224, 514249.876)
    assert (location.latitude, location.longitude) == (
        Decimal(f"{latitude:.6f}"),
        Decimal(f"{longitude:.6f}"),
    )
    assert 61.6 < latitude < 61.8 and 27.2 < longitude < 27.4  # Mikkeli's market square
    assert location.street_address_fi == "Raatihuoneenkatu 6" and location.municipality.code == "491"
    assert location.accessibility_en == "Entrance: The entrance is at street level."
    assert location.opening_hours.count() == 5
    assert location.email == "ohjaamo@mikkeli.example.fi"
    exception = location.opening_hours_exceptions.get()
    assert (exception.valid_from.isoformat(), exception.closed, exception.note_sv) == (
        NEXT_MONTH,
        True,
        "Utbildningsdag",
    )
    assert [p.number for p in service.phones.all()] == ["+358 401234567"]
    assert service.electronic_channels.get().url_fi == "https://ohjaamo.example.fi/"
    assert service.history.count() == 1
    assert PtvLink.objects.get(ptv_id=GUIDANCE).service == service


def test_a_second_run_over_the_same_download_changes_nothing_not_even_history(tmp_path):
    folder = _download(tmp_path)
    _sync(folder)
    service = Service.objects.get(ptv_id=GUIDANCE)
    before = (service.modified, service.history.count(), Provider.objects.count())
    run = _sync(folder)
    service.refresh_from_db()
    assert (run.created, run.updated, run.archived, run.unchanged) == (0, 0, 0, 1)
    assert (service.modified, service.history.count(), Provider.objects.count()) == before


def test_a_change_in_ptv_updates_the_service_with_one_history_entry(tmp_path):
    _sync(_download(tmp_path / "first"))
    run = _sync(_download(tmp_path / "second", name="Ohjaamo Mikkeli – Nuorten palvelupiste", exceptions=_christmas()))
    service = Service.objects.get(ptv_id=GUIDANCE)
    assert run.updated == 1 and set(run.report["updated"][0]["fields"]) == {"name_fi", "channels"}
    assert service.name_fi == "Ohjaamo Mikkeli – Nuorten palvelupiste"
    assert service.locations.get().opening_hours_exceptions.count() == 1
    assert service.history.count() == 2
    assert service.history.first().history_change_reason == "Suomi.fi Service Catalogue (PTV) sync"


def test_a_service_archived_in_ptv_is_archived_here_never_deleted(tmp_path):
    _sync(_download(tmp_path / "first"))
    run = _sync(_download(tmp_path / "second", archived=[GUIDANCE], full=False))
    service = Service.objects.get(ptv_id=GUIDANCE)
    assert run.archived == 1 and service.status == "archived"
    assert service.locations.count() == 1  # kept as it was
    assert PtvLink.objects.get(ptv_id=GUIDANCE).removed_from_ptv


def test_a_full_run_archives_what_ptv_no_longer_publishes(tmp_path):
    _sync(_download(tmp_path / "first"))
    empty = ptv.write_download(tmp_path / "empty", services=[], channels=[], organizations=[], full=True)
    run = _sync(empty)
    assert run.report["archived"][0]["reason"] == "no longer published in PTV"
    assert Service.objects.get(ptv_id=GUIDANCE).status == "archived"


def test_an_exclusion_kept_by_the_national_administrators_archives_the_service(tmp_path):
    folder = _download(tmp_path)
    _sync(folder)
    ServiceRule.objects.create(ptv_id=GUIDANCE, rule=ServiceRule.Rule.EXCLUDE, note="not guidance")
    run = _sync(folder)
    assert "on the exclude list" in run.report["archived"][0]["reason"]
    ServiceRule.objects.create(ptv_id=HOUSING, rule=ServiceRule.Rule.INCLUDE)
    assert _sync(folder).created == 1  # the housing service, taken in by the include list


def test_a_local_edit_stays_until_ptv_changes_that_field_then_ptv_wins_and_says_so(tmp_path):
    _sync(_download(tmp_path / "first"))
    service = Service.objects.get(ptv_id=GUIDANCE)
    service.name_fi = "Ohjaamo Mikkeli (paikallinen nimi)"
    service.description_fi = "Koordinaattorin tarkentama kuvaus."
    service.save()
    service.target_groups.add(TargetGroup.objects.get(code="immigrants"))
    service.national_goals.add(1)
    link = PtvLink.objects.get(ptv_id=GUIDANCE)
    assert set(local_changes(service, link)) == {"name_fi", "description_fi", "target_groups"}

    # PTV changes only the channels: the local name and description stay.
    _sync(_download(tmp_path / "second", web_url="https://ohjaamo.example.fi/uusi/"))
    service.refresh_from_db()
    assert service.name_fi == "Ohjaamo Mikkeli (paikallinen nimi)"
    assert service.description_fi == "Koordinaattorin tarkentama kuvaus."

    # PTV changes the name: PTV's wins, the report names the conflict, LIV's own fields stay.
    run = _sync(
        _download(tmp_path / "third", name="Ohjaamo Mikkeli – uusi nimi", web_url="https://ohjaamo.example.fi/uusi/")
    )
    service.refresh_from_db()
    assert service.name_fi == "Ohjaamo Mikkeli – uusi nimi"
    assert run.report["updated"][0]["conflicts"] == ["name_fi"]
    assert service.description_fi == "Koordinaattorin tarkentama kuvaus."
    assert {t.code for t in service.target_groups.all()} == {"young-people", "immigrants"}
    assert list(service.national_goals.values_list("number", flat=True)) == [1]
    assert service.history.filter(name_fi="Ohjaamo Mikkeli (paikallinen nimi)").exists()  # the local text is kept


def _database_state() -> tuple:
    return (
        Service.objects.count(),
        Provider.objects.count(),
        PtvLink.objects.count(),
        Service.history.count(),
        list(Service.objects.values_list("status", "name_fi")),
    )


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (
            lambda folder: (folder / "services" / "0001.json").write_text('[{"id": "5c1d3a52', encoding="utf-8"),
            "not valid JSON",
        ),
        (lambda folder: (folder / "channels" / "0001.json").unlink(), "a partial download"),
        (lambda folder: (folder / "manifest.json").unlink(), "no manifest.json"),
        (
            lambda folder: (folder / "manifest.json").write_text(
                json.dumps({**json.loads((folder / "manifest.json").read_text()), "complete": False})
            ),
            "marked incomplete",
        ),
    ],
    ids=["truncated-json", "missing-page", "no-manifest", "incomplete"],
)
def test_a_malformed_or_partial_download_is_refused_and_changes_nothing(tmp_path, damage, message):
    _sync(_download(tmp_path / "first"))
    before = _database_state()
    folder = _download(tmp_path / "second", name="Muuttunut nimi", archived=[], full=True)
    damage(folder)
    with pytest.raises(CommandError, match=message):
        call_command("sync_ptv", "--from-dir", str(folder), verbosity=0)
    assert _database_state() == before
    assert SyncRun.objects.latest().outcome == "failed"


def test_a_dry_run_reports_and_changes_nothing(tmp_path):
    run = _sync(_download(tmp_path), "--dry-run")
    assert (run.outcome, run.created) == ("dry_run", 1)
    assert not Service.objects.filter(ptv_id=GUIDANCE).exists()
    assert not Provider.objects.filter(external_id=f"ptv:{ORG}").exists()
