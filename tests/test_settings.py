"""Settings come from the environment and refuse what they do not understand, before the site starts.

The start-up tests run ``manage.py`` in a subprocess with a clean environment, as a container would, so
that nothing from the test run (LIV_TESTING, a developer's DEBUG=1) can make them pass by accident.
"""

from __future__ import annotations

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from liv.env import env_bool, env_int, env_list, env_str

REPO = Path(settings.BASE_DIR)
NAME = "LIV_TEST_SETTING"


def _secret_key() -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(60))


def _manage(*args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    """Run manage.py with only PATH and the given variables set (no LIV_TESTING, no DEBUG from the shell)."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", **environment}
    if "LIV_PGDATA" in os.environ:
        env.setdefault("LIV_PGDATA", os.environ["LIV_PGDATA"])
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )


# --- The environment reader ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), ("True", True), (" yes ", True), ("on", True), ("0", False), ("false", False),
     ("NO", False), ("off", False)],
)  # fmt: skip
def test_env_bool_understands_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv(NAME, raw)
    assert env_bool(NAME, not expected) is expected


@pytest.mark.parametrize("raw", ["ture", "2", "-1", "y", "enabled", "truee", "0.0"])
def test_env_bool_refuses_nonsense(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)
    with pytest.raises(ImproperlyConfigured, match=NAME):
        env_bool(NAME, False)


def test_unset_or_empty_variables_take_the_default(monkeypatch):
    monkeypatch.delenv(NAME, raising=False)
    assert env_bool(NAME, True) is True
    assert env_int(NAME, 7) == 7
    assert env_list(NAME, ["a"]) == ["a"]
    assert env_str(NAME, "x") == "x"
    monkeypatch.setenv(NAME, "")
    assert env_bool(NAME, False) is False
    assert env_int(NAME, 7) == 7
    assert env_str(NAME) is None


def test_env_int_reads_whole_numbers_within_bounds(monkeypatch):
    monkeypatch.setenv(NAME, "60")
    assert env_int(NAME, 0, minimum=0, maximum=3600) == 60


@pytest.mark.parametrize("raw", ["-1", "-60"])
def test_env_int_refuses_negative_numbers_where_a_minimum_is_set(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)
    with pytest.raises(ImproperlyConfigured, match="below the minimum 0"):
        env_int(NAME, 60, minimum=0)


@pytest.mark.parametrize("raw", ["sixty", "1.5", "1e3", "60s", "0x10"])
def test_env_int_refuses_what_is_not_a_whole_number(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env_int(NAME, 60)


def test_env_int_refuses_numbers_above_the_maximum(monkeypatch):
    monkeypatch.setenv(NAME, "100")
    with pytest.raises(ImproperlyConfigured, match="above the maximum 64"):
        env_int(NAME, 4, minimum=1, maximum=64)


def test_env_list_splits_on_commas_and_trims(monkeypatch):
    monkeypatch.setenv(NAME, "liv.example.fi, www.liv.example.fi")
    assert env_list(NAME, []) == ["liv.example.fi", "www.liv.example.fi"]


@pytest.mark.parametrize("raw", ["a,,b", "a,", ",a", "a, ,b"])
def test_env_list_refuses_empty_items(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)
    with pytest.raises(ImproperlyConfigured, match="empty item"):
        env_list(NAME, [])


# --- Start-up in production mode ----------------------------------------------------------------------


def test_deploy_check_reports_no_issues_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", DEBUG="0", SECRET_KEY=_secret_key(),
                     ALLOWED_HOSTS="liv.example.fi", SITE_URL="https://liv.example.fi",
                     SITE_ORGANISATION="Esimerkkivirasto", SITE_CONTACT_EMAIL="liv@example.fi")  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_missing_secret_key_with_debug_off_stops_start_up_with_a_clear_message():
    result = _manage("check", DEBUG="0", ALLOWED_HOSTS="liv.example.fi")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_short_or_development_secret_key_is_refused_in_production():
    for key in ["too-short", "insecure-development-key-only-for-DEBUG-and-tests"]:
        result = _manage("check", DEBUG="0", SECRET_KEY=key, ALLOWED_HOSTS="liv.example.fi")
        assert result.returncode != 0
        assert "SECRET_KEY must be a random string of at least 50 characters" in result.stderr


def test_misspelt_debug_stops_start_up():
    result = _manage("check", DEBUG="ture", SECRET_KEY=_secret_key())
    assert result.returncode != 0
    assert "DEBUG='ture' is not a boolean" in result.stderr


@pytest.mark.parametrize(
    "url", ["sqlite:///db.sqlite3", "mysql://liv:secret@db/liv", "postgis-but-not-really://db/liv", "db/liv"]
)
def test_database_url_that_is_not_postgresql_is_refused(url):
    result = _manage("check", DEBUG="0", SECRET_KEY=_secret_key(), DATABASE_URL=url)
    assert result.returncode != 0
    assert "DATABASE_URL must be a PostgreSQL URL" in result.stderr
