"""The admin's own protection: failed logins limited per user name and address, and a strict CSP."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from tests.admin_support import ITA_SUOMI, PASSWORD, make_coordinator

pytestmark = pytest.mark.django_db

LOGIN = "/fi/admin/login/"


def login(address: str, username: str, password: str) -> int:
    client = Client(REMOTE_ADDR=address)
    response = client.post(LOGIN, {"username": username, "password": password, "next": "/fi/admin/"})
    return response.status_code


def test_failed_logins_lock_only_that_user_name_from_that_address():
    make_coordinator("ita", ITA_SUOMI)
    make_coordinator("kollega", ITA_SUOMI)
    office = "198.51.100.7"
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(office, "ita", "wrong-password")
    # Locked: even the right password is refused now (axes answers 429).
    assert login(office, "ita", PASSWORD) == 429
    # A colleague behind the same office address still gets in …
    assert login(office, "kollega", PASSWORD) == 302
    # … and so does the same person from another address.
    assert login("203.0.113.9", "ita", PASSWORD) == 302


def test_fewer_failures_than_the_limit_do_not_lock():
    make_coordinator("ita", ITA_SUOMI)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        login("198.51.100.8", "ita", "wrong-password")
    assert login("198.51.100.8", "ita", PASSWORD) == 302


def test_admin_pages_carry_a_strict_content_security_policy(client):
    client.force_login(make_coordinator("ita", ITA_SUOMI))
    for url in ["/fi/admin/", "/fi/admin/services/service/", "/fi/admin/services/service/add/"]:
        policy = client.get(url)["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "default-src 'self'" in policy


def test_admin_change_form_loads_no_script_or_style_from_outside(client):
    client.force_login(make_coordinator("ita", ITA_SUOMI))
    page = client.get("/fi/admin/services/service/add/").content.decode()
    assert "<script>" not in page  # no inline script blocks: the CSP would block them
    for marker in ('src="//', 'src="http', 'href="//', 'href="http://', "googleapis", "cdn"):
        assert marker not in page, marker
