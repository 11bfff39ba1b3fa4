"""The search finds services the way people write: inflected, compounded, misspelt, in three languages."""

from __future__ import annotations

import pytest
from django.db import connection

from services.models import Service, TargetGroup
from services.search import SearchFilters, SearchQuery, Sort, documents, search, spoken
from tests.factories import ProviderFactory, ServiceFactory, ServiceLocationFactory, municipality

pytestmark = pytest.mark.django_db


def names(text: str, language: str = "fi", **filters: object) -> list[str]:
    result = search(SearchQuery(text=text, language=language, filters=SearchFilters(**filters)))
    return [service.name_fi for service in result.services]


def service(name: str, summary: str = "", description: str = "", municipality_code: str | None = None, **kw):
    created = ServiceFactory(
        name_fi=name,
        summary_fi=summary,
        description_fi=description,
        name_sv="",
        name_en="",
        summary_sv="",
        summary_en="",
        **kw,
    )
    if municipality_code:
        ServiceLocationFactory(service=created, municipality=municipality(municipality_code))
    return created


@pytest.fixture
def directory() -> dict[str, Service]:
    services = {
        "ura": service("Uraohjaus aikuisille", "Henkilökohtaista uraohjausta."),
        "opinto": service("Opinto-ohjaus lukiossa", "Opinto-ohjaajan tapaamiset."),
        "neuvonta": service("Koulutusneuvonta", "Neuvoja koulutusvalintoihin."),
        "valmennus": service("Työllisyyspalvelut", "Tukea työnhakuun ja valmennusta ryhmässä."),
        "ohjaamo_mikkeli": service("Ohjaamo Mikkeli", "Nuorten palvelupiste.", municipality_code="491"),
        "ohjaamo_turku": service("Ohjaamo Turku", "Nuorten palvelupiste.", municipality_code="853"),
        "maahanmuutto": service("Neuvontaa maahanmuuttajille", "Apua asumiseen ja opiskeluun."),
        "yrittaja": service("Yrittäjäksi ryhtyvän neuvonta", "Starttiraha ja liiketoimintasuunnitelma."),
    }
    documents.refresh()
    return {key: Service.objects.get(pk=value.pk) for key, value in services.items()}


def test_a_compound_part_finds_the_compounds(directory: dict[str, Service]) -> None:
    found = names("ohjaus")
    assert "Uraohjaus aikuisille" in found
    assert "Opinto-ohjaus lukiossa" in found
    assert "Koulutusneuvonta" in names("neuvonta")


def test_a_compound_query_finds_text_with_its_parts_inflected(directory: dict[str, Service]) -> None:
    assert names("työnhakuvalmennus")[0] == "Työllisyyspalvelut"


@pytest.mark.parametrize(
    ("query", "expected"),
    [("ohjaamossa", "Ohjaamo"), ("maahanmuuttajille", "Neuvontaa maahanmuuttajille"), ("yrittäjäksi", "Yrittäjäksi")],
)
def test_inflected_forms_find_the_base_form(directory: dict[str, Service], query: str, expected: str) -> None:
    assert names(query) and names(query)[0].startswith(expected)


@pytest.mark.parametrize("query", ["ohjaamo Mikkelissä", "ohjaamo mikkeli", "ohjaamo S:t Michel", "Mikkelissä"])
def test_a_place_in_the_query_ranks_that_places_services_first(directory: dict[str, Service], query: str) -> None:
    assert names(query)[0] == "Ohjaamo Mikkeli"


@pytest.mark.parametrize("query", ["ohjaamo Åbo", "ohjaamo Turussa", "ohjaamo Varsinais-Suomessa"])
def test_swedish_and_inflected_place_names_are_recognised(directory: dict[str, Service], query: str) -> None:
    assert names(query)[0] == "Ohjaamo Turku"


@pytest.mark.parametrize(("query", "expected"), [("ohjamo", "Ohjaamo"), ("tyonhakuun", "Työllisyyspalvelut")])
def test_typos_and_missing_diacritics_still_find(directory: dict[str, Service], query: str, expected: str) -> None:
    assert names(query) and names(query)[0].startswith(expected)


def test_a_place_name_in_the_partitive_is_a_word_not_a_place(directory: dict[str, Service]) -> None:
    """The partitive of Lappi, "Lappia", is the name of a vocational college: nobody asks for "some Lapland"."""
    service("Opinto-ohjaus Lappiassa", "Ammatillisen koulutuksen opinto-ohjaus.", municipality_code="851")
    service("Uraohjaus Rovaniemellä", "Uraohjausta aikuisille.", municipality_code="698")
    documents.refresh()
    result = search(SearchQuery(text="Lappia"))
    assert result.places == [] and result.services[0].name_fi == "Opinto-ohjaus Lappiassa"
    for lapland in ("Lappi", "Lapissa", "Lapin"):
        assert [entry.names["fi"] for entry in search(SearchQuery(text=lapland)).places] == ["Lappi"]


def test_place_names_without_diacritics_are_recognised(directory: dict[str, Service]) -> None:
    ServiceLocationFactory(service=directory["ura"], municipality=municipality("179"))
    assert names("uraohjaus Jyvaskyla")[0] == "Uraohjaus aikuisille"
    assert [e.names["fi"] for e in search(SearchQuery(text="Jyvaskyla")).places] == ["Jyväskylä"]


def test_a_vanished_ely_name_leads_to_its_vitality_centre(directory: dict[str, Service]) -> None:
    result = search(SearchQuery(text="Etelä-Savon ELY"))
    assert "Etelä-Savo" in [entry.names["fi"] for entry in result.places]
    assert result.services[0].name_fi == "Ohjaamo Mikkeli"


def test_text_in_every_language_matches_and_the_interface_language_ranks_first() -> None:
    swedish_only = ServiceFactory(name_fi="Ohjauspalvelu A", name_sv="Studiehandledning", name_en="", summary_en="")
    english = ServiceFactory(name_fi="Ohjauspalvelu B", name_sv="Studiehandledning", name_en="Study guidance")
    documents.refresh()
    assert {s.pk for s in search(SearchQuery(text="studiehandledning", language="en")).services} == {
        swedish_only.pk,
        english.pk,
    }
    assert search(SearchQuery(text="guidance", language="en")).services[0].pk == english.pk


def test_a_service_without_text_in_the_interface_language_is_found_in_finnish(client) -> None:
    ServiceFactory(name_fi="Uraohjaus vain suomeksi", name_sv="", name_en="", summary_sv="", summary_en="")
    response = client.get("/sv/search/", {"q": "uraohjaus"})
    assert '<span lang="fi">Uraohjaus vain suomeksi</span>' in response.content.decode()


def test_admin_style_edits_show_up_at_once_without_a_rebuild() -> None:
    created = ServiceFactory(name_fi="Kesätyöneuvonta")
    assert names("kesätyöneuvonta") == ["Kesätyöneuvonta"]
    Service.objects.filter(pk=created.pk).update(name_fi="Talvityöneuvonta")
    assert names("talvityöneuvonta") == ["Talvityöneuvonta"]
    assert names("kesätyöneuvonta") == []
    created.provider.name_fi = "Kaupungin nuorisopalvelut"
    created.provider.save()
    assert names("nuorisopalvelut") == ["Talvityöneuvonta"]
    group = TargetGroup.objects.get(code="immigrants")
    created.target_groups.add(group)
    assert names("maahanmuuttajat") == ["Talvityöneuvonta"]
    Service.objects.filter(pk=created.pk).update(status=Service.Status.DRAFT)
    assert names("talvityöneuvonta") == []


def test_refresh_rebuilds_documents_and_analyses_new_words() -> None:
    created = ServiceFactory(name_fi="Ammatinvalintapsykologi")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM services_search_document")
    assert names("ammatinvalintapsykologi") == []
    assert documents.refresh([created.pk]) == 1
    assert names("psykologi") == ["Ammatinvalintapsykologi"]


def test_deferred_bulk_work_is_indexed_once_at_the_end() -> None:
    with documents.deferred():
        ServiceFactory(name_fi="Urasuunnittelu")
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM services_search_document")
            assert cursor.fetchone()[0] == 0
    assert names("urasuunnittelu") == ["Urasuunnittelu"]


def test_facet_counts_match_the_results_they_lead_to(directory: dict[str, Service]) -> None:
    nationwide = service("Valtakunnallinen uraohjaus", nationwide=True)
    documents.refresh([nationwide.pk])
    result = search(SearchQuery(text="ohjaamo uraohjaus", language="fi"))
    result = search(SearchQuery(text=""))
    municipalities = {o.value: o.count for o in result.facets.get("municipality").options}
    assert municipalities["491"] == len(names("", municipalities=("491",)))
    assert municipalities["491"] == 2  # Ohjaamo Mikkeli and the nationwide service
    channels = {o.value: o.count for o in result.facets.get("channel").options}
    assert channels["in_person"] == 2


def test_filters_narrow_and_combine(directory: dict[str, Service]) -> None:
    directory["ura"].target_groups.add(TargetGroup.objects.get(code="adults"))
    assert names("ohjaus", target_groups=("adults",)) == ["Uraohjaus aikuisille"]
    assert names("", municipalities=("853",)) == ["Ohjaamo Turku"]
    assert names("", areas=("02",)) == ["Ohjaamo Turku"]
    assert names("", municipalities=("853",), channels=("phone",)) == []


def test_sorting_by_name_and_paging_give_every_service_once(directory: dict[str, Service]) -> None:
    first = search(SearchQuery(sort=Sort.NAME, page_size=5))
    second = search(SearchQuery(sort=Sort.NAME, page=2, page_size=5))
    listed = [s.name_fi for s in first.services + second.services]
    assert listed == sorted(listed, key=str.lower)
    assert len(set(listed)) == first.total == 8


def test_a_page_past_the_end_shows_the_last_page(directory: dict[str, Service]) -> None:
    result = search(SearchQuery(page=10_000, page_size=5))
    assert result.page == 2 and len(result.services) == 3


def test_web_search_syntax_excludes_and_accepts_alternatives(directory: dict[str, Service]) -> None:
    assert "Opinto-ohjaus lukiossa" not in names("ohjaus -lukiossa")
    assert set(names("koulutusneuvonta or ohjaamo")) >= {"Koulutusneuvonta", "Ohjaamo Mikkeli", "Ohjaamo Turku"}
    assert names('"opinto-ohjaus lukiossa"') == ["Opinto-ohjaus lukiossa"]


def test_an_empty_result_suggests_a_way_on(directory: dict[str, Service]) -> None:
    result = search(SearchQuery(text="ohjamo mikkeli", filters=SearchFilters(channels=("phone",))))
    assert result.total == 0
    kinds = {s.kind: s for s in result.suggestions}
    assert kinds["without_filters"].count == 2
    typo = search(SearchQuery(text="ohjamo zzzzqq"))
    assert any(s.kind == "correction" and "ohjaamo" in s.text for s in typo.suggestions)


def test_a_quoted_phrase_that_matches_nothing_offers_its_words_without_the_quotes(client, directory) -> None:
    page = client.get("/fi/search/", {"q": '"uraohjaus lukiossa"'}).content.decode()
    assert "Hae sanoilla ilman lainausmerkkejä" in page
    result = search(SearchQuery(text='"uraohjaus lukiossa"'))
    (suggestion,) = result.suggestions
    assert result.total == 0
    assert suggestion.kind == "without_quotes" and suggestion.text == "uraohjaus lukiossa"
    assert search(SearchQuery(text=suggestion.text)).total > 0
    assert search(SearchQuery(text="IT--tuki")).suggestions[0].text == "it tuki"  # two hyphens make a phrase too


def test_a_query_of_ten_thousand_characters_is_cut_not_refused(directory: dict[str, Service]) -> None:
    result = search(SearchQuery(text="ohjaus " * 1500))
    assert result.total >= 2


def test_only_exclusions_find_nothing_rather_than_everything(directory: dict[str, Service]) -> None:
    assert search(SearchQuery(text="-ohjaus")).total == 0


def test_a_provider_name_finds_its_services() -> None:
    provider = ProviderFactory(name_fi="Rakennusliitto")
    ServiceFactory(provider=provider, name_fi="Jäsenneuvonta")
    assert names("rakennusliitto") == ["Jäsenneuvonta"]


@pytest.mark.django_db(transaction=True)
def test_deleting_or_truncating_services_takes_their_documents_along() -> None:
    kept = ServiceFactory(name_fi="Pysyvä palvelu")
    gone = ServiceFactory(name_fi="Poistuva palvelu")
    gone.delete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT service_id FROM services_search_document")
        assert [row[0] for row in cursor.fetchall()] == [kept.pk]
    # Django's flush between transactional tests (and live-server browser tests) TRUNCATEs the services table.


def test_facet_counts_follow_an_edit_at_once(directory: dict[str, Service]) -> None:
    """The facet counts are kept per directory version; a change gives a new version, so never stale counts."""

    def in_person() -> int:
        options = search(SearchQuery()).facets.get("channel").options
        return {o.value: o.count for o in options}.get("in_person", 0)

    before = in_person()
    ServiceLocationFactory(service=directory["ura"], municipality=municipality("179"))
    assert in_person() == before + 1
    Service.objects.filter(pk=directory["ura"].pk).update(status=Service.Status.DRAFT)
    assert in_person() == before


def test_a_broad_match_ranks_the_best_candidates_and_pages_through_the_rest(
    directory: dict[str, Service], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With more matches than are ranked in full, the first pages hold the best-ranked candidates and the later
    pages every other match, each service once."""
    exact = [s.pk for s in search(SearchQuery(text="ohjaus", page_size=50)).services]
    monkeypatch.setattr("services.search.engine.CANDIDATES", 2)
    pages = [search(SearchQuery(text="ohjaus", page=n, page_size=2)) for n in (1, 2, 3, 4)]
    listed = [s.pk for result in pages for s in result.services]
    assert pages[0].total == len(exact) > 2
    assert sorted(listed) == sorted(exact)
    assert listed[:2] == exact[:2]  # the two services named for guidance, in the full order


def test_spoken_finnish_is_not_read_as_other_words(directory: dict[str, Service]) -> None:
    """People type as they speak: "musta" is "minusta" (from me), not black nor the start of Mustasaari."""
    service("Mustan mökin kesäleiri", "Leiri nuorille Mustasaaressa.", municipality_code="499")
    documents.refresh()
    result = search(SearchQuery(text="en tiiä mikä musta tulis"))
    assert result.places == []
    assert "Mustan mökin kesäleiri" not in [found.name_fi for found in result.services[:3]]


@pytest.mark.parametrize("typed", ["Lounais-Suomen elinvoimakeskus", "vad ska jag göra", "TUVA Lahtis", "sit an exam"])
def test_only_spoken_finnish_words_are_rewritten(typed: str) -> None:
    assert spoken.standardise(typed) == typed
    assert spoken.standardise(f"{typed} oon ollu himas") == f"{typed} olen ollut kotona"


def test_a_case_ending_after_an_abbreviations_colon_is_part_of_the_word(directory: dict[str, Service]) -> None:
    """Finnish inflects an abbreviation after a colon ("Kela:n", "AMK:hon", "cv:tä"): the ending is not a word
    of its own that every match must hold. A one-letter start is a Swedish name, "S:t Michel" (Mikkeli)."""
    for name in ("Kela-neuvonta opiskelijoille", "Kela-neuvonta työttömille", "Kela-neuvonta perheille"):
        service(name, "Kelan etuuksien neuvonta.")
    documents.refresh()
    result = search(SearchQuery(text="Kela:n neuvonta"))
    assert not result.partial  # no "closest matches" notice: every word was found
    assert {found.name_fi for found in result.services[:3]} == {
        "Kela-neuvonta opiskelijoille",
        "Kela-neuvonta työttömille",
        "Kela-neuvonta perheille",
    }
    assert names("ohjaamo S:t Michel")[0] == "Ohjaamo Mikkeli"


@pytest.mark.parametrize(
    "text", ["I'm an adult, don't I get career guidance?", "im an adult dont i get career guidance"]
)
def test_english_contractions_are_not_words_of_their_own(directory: dict[str, Service], text: str) -> None:
    """An apostrophe's "I'm" is not "I" and a word "m" that every match must hold, and a negation ("don't",
    "dont") asks for nothing."""
    for town in ("Espoo", "Oulu", "Kuopio"):
        ServiceFactory(name_fi=f"Uraohjaus {town}", name_en=f"Career guidance in {town}", summary_en="For adults.")
    documents.refresh()
    result = search(SearchQuery(text=text, language="en"))
    assert not result.partial  # no "closest matches" notice: every word was found
    assert {found.name_en for found in result.services[:3]} == {
        f"Career guidance in {t}" for t in ("Espoo", "Oulu", "Kuopio")
    }
