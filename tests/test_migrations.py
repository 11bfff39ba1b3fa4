"""The models and the migrations agree: a model change without its migration fails here, not in production."""

from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_missing_migrations():
    # check=True makes makemigrations exit with an error when a migration would be written.
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)
