"""Markup that the Content-Security-Policy or the Nu HTML checker refuses (issue 13, point 10): no inline style on
the admin's history pages, and no empty ``action=""`` on the public forms."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model

from cooperation.models import Practice
from regions.models import VitalityCentre
from tests.admin_support import PASSWORD
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.styles: list[str] = []
        self.forms: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if "style" in attributes:
            self.styles.append(f"<{tag} style={attributes['style']!r}>")
        if tag == "form":
            self.forms.append(attributes)


def _parse(html: str) -> _Attributes:
    parser = _Attributes()
    parser.feed(html)
    return parser


@pytest.fixture
def superuser_client(client):
    get_user_model().objects.create_superuser("paakayttaja", password=PASSWORD)
    client.force_login(get_user_model().objects.get(username="paakayttaja"))
    return client


def test_the_history_pages_have_no_inline_style(superuser_client) -> None:
    practice = Practice.objects.create(title_fi="Toimintamalli", summary_fi="Lyhyesti.", status="published")
    practice.vitality_centres.set([VitalityCentre.objects.get(code="06")])
    service = ServiceFactory()
    for url in (
        f"/fi/admin/cooperation/practice/{practice.pk}/history/",
        f"/sv/admin/services/service/{service.pk}/history/",
    ):
        response = superuser_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert 'id="change-history"' in html, url  # django-simple-history's list is there
        assert _parse(html).styles == [], url
        assert "<style" not in html, url
        assert "liv/admin-history.css" in html, url
        # The policy that would block an inline style is in force on the page.
        assert "style-src 'self'" in response["Content-Security-Policy"]
        assert "unsafe-inline" not in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("url", "action"),
    [
        ("/fi/practices/", "/fi/practices/"),
        ("/sv/practices/?q=ohjaus&goal=1", "/sv/practices/"),
        ("/fi/coverage/", "/fi/coverage/"),
        ("/en/coverage/06/?by=service_types", "/en/coverage/06/"),
    ],
)
def test_public_forms_have_a_real_action(client, url: str, action: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r'\saction=""', html)
    forms = _parse(html).forms
    assert forms
    for form in forms:
        assert form.get("action") in (None, action), form  # absent (this page) or this page's address
