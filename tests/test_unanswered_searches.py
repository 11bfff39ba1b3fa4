"""What people searched and did not find: counted anonymously per week, shown to coordinators as the words the
synonyms lack, with a way to add one, and deleted after SEARCH_LOG_DAYS (services/search/unanswered.py)."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from services.models import SearchSynonym, UnansweredSearch
from tests.admin_support import ITA_SUOMI, form_data, make_coordinator
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

PARTIAL_NOTICE = "Mikään palvelu ei sisällä kaikkia hakusanojasi"


@pytest.fixture
def directory() -> None:
    ServiceFactory(name_fi="Uraohjaus aikuisille", summary_fi="Ohjausta uranvaihtoon ja koulutusvalintoihin.")
    ServiceFactory(name_fi="Kesätyöneuvonta", summary_fi="Apua kesätyön hakuun nuorille.")


def this_week() -> datetime.date:
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday())


def test_a_search_with_no_service_holding_all_its_words_is_counted_without_personal_details(client, directory):
    query = "Uraohjaus  ZZQXV soita 040 1234567 tai matti.meikalainen@example.fi"
    for _ in range(2):
        page = client.get("/fi/search/", {"q": query})
        assert page.status_code == 200
    assert PARTIAL_NOTICE in page.content.decode()
    row = UnansweredSearch.objects.get()
    assert (row.text, row.language, row.outcome, row.count, row.week) == (
        "uraohjaus zzqxv soita # # tai #",
        "fi",
        UnansweredSearch.Outcome.PARTIAL,
        2,
        this_week(),
    )
    client.get("/sv/search/", {"q": query})
    assert UnansweredSearch.objects.get(language="sv").count == 1


def test_found_searches_filtered_searches_and_empty_texts_are_not_counted(client, directory, settings):
    client.get("/fi/search/", {"q": "uraohjaus"})  # a service holds every word
    client.get("/fi/search/", {"q": "uraohjaus zzqxv", "municipality": "179"})  # the filter may be why
    client.get("/fi/search/", {"q": "?! –"})  # nothing to search for
    client.get("/fi/search/", {"q": "040 1234567"})  # nothing left once masked
    assert list(UnansweredSearch.objects.values_list("text", flat=True)) == []
    settings.SEARCH_LOG_DAYS = 0
    client.get("/fi/search/", {"q": "uraohjaus zzqxv"})
    assert not UnansweredSearch.objects.exists()


def test_coordinators_see_texts_searched_three_times_a_week_and_add_one_as_a_synonym(client):
    UnansweredSearch.objects.create(week=this_week(), language="sv", text="sommarknäck vasa?", count=5)
    UnansweredSearch.objects.create(week=this_week(), language="fi", text="harvinainen hakuteksti", count=2)
    UnansweredSearch.objects.create(week=this_week(), language="fi", text="soita # huomenna", count=4)
    UnansweredSearch.objects.create(week=this_week(), language="fi", text="kesäduuni", count=3)  # a seeded synonym
    client.force_login(make_coordinator("ita", ITA_SUOMI))

    listing = client.get("/fi/admin/services/unansweredsearch/").content.decode()
    assert "sommarknäck vasa?" in listing and "soita # huomenna" in listing
    assert "harvinainen hakuteksti" not in listing  # asked twice: may say more of a person than of the words
    links = re.findall(r'href="(/fi/admin/services/searchsynonym/add/\?[^"]+)"', listing)
    assert len(links) == 1  # a masked text is no synonym, and "kesäduuni" is one already:
    kesaduuni = SearchSynonym.objects.get(language="fi", term="kesäduuni")
    assert f'href="/fi/admin/services/searchsynonym/{kesaduuni.pk}/change/">Muokkaa synonyymiä</a>' in listing

    form = client.get(html.unescape(links[0])).content.decode()
    assert re.search(r'name="term"[^>]*value="sommarknäck vasa"', form)
    assert re.search(r'<option value="sv" selected>', form)
    assert client.get("/fi/admin/services/unansweredsearch/add/").status_code == 403


def test_a_coordinator_turns_a_counted_search_into_a_synonym_and_the_next_search_finds_all_its_words(client, directory):
    """The loop the count is for: people use a word the entries lack, a coordinator adds it, the search knows it."""
    query = {"q": "kesäkeikka neuvonta"}
    for _ in range(3):
        assert PARTIAL_NOTICE in client.get("/fi/search/", query).content.decode()
    client.force_login(make_coordinator("ita", ITA_SUOMI))
    listing = client.get("/fi/admin/services/unansweredsearch/").content.decode()
    add_url = html.unescape(re.search(r'href="(/fi/admin/services/searchsynonym/add/\?[^"]+)"', listing)[1])
    data = form_data(client.get(add_url).content.decode(), "searchsynonym_form")
    assert (data["language"], data["term"]) == ("fi", "kesäkeikka neuvonta")
    data.update(term="kesäkeikka", equivalents="kesätyö")  # the coordinator keeps the word the entries lack
    assert client.post(add_url, data).status_code == 302
    client.logout()

    response = client.get("/fi/search/", query)
    assert PARTIAL_NOTICE not in response.content.decode()
    assert [service.name_fi for service in response.context["result"].services] == ["Kesätyöneuvonta"]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("language=&term=", 200),
        ("language=sv&language=fi&" + "term=kesäduuni&" * 50, 200),
        ("language=xx&term=" + "sana " * 1400, 200),
        ("language=fi%00&term=kes%00%C3", 400),  # liv.middleware refuses NUL bytes everywhere
    ],
    ids=["empty", "repeated", "huge", "nul"],
)
def test_the_synonym_form_filled_in_from_the_link_takes_any_values(client, query, status):
    """The add link's parameters can be typed by hand: the form shows, and what it cannot take it refuses on save."""
    client.force_login(make_coordinator("ita", ITA_SUOMI))
    response = client.get(f"/fi/admin/services/searchsynonym/add/?{query}")
    assert response.status_code == status
    if status == 200:
        assert 'id="searchsynonym_form"' in response.content.decode()
    else:
        assert response.content.decode() == "NUL bytes are not allowed."


def test_purge_deletes_the_weeks_past_the_retention_time(settings):
    settings.SEARCH_LOG_DAYS = 90
    old = UnansweredSearch.objects.create(week=this_week() - datetime.timedelta(weeks=14), language="fi", text="a")
    recent = UnansweredSearch.objects.create(week=this_week() - datetime.timedelta(weeks=11), language="fi", text="b")
    call_command("purge_personal_data", verbosity=0)
    assert list(UnansweredSearch.objects.all()) == [recent]
    assert not UnansweredSearch.objects.filter(pk=old.pk).exists()


@pytest.mark.parametrize(
    ("language", "heading", "retention"),
    [
        ("fi", "Haut, joihin ei löydy osumaa", "poistetaan 90 päivän kuluttua viikon alusta"),
        ("sv", "Sökningar som inte ger någon träff", "raderas 90 dagar efter veckans början"),
        ("en", "Searches that find nothing", "deleted 90 days after the week began"),
    ],
)
def test_the_privacy_notice_tells_what_is_counted_and_for_how_long(client, settings, language, heading, retention):
    settings.SEARCH_LOG_DAYS = 90
    notice = client.get(f"/{language}/privacy/").content.decode()
    assert heading in notice and retention in notice
    settings.SEARCH_LOG_DAYS = 0
    assert heading not in client.get(f"/{language}/privacy/").content.decode()
