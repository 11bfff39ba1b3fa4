"""The main navigation reaches the catalogue of practices and the coverage of services in every language, and
marks the page the user is on."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def _nav(html: str) -> str:
    return re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)


@pytest.mark.parametrize(
    ("lang", "practices", "coverage"),
    [
        ("fi", "Alueelliset toimintatavat", "Palvelujen kattavuus"),
        ("sv", "Regionala arbetssätt", "Tjänsternas täckning"),
        ("en", "Regional practices", "Coverage of services"),
    ],
)
def test_main_navigation_links_to_practices_and_coverage(client, lang, practices, coverage) -> None:
    nav = _nav(client.get(f"/{lang}/").content.decode())
    assert f'href="/{lang}/practices/"' in nav
    assert f'href="/{lang}/coverage/"' in nav
    assert f">{practices}</a>" in nav
    assert f">{coverage}</a>" in nav


@pytest.mark.parametrize("path", ["/en/practices/", "/en/coverage/"])
def test_the_current_page_is_marked_in_the_navigation(client, path) -> None:
    nav = _nav(client.get(path).content.decode())
    assert re.findall(r'<a href="([^"]+)" aria-current="page"', nav) == [path]


def test_an_area_coverage_page_does_not_claim_to_be_the_national_one(client) -> None:
    nav = _nav(client.get("/en/coverage/06/").content.decode())
    assert 'aria-current="page"' not in nav
