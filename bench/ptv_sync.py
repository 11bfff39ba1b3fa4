"""PTV synchronisation at national size: `python bench/ptv_sync.py [--services 10000]`.

1. writes a download folder of N generated PTV-shaped guidance services (tests/ptv_files.py's records: each with
   a service location — address, coordinates, weekly hours, an exception, accessibility sentences — and a web page,
   one organisation per 50 services), as `sync_ptv --save-dir` would leave it;
2. in a database of its own, `liv_bench_ptv` (migrate and the reference data first), runs
   `sync_ptv --from-dir` three times, each in a fresh process, and times it: the first run (everything created),
   the second over the same folder (nothing may change), and a third over a folder where every tenth service
   changed its name (updated);
3. writes bench/results/ptv_sync.json; docs/performance.md quotes it. The database is dropped unless --keep.

The search documents follow through the database triggers inside the same transactions (they are part of the
time); embeddings are left to `embed_services --watch` and not run here.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.backup_restore import django_env, drop, recreate_empty  # noqa: E402

DATABASE = "liv_bench_ptv"
RESULTS = ROOT / "bench" / "results" / "ptv_sync.json"
MUNICIPALITIES = ["091", "049", "092", "837", "853", "564", "179", "491", "297", "167", "109", "398", "743"]


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liv.settings")
    os.environ.setdefault("LIV_TESTING", "1")
    import django

    django.setup()


def write_folder(folder: Path, count: int, *, renamed_every: int = 0) -> None:
    """N PTV-shaped services with their channels and organisations (no database needed)."""
    _setup_django()
    from tests import ptv_files as ptv

    services, channels, organizations = [], [], []
    for n in range(count):
        service_id = f"5c1d3a52-8f0e-4d8b-b1a4-{n:012d}"
        org_id = f"0b7e4a9e-1c52-4e6b-9a7f-{n // 50:012d}"
        location_id = f"9a8b7c6d-0000-4000-8000-{2 * n:012d}"
        web_id = f"9a8b7c6d-0000-4000-8000-{2 * n + 1:012d}"
        if n % 50 == 0:
            organizations.append(ptv.organization(org_id, f"Ohjausorganisaatio {n // 50}"))
        municipality = MUNICIPALITIES[n % len(MUNICIPALITIES)]
        name = f"Ohjauspalvelu {n}" + (" (uusi nimi)" if renamed_every and n % renamed_every == 0 else "")
        services.append(ptv.service(service_id, org_id, [location_id, web_id], name=name, area=(municipality,)))
        channel = ptv.location_channel(
            location_id,
            org_id,
            service_id,
            municipality=municipality,
            northing=str(6_700_000 + (n * 37) % 500_000),
            easting=str(300_000 + (n * 53) % 300_000),
            exceptions=[ptv.hours("Exceptional", [], validFrom="2027-12-24T00:00:00", validTo="2027-12-26T00:00:00",
                                  isClosed=True, validForNow=False)],
        )  # fmt: skip
        channels += [channel, ptv.web_channel(web_id, org_id, service_id, f"https://palvelu{n}.example.fi/")]
    ptv.write_download(folder, services=services, channels=channels, organizations=organizations)


def timed_sync(folder: Path) -> tuple[float, dict]:
    env = django_env(DATABASE)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "sync_ptv", "--from-dir", str(folder)], cwd=ROOT, env=env, check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    script = (
        "from ptv.models import SyncRun; import json; r = SyncRun.objects.latest(); "
        "print(json.dumps({k: getattr(r, k) for k in ('created', 'updated', 'archived', 'unchanged', 'refused')}))"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script], cwd=ROOT, env=env, check=True,
        capture_output=True, text=True,
    )  # fmt: skip
    return seconds, json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="keep the database liv_bench_ptv")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="liv-bench-ptv-") as tmp:
        first, changed = Path(tmp) / "first", Path(tmp) / "changed"
        start = time.perf_counter()
        write_folder(first, args.services)
        write_folder(changed, args.services, renamed_every=10)
        generated = time.perf_counter() - start
        recreate_empty(DATABASE)
        try:
            subprocess.run(
                [sys.executable, "manage.py", "shell", "--no-imports", "-c",
                 "from django.core.management import call_command; call_command('migrate', '--noinput', '-v0'); "
                 "call_command('load_reference_data')"],
                cwd=ROOT, env=django_env(DATABASE), check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
            runs = {}
            for label, folder in (("first", first), ("second", first), ("changed", changed)):
                seconds, counts = timed_sync(folder)
                runs[label] = {"seconds": round(seconds, 1), **counts}
                print(f"{label:8s} {seconds:7.1f} s  {counts}", flush=True)
        finally:
            if not args.keep:
                drop(DATABASE)
    result = {
        "services": args.services,
        "generated_seconds": round(generated, 1),
        "runs": runs,
        "cpu": os.cpu_count(),
        "date": time.strftime("%Y-%m-%d"),
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
