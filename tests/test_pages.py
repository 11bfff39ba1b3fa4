"""Every public page answers in Finnish, Swedish and English, with the right language and a working switcher."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model

from tests.factories import OpeningHoursFactory, PhoneChannelFactory, ServiceFactory

LANGUAGES = ["fi", "sv", "en"]
pytestmark = pytest.mark.django_db


@pytest.fixture
def service():
    service = ServiceFactory(name_fi="Ohjaamo Olkkari", name_sv="Navigatorn Olkkari", name_en="Ohjaamo Olkkari")
    OpeningHoursFactory(location__service=service)
    PhoneChannelFactory(service=service)
    return service


def _pages(service):
    return [
        "/{lang}/",
        "/{lang}/about/",
        "/{lang}/accessibility/",
        f"/{{lang}}/services/{service.pk}/",
        f"/{{lang}}/providers/{service.provider.pk}/",
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_answers_in_every_language(client, service, lang):
    for page in _pages(service):
        response = client.get(page.format(lang=lang))
        assert response.status_code == 200, page
        html = response.content.decode()
        assert f'<html lang="{lang}">' in html
        assert html.count("<h1") == 1, page
        assert 'href="#main"' in html and 'id="main"' in html


def test_language_switcher_keeps_the_page_and_query(client, service):
    html = client.get(f"/fi/services/{service.pk}/?from=search").content.decode()
    assert f'href="/sv/services/{service.pk}/?from=search"' in html
    assert f'href="/en/services/{service.pk}/?from=search"' in html


def test_root_redirects_to_a_language(client):
    response = client.get("/", headers={"accept-language": "sv"})
    assert response.status_code == 302
    assert response["Location"] == "/sv/"


def test_detail_page_shows_location_hours_and_phone(client, service):
    html = client.get(f"/en/services/{service.pk}/").content.decode()
    assert "Esimerkkikatu 1" in html  # no English street address: the Finnish one, marked
    assert re.search(r'<span lang="fi">Esimerkkikatu 1</span>', html)
    assert "09.00–16.00" in html
    assert 'href="tel:+358295000"' in html


def test_unpublished_service_is_not_shown(client):
    draft = ServiceFactory(status="draft")
    assert client.get(f"/fi/services/{draft.pk}/").status_code == 404


@pytest.mark.parametrize("lang", LANGUAGES)
def test_not_found_page_is_translated(client, lang):
    response = client.get(f"/{lang}/services/999999999/")
    assert response.status_code == 404
    assert f'<html lang="{lang}">' in response.content.decode()


def test_admin_loads_for_a_superuser(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "a-long-test-password")
    client.force_login(user)
    for url in ["/fi/admin/", "/fi/admin/services/service/", "/fi/admin/services/service/add/"]:
        assert client.get(url).status_code == 200, url
