"""A burst of 200 concurrent clients against the production configuration: part of `make bench` (`make burst` alone).

1. fills the database `liv_burst` on the embedded server (or on DATABASE_URL's server) with the demo directory,
   as bench/backup_restore.py does (kept from an earlier run when it is there);
2. starts gunicorn the way the image does — `gunicorn` with the project's gunicorn.conf.py (preloading, its
   default workers: 2 × cores + 1, at most 8), DEBUG off, a random 50-character SECRET_KEY, HTTPS and HSTS on,
   TRUSTED_PROXY_COUNT=1 — on a free loopback port, with its access log in a temporary file;
3. sends wrk's 200 connections for 30 s (`--duration`) at a mix of the search page (six queries, fi/sv/en), two
   service pages, the API (a search and a service) and /healthz, each request carrying the headers of the TLS
   proxy in front (`X-Forwarded-Proto: https`, `X-Forwarded-For`);
4. meanwhile counts the server's connections to the database twice a second;
and prints requests/s, latency percentiles (wrk's, and the server's own per page kind from the access log), the
responses by status class, socket errors and the most database connections seen, writes
bench/results/burst.json and the section "Burst" of docs/performance.md. It exits non-zero on any 5xx, socket
error, more database connections than the workers may hold, or a warning of the master's page warm-up
(liv.warmup: SITE_URL is the proxy's https address, as in production). Loopback only; it stops by itself.
"""

from __future__ import annotations

import argparse
import collections
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
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import backup_restore  # noqa: E402
from bench.timing import percentile  # noqa: E402

DATABASE = "liv_burst"
RESULTS = ROOT / "bench" / "results" / "burst.json"
REPORT = ROOT / "docs" / "performance.md"
START = "<!-- burst:start (written by bench/burst.py) -->"
END = "<!-- burst:end -->"
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"}
SEARCHES = [
    ("fi", "ohjaamo"),
    ("fi", "uraohjaus Mikkelissä"),
    ("fi", "maahanmuuttajien ohjaus"),
    ("fi", ""),
    ("sv", "studiehandledning Åbo"),
    ("en", "career guidance"),
]


def prepare() -> list[int]:
    """The demo directory in the burst's own database; returns two published services' ids."""
    if backup_restore.psql(f"SELECT count(*) FROM pg_database WHERE datname = '{DATABASE}'") == "0" or not _filled():
        print(f"== filling {DATABASE} with the demo directory …", flush=True)
        backup_restore.fill(DATABASE, embed=False)
    ids = backup_restore.psql(
        "SELECT id FROM services_service WHERE status = 'published' ORDER BY id LIMIT 2", DATABASE
    ).split()
    return [int(pk) for pk in ids]


def _filled() -> bool:
    try:
        return int(backup_restore.psql("SELECT count(*) FROM services_service", DATABASE)) > 0
    except subprocess.CalledProcessError:
        return False


def paths(service_ids: list[int]) -> dict[str, list[str]]:
    """The request mix by page kind; wrk goes round all of them in turn."""
    return {
        "search": [f"/{language}/search/?{urlencode({'q': query})}" for language, query in SEARCHES],
        "service": [f"/fi/services/{pk}/" for pk in service_ids],
        "api": ["/api/v1/services/?q=ohjaus&lang=fi", f"/api/v1/services/{service_ids[0]}/"],
        "healthz": ["/healthz"],
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_environment(port: int, access_log: Path) -> dict[str, str]:
    env = backup_restore.django_env(DATABASE)
    for name in ["LIV_TESTING", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD", "WEB_CONCURRENCY"]:
        env.pop(name, None)
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL="https://127.0.0.1",  # behind the TLS proxy, as in production: gunicorn's warm-up asks for it
        TRUSTED_PROXY_COUNT="1",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_ACCESS_LOG=str(access_log),
        GUNICORN_LOG_LEVEL="warning",
        LOG_LEVEL="WARNING",
    )
    return env


def wait_until_serving(port: int, server: subprocess.Popen) -> None:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers=PROXY_HEADERS)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before serving")
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /healthz within 120 s")


class ConnectionCounter(threading.Thread):
    """The burst database's client connections (other than its own), twice a second, while the burst runs."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.most = 0
        self.samples = 0
        self.stopping = threading.Event()

    def run(self) -> None:
        import psycopg

        with psycopg.connect(backup_restore.database_url(DATABASE), autocommit=True) as connection:
            while not self.stopping.is_set():
                count = connection.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
                ).fetchone()[0]
                self.most = max(self.most, count)
                self.samples += 1
                self.stopping.wait(0.5)


def wrk_script(all_paths: list[str]) -> str:
    headers = "".join(f'wrk.headers["{name}"] = "{value}"\n' for name, value in PROXY_HEADERS.items())
    quoted = ", ".join(json.dumps(path) for path in all_paths)
    return (
        f"{headers}local paths = {{{quoted}}}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i % #paths + 1\n"
        "  return wrk.format('GET', paths[i])\n"
        "end\n"
    )


def parse_wrk(output: str) -> dict:
    def grab(pattern: str) -> str | None:
        match = re.search(pattern, output)
        return match.group(1) if match else None

    def ms(value: str | None) -> float | None:
        if value is None:
            return None
        number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
        return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]

    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "requests": int(grab(r"(\d+) requests in") or 0),
        "requests_per_second": float(grab(r"Requests/sec:\s+([\d.]+)") or 0),
        "latency_ms": {p: ms(grab(rf"\s{p}%\s+([\d.]+\w+)")) for p in ("50", "75", "90", "99")},
        "non_2xx_3xx": int(grab(r"Non-2xx or 3xx responses: (\d+)") or 0),
        "socket_errors": dict(
            zip(["connect", "read", "write", "timeout"], map(int, socket_errors.groups()), strict=True)
        )
        if socket_errors
        else {"connect": 0, "read": 0, "write": 0, "timeout": 0},
    }


_LOG_LINE = re.compile(r'"GET (\S+) HTTP/[\d.]+" (\d{3}) \S+ "[^"]*" "[^"]*" (\d+)$')


def parse_access_log(log: Path, kinds: dict[str, list[str]]) -> dict:
    """Statuses and the server's own durations per page kind, from gunicorn's access log (duration in µs)."""
    kind_of = {path: kind for kind, kind_paths in kinds.items() for path in kind_paths}
    durations: dict[str, list[float]] = collections.defaultdict(list)
    statuses: collections.Counter[str] = collections.Counter()
    for line in log.read_text(errors="replace").splitlines():
        match = _LOG_LINE.search(line)
        if not match:
            continue
        path, status, micros = match.groups()
        statuses[f"{status[0]}xx"] += 1
        durations[kind_of.get(path, "other")].append(int(micros) / 1000)

    return {
        "statuses": dict(sorted(statuses.items())),
        "server_ms_by_kind": {
            kind: {"requests": len(values), **{f"p{p}": round(percentile(values, p), 1) for p in (50, 95, 99)}}
            for kind, values in sorted(durations.items())
        },
    }


def burst(*, connections: int, duration: int, threads: int) -> dict:
    wrk = shutil.which("wrk")
    if wrk is None:
        subprocess.run([str(ROOT / ".ci" / "apt-install"), "wrk"], check=True)
        wrk = shutil.which("wrk") or "/usr/bin/wrk"
    service_ids = prepare()
    kinds = paths(service_ids)
    all_paths = [path for kind_paths in kinds.values() for path in kind_paths]
    port = free_port()
    max_connections = int(backup_restore.psql("SHOW max_connections"))
    with tempfile.TemporaryDirectory() as folder:
        access_log = Path(folder) / "access.log"
        env = server_environment(port, access_log)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
        )
        import multiprocessing

        workers = max(2, min(2 * multiprocessing.cpu_count() + 1, 8))  # gunicorn.conf.py's default
        server_log = Path(folder) / "server.log"
        with server_log.open("w") as log:  # the child keeps its own copy of the descriptor
            server = subprocess.Popen(
                [sys.executable, "-m", "gunicorn"], cwd=ROOT, env=env, start_new_session=True, stderr=log
            )
        counter = ConnectionCounter()
        try:
            started = time.perf_counter()
            wait_until_serving(port, server)
            start_up_s = time.perf_counter() - started
            for path in all_paths:  # every path answers 200 before the burst (urlopen raises on 4xx and 5xx)
                request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=PROXY_HEADERS)
                with urllib.request.urlopen(request, timeout=60) as response:
                    response.read()
            access_log.write_text("")
            counter.start()
            script = Path(folder) / "burst.lua"
            script.write_text(wrk_script(all_paths))
            load_average = " / ".join(f"{x:.1f}" for x in os.getloadavg())
            output = subprocess.run(
                [wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "--latency",
                 "-s", str(script), f"http://127.0.0.1:{port}"],
                capture_output=True, text=True, check=True, timeout=duration + 120,
            ).stdout  # fmt: skip
        finally:
            counter.stopping.set()
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
        counter.join(timeout=5)
        server_side = parse_access_log(access_log, kinds)
        logged = server_log.read_text()
        sys.stderr.write(logged)
        warm_up = [line for line in logged.splitlines() if "page warm-up" in line]
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_average_before": load_average,
        "cpus": os.cpu_count(),
        "services": int(backup_restore.psql("SELECT count(*) FROM services_service", DATABASE)),
        "gunicorn_workers": workers,
        "gunicorn_start_s": round(start_up_s, 1),
        "warm_up_warnings": warm_up,
        "connections": connections,
        "duration_s": duration,
        "paths": all_paths,
        "wrk": parse_wrk(output),
        "server": server_side,
        "database_connections": {
            "most_seen": counter.most,
            "samples": counter.samples,
            "allowed_by_workers": workers,  # one thread per worker, one persistent connection each
            "max_connections": max_connections,
        },
    }


def failures(result: dict) -> list[str]:
    problems = []
    statuses = result["server"]["statuses"]
    if statuses.get("5xx"):
        problems.append(f"{statuses['5xx']} responses with 5xx")
    if result["wrk"]["non_2xx_3xx"]:
        problems.append(f"{result['wrk']['non_2xx_3xx']} responses not 2xx/3xx (wrk)")
    if any(result["wrk"]["socket_errors"].values()):
        problems.append(f"socket errors: {result['wrk']['socket_errors']}")
    if result.get("warm_up_warnings"):
        problems.append(f"gunicorn's warm-up: {'; '.join(result['warm_up_warnings'])}")
    db = result["database_connections"]
    if db["most_seen"] > db["allowed_by_workers"] or db["most_seen"] >= db["max_connections"]:
        problems.append(f"{db['most_seen']} database connections (workers: {db['allowed_by_workers']})")
    return problems


def markdown(result: dict) -> str:
    wrk, server, db = result["wrk"], result["server"], result["database_connections"]
    latency = wrk["latency_ms"]
    lines = [
        "## Burst: 200 concurrent clients, production configuration",
        "",
        f"`bench/burst.py` (part of `make bench`, alone `make burst`), run {result['date']}; load average before "
        f"{result['load_average_before']}. gunicorn as the image runs it (gunicorn.conf.py: preloaded, "
        f"{result['gunicorn_workers']} workers of one thread on {result['cpus']} cores), `DEBUG=0`, HTTPS behind one "
        f"proxy (the proxy's headers on every request), against the demo directory ({result['services']} services) "
        f"on the embedded PostgreSQL; wrk with {result['connections']} connections for {result['duration_s']} s from "
        "the same machine, going round the search page (six queries, fi/sv/en), two service pages, the API (a "
        "search and a service) and /healthz.",
        "",
        "| requests | requests/s | p50 ms | p75 ms | p90 ms | p99 ms | 2xx | 3xx | 4xx | 5xx | socket errors |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {wrk['requests']} | {wrk['requests_per_second']:.0f} | {latency['50']:.0f} | {latency['75']:.0f} | "
        f"{latency['90']:.0f} | {latency['99']:.0f} | {server['statuses'].get('2xx', 0)} | "
        f"{server['statuses'].get('3xx', 0)} | {server['statuses'].get('4xx', 0)} | "
        f"{server['statuses'].get('5xx', 0)} | {sum(wrk['socket_errors'].values())} |",
        "",
        f"Latency above is the client's, and mostly waiting in gunicorn's listen queue for a free worker: "
        f"{result['connections']} clients at {wrk['requests_per_second']:.0f} requests/s wait about "
        f"{result['connections'] / max(wrk['requests_per_second'], 1):.1f} s each (Little's law), whatever the "
        "page. Throughput is bounded by the CPU, which the workers, wrk and PostgreSQL share (and, on a busy "
        "machine, whatever else runs: see the load average). The server's own time per request, from its access "
        "log:",
        "",
        "| page kind | requests | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind, row in server["server_ms_by_kind"].items():
        lines.append(f"| {kind} | {row['requests']} | {row['p50']} | {row['p95']} | {row['p99']} |")
    lines += [
        "",
        f"Database connections of the server during the burst: at most {db['most_seen']} (sampled "
        f"{db['samples']} times), for {db['allowed_by_workers']} workers × 1 thread, each keeping one persistent "
        f"connection (`DB_CONN_MAX_AGE`); the server allows {db['max_connections']} (`max_connections`). "
        "The 200 clients never become 200 database connections: a sync worker serves one request at a time, the "
        "rest wait in the listen queue.",
        "",
    ]
    return "\n".join(lines)


def write_docs(result: dict) -> None:
    text = REPORT.read_text() if REPORT.exists() else "# Performance\n"
    section = f"{START}\n{markdown(result)}{END}"
    if START in text and END in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    REPORT.write_text(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--duration", type=int, default=30, help="seconds (at most 300)")
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads")
    parser.add_argument("--write-docs", action="store_true", help="only rewrite the section from the last JSON")
    args = parser.parse_args()
    if args.write_docs:
        write_docs(json.loads(RESULTS.read_text()))
        return 0
    if not (1 <= args.connections <= 1000 and 1 <= args.duration <= 300 and 1 <= args.threads <= 8):
        parser.error("--connections 1–1000, --duration 1–300, --threads 1–8")
    result = burst(connections=args.connections, duration=args.duration, threads=args.threads)
    result["failures"] = failures(result)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    write_docs(result)
    print(json.dumps({key: value for key, value in result.items() if key != "paths"}, indent=2))
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
