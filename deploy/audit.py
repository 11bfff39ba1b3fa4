"""Offline dependency audit against the vendored advisory snapshot in deploy/advisories/.

For every distribution installed in the interpreter that runs this script (what `pip list` shows: the project's
dependencies, theirs, and the development tools), read the OSV advisories vendored for it and decide whether the
installed version is affected, following the OSV schema's evaluation algorithm
(https://ossf.github.io/osv-schema/#evaluation): an `affected[]` entry of ecosystem PyPI whose package name matches
(PEP 503) applies when the version is listed in `versions` or falls in one of its `ECOSYSTEM` (or `SEMVER`)
ranges, the range's `introduced` / `fixed` / `last_affected` / `limit` events compared in PEP 440 order.
`GIT` ranges name commits, not releases, and are skipped (the records list the affected releases in `versions`).
Withdrawn advisories are ignored.

Exit status: 1 when an installed version is affected (a table names advisory, package, installed and fixed
version), 0 otherwise. A snapshot older than 90 days, and installed distributions the snapshot was not vendored
for, give warnings; `--strict` turns those into failures too.

Usage: .venv/bin/python deploy/audit.py [--advisories DIR] [--pip-list FILE] [--max-age-days N] [--strict]
Needs the standard library, `packaging` and PyYAML (the records are YAML, as the database keeps them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from packaging.version import InvalidVersion, Version

ADVISORIES = Path(__file__).resolve().parent / "advisories"
SNAPSHOT_FILE = "snapshot.json"
MAX_AGE_DAYS = 90
REFRESH = (
    "fetch github:pypa/advisory-database again, then "
    ".venv/bin/python deploy/vendor_advisories.py --git-dir /work/.mirror/<owner>+<name>/repo "
    "--repository <owner>/<name> (docs/deployment.md, 'Dependency audit')"
)
RANGE_TYPES = ("ECOSYSTEM", "SEMVER")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def normalize(name: str) -> str:
    """PEP 503 name normalisation."""
    return re.sub(r"[-_.]+", "-", name).lower()


def installed_distributions() -> dict[str, str]:
    """{normalised name: version} of every distribution visible to this interpreter, first on sys.path wins."""
    found: dict[str, str] = {}
    for dist in importlib.metadata.distributions():
        name = dist.metadata["Name"]
        if name:
            found.setdefault(normalize(name), dist.version)
    return found


def distributions_from_pip_list(path: Path) -> dict[str, str]:
    """{normalised name: version} from the output of `pip list --format json`."""
    return {normalize(item["name"]): item["version"] for item in json.loads(path.read_text())}


# --- The OSV evaluation algorithm -------------------------------------------------------------------------------


def _sort_key(kind: str, value: str) -> tuple[int, Version]:
    """Events in version order; `introduced: "0"` sorts before every version."""
    if kind == "introduced" and value == "0":
        return (0, Version("0"))
    return (1, Version(value))


def _event(event: Mapping[str, str]) -> tuple[str, str]:
    """The one (kind, version) pair of an event object."""
    kinds = [k for k in ("introduced", "fixed", "last_affected", "limit") if k in event]
    if len(kinds) != 1:
        raise ValueError(f"an OSV event has exactly one of introduced/fixed/last_affected/limit: {event!r}")
    return kinds[0], str(event[kinds[0]])


def _at_least(v: Version, kind: str, value: str) -> bool:
    if kind == "introduced" and value == "0":
        return True
    return v >= Version(value)


def before_limits(v: Version, events: Iterable[Mapping[str, str]]) -> bool:
    limits = [value for kind, value in map(_event, events) if kind == "limit"]
    if not limits:
        return True  # the implicit limit "*"
    return any("*" in value or v < Version(value) for value in limits)  # "*" is infinity


def included_in_range(v: Version, events: Iterable[Mapping[str, str]]) -> bool:
    """OSV's IncludedInRanges for one range: walk the events in version order."""
    events = list(events)
    if not before_limits(v, events):
        return False
    ordered = sorted((_event(e) for e in events if "limit" not in e), key=lambda kv: _sort_key(*kv))
    vulnerable = False
    for kind, value in ordered:
        if kind == "introduced" and _at_least(v, kind, value):
            vulnerable = True
        elif (kind == "fixed" and v >= Version(value)) or (kind == "last_affected" and v > Version(value)):
            vulnerable = False
    return vulnerable


def _same_version(installed: str, listed: str) -> bool:
    if installed == listed:
        return True
    try:
        return Version(installed) == Version(listed)
    except InvalidVersion:
        return False


def matching_affected(advisory: Mapping, package: str) -> list[Mapping]:
    """The advisory's `affected[]` entries for this PyPI package (PEP 503 names)."""
    return [
        a
        for a in advisory.get("affected") or []
        if (a.get("package") or {}).get("ecosystem") == "PyPI"
        and normalize(str((a.get("package") or {}).get("name", ""))) == package
    ]


def is_affected(advisory: Mapping, package: str, version: str) -> bool:
    """OSV's IsVulnerable(pkg, v, osv); withdrawn advisories affect nothing."""
    if advisory.get("withdrawn"):
        return False
    for affected in matching_affected(advisory, package):
        if any(_same_version(version, str(listed)) for listed in affected.get("versions") or []):
            return True
        try:
            v = Version(version)
        except InvalidVersion:
            continue  # not PEP 440: only an exact entry in `versions` can match it
        for rng in affected.get("ranges") or []:
            if rng.get("type") in RANGE_TYPES and included_in_range(v, rng.get("events") or []):
                return True
    return False


def fixed_versions(advisory: Mapping, package: str, version: str) -> list[str]:
    """The `fixed` versions above the installed one (releases to move to); `>X` for a `last_affected` X."""
    try:
        v = Version(version)
    except InvalidVersion:
        v = None
    out: set[str] = set()
    for affected in matching_affected(advisory, package):
        for rng in affected.get("ranges") or []:
            if rng.get("type") not in RANGE_TYPES:
                continue
            for kind, value in map(_event, rng.get("events") or []):
                if kind == "fixed" and (v is None or Version(value) > v):
                    out.add(value)
                elif kind == "last_affected" and (v is None or Version(value) >= v):
                    out.add(f">{value}")
    return sorted(out, key=lambda s: Version(s.lstrip(">")))


# --- The snapshot -----------------------------------------------------------------------------------------------


@dataclass
class Finding:
    advisory_id: str
    package: str
    installed: str
    fixed: list[str]
    aliases: list[str] = field(default_factory=list)


def load_advisories(directory: Path) -> dict[str, list[dict]]:
    """{normalised package name: [advisory, ...]} from <directory>/<package>/*.yaml (and .json)."""
    by_package: dict[str, list[dict]] = {}
    for path in sorted(directory.glob("*/*")):
        if path.suffix == ".yaml":
            record = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 (a safe loader)
        elif path.suffix == ".json":
            record = json.loads(path.read_text(encoding="utf-8"))
        else:
            continue
        names = {
            normalize(str(a["package"]["name"]))
            for a in record.get("affected") or []
            if (a.get("package") or {}).get("ecosystem") == "PyPI" and a["package"].get("name")
        }
        for name in names:
            by_package.setdefault(name, []).append(record)
    return by_package


def audit(installed: Mapping[str, str], advisories: Mapping[str, list[dict]]) -> list[Finding]:
    findings = []
    for package, version in sorted(installed.items()):
        for advisory in advisories.get(package, []):
            if is_affected(advisory, package, version):
                findings.append(
                    Finding(
                        advisory_id=advisory["id"],
                        package=package,
                        installed=version,
                        fixed=fixed_versions(advisory, package, version),
                        aliases=list(advisory.get("aliases") or []),
                    )
                )
    return findings


def snapshot_age_days(snapshot: Mapping, today: dt.date) -> int:
    committed = dt.datetime.fromisoformat(snapshot["commit_date"]).date()
    return (today - committed).days


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join([line.format(*header), line.format(*("-" * w for w in widths))] + [line.format(*r) for r in rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--advisories", type=Path, default=ADVISORIES, help="the vendored snapshot")
    parser.add_argument("--pip-list", type=Path, help="audit the output of `pip list --format json` instead")
    parser.add_argument("--max-age-days", type=int, default=MAX_AGE_DAYS)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.datetime.now(dt.UTC).date())
    parser.add_argument("--strict", action="store_true", help="fail on an old snapshot or an uncovered package too")
    args = parser.parse_args(argv)

    snapshot = json.loads((args.advisories / SNAPSHOT_FILE).read_text())
    installed = distributions_from_pip_list(args.pip_list) if args.pip_list else installed_distributions()
    advisories = load_advisories(args.advisories)
    findings = audit(installed, advisories)

    count = sum(len(v) for v in advisories.values())
    print(
        f"Offline audit: {len(installed)} installed distributions against {count} advisories of "
        f"{snapshot['repository']} at {snapshot['commit'][:12]} ({snapshot['commit_date'][:10]})."
    )
    problems = 0
    age = snapshot_age_days(snapshot, args.today)
    if age > args.max_age_days:
        problems += 1
        print(
            f"WARNING: the advisory snapshot is {age} days old (more than {args.max_age_days}); advisories "
            f"published since {snapshot['commit_date'][:10]} are not checked. Refresh it: {REFRESH}.",
            file=sys.stderr,
        )
    covered = set(snapshot.get("packages", []))
    uncovered = sorted(set(installed) - covered)
    if uncovered:
        problems += 1
        print(
            "WARNING: the snapshot was not vendored for "
            + ", ".join(f"{p} {installed[p]}" for p in uncovered)
            + f"; they are not audited. Re-run the vendoring: {REFRESH}.",
            file=sys.stderr,
        )

    if findings:
        rows = [[f.advisory_id, f.package, f.installed, ", ".join(f.fixed) or "none"] for f in findings]
        print(table(rows, ["advisory", "package", "installed", "fixed in"]))
        print(f"{len(findings)} known vulnerabilities in {len({f.package for f in findings})} installed packages.")
        return 1
    print("No installed version is affected by an advisory of the snapshot.")
    return 1 if (args.strict and problems) else 0


if __name__ == "__main__":
    sys.exit(main())
