"""Failed log-ins behind the documented proxy: nobody outside can lock a coordinator out.

Behind a reverse proxy every client connects from the proxy's address. Counting failures per user name and
*that* address let anyone lock any known coordinator out (issue 13, point 5). The client's address now comes
from the header our own proxies write (``TRUSTED_PROXY_COUNT``), the (user name, address) pair is locked, and a
much higher limit per user name never blocks an address the user has logged in from before. The lock-out page
is a translated page in the site's layout.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, RequestFactory, override_settings

from liv.client_address import client_address
from tests.admin_support import ITA_SUOMI, PASSWORD, make_coordinator
from tests.test_settings import _manage

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
LOGIN = "/{lang}/admin/login/"


@pytest.fixture(autouse=True)
def _behind_one_proxy(settings):
    """As in docs/deployment.md: one TLS proxy of our own in front of gunicorn."""
    settings.TRUSTED_PROXY_COUNT = 1


def login(address: str, username: str, password: str, lang: str = "fi"):
    """A log-in through the proxy: the connection comes from the proxy, which appends the client's address."""
    client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)
    return client.post(LOGIN.format(lang=lang), {"username": username, "password": password, "next": "/fi/admin/"})


# --- The client's address --------------------------------------------------------------------------------------


def _request(remote: str, forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "203.0.113.5", PROXY),  # no proxy of ours: the header is the client's own claim
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "1.1.1.1, 203.0.113.5", "203.0.113.5"),  # the client's own entry in front is ignored
        (2, "1.1.1.1, 203.0.113.5, 10.0.0.9", "203.0.113.5"),
        (2, "203.0.113.5", PROXY),  # fewer entries than proxies: not through them, count the connection
        (1, "not-an-address", PROXY),
        (1, "203.0.113.5:4711", "203.0.113.5"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "", PROXY),
    ],
)
def test_client_address_comes_from_the_trusted_proxies_entry(count, forwarded, expected):
    with override_settings(TRUSTED_PROXY_COUNT=count):
        assert client_address(_request(PROXY, forwarded)) == expected


# --- Lock-out behind the proxy -----------------------------------------------------------------------------------


def test_a_stranger_behind_the_proxy_cannot_lock_a_coordinator_out():
    make_coordinator("ita", ITA_SUOMI)
    stranger, coordinator = "203.0.113.66", "198.51.100.7"
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(stranger, "ita", "wrong-password")
    assert login(stranger, "ita", PASSWORD).status_code == 429  # the stranger's pair is locked …
    assert login(coordinator, "ita", PASSWORD).status_code == 302  # … the coordinator elsewhere gets in


@override_settings(LOGIN_USERNAME_FAILURE_LIMIT=12)
def test_guessing_from_many_addresses_never_locks_the_owner_out_of_a_known_address():
    make_coordinator("ita", ITA_SUOMI)
    office = "198.51.100.7"
    assert login(office, "ita", PASSWORD).status_code == 302  # the office address is known from now on
    for attempt in range(12):  # a guesser spread over addresses, under the pair's limit on each
        login(f"203.0.113.{attempt // 3 + 1}", "ita", "wrong-password")
    # A new address is held back, even with the right password …
    refused = login("192.0.2.44", "ita", PASSWORD)
    assert refused.status_code == 429
    assert "osoitteesta, josta sillä on kirjauduttu aiemmin" in refused.content.decode()
    # … but the owner still gets in from the office.
    assert login(office, "ita", PASSWORD).status_code == 302


def test_failures_below_the_user_name_limit_do_not_hold_back_a_new_address():
    make_coordinator("ita", ITA_SUOMI)
    for attempt in range(settings.AXES_FAILURE_LIMIT * 2 - 1):
        login(f"203.0.113.{attempt + 1}", "ita", "wrong-password")
    assert login("192.0.2.44", "ita", PASSWORD).status_code == 302


# --- The lock-out page -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fi", "Liian monta epäonnistunutta kirjautumista"),
        ("sv", "För många misslyckade inloggningar"),
        ("en", "Too many failed log-ins"),
    ],
)
def test_lock_out_page_is_translated_in_the_sites_layout(lang, text):
    make_coordinator("ita", ITA_SUOMI)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login("203.0.113.66", "ita", "wrong-password", lang=lang)
    response = login("203.0.113.66", "ita", PASSWORD, lang=lang)
    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME * 3600
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{text}</h1>" in html
    assert 'class="site-header"' in html
    assert "Account locked" not in html  # axes' English plain text


# --- Configuration -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TRUSTED_PROXY_COUNT", "one"),
        ("TRUSTED_PROXY_COUNT", "-1"),
        ("TRUSTED_PROXY_COUNT", "9"),
        ("LOGIN_USERNAME_FAILURE_LIMIT", "5"),  # not above the pair's limit: it would lock the owner out
    ],
)
def test_nonsense_proxy_and_limit_settings_are_refused(name, value):
    result = _manage("check", DEBUG="1", **{name: value})
    assert result.returncode != 0
    assert name in result.stderr
