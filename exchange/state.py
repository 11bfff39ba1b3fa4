"""The directory's version and last change (migration exchange/0001), the API's validators are made from."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection


@dataclass(frozen=True)
class DirectoryState:
    version: int
    changed_at: datetime.datetime


def current() -> DirectoryState | None:
    """One indexed read of one row; None only between a test's flush and the next change."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT version, changed_at FROM exchange_directory_state WHERE id = 1")
        row = cursor.fetchone()
    return DirectoryState(*row) if row else None
