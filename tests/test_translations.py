"""Every user-visible string is translated in locale/ for fi, sv and en: complete, no fuzzy, no empty entries,
and the catalogues match the source (a string added to the code without a translation fails here)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LANGUAGES = ["fi", "sv", "en"]


def _entries(po_file: Path) -> dict[str, dict]:
    """A small .po reader: msgid (with context and plural) → translations and flags."""
    entries: dict[str, dict] = {}
    current: dict = {}
    field = None

    def flush() -> None:
        if "msgid" in current and current["msgid"] != "":
            key = current.get("msgctxt", "") + "\x04" + current["msgid"]
            entries[key] = current.copy()

    for raw in po_file.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            current, field = {}, None
            continue
        if line.startswith("#,"):
            current["flags"] = line[2:].strip()
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            current[field] = current.get(field, "") + _unquote(line)
            continue
        name, _, value = line.partition(" ")
        field = name
        current[field] = _unquote(value)
    flush()
    return entries


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    """A .po string literal's content: the quotes removed and its C escapes resolved."""
    body, out, i = text[1:-1], [], 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            out.append(_ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(body[i])
            i += 1
    return "".join(out)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_is_complete(lang):
    entries = _entries(REPO / "locale" / lang / "LC_MESSAGES" / "django.po")
    assert entries, "empty catalogue"
    problems = []
    for key, entry in entries.items():
        msgid = key.split("\x04", 1)[1]
        if "fuzzy" in entry.get("flags", ""):
            problems.append(f"fuzzy: {msgid!r}")
        translations = [v for k, v in entry.items() if k.startswith("msgstr")]
        if not translations or any(not t for t in translations):
            problems.append(f"untranslated: {msgid!r}")
    assert not problems, "\n".join(problems[:40]) + f"\n({len(problems)} in all)"


def test_catalogues_match_the_source(tmp_path):
    """makemessages on a copy of the source finds no string the committed catalogue lacks."""
    for item in REPO.iterdir():
        if item.name in {".venv", ".pgdata", ".git", "staticfiles", "node_modules"}:
            continue
        target = tmp_path / item.name
        if item.is_dir():
            shutil.copytree(item, target, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy2(item, target)
    # The copy must use this checkout's database server, not start a second embedded one in tmp_path.
    env = {**os.environ, "LIV_PGDATA": os.environ.get("LIV_PGDATA", str(REPO / ".pgdata"))}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fi", "--ignore=.venv/*", "--no-obsolete", "-v0"],
        cwd=tmp_path,
        check=True,
        env=env,
    )
    fresh = set(_entries(tmp_path / "locale" / "fi" / "LC_MESSAGES" / "django.po"))
    committed = set(_entries(REPO / "locale" / "fi" / "LC_MESSAGES" / "django.po"))
    missing = sorted(key.split("\x04", 1)[1] for key in fresh - committed)
    assert not missing, "strings without a translation entry (run makemessages):\n" + "\n".join(missing[:40])
