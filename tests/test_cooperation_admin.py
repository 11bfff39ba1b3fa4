"""The coordinator's area scope holds for every cooperation model on every admin path (by URL, as for services):
a coordinator of Itä-Suomi keeps Itä-Suomi's groups, assessments, practices and measures, and cannot open,
change, delete or see the history of Uusimaa's; the national administrator keeps everything."""

from __future__ import annotations

import datetime

import pytest

from cooperation.models import (
    FollowUp,
    MaturityAssessment,
    MaturityDimension,
    Measure,
    Practice,
    RegionalGroup,
    RegionalStrategy,
)
from regions.models import VitalityCentre
from services.models import NationalGoal
from tests.admin_support import ITA_SUOMI, UUSIMAA, form_data, make_coordinator, make_national_administrator

pytestmark = pytest.mark.django_db


def _area(code: str) -> VitalityCentre:
    return VitalityCentre.objects.get(code=code)


def _entries(code: str, name: str) -> dict[str, object]:
    group = RegionalGroup.objects.create(vitality_centre=_area(code), name_fi=f"{name} ELO-ryhmä")
    strategy = RegionalStrategy.objects.create(
        group=group, name_fi=f"{name} strategia", first_year=2024, last_year=2028
    )
    assessment = MaturityAssessment.objects.create(group=group, year=2025)
    practice = Practice.objects.create(title_fi=f"{name} käytäntö", summary_fi="Tiivistelmä", status="published")
    practice.vitality_centres.set([_area(code)])
    measure = Measure.objects.create(
        code=f"{code}-1", title_fi=f"{name} toimenpide", level="regional", vitality_centre=_area(code), group=group
    )
    follow_up = FollowUp.objects.create(measure=measure, date=datetime.date(2025, 1, 1), status="started")
    return {
        "regionalgroup": group,
        "regionalstrategy": strategy,
        "maturityassessment": assessment,
        "practice": practice,
        "measure": measure,
        "followup": follow_up,
    }


@pytest.fixture
def own() -> dict[str, object]:
    return _entries(ITA_SUOMI, "Itä")


@pytest.fixture
def other() -> dict[str, object]:
    return _entries(UUSIMAA, "Uusimaa")


@pytest.fixture
def ita(client):
    client.force_login(make_coordinator("ita", ITA_SUOMI))
    return client


MODELS = ["regionalgroup", "regionalstrategy", "maturityassessment", "practice", "measure", "followup"]


def _url(model: str, obj=None, action: str = "change") -> str:
    if obj is None:
        return f"/fi/admin/cooperation/{model}/"
    return f"/fi/admin/cooperation/{model}/{obj.pk}/{action}/"


@pytest.mark.parametrize("model", MODELS)
def test_coordinator_lists_and_opens_only_own_areas_entries(ita, own, other, model):
    listing = ita.get(_url(model))
    assert listing.status_code == 200
    shown = {obj.pk for obj in listing.context["cl"].result_list}
    assert own[model].pk in shown and other[model].pk not in shown
    assert ita.get(_url(model, own[model])).status_code == 200


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("action", ["change", "delete", "history"])
def test_coordinator_cannot_open_another_areas_entry_by_url(ita, other, model, action):
    assert ita.get(_url(model, other[model], action)).status_code == 403


@pytest.mark.parametrize("model", MODELS)
def test_coordinator_cannot_delete_another_areas_entry_by_post(ita, other, model):
    response = ita.post(_url(model, other[model], "delete"), {"post": "yes"})
    assert response.status_code == 403
    assert type(other[model]).objects.filter(pk=other[model].pk).exists()


def test_bulk_delete_ignores_another_areas_ids(ita, own, other):
    ita.post(
        _url("practice"),
        {"action": "delete_selected", "_selected_action": [own["practice"].pk, other["practice"].pk], "post": "yes"},
    )
    assert Practice.objects.filter(pk=other["practice"].pk).exists()


def test_coordinator_cannot_move_a_group_to_another_area(ita, own):
    group = own["regionalgroup"]
    data = form_data(ita.get(_url("regionalgroup", group)).content.decode(), "regionalgroup_form")
    data["vitality_centre"] = str(_area(UUSIMAA).pk)
    response = ita.post(_url("regionalgroup", group), data)
    assert response.status_code == 200  # the form again, with the error
    group.refresh_from_db()
    assert group.vitality_centre.code == ITA_SUOMI


def test_coordinator_cannot_add_a_practice_only_for_another_area(ita):
    response = ita.post(
        "/fi/admin/cooperation/practice/add/",
        {
            "title_fi": "Vieras käytäntö",
            "summary_fi": "Tiivistelmä",
            "vitality_centres": [str(_area(UUSIMAA).pk)],
            "phase": "ongoing",
            "status": "draft",
            "origin": "entered",
            "links-TOTAL_FORMS": "0",
            "links-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "vitality_centres" in response.context["adminform"].form.errors
    assert not Practice.objects.filter(title_fi="Vieras käytäntö").exists()


def test_coordinator_cannot_see_national_measures(ita):
    national = Measure.objects.create(code="N-1", title_fi="Kansallinen", level="national")
    assert ita.get(_url("measure", national)).status_code == 403


def test_national_administrator_sees_every_area(client, own, other):
    client.force_login(make_national_administrator())
    for model in MODELS:
        shown = {obj.pk for obj in client.get(_url(model)).context["cl"].result_list}
        assert {own[model].pk, other[model].pk} <= shown, model


def test_follow_up_records_who_entered_it(ita, own):
    measure = own["measure"]
    response = ita.post(
        "/fi/admin/cooperation/followup/add/",
        {"measure": measure.pk, "date": "1.6.2025", "status": "progressing", "note_fi": "Etenee.", "origin": "entered"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = measure.follow_ups.get(date=datetime.date(2025, 6, 1))
    assert entry.recorded_by.username == "ita"


def test_assessment_form_shows_stage_descriptions_beside_the_choices(ita, own):
    html = ita.get("/fi/admin/cooperation/maturityassessment/add/").content.decode()
    assert 'type="radio"' in html
    assert "Strategiat laadittu yhdessä." in html  # stage 3 of regional operating models, in Finnish
    assert html.count('name="ratings-') > 0
    assert MaturityDimension.objects.count() == 5


def test_national_administrator_sees_latest_assessments_with_change(client, own):
    client.force_login(make_national_administrator())
    html = client.get(_url("maturityassessment")).content.decode()
    assert "Itä ELO-ryhmä" in html


def test_coordinator_start_page_shows_own_areas_coverage_gaps(ita):
    html = ita.get("/fi/admin/").content.decode()
    # Nothing is published in the test database: every municipality of the area is a gap, said in one sentence
    # (tests/test_dashboard.py) with a link to the area's coverage page; no other area's.
    assert "Palvelujen aukot: Itä-Suomen elinvoimakeskus" in html
    assert 'href="/fi/coverage/06/"' in html
    assert 'href="/fi/coverage/01/"' not in html


def test_national_start_page_shows_all_areas_side_by_side(client):
    client.force_login(make_national_administrator())
    response = client.get("/fi/admin/")
    assert response.content.decode().count('href="/fi/coverage/') == VitalityCentre.objects.in_force().count()


# --- Follow-up entries: a coordinator their own areas' regional measures, a national administrator all ----------


@pytest.fixture
def national_measure() -> Measure:
    measure = Measure.objects.create(code="N-1", title_fi="Kansallinen toimenpide", level="national")
    FollowUp.objects.create(measure=measure, date=datetime.date(2025, 1, 1), status="started")
    return measure


def _follow_up(measure: Measure, **values: object) -> dict[str, object]:
    return {
        "measure": measure.pk,
        "date": "1.6.2025",
        "status": "progressing",
        "note_fi": "Etenee.",
        "origin": "entered",
        **values,
    }


def test_coordinator_cannot_add_a_follow_up_to_another_areas_or_a_national_measure(ita, other, national_measure):
    for measure in (other["measure"], national_measure):
        response = ita.post("/fi/admin/cooperation/followup/add/", _follow_up(measure))
        assert response.status_code == 200  # the form again, with the error
        assert "measure" in response.context["adminform"].form.errors
        assert not measure.follow_ups.filter(date=datetime.date(2025, 6, 1)).exists()


def test_coordinator_cannot_move_own_follow_up_to_another_areas_measure(ita, own, other):
    entry = own["followup"]
    response = ita.post(_url("followup", entry), _follow_up(other["measure"]))
    assert response.status_code == 200
    assert "measure" in response.context["adminform"].form.errors
    entry.refresh_from_db()
    assert entry.measure == own["measure"] and entry.status == "started"


def test_coordinator_cannot_open_or_change_a_national_follow_up_by_url(ita, national_measure):
    entry = national_measure.follow_ups.get()
    for action in ("change", "delete", "history"):
        assert ita.get(_url("followup", entry, action)).status_code == 403, action
    version = entry.history.first()
    assert ita.get(f"/fi/admin/cooperation/followup/{entry.pk}/history/{version.history_id}/").status_code == 403
    assert ita.post(_url("followup", entry), _follow_up(national_measure, status="completed")).status_code == 403
    assert ita.post(_url("followup", entry, "delete"), {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    assert entry.status == "started"


def test_coordinator_cannot_change_another_areas_follow_up_by_post(ita, other):
    entry = other["followup"]
    assert ita.post(_url("followup", entry), _follow_up(entry.measure, status="completed")).status_code == 403
    version = entry.history.first()
    assert ita.get(f"/fi/admin/cooperation/followup/{entry.pk}/history/{version.history_id}/").status_code == 403
    entry.refresh_from_db()
    assert entry.status == "started"


def test_unknown_follow_up_is_404_not_403(ita):
    assert ita.get("/fi/admin/cooperation/followup/999999/change/").status_code in (302, 404)


def test_national_measure_and_its_follow_up_inline_are_out_of_a_coordinators_reach(ita, national_measure):
    assert ita.get(_url("measure", national_measure)).status_code == 403
    response = ita.post(
        _url("measure", national_measure),
        {
            "code": "N-1",
            "title_fi": "Kansallinen toimenpide",
            "level": "national",
            "origin": "entered",
            "follow_ups-TOTAL_FORMS": "1",
            "follow_ups-INITIAL_FORMS": "0",
            "follow_ups-0-date": "1.6.2025",
            "follow_ups-0-status": "completed",
        },
    )
    assert response.status_code == 403
    assert national_measure.follow_ups.count() == 1


def test_measure_autocomplete_offers_only_own_regional_measures(ita, own, other, national_measure):
    response = ita.get(
        "/fi/admin/autocomplete/",
        {"app_label": "cooperation", "model_name": "followup", "field_name": "measure", "term": ""},
    )
    assert response.status_code == 200
    offered = {int(row["id"]) for row in response.json()["results"]}
    assert own["measure"].pk in offered
    assert other["measure"].pk not in offered and national_measure.pk not in offered


def test_follow_up_list_and_bulk_delete_keep_to_own_areas(ita, own, other, national_measure):
    national_entry = national_measure.follow_ups.get()
    shown = {obj.pk for obj in ita.get(_url("followup")).context["cl"].result_list}
    assert shown == {own["followup"].pk}
    ita.post(
        _url("followup"),
        {
            "action": "delete_selected",
            "_selected_action": [own["followup"].pk, other["followup"].pk, national_entry.pk],
            "post": "yes",
        },
    )
    assert not FollowUp.objects.filter(pk=own["followup"].pk).exists()
    assert FollowUp.objects.filter(pk__in=[other["followup"].pk, national_entry.pk]).count() == 2


def test_recorded_by_is_the_logged_in_user_and_cannot_be_forged(ita, own):
    impostor = make_national_administrator("toinen")
    measure = own["measure"]
    response = ita.post(
        "/fi/admin/cooperation/followup/add/", _follow_up(measure, recorded_by=impostor.pk, recorded_by_id=impostor.pk)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = measure.follow_ups.get(date=datetime.date(2025, 6, 1))
    assert entry.recorded_by.username == "ita"
    response = ita.post(_url("followup", entry), _follow_up(measure, status="completed", recorded_by=impostor.pk))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == "completed" and entry.recorded_by.username == "ita"


def test_coordinator_records_a_follow_up_in_own_measures_inline(ita, own):
    measure = own["measure"]
    measure.national_goals.add(NationalGoal.objects.first())
    data = form_data(ita.get(_url("measure", measure)).content.decode(), "measure_form")
    assert data["follow_ups-TOTAL_FORMS"] == "2"  # the existing entry and an empty row to add one
    data.update({"follow_ups-1-date": "1.6.2025", "follow_ups-1-status": "completed", "follow_ups-1-recorded_by": "1"})
    response = ita.post(_url("measure", measure), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = measure.follow_ups.get(date=datetime.date(2025, 6, 1))
    assert entry.status == "completed" and entry.recorded_by.username == "ita"


def test_national_administrator_records_follow_ups_of_national_measures(client, national_measure, other):
    client.force_login(make_national_administrator())
    html = client.get(_url("measure", national_measure)).content.decode()
    assert 'name="follow_ups-TOTAL_FORMS"' in html
    for measure in (national_measure, other["measure"]):
        response = client.post("/fi/admin/cooperation/followup/add/", _follow_up(measure))
        assert response.status_code == 302, response.context["adminform"].form.errors
        entry = measure.follow_ups.get(date=datetime.date(2025, 6, 1))
        assert entry.recorded_by.username == "kansallinen"
