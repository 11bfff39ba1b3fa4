"""E-mail settings come from the environment and refuse combinations that cannot work or would leak a password."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from liv.email_config import CONSOLE, SMTP, read_email_settings

VARIABLES = [
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_TIMEOUT",
    "DEFAULT_FROM_EMAIL",
]


@pytest.fixture
def env(monkeypatch):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)

    def set_(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(name, value)

    return set_


def test_make_run_prints_e_mails_on_the_console(env):
    settings = read_email_settings(debug=True)
    assert (settings.backend, settings.configured) == (CONSOLE, True)


def test_production_without_a_host_sends_nothing_and_says_so(env):
    settings = read_email_settings(debug=False)
    assert (settings.backend, settings.configured) == (SMTP, False)


def test_production_smtp_with_starttls_on_587_by_default(env):
    env(
        EMAIL_HOST="smtp.example.fi",
        EMAIL_HOST_USER="liv",
        EMAIL_HOST_PASSWORD="secret",
        DEFAULT_FROM_EMAIL="LIV <liv@example.fi>",
    )
    settings = read_email_settings(debug=False)
    assert (settings.backend, settings.host, settings.port, settings.use_tls, settings.use_ssl) == (
        SMTP,
        "smtp.example.fi",
        587,
        True,
        False,
    )
    assert settings.from_email == "LIV <liv@example.fi>"


def test_implicit_tls_on_465(env):
    env(EMAIL_HOST="smtp.example.fi", EMAIL_USE_SSL="1", DEFAULT_FROM_EMAIL="liv@example.fi")
    settings = read_email_settings(debug=False)
    assert (settings.port, settings.use_tls, settings.use_ssl) == (465, False, True)


def test_a_local_relay_without_encryption(env):
    env(EMAIL_HOST="localhost", EMAIL_USE_TLS="0", DEFAULT_FROM_EMAIL="liv@example.fi")
    settings = read_email_settings(debug=False)
    assert (settings.port, settings.use_tls) == (25, False)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1"}, "both on"),
        ({"EMAIL_HOST": "smtp://smtp.example.fi:587"}, "not a host name"),
        ({"EMAIL_HOST": "smtp.example.fi:587"}, "not a host name"),
        ({"EMAIL_PORT": "0"}, "below the minimum"),
        ({"EMAIL_PORT": "70000"}, "above the maximum"),
        ({"EMAIL_PORT": "smtp"}, "not a whole number"),
        ({"EMAIL_USE_TLS": "maybe"}, "not a boolean"),
        ({"EMAIL_HOST_USER": "liv"}, "go together"),
        ({"EMAIL_HOST_PASSWORD": "secret"}, "go together"),
        ({"EMAIL_USE_TLS": "0", "EMAIL_HOST_USER": "liv", "EMAIL_HOST_PASSWORD": "secret"}, "unencrypted"),
        ({"DEFAULT_FROM_EMAIL": "LIV"}, "not an e-mail address"),
        ({"DEFAULT_FROM_EMAIL": "liv@"}, "not an e-mail address"),
        ({"EMAIL_TIMEOUT": "0"}, "below the minimum"),
    ],
)
def test_nonsense_stops_start_up_with_a_message(env, values, message):
    env(**{"EMAIL_HOST": "smtp.example.fi", "DEFAULT_FROM_EMAIL": "liv@example.fi", **values})
    with pytest.raises(ImproperlyConfigured, match=message):
        read_email_settings(debug=False)


def test_a_production_host_needs_a_sender(env):
    env(EMAIL_HOST="smtp.example.fi")
    with pytest.raises(ImproperlyConfigured, match="DEFAULT_FROM_EMAIL must be set"):
        read_email_settings(debug=False)


def test_a_port_or_password_without_a_host_is_refused(env):
    env(EMAIL_PORT="587")
    with pytest.raises(ImproperlyConfigured, match="without EMAIL_HOST"):
        read_email_settings(debug=False)
