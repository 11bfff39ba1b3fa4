"""deploy/audit.py: the OSV range logic on real vendored advisories and synthetic records, and the command itself.

No database: the audit reads files only.
"""

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("dependency_audit", ROOT / "deploy" / "audit.py")
audit = importlib.util.module_from_spec(_spec)
sys.modules["dependency_audit"] = audit
_spec.loader.exec_module(audit)

ADVISORIES = ROOT / "deploy" / "advisories"


def real(package, advisory_id):
    return audit.yaml.safe_load((ADVISORIES / package / f"{advisory_id}.yaml").read_text())


def record(*affected, **extra):
    return {"id": "TEST-1", "affected": list(affected), **extra}


def pypi(name, events=None, versions=None, range_type="ECOSYSTEM", ecosystem="PyPI"):
    entry = {"package": {"name": name, "ecosystem": ecosystem}}
    if events is not None:
        entry["ranges"] = [{"type": range_type, "events": events}]
    if versions is not None:
        entry["versions"] = versions
    return entry


# --- real advisories of the snapshot --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "affected"),
    [
        ("5.1.9", False),
        ("5.2", True),
        ("5.2.15", True),
        ("5.2.16", False),
        ("5.2.19", False),
        ("6.0a1", False),
        ("6.0", True),
        ("6.0.6", True),
        ("6.0.7", False),
        ("6.1", False),
    ],
)
def test_django_two_branches(version, affected):
    # introduced 5.2, fixed 5.2.16, introduced 6.0, fixed 6.0.7: 6.0a1 precedes the range, 6.1 follows the fix.
    assert audit.is_affected(real("django", "PYSEC-2026-2090"), "django", version) is affected


def test_setuptools_git_range_is_skipped_and_ecosystem_range_decides():
    advisory = real("setuptools", "PYSEC-2022-43012")  # a GIT range (a commit) and an ECOSYSTEM range, fixed 65.5.1
    assert audit.is_affected(advisory, "setuptools", "65.5.0")
    assert not audit.is_affected(advisory, "setuptools", "65.5.1")
    assert audit.fixed_versions(advisory, "setuptools", "65.5.0") == ["65.5.1"]


def test_gunicorn_versions_list_and_range():
    advisory = real("gunicorn", "PYSEC-2026-1434")  # introduced 0, fixed 22.0.0, and the releases listed
    assert audit.is_affected(advisory, "gunicorn", "0.1")
    assert audit.is_affected(advisory, "gunicorn", "21.2.0")
    assert not audit.is_affected(advisory, "gunicorn", "22.0.0")
    assert not audit.is_affected(advisory, "gunicorn", "27.0.1")


def test_withdrawn_advisory_is_ignored():
    advisory = real("django", "PYSEC-2020-345")  # withdrawn; introduced 2.2, fixed 2.2.11 among its ranges
    assert advisory["withdrawn"]
    assert not audit.is_affected(advisory, "django", "2.2.10")
    del advisory["withdrawn"]
    assert audit.is_affected(advisory, "django", "2.2.10")
    assert not audit.is_affected(advisory, "django", "2.1")


def test_package_names_are_pep_503_normalised():
    advisory = record(pypi("Django_Filter", [{"introduced": "0"}, {"fixed": "2.4.0"}]))
    assert audit.is_affected(advisory, "django-filter", "2.3")
    assert audit.normalize("Django_Filter") == audit.normalize("django.filter") == "django-filter"


# --- synthetic cases ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("events", "version", "affected"),
    [
        ([{"introduced": "0"}], "99", True),  # no fix
        ([{"introduced": "0"}, {"fixed": "1.0"}], "1.0rc1", True),  # pre-releases sort before the release
        ([{"introduced": "0"}, {"fixed": "1.0"}], "1.0", False),
        ([{"introduced": "0"}, {"fixed": "1.0"}], "1.0.post1", False),
        ([{"introduced": "1.0"}, {"last_affected": "1.4"}], "1.4", True),  # last_affected is included
        ([{"introduced": "1.0"}, {"last_affected": "1.4"}], "1.4.1", False),
        ([{"introduced": "1.0"}, {"last_affected": "1.4"}], "0.9", False),
        ([{"fixed": "2.0"}, {"introduced": "1.0"}], "1.5", True),  # events sorted before walking
        ([{"introduced": "1.0"}, {"limit": "1.2"}], "1.1", True),  # limit: an upper bound
        ([{"introduced": "1.0"}, {"limit": "1.2"}], "1.3", False),
        ([{"introduced": "1.0"}, {"limit": "*"}], "9", True),
        ([{"introduced": "1.10"}, {"fixed": "1.10.2"}], "1.9", False),  # PEP 440, not string order
        ([{"introduced": "1.10"}, {"fixed": "1.10.2"}], "1.10.1", True),
    ],
)
def test_range_events(events, version, affected):
    assert audit.is_affected(record(pypi("pkg", events)), "pkg", version) is affected


def test_versions_list_alone_and_non_pep440_installed_version():
    advisory = record(pypi("pkg", versions=["1.0", "weird-1"]))
    assert audit.is_affected(advisory, "pkg", "1.0.0")  # equal under PEP 440
    assert audit.is_affected(advisory, "pkg", "weird-1")
    assert not audit.is_affected(advisory, "pkg", "1.1")
    assert not audit.is_affected(record(pypi("pkg", [{"introduced": "0"}])), "pkg", "weird-1")


def test_other_ecosystems_packages_and_git_ranges_do_not_match():
    events = [{"introduced": "0"}]
    assert not audit.is_affected(record(pypi("pkg", events, ecosystem="npm")), "pkg", "1.0")
    assert not audit.is_affected(record(pypi("other", events)), "pkg", "1.0")
    assert not audit.is_affected(record(pypi("pkg", events, range_type="GIT")), "pkg", "1.0")


def test_fixed_versions_name_the_releases_above_the_installed_one():
    advisory = record(
        pypi("pkg", [{"introduced": "1.0"}, {"fixed": "1.2"}, {"introduced": "2.0"}, {"fixed": "2.3"}]),
        pypi("pkg", [{"introduced": "3.0"}, {"last_affected": "3.1"}]),
    )
    assert audit.fixed_versions(advisory, "pkg", "2.1") == ["2.3", ">3.1"]


# --- the command ---------------------------------------------------------------------------------------------------


def run(tmp_path, capsys, packages, today="2026-08-01", extra=()):
    listing = tmp_path / "pip-list.json"
    listing.write_text(json.dumps([{"name": n, "version": v} for n, v in packages.items()]))
    code = audit.main(["--pip-list", str(listing), "--today", today, *extra])
    return code, capsys.readouterr()


def test_command_fails_on_an_affected_package_and_names_the_fix(tmp_path, capsys):
    code, out = run(tmp_path, capsys, {"Django": "5.2.15", "setuptools": "84.2.1"})
    assert code == 1
    assert "PYSEC-2026-2090" in out.out and "5.2.15" in out.out and "5.2.16" in out.out


def test_command_passes_clean_versions_and_warns_when_old(tmp_path, capsys):
    snapshot = json.loads((ADVISORIES / "snapshot.json").read_text())
    committed = dt.date.fromisoformat(snapshot["commit_date"][:10])
    clean = {"Django": "5.2.19", "setuptools": "84.2.1"}
    code, out = run(tmp_path, capsys, clean, today=(committed + dt.timedelta(days=30)).isoformat())
    assert code == 0 and "WARNING" not in out.err
    later = (committed + dt.timedelta(days=91)).isoformat()
    code, out = run(tmp_path, capsys, clean, today=later)
    assert code == 0 and "91 days old" in out.err and "vendor_advisories.py" in out.err
    code, out = run(tmp_path, capsys, clean, today=later, extra=["--strict"])
    assert code == 1


def test_command_warns_about_packages_the_snapshot_was_not_vendored_for(tmp_path, capsys):
    snapshot = json.loads((ADVISORIES / "snapshot.json").read_text())
    code, out = run(tmp_path, capsys, {"not-a-vendored-package": "1.0"}, today=snapshot["commit_date"][:10])
    assert code == 0 and "not-a-vendored-package 1.0" in out.err


def test_snapshot_records_what_it_holds():
    snapshot = json.loads((ADVISORIES / "snapshot.json").read_text())
    assert snapshot["advisories"] == len(list(ADVISORIES.glob("*/*.yaml")))
    assert len(snapshot["commit"]) == 40 and dt.datetime.fromisoformat(snapshot["commit_date"])
    assert {p.name for p in ADVISORIES.iterdir() if p.is_dir()} <= set(snapshot["packages"])
