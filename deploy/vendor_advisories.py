"""Vendor the advisories of the installed distributions from a clone of the PyPA advisory database.

Reads a (bare) git clone of pypa/advisory-database — OSV records as YAML under `vulns/<package>/` — at one commit,
keeps every record with an `affected[]` entry of ecosystem PyPI for a distribution installed in this interpreter
(PEP 503 names; dependencies of dependencies and the development tools included, as `pip list` shows them), and
writes them byte for byte to deploy/advisories/<package>/, with the database's licence (CC BY 4.0) and
snapshot.json (repository, commit, commit date, the packages it was vendored for). The previous snapshot's records
are replaced. deploy/audit.py then audits offline against it.

    .venv/bin/python deploy/vendor_advisories.py --git-dir /work/.mirror/pypa+advisory-database/repo \\
        --repository pypa/advisory-database [--ref HEAD]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from audit import ADVISORIES, SNAPSHOT_FILE, installed_distributions, normalize

SOURCE_DIR = "vulns"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NAME_LINE = re.compile(rb"^\s*-?\s*name:\s*['\"]?([A-Za-z0-9._-]+)", re.MULTILINE)


def git(git_dir: Path, *args: str, data: bytes | None = None) -> bytes:
    return subprocess.run(  # noqa: S603 (fixed git arguments)
        ["git", f"--git-dir={git_dir}", *args],  # noqa: S607
        input=data,
        capture_output=True,
        check=True,
    ).stdout


def read_blobs(git_dir: Path, shas: list[str]) -> list[bytes]:
    """The contents of many blobs with one `git cat-file --batch`."""
    out = git(git_dir, "cat-file", "--batch", data="".join(f"{sha}\n" for sha in shas).encode())
    blobs, pos = [], 0
    for _ in shas:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        blobs.append(out[header_end + 1 : header_end + 1 + size])
        pos = header_end + 1 + size + 1
    return blobs


def pypi_packages(record: dict) -> set[str]:
    return {
        normalize(str(a["package"]["name"]))
        for a in record.get("affected") or []
        if (a.get("package") or {}).get("ecosystem") == "PyPI" and a["package"].get("name")
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--git-dir", type=Path, required=True, help="a clone of the advisory database")
    parser.add_argument("--repository", required=True, help="owner/name of that clone, recorded in snapshot.json")
    parser.add_argument("--ref", default="HEAD")
    parser.add_argument("--note", default="", help="anything to record about the source (snapshot.json 'note')")
    parser.add_argument("--out", type=Path, default=ADVISORIES)
    args = parser.parse_args(argv)

    commit = git(args.git_dir, "rev-parse", f"{args.ref}^{{commit}}").decode().strip()
    commit_date = git(args.git_dir, "show", "-s", "--format=%cI", commit).decode().strip()
    installed = installed_distributions()

    entries = []  # (path, sha)
    for line in git(args.git_dir, "ls-tree", "-r", "-z", commit, f"{SOURCE_DIR}/").split(b"\0"):
        if not line:
            continue
        meta, path = line.split(b"\t", 1)
        if path.endswith((b".yaml", b".json")):
            entries.append((path.decode(), meta.split()[2].decode()))
    blobs = read_blobs(args.git_dir, [sha for _, sha in entries])

    chosen: dict[str, bytes] = {}  # output relative path -> bytes
    for (path, _), blob in zip(entries, blobs, strict=True):
        # Cheap filter first: only records naming an installed package are parsed.
        if not {normalize(m.decode()) for m in _NAME_LINE.findall(blob)} & installed.keys():
            continue
        record = json.loads(blob) if path.endswith(".json") else yaml.load(blob, Loader=_LOADER)  # noqa: S506
        if pypi_packages(record) & installed.keys():
            chosen[str(Path(path).relative_to(SOURCE_DIR))] = blob

    for child in args.out.iterdir() if args.out.exists() else []:
        if child.is_dir():
            shutil.rmtree(child)
    args.out.mkdir(parents=True, exist_ok=True)
    for rel, blob in sorted(chosen.items()):
        target = args.out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(blob)
    (args.out / "LICENSE").write_bytes(git(args.git_dir, "show", f"{commit}:LICENSE"))

    snapshot = {
        "repository": args.repository,
        "commit": commit,
        "commit_date": commit_date,
        "vendored_on": dt.datetime.now(dt.UTC).date().isoformat(),
        "source": f"https://github.com/{args.repository}/tree/{commit}/{SOURCE_DIR}",
        "licence": "CC BY 4.0 (LICENSE); records unchanged",
        "note": args.note,
        "advisories": len(chosen),
        "packages": sorted(installed),
        "refresh": "docs/deployment.md, 'Dependency audit': fetch the repository again, then "
        ".venv/bin/python deploy/vendor_advisories.py --git-dir <clone> --repository <owner/name>",
    }
    (args.out / SNAPSHOT_FILE).write_text(json.dumps(snapshot, indent=2) + "\n")
    print(
        f"{len(chosen)} advisories for {len({Path(r).parts[0] for r in chosen})} of {len(installed)} installed "
        f"distributions from {args.repository} {commit[:12]} ({commit_date}) written to {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
