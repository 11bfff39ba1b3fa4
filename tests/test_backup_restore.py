"""Backup and restore drill (bench/backup_restore.py): pg_dump of a database with the demo directory, pg_restore
into an empty new database, and the site serves the same pages from it, byte for byte.

About 30–45 s on the 2-core machine: two databases filled and rendered by fresh Django processes. The databases
are named after this run's test database, so that concurrent test runs do not meet.
"""

from __future__ import annotations

import os

import pytest

from bench import backup_restore

PREFIX = os.environ.get("TEST_DATABASE_NAME", "test_liv")
SOURCE = f"{PREFIX}_drill_source"
RESTORED = f"{PREFIX}_drill_restored"


@pytest.fixture(scope="module")
def drill():
    try:
        yield backup_restore.drill(source=SOURCE, restored=RESTORED, keep=True)
    finally:
        backup_restore.drop(SOURCE)
        backup_restore.drop(RESTORED)


def test_restored_database_serves_the_same_pages_byte_for_byte(drill):
    assert drill["services"] > 50
    assert len(drill["restored_pages"]) >= 25
    assert drill["differences"] == []


def test_every_checked_page_answers_and_every_search_finds_services(drill):
    pages = drill["restored_pages"]
    assert {path: page["status"] for path, page in pages.items() if page["status"] != 200} == {}
    searches = {path: page["results"] for path, page in pages.items() if page["results"] is not None}
    assert len(searches) == 2 * len(backup_restore.SEARCHES)
    assert all(searches.values()), searches
    # The HTML page and the API list the same services in the same order for the same query.
    for path, results in searches.items():
        if path.startswith("/api/"):
            query = path.split("?", 1)[1]
            language = query.rsplit("lang=", 1)[1]
            assert searches[f"/{language}/search/?{query.rsplit('&lang=', 1)[0]}"][: len(results)] == results


def test_pages_are_read_from_the_restored_database(drill):
    """A change made in the restored database only shows on its pages: the comparison did read two databases."""
    service = next(path for path in drill["restored_pages"] if path.startswith("/api/v1/services/") and "?" not in path)
    service_id = int(service.rstrip("/").rsplit("/", 1)[1])
    backup_restore.psql(
        f"UPDATE services_service SET name_fi = name_fi || ' (restored)' WHERE id = {service_id}", RESTORED
    )
    changed = backup_restore.compare(drill["source_pages"], backup_restore.render(RESTORED)[0])
    assert any(line.startswith(f"/fi/services/{service_id}/:") for line in changed)
    assert any(line.startswith(f"{service}:") for line in changed)
