"""Citizens report errors in an entry (and give feedback on the site); the report reaches the right coordinators."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from feedback import ratelimit
from feedback.models import Feedback
from services.models import Service
from tests.admin_support import ITA_SUOMI, UUSIMAA, make_coordinator, make_national_administrator
from tests.factories import ProviderFactory, ServiceFactory, municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def mikkeli_service() -> Service:
    return ServiceFactory(name_fi="Ohjaamo Mikkeli", provider=ProviderFactory(municipality=municipality("491")))


def report_url(service: Service, language: str = "fi") -> str:
    return f"/{language}/feedback/services/{service.pk}/"


def test_service_page_links_to_the_report_form(client, mikkeli_service):
    page = client.get(f"/fi/services/{mikkeli_service.pk}/").content.decode()
    assert report_url(mikkeli_service) in page


def test_report_form_is_shown_in_every_language(client, mikkeli_service):
    for language in ("fi", "sv", "en"):
        response = client.get(report_url(mikkeli_service, language))
        assert response.status_code == 200
        assert 'name="message"' in response.content.decode()


def test_citizen_reports_an_error_without_logging_in(client, mikkeli_service):
    response = client.post(report_url(mikkeli_service, "sv"), {"message": "Fel adress.", "email": ""})
    assert response.status_code == 302
    report = Feedback.objects.get()
    assert (report.service, report.message, report.language, report.status) == (
        mikkeli_service,
        "Fel adress.",
        "sv",
        Feedback.Status.NEW,
    )
    thanks = client.get(response["Location"]).content.decode()
    assert 'role="status"' in thanks and 'name="message"' not in thanks


def test_report_reaches_the_coordinator_of_the_services_area_and_not_others(client, mikkeli_service):
    client.post(report_url(mikkeli_service), {"message": "Aukioloajat ovat vanhentuneet."})
    ita, uusimaa = Client(), Client()
    ita.force_login(make_coordinator("ita", ITA_SUOMI))
    uusimaa.force_login(make_coordinator("uusimaa", UUSIMAA))
    assert "Aukioloajat ovat vanhentuneet." in ita.get("/fi/admin/feedback/feedback/").content.decode()
    assert "Aukioloajat ovat vanhentuneet." not in uusimaa.get("/fi/admin/feedback/feedback/").content.decode()
    report = Feedback.objects.get()
    assert uusimaa.get(f"/fi/admin/feedback/feedback/{report.pk}/change/").status_code == 403
    assert ita.get("/fi/admin/").context["liv_counts"].open_feedback == 1
    assert uusimaa.get("/fi/admin/").context["liv_counts"].open_feedback == 0


def test_coordinator_marks_a_report_handled(client, mikkeli_service):
    client.post(report_url(mikkeli_service), {"message": "Puhelinnumero puuttuu."})
    report = Feedback.objects.get()
    ita = Client()
    ita.force_login(make_coordinator("ita", ITA_SUOMI))
    ita.post("/fi/admin/feedback/feedback/", {"action": "mark_handled", "_selected_action": [report.pk]})
    report.refresh_from_db()
    assert report.status == Feedback.Status.HANDLED
    assert report.handled_by.username == "ita"


def test_coordinator_cannot_change_the_citizens_message(client, mikkeli_service):
    client.post(report_url(mikkeli_service), {"message": "Alkuperäinen viesti."})
    report = Feedback.objects.get()
    ita = Client()
    ita.force_login(make_coordinator("ita", ITA_SUOMI))
    ita.post(f"/fi/admin/feedback/feedback/{report.pk}/change/", {"message": "Muutettu", "status": "handled"})
    report.refresh_from_db()
    assert report.message == "Alkuperäinen viesti."
    assert report.status == Feedback.Status.HANDLED


def test_report_form_is_csrf_protected(mikkeli_service):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(report_url(mikkeli_service), {"message": "Ilman tokenia."}).status_code == 403
    assert not Feedback.objects.exists()


def test_honeypot_filled_in_saves_nothing_but_looks_the_same(client, mikkeli_service):
    response = client.post(report_url(mikkeli_service), {"message": "Buy now", "homepage": "http://spam.example"})
    assert response.status_code == 302
    assert not Feedback.objects.exists()


def test_reports_are_rate_limited_per_client(mikkeli_service):
    first, second = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="192.0.2.2")
    for number in range(ratelimit.LIMIT):
        assert first.post(report_url(mikkeli_service), {"message": f"Viesti {number}"}).status_code == 302
    response = first.post(report_url(mikkeli_service), {"message": "Yksi liikaa"})
    assert response.status_code == 429
    assert second.post(report_url(mikkeli_service), {"message": "Toinen asiakas"}).status_code == 302
    assert Feedback.objects.count() == ratelimit.LIMIT + 1


@pytest.mark.parametrize(
    "data",
    [{"message": ""}, {"message": "x" * 10_000}, {"message": "ok", "email": "not-an-address"}, {"message": "a\x00b"}],
)
def test_bad_reports_are_refused_with_the_form(client, mikkeli_service, data):
    response = client.post(report_url(mikkeli_service), data)
    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_reports_on_unpublished_or_unknown_services_are_not_accepted(client):
    draft = ServiceFactory(status=Service.Status.DRAFT)
    assert client.get(report_url(draft)).status_code == 404
    assert client.post(report_url(draft), {"message": "x"}).status_code == 404
    assert client.get("/fi/feedback/services/99999999999/").status_code == 404
    assert client.get("/fi/feedback/services/-1/").status_code == 404


def test_wrong_method_is_refused(client, mikkeli_service):
    assert client.put(report_url(mikkeli_service)).status_code == 405
    assert client.delete("/fi/feedback/site/").status_code == 405


def test_site_feedback_is_linked_from_the_accessibility_statement_and_reaches_national_administrators(client):
    assert "/fi/feedback/site/" in client.get("/fi/accessibility/").content.decode()
    assert client.post("/fi/feedback/site/", {"message": "Kontrasti on heikko."}).status_code == 302
    report = Feedback.objects.get()
    assert report.topic == Feedback.Topic.SITE
    coordinator, national = Client(), Client()
    coordinator.force_login(make_coordinator("ita", ITA_SUOMI))
    national.force_login(make_national_administrator())
    assert "Kontrasti on heikko." not in coordinator.get("/fi/admin/feedback/feedback/").content.decode()
    assert "Kontrasti on heikko." in national.get("/fi/admin/feedback/feedback/").content.decode()
