"""How heavy the public coverage page is on a phone: `.venv/bin/python bench/coverage_weight.py [--lighthouse PATH]`.

Not part of `make test` (tests/browser/test_coverage_weight.py keeps the byte bound there). Steps:

1. the demo directory in its own database, `liv_bench_coverage_page` (kept from an earlier run when it is there);
2. gunicorn in the production configuration (DEBUG off, collected and compressed static files, gunicorn.conf.py)
   on a free loopback port;
3. for the national page in fi and sv and an area page: the bytes on the wire of the HTML and of every file it
   loads, asked for with ``Accept-Encoding: gzip, br`` as a browser does (urllib, no cache);
4. the same pages in Debian's Chromium through Playwright, as Lighthouse's mobile profile does it: a 412×823
   viewport at 1.75 device pixels, the CPU slowed 4× and the network throttled to 1.6 Mbit/s with a 150 ms round
   trip (Lighthouse's "slow 4G"), with Largest Contentful Paint read from a PerformanceObserver, Total Blocking
   Time as the sum of each long task's time over 50 ms between First Contentful Paint and the load's end, and the
   transferred bytes from the Resource Timing entries;
5. when a Lighthouse CLI is given (``--lighthouse node_modules/.bin/lighthouse``; it is no dependency of the
   project, install it with npm where wanted), its mobile performance score, LCP and TBT for the national page.

Prints a table and writes bench/results/coverage_weight.json; docs/performance.md cites the figures.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import backup_restore  # noqa: E402
from bench.burst import free_port, wait_until_serving  # noqa: E402

DATABASE = "liv_bench_coverage_page"
RESULTS = ROOT / "bench" / "results" / "coverage_weight.json"
PAGES = {"national_fi": "/fi/coverage/", "national_sv": "/sv/coverage/", "area_fi": "/fi/coverage/06/"}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]  # fmt: skip
# Lighthouse's mobile defaults (Moto G Power): viewport, CPU slow-down, "slow 4G".
MOBILE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True, "has_touch": True}
CPU_SLOWDOWN = 4
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6 * 1024 * 1024 / 8,
           "uploadThroughput": 750 * 1024 / 8}  # fmt: skip


def prepare() -> None:
    filled = backup_restore.psql(f"SELECT count(*) FROM pg_database WHERE datname = '{DATABASE}'") == "1"
    if filled:
        try:
            filled = int(backup_restore.psql("SELECT count(*) FROM services_service", DATABASE)) > 0
        except subprocess.CalledProcessError:
            filled = False
    if not filled:
        print(f"== filling {DATABASE} with the demo directory …", flush=True)
        backup_restore.fill(DATABASE, embed=False)
    else:  # a kept database still takes this checkout's migrations
        backup_restore.manage(DATABASE, "migrate", "--noinput", "-v0")


def server_environment(port: int) -> dict[str, str]:
    env = backup_restore.django_env(DATABASE)
    for name in ["LIV_TESTING", "WEB_CONCURRENCY"]:
        env.pop(name, None)
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",  # plain HTTP on loopback: no TLS proxy in front here
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_LOG_LEVEL="warning",
        LOG_LEVEL="WARNING",
        WEB_CONCURRENCY="2",
    )
    return env


_LINKED = re.compile(r'<(?:link[^>]+href|script[^>]+src|img[^>]+src)="(/[^"]+)"')


def wire_bytes(base: str, path: str) -> dict:
    """The bytes on the wire (compressed as served) of the page and of each file it links to."""

    def fetch(url: str) -> tuple[int, int, str, bytes]:
        request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip, br"})
        with urllib.request.urlopen(request, timeout=60) as response:
            body = response.read()
            encoding = response.headers.get("Content-Encoding", "")
        raw = gzip.decompress(body) if encoding == "gzip" else body
        return len(body), len(raw), encoding, raw

    html_wire, html_raw, encoding, raw = fetch(base + path)
    files = {}
    for linked in sorted(set(_LINKED.findall(raw.decode("utf-8")))):
        if linked.endswith(("favicon.ico",)):
            continue
        wire, size, file_encoding, _ = fetch(base + linked.replace("&amp;", "&"))
        files[linked] = {"wire": wire, "raw": size, "encoding": file_encoding or "identity"}
    return {
        "html": {"wire": html_wire, "raw": html_raw, "encoding": encoding or "identity"},
        "files": files,
        "total_wire": html_wire + sum(f["wire"] for f in files.values()),
    }


_OBSERVE = """
window.__lcp = 0; window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__lcp = e.startTime; })
  .observe({type: 'largest-contentful-paint', buffered: true});
new PerformanceObserver((list) => { for (const e of list.getEntries())
  window.__longTasks.push([e.startTime, e.duration]); }).observe({type: 'longtask', buffered: true});
"""
_READ = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || 0;
  const end = nav.loadEventEnd;
  const tbt = window.__longTasks.filter(([s, d]) => s >= fcp && s <= end + 5000)
    .reduce((sum, [s, d]) => sum + Math.max(0, d - 50), 0);
  const resources = performance.getEntriesByType('resource');
  return {fcp_ms: fcp, lcp_ms: window.__lcp, load_ms: end, tbt_ms: tbt,
          long_tasks: window.__longTasks.length, dom_nodes: document.getElementsByTagName('*').length,
          transferred: nav.transferSize + resources.reduce((s, r) => s + r.transferSize, 0)};
}"""


def browser_timings(base: str, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    out: dict[str, dict] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path in PAGES.items():
            samples = []
            for _ in range(runs):
                context = browser.new_context(**MOBILE)
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                cdp.send("Network.emulateNetworkConditions", NETWORK)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
                page.add_init_script(_OBSERVE)
                page.goto(base + path, wait_until="load")
                page.wait_for_timeout(1500)  # let LCP settle and late long tasks be seen
                samples.append(page.evaluate(_READ))
                context.close()
            out[name] = {key: round(sorted(s[key] for s in samples)[len(samples) // 2]) for key in samples[0]}
        browser.close()
    return out


def lighthouse(cli: str, url: str, runs: int) -> dict:
    """The median run by performance score (Lighthouse's own advice for a noisy machine), with every score."""
    reports = sorted((_lighthouse_once(cli, url) for _ in range(runs)), key=lambda report: report["performance_score"])
    return {**reports[len(reports) // 2], "scores_of_all_runs": [report["performance_score"] for report in reports]}


def _lighthouse_once(cli: str, url: str) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    flags = "--headless=new " + " ".join(CHROMIUM_ARGS)
    result = subprocess.run(
        [cli, url, "--only-categories=performance", "--form-factor=mobile", "--output=json", "--quiet",
         f"--chrome-flags={flags}"],
        capture_output=True, text=True, env=env, timeout=300, check=True,
    )  # fmt: skip
    report = json.loads(result.stdout)
    audits = report["audits"]
    return {
        "lighthouse_version": report["lighthouseVersion"],
        "performance_score": round(report["categories"]["performance"]["score"] * 100),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "transferred": round(audits["total-byte-weight"]["numericValue"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="browser and Lighthouse runs per page (median kept)")
    parser.add_argument("--lighthouse", default=shutil.which("lighthouse"), help="a Lighthouse CLI, if any")
    args = parser.parse_args()
    prepare()
    port = free_port()
    env = server_environment(port)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen([sys.executable, "-m", "gunicorn"], cwd=ROOT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(port, server)
        for path in PAGES.values():  # warm: the page content is rendered once per coverage version
            urllib.request.urlopen(base + path, timeout=120).read()
        result = {
            "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "load_average_before": " / ".join(f"{x:.1f}" for x in os.getloadavg()),
            "wire": {name: wire_bytes(base, path) for name, path in PAGES.items()},
            "browser_mobile": browser_timings(base, args.runs),
        }
        if args.lighthouse:
            result["lighthouse_mobile"] = {
                name: lighthouse(args.lighthouse, base + PAGES[name], args.runs) for name in ("national_fi", "area_fi")
            }
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for name, wire in result["wire"].items():
        print(f"{name:12} html {wire['html']['raw'] / 1024:6.1f} kB raw, {wire['html']['wire'] / 1024:6.1f} kB "
              f"{wire['html']['encoding']}; page total on the wire {wire['total_wire'] / 1024:6.1f} kB")  # fmt: skip
    for name, timing in result["browser_mobile"].items():
        print(f"{name:12} {timing}")
    for name, report in result.get("lighthouse_mobile", {}).items():
        print(f"{name:12} Lighthouse {report}")


if __name__ == "__main__":
    main()
