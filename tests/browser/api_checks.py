"""The one way the test suite runs schemathesis: the CLI in a subprocess, as an integrator or CI would, with every
check, a fixed seed and one worker (reproducible), and no example database between runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


def assert_schemathesis_finds_nothing(description: Path, url: str, workdir: Path) -> str:
    """Run ``schemathesis run description --url url --checks all``; fail with its report unless it finds nothing.
    Returns its output for further assertions."""
    command = [
        str(SCHEMATHESIS),
        "run",
        str(description),
        "--url",
        url,
        "--checks",
        "all",
        "--max-examples",
        os.environ.get("LIV_SCHEMATHESIS_EXAMPLES", "40"),
        "--seed",
        "15",
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--no-color",
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=1200, cwd=workdir)
    report = run.stdout[-12000:] + run.stderr[-3000:]
    assert run.returncode == 0, report
    assert "No issues found" in run.stdout or "failures" not in run.stdout.lower(), report
    return run.stdout
