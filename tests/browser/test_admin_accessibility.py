"""The admin in a real browser, as the two roles that use it: no axe-core WCAG 2.1 A/AA violations on the list,
add and change pages of the entries coordinators keep (services, providers, groups, self-assessments, practices,
measures, feedback, search synonyms, unanswered searches), in Finnish and Swedish.

The fi/sv/en tabs of django-modeltranslation, select2 and Django's own widgets are third-party markup; what
axe found in them is worked around in ``liv/static/liv/admin-a11y.js`` and ``admin.css`` (see their docstrings),
so these pages are checked as a coordinator sees them, with the scripts run.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from cooperation.demo import load_demo_cooperation
from cooperation.maturity_model import load_maturity_model
from cooperation.models import MaturityAssessment, Measure, Practice, RegionalGroup
from feedback.models import Feedback
from services.models import SearchSynonym, Service, UnansweredSearch
from tests.admin_support import ITA_SUOMI, PASSWORD, make_coordinator, make_national_administrator
from tests.factories import ProviderFactory, ServiceFactory, ServiceLocationFactory, municipality

pytestmark = pytest.mark.browser

LANGUAGES = ["fi", "sv"]
# Feedback comes from citizens and unanswered searches from the search page only: neither has an add page.
NO_ADD_PAGE = {"feedback/feedback", "services/unansweredsearch"}


@pytest.fixture
def entries() -> dict[str, tuple[str, int]]:
    """One entry of each kind in Itä-Suomi (so that both roles can open it): admin path and primary key."""
    load_maturity_model()
    load_demo_cooperation()
    provider = ProviderFactory(municipality=municipality("491"))
    service = ServiceFactory(provider=provider, status=Service.Status.DRAFT)
    ServiceLocationFactory(service=service, municipality=municipality("491"))
    feedback = Feedback.objects.create(
        topic=Feedback.Topic.SERVICE, service=service, message="Puhelinnumero on vanha.", language="fi"
    )
    synonym = SearchSynonym.objects.get(language="fi", term="kesäduuni")  # seeded by a migration
    unanswered = UnansweredSearch.objects.create(week="2026-11-30", language="fi", text="kesäduuni vantaa", count=4)
    group = RegionalGroup.objects.filter(vitality_centre__code=ITA_SUOMI).first()
    return {
        "services/service": service.pk,
        "services/provider": provider.pk,
        "cooperation/regionalgroup": group.pk,
        "cooperation/maturityassessment": MaturityAssessment.objects.filter(group=group).first().pk,
        "cooperation/practice": Practice.objects.filter(vitality_centres__code=ITA_SUOMI).first().pk,
        "cooperation/measure": Measure.objects.filter(vitality_centre__code=ITA_SUOMI).first().pk,
        "feedback/feedback": feedback.pk,
        "services/searchsynonym": synonym.pk,
        "services/unansweredsearch": unanswered.pk,
    }


def _log_in(page: Page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/fi/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/fi/admin/")


def _check_admin_pages(page: Page, live_server, axe, entries: dict[str, int], role: str) -> list[str]:
    found = []
    for model, pk in entries.items():
        paths = [f"{model}/", f"{model}/{pk}/change/"]
        if model not in NO_ADD_PAGE:
            paths.append(f"{model}/add/")
        for language in LANGUAGES:
            for path in paths:
                url = f"{live_server.url}/{language}/admin/{path}"
                response = page.goto(url)
                if response is None or response.status != 200:
                    found.append(f"[{role} {language}] {path} answered {response and response.status}")
                    continue
                page.wait_for_load_state("load")
                found += [f"[{role} {language}] {path} {violation}" for violation in axe(page)]
    return found


def test_admin_pages_have_no_axe_violations_for_a_coordinator(live_server, page, axe, entries):
    make_coordinator("ita", ITA_SUOMI)
    _log_in(page, live_server, "ita")
    found = _check_admin_pages(page, live_server, axe, entries, "coordinator")
    assert found == [], "\n".join(found)


def test_admin_pages_have_no_axe_violations_for_a_national_administrator(live_server, page, axe, entries):
    make_national_administrator()
    _log_in(page, live_server, "kansallinen")
    found = _check_admin_pages(page, live_server, axe, entries, "national")
    assert found == [], "\n".join(found)
