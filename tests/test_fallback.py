"""Text shown in a language other than the page's says so with ``lang``, or a screen reader mispronounces it."""

from __future__ import annotations

import re

import pytest

from tests.factories import ProviderFactory, ServiceFactory

pytestmark = pytest.mark.django_db

FINNISH_ONLY = {
    "name_fi": "Työnhakijan uraohjaus",
    "name_sv": "",
    "name_en": "",
    "summary_fi": "Ohjausta työnhakuun ja koulutusvalintoihin.",
    "summary_sv": "",
    "summary_en": "",
    "description_fi": "Varaa aika ohjaajalle verkossa.",
    "description_sv": "",
    "description_en": "",
}


def _elements_with_text(html: str, text: str) -> list[str]:
    """The opening tags of the elements whose own content starts with ``text``."""
    return re.findall(r"<(\w+)([^>]*)>\s*" + re.escape(text), html)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_finnish_only_service_is_marked_finnish_on_other_language_pages(client, lang):
    service = ServiceFactory(**FINNISH_ONLY)
    html = client.get(f"/{lang}/services/{service.pk}/").content.decode()
    assert f'<html lang="{lang}">' in html
    for text in [FINNISH_ONLY["name_fi"], FINNISH_ONLY["summary_fi"], FINNISH_ONLY["description_fi"]]:
        # The text itself, or the element around it, carries lang="fi".
        assert re.search(r'lang="fi"[^>]*>\s*(<p>)?\s*' + re.escape(text), html), f"{text!r} is not marked Finnish"
    # The page title is plain text (no markup possible there) but still the Finnish name.
    assert f"<title>{FINNISH_ONLY['name_fi']} –" in html


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_finnish_only_service_is_marked_finnish_in_the_providers_list(client, lang):
    service = ServiceFactory(**FINNISH_ONLY)
    html = client.get(f"/{lang}/providers/{service.provider.pk}/").content.decode()
    assert f'<span lang="fi">{FINNISH_ONLY["name_fi"]}</span>' in html
    assert f'<p lang="fi">{FINNISH_ONLY["summary_fi"]}</p>' in html


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_fully_translated_service_has_no_language_override(client, lang):
    provider = ProviderFactory(description_fi="Kuvaus.", description_sv="Beskrivning.", description_en="Description.")
    service = ServiceFactory(
        provider=provider,
        description_fi="Kuvaus suomeksi.",
        description_sv="Beskrivning på svenska.",
        description_en="Description in English.",
    )
    for url in [f"/{lang}/services/{service.pk}/", f"/{lang}/providers/{provider.pk}/"]:
        html = client.get(url).content.decode()
        main = html[html.index('<main id="main"') : html.index("</main>")]
        # Only the language switcher (outside main) names other languages; the content has no override.
        assert "lang=" not in main, url
        assert getattr(service, f"name_{lang}") in main


def test_finnish_page_of_a_finnish_only_service_has_no_override(client):
    service = ServiceFactory(**FINNISH_ONLY)
    html = client.get(f"/fi/services/{service.pk}/").content.decode()
    main = html[html.index('<main id="main"') : html.index("</main>")]
    assert "lang=" not in main


def test_swedish_text_falls_back_before_english_on_the_english_page_is_marked_swedish(client):
    """A service written only in Swedish (Åland, Ostrobothnia) shows Swedish on the Finnish page, marked sv."""
    service = ServiceFactory(name_fi="", name_sv="Studiehandledning i Vasa", name_en="", summary_fi="", summary_en="")
    html = client.get(f"/fi/services/{service.pk}/").content.decode()
    assert '<span lang="sv">Studiehandledning i Vasa</span>' in html
    assert re.search(r'<p class="lead" lang="sv">\s*Personlig karriärvägledning', html)
