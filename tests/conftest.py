"""Shared fixtures: a real PostgreSQL test database with the official reference data loaded once."""

from __future__ import annotations

import os

os.environ.setdefault("LIV_TESTING", "1")

import pytest
from django.core.management import call_command
from django.utils import translation

from tests.smtp_server import smtp_server  # noqa: F401 - a real SMTP server for the e-mail tests


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the areas and vocabularies once; every test runs in a transaction rolled back after it."""
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0)


@pytest.fixture(autouse=True)
def _finnish_interface():
    """Pin the language, so a test's outcome never depends on what ran before it (pretix does the same)."""
    with translation.override("fi"):
        yield
