"""Each admin user chooses their own e-mails and their language, and nobody else's."""

from __future__ import annotations

import pytest
from django.test import Client

from notifications.models import NotificationPreference
from tests.admin_support import ITA_SUOMI, UUSIMAA, form_data, make_coordinator, make_national_administrator

pytestmark = pytest.mark.django_db

LIST = "/fi/admin/notifications/notificationpreference/"


def logged_in(user) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def test_a_coordinator_opens_their_own_choices_and_saves_them():
    user = make_coordinator("ita", ITA_SUOMI)
    client = logged_in(user)

    response = client.get(LIST)
    preference = NotificationPreference.objects.get(user=user)
    form_url = f"{LIST}{preference.pk}/change/"
    assert response.status_code == 302 and response["Location"] == form_url

    page = client.get(form_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Sähköpostien kieli" in html and "viikoittainen tarkistuslista" in html.lower()

    data = form_data(html, "notificationpreference_form")
    data.update(language="sv")
    data.pop("review_digest", None)  # unticked
    saved = client.post(form_url, data)
    assert saved.status_code == 302 and saved["Location"] == "/fi/admin/"
    preference.refresh_from_db()
    assert (preference.language, preference.review_digest, preference.entry_feedback) == ("sv", False, True)
    assert "Sähköposti-ilmoitusvalintasi on tallennettu." in client.get("/fi/admin/").content.decode()

    stayed = client.post(form_url, {**data, "language": "en", "_continue": "1"})
    assert stayed["Location"] == form_url
    preference.refresh_from_db()
    assert preference.language == "en"


def test_nobody_opens_another_users_choices():
    owner = make_coordinator("ita", ITA_SUOMI)
    other = NotificationPreference.objects.create(user=make_coordinator("uusimaa", UUSIMAA))
    for user in (owner, make_national_administrator()):
        client = logged_in(user)
        response = client.get(f"{LIST}{other.pk}/change/")
        assert response.status_code == 302  # Django's "does not exist" answer: back to the start page
        assert client.post(f"{LIST}{other.pk}/change/", {"language": "en"}).status_code in (302, 403)
    other.refresh_from_db()
    assert other.language == "fi"


def test_every_admin_page_links_to_ones_own_choices():
    client = logged_in(make_coordinator("ita", ITA_SUOMI))
    for url in ("/fi/admin/", "/fi/admin/services/service/", "/sv/admin/feedback/feedback/"):
        html = client.get(url).content.decode()
        assert f'<a href="{LIST.replace("/fi/", url[:4])}">' in html
    assert "Omat sähköposti-ilmoitukset" in client.get("/fi/admin/").content.decode()
    assert "Mina e-postaviseringar" in client.get("/sv/admin/").content.decode()


def test_a_bad_id_answers_without_an_error():
    client = logged_in(make_coordinator("ita", ITA_SUOMI))
    assert client.get(f"{LIST}not-a-number/change/").status_code in (302, 404)


def test_the_log_is_for_national_administrators():
    assert logged_in(make_coordinator("ita", ITA_SUOMI)).get("/fi/admin/notifications/notification/").status_code == 403
    assert logged_in(make_national_administrator()).get("/fi/admin/notifications/notification/").status_code == 200
