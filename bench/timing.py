"""Timing one URL with Django's test client, and percentiles: what the in-process benchmarks share."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank percentile ``q`` (0–100) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def measure(
    client: Any, url: str, repeat: int, *, warm_up: int = 1, before: Callable[[], None] | None = None
) -> dict[str, object]:
    """``repeat`` timed requests of ``url`` after ``warm_up`` untimed ones (the process's first request of its
    kind). ``before`` runs ahead of every timed request, outside the timing (``cache.clear``: a query the process
    has not answered before on this directory version)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warm_up):
        client.get(url)
    timings: list[float] = []
    queries: list[int] = []
    statuses: set[int] = set()
    for _ in range(repeat):
        if before is not None:
            before()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        queries.append(len(captured))
        statuses.add(response.status_code)
    return {
        "url": url,
        "requests": repeat,
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 95), 2),
        "p99_ms": round(percentile(timings, 99), 2),
        "queries_max": max(queries),
        "statuses": sorted(statuses),
    }
