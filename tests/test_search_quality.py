"""Search quality over the demo directory: natural queries in fi, sv and en, each with the services that must
come first. Reports the mean reciprocal rank (MRR) and fails below 0.99. These queries were written beside the demo
data, so they guard against regressions only; the search's quality is measured on the independent evaluation set
(bench/search_quality.py, docs/search.md).

A query's reciprocal rank is 1/r for the best-placed expected service at rank r (0 when none is in the first 20).
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from services.search import SearchQuery, search, semantic

S = "demo:service:"

# (interface language, query, expected external ids (any of them first counts), what it exercises)
QUERIES: list[tuple[str, str, set[str], str]] = [
    # Finnish inflection
    ("fi", "ohjaamossa mikkelissä", {"ohjaamo-olkkari-mikkeli"}, "inflection + place"),
    ("fi", "ohjaamo savonlinnassa", {"ohjaamo-savonlinna"}, "inflection + place"),
    ("fi", "ohjaamoon Pieksämäellä", {"ohjaamo-pientare-pieksamaki"}, "inflection + place (gradation)"),
    (
        "fi",
        "neuvontaa maahanmuuttajille",
        {"helsinki-maahanmuuttajien-neuvonta", "kompassi-maahanmuuttajanaiset"},
        "inflection",
    ),
    ("fi", "maahanmuuttajille ohjausta Jyväskylässä", {"jyvaskyla-maahanmuuttajien-ohjaus"}, "inflection + place"),
    ("fi", "työnhakuvalmennusta Kuopiossa", {"kuopio-tyonhakuvalmennus"}, "inflection + place"),
    ("fi", "etsivää nuorisotyötä Vantaalla", {"vantaa-etsiva-nuorisotyo"}, "inflection + place"),
    ("fi", "kotoutumisen ohjaus Turussa", {"turku-kotoutumisen-ohjaus"}, "inflection + place (gradation)"),
    ("fi", "osaamisen tunnistaminen Omniassa", {"omnia-osaamisen-tunnistaminen"}, "inflection"),
    ("fi", "ohjaamo Lahdessa", {"ohjaamo-lahti"}, "place inflection (gradation)"),
    ("fi", "ohjaamo Oulussa", {"ohjaamo-oulu"}, "place inflection"),
    ("fi", "ohjaamo Rovaniemellä", {"ohjaamo-rovaniemi"}, "place inflection"),
    # Finnish compounds
    ("fi", "koulutusneuvonta Lappeenranta", {"lappeenranta-koulutusneuvonta"}, "compound"),
    ("fi", "ammatinvalintaohjaus Pori", {"pori-ammatinvalintaohjaus"}, "compound"),
    ("fi", "uraohjaus Oulu", {"oulu-uraohjaus"}, "compound + place"),
    ("fi", "opinto-ohjaus saameksi", {"sakk-opinto-ohjaus-saameksi"}, "hyphenated compound + inflection"),
    ("fi", "neuvonta rakennusalalle", {"rakentajat-koulutusneuvonta"}, "compound part"),
    ("fi", "työnhakuvalmennus Seinäjoki", {"tyolakeus-tyonhakuvalmennus"}, "compound + place"),
    ("fi", "uramentorointi", {"uraverkko-mentorointi"}, "compound"),
    ("fi", "uraneuvonta liiton jäsenille", {"urapolku-jasenten-uraneuvonta"}, "compound + inflection"),
    ("fi", "etäohjaus Lappi", {"lappi-ohjaus-kaikille"}, "compound + region"),
    # Places (fi, sv; inflected; regions)
    ("fi", "Mikkelissä työnhakuvalmennus", {"mikkeli-tyonhakuvalmennus"}, "place first"),
    ("fi", "opinto-ohjaus Mikkeli", {"mikkeli-perusopetus-opinto-ohjaus", "esedu-opinto-ohjaus"}, "place"),
    (
        "fi",
        "Etelä-Savossa opinto-ohjaus",
        {"esedu-opinto-ohjaus", "mikkeli-perusopetus-opinto-ohjaus"},
        "region inflected",
    ),
    ("fi", "ohjaamo Porvoo", {"ohjaamo-porvoo"}, "place"),
    ("fi", "ohjaamo Tampereella", {"ohjaamo-tampere"}, "place inflection"),
    ("fi", "ohjaamo Raasepori", {"navigatorn-raseborg"}, "Finnish name of a Swedish-language place"),
    ("fi", "Pietarsaari kotoutuminen", {"jakobstad-integrationshandledning"}, "place + base form"),
    ("fi", "Joensuu urasuunnittelu", {"joensuu-urasuunnittelu"}, "Finnish-only service"),
    ("fi", "etsivä nuorisotyö Kouvola", {"kouvola-etsiva-nuorisotyo"}, "Finnish-only service"),
    # Typos and missing diacritics
    ("fi", "ohjamo helsinki", {"ohjaamo-helsinki"}, "typo"),
    ("fi", "tyonhakuvalmennus kuopio", {"kuopio-tyonhakuvalmennus"}, "missing diacritics"),
    ("fi", "ohjaamo Jyvaskyla", {"ohjaamo-jyvaskyla"}, "missing diacritics in a place"),
    ("fi", "maahanmuutajien neuvonta", {"helsinki-maahanmuuttajien-neuvonta"}, "typo"),
    ("fi", "opintopolku", {"opintopolku"}, "name"),
    ("fi", "tyomarkkinatori", {"tyomarkkinatori"}, "missing diacritics"),
    ("fi", "ohjaamo Pieksamaki", {"ohjaamo-pientare-pieksamaki"}, "missing diacritics in a place"),
    # Swedish
    ("sv", "Navigatorn Helsingfors", {"ohjaamo-helsinki"}, "Swedish place name"),
    ("sv", "Navigatorn Åbo", {"ohjaamo-turku"}, "Swedish place name"),
    ("sv", "studiehandledning Åbo Akademi", {"abo-akademi-karriarvagledning"}, "Swedish"),
    (
        "sv",
        "karriärvägledning Vasa",
        {"osterbotten-karriar-och-utbildningsradgivning", "abo-akademi-karriarvagledning"},
        "Swedish place",
    ),
    ("sv", "integrationshandledning Jakobstad", {"jakobstad-integrationshandledning"}, "Swedish"),
    ("sv", "utbildningsrådgivning Raseborg", {"raseborg-utbildningsradgivning"}, "Swedish-only text"),
    ("sv", "jobbsökarträning Borgå", {"porvoo-tyonhakuvalmennus"}, "Swedish place"),
    ("sv", "studiehandledning på samiska", {"sakk-opinto-ohjaus-saameksi"}, "Swedish"),
    ("sv", "Navigatorn Nyslott", {"ohjaamo-savonlinna"}, "Swedish place name"),
    ("sv", "uppsökande ungdomsarbete S:t Michel", {"mikkeli-etsiva-nuorisotyo"}, "Swedish place with punctuation"),
    (
        "sv",
        "rådgivning för invandrare",
        {"helsinki-maahanmuuttajien-neuvonta", "kompassi-maahanmuuttajanaiset"},
        "Swedish",
    ),
    ("sv", "Navigatorn Tammerfors", {"ohjaamo-tampere"}, "Swedish place name"),
    ("sv", "vägledning Uleåborg", {"oulu-uraohjaus"}, "Swedish compound part + place"),
    # English
    ("en", "career guidance Turku", {"turku-uraohjaus-tyonhakuvalmennus"}, "English"),
    ("en", "job search coaching Porvoo", {"porvoo-tyonhakuvalmennus"}, "English"),
    ("en", "guidance for immigrants Jyväskylä", {"jyvaskyla-maahanmuuttajien-ohjaus"}, "English"),
    ("en", "recognition of prior learning Esedu", {"esedu-osaamisen-tunnistaminen"}, "English"),
    ("en", "outreach youth work Mikkeli", {"mikkeli-etsiva-nuorisotyo"}, "English"),
    ("en", "study guidance Sami", {"sakk-opinto-ohjaus-saameksi"}, "English"),
    ("en", "careers advice union members", {"urapolku-jasenten-uraneuvonta"}, "English inflection"),
    ("en", "jobs online", {"tyomarkkinatori"}, "English"),
    ("en", "Ohjaamo Savonlinna", {"ohjaamo-savonlinna"}, "English interface, Finnish name"),
    ("en", "immigrant women study advice", {"kompassi-maahanmuuttajanaiset"}, "English"),
    ("en", "education advice adults Xamk", {"xamk-koulutusneuvonta"}, "English"),
    # Areas named by the ELY centres they replaced
    ("fi", "Etelä-Savon ELY opinto-ohjaus", {"esedu-opinto-ohjaus", "mikkeli-perusopetus-opinto-ohjaus"}, "ELY name"),
]


def reciprocal_rank(language: str, text: str, expected: set[str]) -> tuple[float, list[str]]:
    result = search(SearchQuery(text=text, language=language))
    ranked = [(service.external_id or "").removeprefix(S) for service in result.services]
    for rank, external_id in enumerate(ranked, start=1):
        if external_id in expected:
            return 1 / rank, ranked[:3]
    return 0.0, ranked[:3]


@pytest.mark.django_db
def test_demo_queries_find_the_right_service_first_mrr_at_least_0_99(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_demo_directory", verbosity=0)
    semantic.refresh()  # the hybrid search, as `make run` serves it
    assert len(QUERIES) >= 50
    misses = []
    total = 0.0
    for language, text, expected, what in QUERIES:
        rr, top = reciprocal_rank(language, text, expected)
        total += rr
        if rr < 1:
            misses.append(f"  {rr:.2f} [{language}] {text!r} ({what}): expected {sorted(expected)}, got {top}")
    mrr = total / len(QUERIES)
    with capsys.disabled():
        print(f"\nSearch quality: MRR {mrr:.3f} over {len(QUERIES)} queries; not first:")
        print("\n".join(misses) or "  none")
    assert mrr >= 0.99, "\n".join(misses)


@pytest.mark.django_db
def test_archived_and_draft_demo_services_are_never_found() -> None:
    call_command("load_demo_directory", verbosity=0)
    for text in ("kesätyöneuvonta Savonlinna", "Aikuisten monialainen ohjauspalvelu", "Koulutusneuvonta Kokkolassa"):
        ranked = [s.external_id for s in search(SearchQuery(text=text)).services]
        assert S + "savonlinna-kesatyoneuvonta-2024" not in ranked
        assert S + "mikkeli-aikuisten-monialainen-ohjaus" not in ranked
        assert S + "kokkola-koulutusneuvonta" not in ranked
