"""In-process timings: Django's test client against the benchmark database, no network in between.

Run by bench/run.py with DATABASE_URL set; prints one JSON object. Each URL is requested a fixed number of times
after a warm-up; the figures are per request: p50/p95/p99 in milliseconds and the SQL queries it ran.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liv.settings")

import django

django.setup()

from django.test import Client  # noqa: E402

from bench.scenarios import API_QUERIES, COVERAGE_PAGES, FLOOR, SEARCH_QUERIES  # noqa: E402
from bench.timing import measure  # noqa: E402
from services.models import Service  # noqa: E402
from services.search import cache  # noqa: E402


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    client = Client(HTTP_HOST="127.0.0.1")
    detail_ids = list(Service.objects.published().order_by("pk").values_list("pk", flat=True)[:1000:50])
    results: dict[str, dict[str, object]] = {"floor": measure(client, FLOOR, repeat, warm_up=3)}
    for kind, queries in (("search", SEARCH_QUERIES), ("api", API_QUERIES)):
        for name, url in queries.items():
            results[f"{kind}:{name}"] = measure(client, url, repeat, warm_up=3)  # asked before: from the result cache
            results[f"{kind}:{name} (new)"] = measure(client, url, repeat, warm_up=3, before=cache.clear)
    for name, url in COVERAGE_PAGES.items():
        results[f"coverage:{name}"] = measure(client, url, max(10, repeat // 10), warm_up=3)
    detail = [measure(client, f"/fi/services/{pk}/", max(5, repeat // len(detail_ids)), warm_up=3) for pk in detail_ids]
    results["detail"] = {
        "url": f"/fi/services/<id>/ ({len(detail_ids)} services)",
        "requests": sum(d["requests"] for d in detail),
        "p50_ms": round(statistics.median(d["p50_ms"] for d in detail), 2),
        "p95_ms": max(d["p95_ms"] for d in detail),
        "p99_ms": max(d["p99_ms"] for d in detail),
        "queries_max": max(d["queries_max"] for d in detail),
        "statuses": sorted({s for d in detail for s in d["statuses"]}),
        "paths": [d["url"] for d in detail],
    }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
