"""Schemathesis, the OpenAPI-driven API tester, against the live server with every check (``--checks all``):
generated requests from docs/openapi.json — valid and invalid parameters, undeclared methods, conditional
headers — must get the documented statuses, content types, headers and bodies. Zero failures.

In tests/browser/ for its live server (a real HTTP server, transactional database, the session's reference data
restored afterwards); it drives no browser. The CLI runs in a subprocess, as in CI: the same command an
integrator would run (`schemathesis run docs/openapi.json --url <site>/api/v1 --checks all`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cooperation.models import Practice
from regions.models import VitalityCentre
from services.search import documents
from tests.factories import PhoneChannelFactory, ServiceFactory, ServiceLocationFactory, municipality

ROOT = Path(__file__).resolve().parent.parent.parent
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


@pytest.fixture
def directory() -> None:
    for number in range(3):
        service = ServiceFactory(name_fi=f"Ohjaamo {number}", name_sv=f"Navigatorn {number}")
        ServiceLocationFactory(service=service, municipality=municipality("491"))
        PhoneChannelFactory(service=service)
    practice = Practice.objects.create(title_fi="Ohjauksen verkosto", summary_fi="Yhdessä.", status="published")
    practice.vitality_centres.set(VitalityCentre.objects.filter(code="06"))
    documents.refresh()


def test_schemathesis_finds_nothing(live_server, directory, tmp_path) -> None:
    command = [
        str(SCHEMATHESIS),
        "run",
        str(ROOT / "docs" / "openapi.json"),
        "--url",
        live_server.url + "/api/v1",
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
    run = subprocess.run(command, capture_output=True, text=True, timeout=1200, cwd=tmp_path)
    report = run.stdout[-12000:] + run.stderr[-3000:]
    assert run.returncode == 0, report
    assert "No issues found" in run.stdout or "failures" not in run.stdout.lower(), report
