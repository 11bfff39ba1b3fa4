"""The HSDS 3.0 API at national size: `python bench/hsds.py [--services 10000] [--repeat 20]`.

1. fills `liv_bench_<size>` as `make bench` does (bench/run.py's `prepare`: migrations, reference data and that
   many generated services, kept when the database already holds them);
2. in a fresh process, with DEBUG off, times the /api/hsds/v3/ endpoints in-process (Django's test client, no
   network): the services list (page 1, a middle and the last page of 50), one service, one organization and one
   service at a location by id (ids from the lists, spread over the directory), and the lists of organizations and
   of services at locations — p50/p95 in milliseconds and the SQL queries of the slowest request;
3. writes bench/results/hsds_<size>.json; docs/performance.md ("The HSDS API") quotes it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.timing import measure  # noqa: E402

RESULTS = ROOT / "bench" / "results"
API = "/api/hsds/v3"


def ids_across(client, collection: str, total_pages: int, count: int = 5) -> list[str]:
    """The first id of ``count`` pages spread over the list: objects from the start, middle and end."""
    pages = sorted({1 + (total_pages - 1) * i // max(1, count - 1) for i in range(count)})
    return [client.get(f"{API}/{collection}?page={page}").json()["contents"][0]["id"] for page in pages]


def measure_all(repeat: int) -> dict[str, dict[str, object]]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liv.settings")
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    first = client.get(f"{API}/services").json()
    pages = first["total_pages"]
    results = {
        "services page 1": measure(client, f"{API}/services", repeat),
        "services middle page": measure(client, f"{API}/services?page={pages // 2}", repeat),
        "services last page": measure(client, f"{API}/services?page={pages}", repeat),
        "services page 1, full": measure(client, f"{API}/services?full=true", repeat),
        "organizations page 1": measure(client, f"{API}/organizations", repeat),
    }
    at_pages = client.get(f"{API}/service_at_locations").json()["total_pages"]
    results["service_at_locations page 1"] = measure(client, f"{API}/service_at_locations", max(3, repeat // 5))
    results["service_at_locations last page"] = measure(
        client, f"{API}/service_at_locations?page={at_pages}", max(3, repeat // 5)
    )
    org_pages = client.get(f"{API}/organizations").json()["total_pages"]
    for name, collection, total in (
        ("service by id", "services", pages),
        ("organization by id", "organizations", org_pages),
        ("service at location by id", "service_at_locations", at_pages),
    ):
        rows = [
            measure(client, f"{API}/{collection}/{pk}", max(3, repeat // 5))
            for pk in ids_across(client, collection, total)
        ]
        results[name] = {
            "url": f"{API}/{collection}/<id> ({len(rows)} ids)",
            "requests": sum(r["requests"] for r in rows),
            "p50_ms": round(statistics.median(r["p50_ms"] for r in rows), 1),
            "p95_ms": max(r["p95_ms"] for r in rows),
            "queries_max": max(r["queries_max"] for r in rows),
            "statuses": sorted({s for r in rows for s in r["statuses"]}),
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20, help="requests per URL (lists of everything: a fifth)")
    parser.add_argument("--label", default="", help="a name for this run in the results file (e.g. 'before')")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure_all(args.repeat)))
        return
    from bench.run import bench_database_url, prepare

    env = {**os.environ, "DATABASE_URL": bench_database_url(args.services), "LIV_TESTING": "0", "DEBUG": "1"}
    prepare(args.services, env)
    load_average = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    measured = subprocess.run(
        [sys.executable, __file__, "--measure", "--repeat", str(args.repeat)],
        env={**env, "DEBUG": "0", "LIV_TESTING": "1"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    results = json.loads(measured.stdout.strip().splitlines()[-1])
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"hsds_{args.services}{'_' + args.label if args.label else ''}.json"
    report = {
        "size": args.services,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average": load_average,
        "results": results,
    }
    path.write_text(json.dumps(report, indent=2) + "\n")
    for name, row in results.items():
        print(f"{name:32} p50 {row['p50_ms']:9.1f} ms  p95 {row['p95_ms']:9.1f} ms  queries {row['queries_max']}")
    print(f"Wrote {path.relative_to(ROOT)}.")


if __name__ == "__main__":
    main()
