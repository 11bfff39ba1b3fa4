"""Schemathesis, the OpenAPI-driven API tester, against the live server with every check (``--checks all``):
generated requests from docs/openapi.json — valid and invalid parameters, undeclared methods, conditional
headers — must get the documented statuses, content types, headers and bodies. Zero failures.

In tests/browser/ for its live server (a real HTTP server, transactional database, the session's reference data
restored afterwards); it drives no browser. The CLI runs in a subprocess, as in CI: the same command an
integrator would run (`schemathesis run docs/openapi.json --url <site>/api/v1 --checks all`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cooperation.models import Practice
from regions.models import VitalityCentre
from services.search import documents
from tests.browser.api_checks import assert_schemathesis_finds_nothing
from tests.factories import PhoneChannelFactory, ServiceFactory, ServiceLocationFactory, municipality

ROOT = Path(__file__).resolve().parent.parent.parent


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
    assert_schemathesis_finds_nothing(ROOT / "docs" / "openapi.json", live_server.url + "/api/v1", tmp_path)
