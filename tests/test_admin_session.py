"""Admin sessions end after a working day, and a refused ``next=`` after logging in lands on the admin start page.

Sessions lasted Django's default 14 days, and a log-in whose ``next=`` pointed elsewhere (refused, as it must
be) was sent to Django's default /accounts/profile/, a 404 (issue 13, point 10).
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from tests.admin_support import ITA_SUOMI, PASSWORD, make_coordinator
from tests.test_settings import _manage

pytestmark = pytest.mark.django_db


def test_admin_sessions_last_eight_hours_by_default():
    make_coordinator("ita", ITA_SUOMI)
    client = Client()
    response = client.post("/fi/admin/login/", {"username": "ita", "password": PASSWORD, "next": "/fi/admin/"})
    assert response.status_code == 302
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 8 * 60 * 60


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_a_refused_next_lands_on_the_admin_start_page(lang, target):
    make_coordinator("ita", ITA_SUOMI)
    client = Client()
    response = client.post(f"/{lang}/admin/login/", {"username": "ita", "password": PASSWORD, "next": target})
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/admin/"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("value", ["8h", "0", "59", "-1"])
def test_nonsense_session_age_is_refused(value):
    result = _manage("check", DEBUG="1", SESSION_COOKIE_AGE=value)
    assert result.returncode != 0
    assert "SESSION_COOKIE_AGE" in result.stderr
