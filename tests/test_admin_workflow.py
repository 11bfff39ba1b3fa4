"""The review workflow, translations, opening hours, history and the start page, as a coordinator meets them."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from feedback.models import Feedback
from services import opening_hours
from services.models import OpeningHours, Service
from tests.admin_support import ITA_SUOMI, UUSIMAA, form_data, make_coordinator
from tests.factories import ProviderFactory, ServiceFactory, ServiceLocationFactory, municipality

pytestmark = pytest.mark.django_db

MIKKELI = "491"


def own_service(**fields) -> Service:
    return ServiceFactory(provider=ProviderFactory(municipality=municipality(MIKKELI)), **fields)


@pytest.fixture
def ita(client):
    client.force_login(make_coordinator("ita", ITA_SUOMI))
    return client


def act(client, action: str, *services: Service):
    return client.post(
        "/fi/admin/services/service/", {"action": action, "_selected_action": [s.pk for s in services]}, follow=True
    )


# --- Workflow -----------------------------------------------------------------------------------------------


def test_bulk_publish_publishes_complete_drafts_and_refuses_those_without_finnish_summary(ita):
    ready = own_service(name_fi="Valmis", status=Service.Status.DRAFT)
    unready = own_service(name_fi="Keskeneräinen", status=Service.Status.DRAFT, summary_fi="")
    page = act(ita, "publish", ready, unready).content.decode()
    ready.refresh_from_db()
    unready.refresh_from_db()
    assert ready.status == Service.Status.PUBLISHED
    assert unready.status == Service.Status.DRAFT
    assert "Keskeneräinen" in page  # the refusal names the entry


def test_only_published_services_are_public(client):
    draft = own_service(status=Service.Status.DRAFT)
    archived = own_service(status=Service.Status.ARCHIVED)
    published = own_service()
    assert client.get(f"/fi/services/{draft.pk}/").status_code == 404
    assert client.get(f"/fi/services/{archived.pk}/").status_code == 404
    assert client.get(f"/fi/services/{published.pk}/").status_code == 200


def test_bulk_archive_and_mark_reviewed_are_recorded_in_history_with_the_user(ita):
    service = own_service(last_reviewed=datetime.date(2020, 1, 1))
    act(ita, "archive", service)
    act(ita, "mark_reviewed", service)
    service.refresh_from_db()
    assert service.status == Service.Status.ARCHIVED
    assert service.last_reviewed == timezone.localdate()
    latest, archived = service.history.all()[:2]
    assert latest.history_user.username == "ita"
    assert latest.last_reviewed == timezone.localdate()
    assert archived.status == Service.Status.ARCHIVED
    # The reason is written in the language of the admin the coordinator used (/fi/admin/).
    assert archived.history_change_reason == "Arkistoitu"


def test_needs_review_filter_lists_entries_not_reviewed_in_twelve_months(ita):
    own_service(name_fi="Vanha tieto", last_reviewed=timezone.localdate() - datetime.timedelta(days=400))
    own_service(name_fi="Tuore tieto", last_reviewed=timezone.localdate() - datetime.timedelta(days=10))
    own_service(name_fi="Ei koskaan tarkistettu", last_reviewed=None)
    page = ita.get("/fi/admin/services/service/", {"review": "needed"}).content.decode()
    assert "Vanha tieto" in page
    assert "Ei koskaan tarkistettu" in page
    assert "Tuore tieto" not in page


# --- Translations -------------------------------------------------------------------------------------------


def test_change_list_filters_entries_missing_swedish_or_english(ita):
    own_service(name_fi="Vain suomeksi", name_sv="", summary_sv="", name_en="", summary_en="")
    own_service(name_fi="Ilman englantia", name_en="", summary_en="")
    own_service(name_fi="Kaikilla kielillä")
    swedish = ita.get("/fi/admin/services/service/", {"missing": "sv"}).content.decode()
    english = ita.get("/fi/admin/services/service/", {"missing": "en"}).content.decode()
    assert "Vain suomeksi" in swedish and "Ilman englantia" not in swedish and "Kaikilla kielillä" not in swedish
    assert "Vain suomeksi" in english and "Ilman englantia" in english and "Kaikilla kielillä" not in english


def test_change_list_shows_the_missing_languages_of_each_entry(ita):
    own_service(name_fi="Ilman ruotsia", name_sv="", summary_sv="")
    page = ita.get("/fi/admin/services/service/").content.decode()
    assert '<td class="field-missing_languages">SV</td>' in page


def test_change_form_has_the_language_tabs_served_locally(ita):
    service = own_service()
    page = ita.get(f"/fi/admin/services/service/{service.pk}/change/").content.decode()
    assert "/static/liv/vendor/jquery-ui/jquery-ui.min.js" in page
    assert "tabbed_translation_fields.js" in page
    assert "googleapis" not in page and "//ajax." not in page


def test_saving_without_swedish_warns_but_saves(ita):
    service = own_service(name_sv="", summary_sv="")
    data = form_data(ita.get(f"/en/admin/services/service/{service.pk}/change/").content.decode(), "service_form")
    data["description_fi"] = "Uusi kuvaus."
    response = ita.post(f"/en/admin/services/service/{service.pk}/change/", data, follow=True)
    service.refresh_from_db()
    assert service.description_fi == "Uusi kuvaus."
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert warnings and "Swedish" in warnings[0]


def test_publishing_in_the_form_requires_finnish_name_and_summary(ita):
    service = own_service(status=Service.Status.DRAFT, summary_fi="")
    data = form_data(ita.get(f"/fi/admin/services/service/{service.pk}/change/").content.decode(), "service_form")
    data["status"] = "published"
    response = ita.post(f"/fi/admin/services/service/{service.pk}/change/", data)
    assert response.status_code == 200
    service.refresh_from_db()
    assert service.status == Service.Status.DRAFT


def test_validation_messages_are_in_the_coordinators_language(ita):
    service = own_service()
    data = form_data(ita.get(f"/sv/admin/services/service/{service.pk}/change/").content.decode(), "service_form")
    data["status"] = "nonsense"
    data["locations-TOTAL_FORMS"] = "1"
    data["locations-0-municipality"] = str(municipality(MIKKELI).pk)
    data["locations-0-postal_code"] = "501"
    data["locations-0-opening_hours_text"] = "ma 16-9"
    page = ita.post(f"/sv/admin/services/service/{service.pk}/change/", data).content.decode()
    assert "Välj ett giltigt alternativ" in page  # Django's own message, in Swedish


# --- Opening hours as text ------------------------------------------------------------------------------------


def test_opening_hours_text_in_any_of_the_three_languages():
    assert opening_hours.parse("ma-pe 9-16") == opening_hours.parse("Mon–Fri 9:00–16:00")
    assert opening_hours.parse("må-fr 9.00-16.00") == opening_hours.parse("ma–pe 9.00–16.00")
    periods = opening_hours.parse("ti 9-12, 13-16\nla 10-14")
    assert [(p.weekday, p.opens.hour, p.closes.hour) for p in periods] == [(2, 9, 12), (2, 13, 16), (6, 10, 14)]


@pytest.mark.parametrize(
    "text",
    ["xx 9-16", "ma 16-9", "ma 25-26", "ma 9-12, 11-14", "pe-ma 9-16", "maanantaina", "ma 9"],
)
def test_opening_hours_text_mistakes_are_refused(text):
    with pytest.raises(ValidationError):
        opening_hours.parse(text)


def test_opening_hours_text_round_trip_joins_equal_days():
    periods = opening_hours.parse("ma 9-16\nti 9-16\nke 9-16\nto 12-18\npe 9-16")
    assert opening_hours.format_hours(periods, "fi") == "ma–ke 9.00–16.00\nto 12.00–18.00\npe 9.00–16.00"
    assert opening_hours.format_hours(periods, "en").startswith("Mon–Wed 9.00–16.00")


def test_coordinator_enters_opening_hours_in_the_location_inline(ita):
    location = ServiceLocationFactory(service=own_service(), municipality=municipality(MIKKELI))
    url = f"/fi/admin/services/service/{location.service.pk}/change/"
    data = form_data(ita.get(url).content.decode(), "service_form")
    data["locations-0-opening_hours_text"] = "ma-to 9-16\npe 9-14"
    assert ita.post(url, data).status_code == 302
    rows = OpeningHours.objects.filter(location=location)
    assert [(r.weekday, r.opens.hour, r.closes.hour) for r in rows] == [
        (1, 9, 16),
        (2, 9, 16),
        (3, 9, 16),
        (4, 9, 16),
        (5, 9, 14),
    ]
    data["locations-0-opening_hours_text"] = "ma 16-9"
    response = ita.post(url, data)
    assert response.status_code == 200
    assert "Line 1" in response.content.decode() or "Rivi 1" in response.content.decode()
    assert OpeningHours.objects.filter(location=location).count() == 5


# --- History ----------------------------------------------------------------------------------------------------


def test_history_records_translated_fields_and_the_coordinator_restores_an_earlier_version(ita):
    service = own_service(name_sv="Gammalt namn")
    url = f"/fi/admin/services/service/{service.pk}/change/"
    data = form_data(ita.get(url).content.decode(), "service_form")
    data["name_sv"] = "Nytt namn"
    assert ita.post(url, data).status_code == 302
    latest, original = service.history.all()[:2]
    assert (original.name_sv, latest.name_sv) == ("Gammalt namn", "Nytt namn")
    assert latest.history_user.username == "ita"
    history_page = ita.get(f"/fi/admin/services/service/{service.pk}/history/").content.decode()
    assert "Nytt namn" in history_page
    # Revert: simple-history's form shows the earlier version; saving it restores it.
    revert_url = f"/fi/admin/services/service/{service.pk}/history/{original.history_id}/"
    revert = form_data(ita.get(revert_url).content.decode(), "historicalservice_form")
    assert revert["name_sv"] == "Gammalt namn"
    assert ita.post(revert_url, revert).status_code == 302
    service.refresh_from_db()
    assert service.name_sv == "Gammalt namn"


# --- Start page --------------------------------------------------------------------------------------------------


def test_start_page_shows_the_coordinators_area_counts(ita):
    own_service()
    own_service(last_reviewed=None)  # published, needs review
    own_service(status=Service.Status.DRAFT)
    own_service(name_en="", summary_en="")  # published, missing English
    ServiceFactory()  # Uusimaa's: not counted
    Feedback.objects.create(topic="service", service=own_service(), message="Väärä osoite", language="fi")
    response = ita.get("/fi/admin/")
    counts = response.context["liv_counts"]
    assert (counts.published, counts.drafts, counts.needing_review, counts.missing_translations) == (4, 1, 1, 1)
    assert counts.open_feedback == 1
    assert "Itä-Suomen elinvoimakeskus" in response.content.decode()


def test_start_page_of_another_coordinator_does_not_count_these(client):
    own_service()
    client.force_login(make_coordinator("uusimaa", UUSIMAA))
    assert client.get("/fi/admin/").context["liv_counts"].published == 0
