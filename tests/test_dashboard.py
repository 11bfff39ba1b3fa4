"""The admin start page answers "what do I do this week": counts with links, the oldest waiting feedback against
the 14-day rule, and the area's coverage gaps said in sentences; in few queries whatever the amount of data."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from cooperation.coverage import coverage_table
from cooperation.dashboard import gap_sentences
from feedback.models import Feedback
from regions.models import VitalityCentre
from services.models import Service, TargetGroup
from tests.admin_support import ITA_SUOMI, make_coordinator, make_national_administrator
from tests.factories import ProviderFactory, ServiceFactory, ServiceLocationFactory, municipality

pytestmark = pytest.mark.django_db

MIKKELI = "491"


def own_service(**fields) -> Service:
    return ServiceFactory(provider=ProviderFactory(municipality=municipality(MIKKELI)), **fields)


def report(service: Service | None, days_ago: int, **fields) -> Feedback:
    feedback = Feedback.objects.create(
        topic="service" if service else "site", service=service, message="Väärä osoite", language="fi", **fields
    )
    Feedback.objects.filter(pk=feedback.pk).update(created=timezone.now() - datetime.timedelta(days=days_ago))
    return feedback


@pytest.fixture
def ita(client):
    client.force_login(make_coordinator("ita", ITA_SUOMI))
    return client


def test_counts_link_to_the_lists_they_count(ita):
    own_service(name_sv="", summary_sv="")  # missing Swedish
    own_service(name_en="")  # missing English
    own_service(last_reviewed=None)  # past its review date
    own_service(status=Service.Status.DRAFT)
    ServiceFactory(status=Service.Status.DRAFT)  # Uusimaa's: not counted
    html = ita.get("/fi/admin/").content.decode()
    assert 'href="/fi/admin/services/service/?missing=sv&amp;status__exact=published">1 ' in html
    assert 'href="/fi/admin/services/service/?missing=en&amp;status__exact=published">1 ' in html
    assert 'href="/fi/admin/services/service/?review=needed&amp;status__exact=published">1 ' in html
    assert 'href="/fi/admin/services/service/?status__exact=draft">1 ' in html


def test_waiting_feedback_oldest_first_with_age_against_the_14_days(ita):
    service = own_service(name_fi="Ohjaamo Mikkeli")
    report(service, days_ago=2)
    report(service, days_ago=20)
    report(service, days_ago=5, status=Feedback.Status.HANDLED)  # answered: not waiting
    report(ServiceFactory(), days_ago=30)  # another area's
    response = ita.get("/fi/admin/")
    tasks = response.context["liv_tasks"]
    assert tasks.counts.open_feedback == 2
    assert tasks.overdue_feedback == 1
    assert [item.age_days for item in tasks.oldest_feedback] == [20, 2]
    assert [item.days_left for item in tasks.oldest_feedback] == [-6, 12]
    html = response.content.decode()
    assert "6 päivää myöhässä" in html and "12 päivää jäljellä" in html
    assert 'href="/fi/admin/feedback/feedback/?status__exact=new&amp;o=1"' in html  # the list, oldest first


def test_a_national_administrator_sees_site_feedback_too(client):
    report(None, days_ago=1)
    client.force_login(make_national_administrator())
    assert client.get("/fi/admin/").context["liv_tasks"].counts.open_feedback == 1


def test_gaps_are_sentences_with_a_link_to_the_areas_coverage_page(ita):
    immigrants = TargetGroup.objects.get(code="immigrants")
    service = own_service()
    service.target_groups.set([immigrants])
    ServiceLocationFactory(service=service, municipality=municipality(MIKKELI))
    area = VitalityCentre.objects.get(code=ITA_SUOMI)
    municipalities = len(coverage_table(area=area).rows)
    html = ita.get("/fi/admin/").content.decode()
    assert f"{municipalities - 1} kunnassa ei ole mitään palvelua." in html
    assert 'href="/fi/coverage/06/"' in html
    assert "Mikkeli" not in html  # no list of every municipality
    with translation.override("en"):
        sentences = gap_sentences(coverage_table(area=area))
    assert sentences[0] == f"{municipalities - 1} municipalities have no service at all."
    # Every other target group lacks in-person service everywhere; immigrants only outside Mikkeli.
    assert f"{municipalities - 1} municipalities have no in-person service for immigrants." not in sentences
    assert len(sentences) == 4


def test_start_page_queries_do_not_grow_with_the_entries(ita, django_assert_max_num_queries):
    for days_ago in range(12):
        report(own_service(), days_ago=days_ago)
    ita.get("/fi/admin/")  # the coverage count of this version is taken once per process
    with django_assert_max_num_queries(16):
        response = ita.get("/fi/admin/")
    assert len(response.context["liv_tasks"].oldest_feedback) == 5
