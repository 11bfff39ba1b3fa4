"""One command for the benchmarks: `make bench` (or `.venv/bin/python bench/run.py`).

For each size (10 000 and 100 000 generated services by default) it
1. fills a separate database, `liv_bench`, with the reference data and that many generated services;
2. times the search page, the API, the detail page and the coverage page in-process (p50/p95/p99, SQL queries);
3. serves the site with gunicorn and loads it with wrk, 50 concurrent connections for 30 s per page kind,
   with a trivial view (/healthz) on the same server in the same run as the floor;
and writes bench/results/<size>.json and the table in docs/performance.md. Nothing here is part of `make test`.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "bench" / "results"
REPORT = ROOT / "docs" / "performance.md"
sys.path.insert(0, str(ROOT))

from bench.scenarios import API_QUERIES, COVERAGE_PAGES, FLOOR, SEARCH_QUERIES  # noqa: E402


def run(args: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


def bench_database_url(size: int) -> str:
    """The benchmark's own database for one size, on the embedded server (or BENCH_DATABASE_URL_<size>)."""
    if os.environ.get(f"BENCH_DATABASE_URL_{size}"):
        return os.environ[f"BENCH_DATABASE_URL_{size}"]
    from liv import embedded_db

    return embedded_db.database_url(embedded_db.data_directory(os.environ.get("LIV_PGDATA")), f"liv_bench_{size}")


GENERATED_COUNT = "from services.models import Service; print(Service.objects.filter(origin='generated').count())"


def prepare(size: int, env: dict[str, str]) -> float | None:
    """Migrate and load; make the database hold exactly `size` generated services (kept from an earlier run when
    it already does, since 100 000 take about two minutes). Returns the generation time in seconds, or None if kept."""
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([PYTHON, "manage.py", "load_reference_data", "-v0"], env)
    existing = run([PYTHON, "manage.py", "shell", "-c", GENERATED_COUNT], env, capture_output=True, text=True)
    if existing.stdout.strip().splitlines()[-1] == str(size):
        return None
    run([PYTHON, "manage.py", "generate_directory", "--delete"], env)
    start = time.perf_counter()
    run([PYTHON, "manage.py", "generate_directory", "--services", str(size), "--seed", "1"], env)
    return time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wrk_lua(paths: list[str]) -> str:
    quoted = ", ".join(json.dumps(p) for p in paths)
    return (
        f"local paths = {{{quoted}}}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i % #paths + 1\n"
        "  return wrk.format('GET', paths[i])\n"
        "end\n"
    )


def parse_wrk(output: str) -> dict[str, float]:
    def grab(pattern: str, default: str = "0") -> str:
        match = re.search(pattern, output)
        return match.group(1) if match else default

    def ms(value: str) -> float:
        number = float(re.match(r"[\d.]+", value).group(0))
        if value.endswith("us"):
            return number / 1000
        if value.endswith("ms"):
            return number
        if value.endswith("s"):
            return number * 1000
        return number

    errors = 0
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket_errors:
        errors += sum(int(x) for x in socket_errors.groups())
    errors += int(grab(r"Non-2xx or 3xx responses: (\d+)"))
    return {
        "requests_per_second": float(grab(r"Requests/sec:\s+([\d.]+)")),
        "p50_ms": ms(grab(r"50%\s+([\d.]+\w+)")),
        "p99_ms": ms(grab(r"99%\s+([\d.]+\w+)")),
        "requests": int(grab(r"(\d+) requests in")),
        "errors": errors,
    }


def warm_up(port: int, paths: list[str], rounds: int) -> None:
    """Each worker's first request fills its caches (facet bitsets, place names); load starts after that, and
    only once the server has finished the previous page kind's queued requests."""
    for _ in range(rounds):
        for path in paths:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=120).read()


def load_test(env: dict[str, str], groups: dict[str, list[str]], duration: int, connections: int) -> dict:
    wrk = shutil.which("wrk")
    if wrk is None:
        run([str(ROOT / ".ci" / "apt-install"), "wrk"], env)
        wrk = shutil.which("wrk") or "/usr/bin/wrk"
    port = free_port()
    workers = str(max(2, (os.cpu_count() or 1) * 2))
    server_env = {
        **env,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
    }
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], server_env)
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "liv.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            workers,
            "--log-level",
            "warning",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=server_env,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{FLOOR}", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        results = {"gunicorn_workers": int(workers), "connections": connections, "duration_s": duration}
        with tempfile.TemporaryDirectory() as tmp:
            for name, paths in groups.items():
                warm_up(port, paths, rounds=int(workers) * 2)
                script = Path(tmp) / f"{name}.lua"
                script.write_text(wrk_lua(paths))
                out = subprocess.run(
                    [wrk, "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "--latency",
                     "-s", str(script),
                     f"http://127.0.0.1:{port}"],
                    capture_output=True, text=True, check=True,
                ).stdout  # fmt: skip
                results[name] = parse_wrk(out)
        return results
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def markdown(all_results: dict[str, dict]) -> str:
    lines = [
        "# Performance",
        "",
        "Measured by `make bench` (bench/run.py) on this project's 2-core, 24 GiB machine, against generated",
        "directories (`generate_directory`). In-process: Django's test client, no network; p50/p95/p99 per request",
        "and the most SQL queries one request ran. Under load: gunicorn, wrk with 50 connections for 30 s per",
        "page kind; the floor is a trivial view (/healthz) on the same server in the same run, and every figure is",
        "also given as a ratio to it. Targets at 100 000 services: search p95 ≤ 80 ms, detail p95 ≤ 15 ms,",
        "≤ 8 queries per page, no errors under load. Search and API rows come twice: as a query asked before on",
        "the same directory version (answered from the process's result cache, services/cache.py), and",
        "`(new)`, with that cache emptied before every request. Under load, `search (no result cache)` is the",
        "same mix served with SEARCH_CACHE_ENTRIES=0.",
        "",
    ]
    for size, result in all_results.items():
        inproc, load = result["inprocess"], result["load"]
        floor = inproc["floor"]["p50_ms"] or 0.01
        lines += [
            f"## {int(size):,} services".replace(",", " "),
            "",
            (f"Generated in {result['generation_s']:.0f} s. " if result["generation_s"] else "")
            + f"Run {result['date']}; machine load average (1/5/15 min) before measuring {result['load_average']}.",
            "",
            "| page | p50 ms | p95 ms | p99 ms | × floor (p50) | SQL queries |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for name, row in inproc.items():
            lines.append(
                f"| {name} | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} | "
                f"{row['p50_ms'] / floor:.1f} | {row['queries_max']} |"
            )
        lines += [
            "",
            "| under load | requests/s | p50 ms | p99 ms | errors | × floor (req/s) |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        floor_rps = load["floor"]["requests_per_second"] or 1
        for name in [k for k in load if isinstance(load[k], dict)]:
            row = load[name]
            lines.append(
                f"| {name} | {row['requests_per_second']:.0f} | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} | "
                f"{row['errors']} | {row['requests_per_second'] / floor_rps:.2f} |"
            )
        lines.append("")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=100, help="in-process requests per URL")
    parser.add_argument("--duration", type=int, default=30, help="seconds of load per page kind")
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args()
    if any(size <= 0 for size in args.sizes) or args.repeat <= 0 or args.duration <= 0 or args.connections <= 0:
        parser.error("sizes, --repeat, --duration and --connections must be positive")

    RESULTS.mkdir(exist_ok=True)
    all_results: dict[str, dict] = {}
    for size in args.sizes:
        # DEBUG for the management commands; in-process timings and the load test run with DEBUG off.
        env = {**os.environ, "DATABASE_URL": bench_database_url(size), "LIV_TESTING": "0", "DEBUG": "1"}
        print(f"== {size} services: generating …", flush=True)
        generation = prepare(size, env)
        load_average = " / ".join(f"{x:.1f}" for x in os.getloadavg())
        inproc_env = {**env, "DEBUG": "0", "LIV_TESTING": "1"}  # DEBUG off as in production, test-server hosts
        inproc = json.loads(run([PYTHON, "bench/inprocess.py", str(args.repeat)], inproc_env, capture_output=True,
                                text=True).stdout)  # fmt: skip
        detail_paths = inproc["detail"].pop("paths")
        groups = {
            "floor": [FLOOR],
            "search": list(SEARCH_QUERIES.values()),
            "api": list(API_QUERIES.values()),
            "detail": detail_paths,
            "coverage": list(COVERAGE_PAGES.values()),
        }
        print(f"== {size} services: load test …", flush=True)
        load = load_test(env, groups, args.duration, args.connections)
        # The same search mix with the result cache off: every request runs its statement, as a query no one
        # has asked since the last change would.
        uncached = {"search (no result cache)": groups["search"]}
        load.update(load_test({**env, "SEARCH_CACHE_ENTRIES": "0"}, uncached, args.duration, args.connections))
        result = {
            "size": size,
            "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "generation_s": round(generation, 1) if generation is not None else None,
            "load_average": load_average,
            "inprocess": inproc,
            "load": load,
        }
        (RESULTS / f"{size}.json").write_text(json.dumps(result, indent=2) + "\n")
        all_results[str(size)] = result
        print(json.dumps({k: v for k, v in result.items() if k != "inprocess"}, indent=2))
        for name, row in inproc.items():
            print(f"{name:24} p50 {row['p50_ms']:8.2f} ms  p95 {row['p95_ms']:8.2f} ms  queries {row['queries_max']}")
    REPORT.write_text(markdown(all_results))
    print(f"Wrote {REPORT.relative_to(ROOT)} and bench/results/.")


if __name__ == "__main__":
    main()
