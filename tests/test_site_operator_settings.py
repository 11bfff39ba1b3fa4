"""Who runs the site comes from the deployment: nonsense is refused at start-up, and ``check --deploy`` refuses a
production configuration that names no organisation or contact address (the accessibility statement and the
privacy notice must name both)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from liv.env import env_email, env_text
from tests.test_settings import _manage, _secret_key

NAME = "LIV_TEST_OPERATOR"
PRODUCTION = {"DEBUG": "0", "ALLOWED_HOSTS": "liv.example.fi", "SITE_URL": "https://liv.example.fi"}
OPERATOR = {"SITE_ORGANISATION": "Esimerkkivirasto", "SITE_CONTACT_EMAIL": "liv@example.fi"}


@pytest.mark.parametrize("raw", ["liv", "liv@", "@example.fi", "liv@example", "liv example@example.fi"])
def test_a_contact_address_that_is_not_an_e_mail_address_is_refused(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)
    with pytest.raises(ImproperlyConfigured, match="is not an e-mail address"):
        env_email(NAME)


def test_an_organisation_name_on_two_lines_or_too_long_is_refused(monkeypatch):
    monkeypatch.setenv(NAME, "Opetushallitus\nUtbildningsstyrelsen")
    with pytest.raises(ImproperlyConfigured, match="one line"):
        env_text(NAME)
    monkeypatch.setenv(NAME, "x" * 201)
    with pytest.raises(ImproperlyConfigured, match="at most 200"):
        env_text(NAME)


def test_production_without_an_organisation_or_contact_address_fails_the_deploy_check():
    result = _manage("check", "--deploy", SECRET_KEY=_secret_key(), **PRODUCTION)
    assert result.returncode != 0
    assert "liv.E001" in result.stderr and "SITE_ORGANISATION is not set" in result.stderr
    assert "liv.E002" in result.stderr and "SITE_CONTACT_EMAIL is not set" in result.stderr


def test_a_site_address_at_a_host_the_site_refuses_fails_the_deploy_check():
    allowed = _manage("check", "--deploy", SECRET_KEY=_secret_key(), **OPERATOR, **PRODUCTION)
    refused = _manage(
        "check", "--deploy", SECRET_KEY=_secret_key(), **OPERATOR, **{**PRODUCTION, "SITE_URL": "https://liv.fi"}
    )
    assert "liv.E003" not in allowed.stderr
    assert refused.returncode != 0
    assert "liv.E003" in refused.stderr and "SITE_URL='https://liv.fi' names a host" in refused.stderr


def test_a_plain_http_site_address_behind_the_https_redirect_fails_the_deploy_check():
    plain = {**PRODUCTION, "SITE_URL": "http://liv.example.fi"}
    redirected = _manage("check", "--deploy", SECRET_KEY=_secret_key(), **OPERATOR, **plain)
    not_redirected = _manage(
        "check", "--deploy", SECRET_KEY=_secret_key(), **OPERATOR, **plain, SECURE_SSL_REDIRECT="0"
    )
    assert redirected.returncode != 0
    assert (
        "liv.E004" in redirected.stderr and "SITE_URL='http://liv.example.fi' is not an https://" in redirected.stderr
    )
    assert "liv.E004" not in not_redirected.stderr


def test_production_with_a_bad_contact_address_stops_start_up():
    result = _manage("check", SECRET_KEY=_secret_key(), SITE_CONTACT_EMAIL="saavutettavuus(at)example.fi", **PRODUCTION)
    assert result.returncode != 0
    assert "SITE_CONTACT_EMAIL='saavutettavuus(at)example.fi' is not an e-mail address" in result.stderr


def test_a_site_address_without_a_scheme_stops_start_up():
    result = _manage("check", SECRET_KEY=_secret_key(), **{**PRODUCTION, "SITE_URL": "liv.example.fi"})
    assert result.returncode != 0
    assert "SITE_URL='liv.example.fi' must be the site's address" in result.stderr
