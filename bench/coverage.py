"""Benchmark of the coverage pages: `.venv/bin/python bench/coverage.py [--services 100000] [--repeat 10]`.

Standalone (not part of `make test`): it uses its own database, `liv_bench_coverage`, on the embedded server
(or BENCH_DATABASE_URL), fills it with the reference data and the given number of generated published services
with a realistic spread of service areas (most local, some regional or area-wide, a few nationwide), and times

* the coverage count itself, as after a change to the directory (nothing stored: PostgreSQL counts), as a new
  worker process sees it (the count stored in the database for the current version is read and parsed), and
  as a process that holds the current version already does (the columns and the version only);
* the national and area coverage pages, the area page and the CSV download, rendered in-process through
  Django's test client, with the directory unchanged between requests (as in production between changes);

printing the median and 95th percentile in milliseconds and the number of SQL queries of each. A later step
(bench/run.py) may take these figures into docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _database_url() -> str:
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    from liv import embedded_db

    return embedded_db.database_url(embedded_db.data_directory(os.environ.get("LIV_PGDATA")), "liv_bench_coverage")


def setup_django() -> None:
    os.environ["DATABASE_URL"] = _database_url()
    os.environ.setdefault("LIV_TESTING", "1")  # plain HTTP test client, no SSL redirect
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liv.settings")
    import django

    django.setup()


def generate(size: int, seed: int) -> None:
    """Make the database hold exactly ``size`` generated published services (origin = generated)."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from regions.models import Municipality, VitalityCentre
    from services.models import (
        ElectronicChannel,
        Origin,
        PhoneChannel,
        Provider,
        Service,
        ServiceLocation,
        ServiceType,
        TargetGroup,
    )

    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    if Service.objects.filter(origin=Origin.GENERATED).count() == size:
        return
    print(f"Generating {size} services …", flush=True)
    started = time.perf_counter()
    rng = random.Random(seed)
    with transaction.atomic(), connection.cursor() as cursor:
        # The search index's triggers would re-analyse every batch; coverage does not read the index, so the
        # generation runs without triggers (this session only, this transaction only).
        cursor.execute("SET LOCAL session_replication_role = replica")
        Service.objects.filter(origin=Origin.GENERATED).delete()
        Provider.objects.filter(origin=Origin.GENERATED).delete()
        municipalities = list(Municipality.objects.values_list("pk", "region_id", "employment_area_id"))
        centres = list(VitalityCentre.objects.values_list("pk", flat=True))
        target_groups = list(TargetGroup.objects.values_list("pk", flat=True))
        service_types = list(ServiceType.objects.values_list("pk", flat=True))
        providers = Provider.objects.bulk_create(
            [
                Provider(
                    name_fi=f"Palveluntarjoaja {n}",
                    sector=Provider.Sector.PUBLIC,
                    kind=Provider.Kind.MUNICIPALITY,
                    municipality_id=rng.choice(municipalities)[0],
                    origin=Origin.GENERATED,
                )
                for n in range(max(1, size // 20))
            ]
        )
        through = {
            name: getattr(Service, name).through
            for name in (
                "target_groups",
                "service_types",
                "municipalities",
                "regions",
                "vitality_centres",
                "employment_areas",
            )
        }
        batch = 5000
        for start in range(0, size, batch):
            services = []
            for n in range(start, min(size, start + batch)):
                languages = ["fi"]
                if rng.random() < 0.2:
                    languages.append("sv")
                if rng.random() < 0.1:
                    languages.append("en")
                if rng.random() < 0.05:
                    languages.append(rng.choice(["ar", "ru", "so", "uk"]))
                services.append(
                    Service(
                        provider=rng.choice(providers),
                        name_fi=f"Ohjauspalvelu {n}",
                        summary_fi="Generoitu testipalvelu.",
                        nationwide=rng.random() < 0.03,
                        languages=languages,
                        status=Service.Status.PUBLISHED,
                        origin=Origin.GENERATED,
                    )
                )
            services = Service.objects.bulk_create(services)
            links = {name: [] for name in through}
            locations, phones, online = [], [], []
            for service in services:
                home, region, employment_area = rng.choice(municipalities)
                spread = rng.random()
                if not service.nationwide:
                    if spread < 0.6:
                        links["municipalities"].append(
                            through["municipalities"](service_id=service.pk, municipality_id=home)
                        )
                    elif spread < 0.8:
                        links["regions"].append(through["regions"](service_id=service.pk, region_id=region))
                    elif spread < 0.92:
                        links["vitality_centres"].append(
                            through["vitality_centres"](service_id=service.pk, vitalitycentre_id=rng.choice(centres))
                        )
                    elif employment_area:
                        links["employment_areas"].append(
                            through["employment_areas"](service_id=service.pk, employmentarea_id=employment_area)
                        )
                if not service.nationwide or rng.random() < 0.3:
                    locations.append(ServiceLocation(service_id=service.pk, municipality_id=home, name_fi="Toimipiste"))
                if rng.random() < 0.5:
                    phones.append(PhoneChannel(service_id=service.pk, number="+358 29 5000"))
                if rng.random() < 0.6:
                    online.append(ElectronicChannel(service_id=service.pk, url_fi="https://example.org/"))
                for pk in rng.sample(target_groups, rng.randint(1, 3)):
                    links["target_groups"].append(through["target_groups"](service_id=service.pk, targetgroup_id=pk))
                for pk in rng.sample(service_types, rng.randint(1, 2)):
                    links["service_types"].append(through["service_types"](service_id=service.pk, servicetype_id=pk))
            for name, rows in links.items():
                through[name].objects.bulk_create(rows)
            ServiceLocation.objects.bulk_create(locations)
            PhoneChannel.objects.bulk_create(phones)
            ElectronicChannel.objects.bulk_create(online)
            print(f"  {min(size, start + batch)}", flush=True)
    with connection.cursor() as cursor:
        # The triggers were off, so the coverage version (and the search's) did not move: move them, as any
        # change does, or the coverage count stored for the previous version would be taken for this one.
        cursor.execute("UPDATE services_search_state SET version = nextval('services_search_version') WHERE id = 1")
        cursor.execute(
            "UPDATE cooperation_coverage_state SET version = nextval('cooperation_coverage_version') WHERE id = 1"
        )
        cursor.execute("ANALYZE")
    print(f"Generated in {time.perf_counter() - started:.0f} s.", flush=True)


def measure(label: str, action, repeat: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    action()  # warm up: connection, templates, map data
    timings = []
    queries = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            action()
            timings.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    print(f"{label:<44} p50 {statistics.median(timings):8.1f} ms   p95 {p95:8.1f} ms   {queries:3d} queries")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    setup_django()
    generate(args.services, args.seed)

    from django.db import connection
    from django.test import Client

    from cooperation import coverage
    from cooperation.coverage import Dimension, coverage_table
    from regions.models import VitalityCentre
    from services.models import Service

    area = VitalityCentre.objects.get(code="06")
    client = Client()

    def page(path: str):
        def get() -> None:
            response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}")

        return get

    print(f"{Service.objects.published().count()} published services, {args.repeat} repetitions each")

    def after_a_change(dimension: Dimension):
        """Nothing stored and nothing held: PostgreSQL counts (what the first request after a change pays)."""

        def count() -> None:
            coverage._last.clear()
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM cooperation_coverage_count")
            coverage_table(dimension=dimension)

        return count

    def new_process(dimension: Dimension):
        """The count stored for the current version, read and parsed (a worker's first request after a change
        another worker has counted)."""

        def read() -> None:
            coverage._last.clear()
            coverage_table(dimension=dimension)

        return read

    for dimension in Dimension:
        measure(f"count after a change: {dimension.value}", after_a_change(dimension), args.repeat)
        measure(f"stored count, new process: {dimension.value}", new_process(dimension), args.repeat)
    measure("count held: whole country, target groups", coverage_table, args.repeat)
    measure("count held: Itä-Suomi, target groups", lambda: coverage_table(area=area), args.repeat)
    measure("page: /fi/coverage/", page("/fi/coverage/"), args.repeat)
    measure("page: /fi/coverage/?by=service_types", page("/fi/coverage/?by=service_types"), args.repeat)
    measure("page: /fi/coverage/06/", page("/fi/coverage/06/"), args.repeat)
    measure("page: /fi/areas/06/", page("/fi/areas/06/"), args.repeat)
    measure("CSV: /fi/coverage/download.csv", page("/fi/coverage/download.csv"), args.repeat)


if __name__ == "__main__":
    main()
