"""An import's problems are read by operators in Finnish and Swedish too: the kind of value the file has where
another was expected is named in the reader's language, not as an English type name from the code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from exchange.importer import import_directory
from exchange.problems import DirectoryImportError

pytestmark = pytest.mark.django_db

DEMO_FILE = Path(settings.BASE_DIR) / "fixtures" / "demo" / "directory.json"


def _problems(document: dict, language: str) -> list[str]:
    with translation.override(language), pytest.raises(DirectoryImportError) as raised:
        import_directory(document=document)
    with translation.override(language):
        return [str(problem) for problem in raised.value.problems]


@pytest.fixture
def document_with_a_list_for_a_name() -> dict:
    document = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    document["services"][0]["name"] = ["Ohjaamo"]
    return document


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "odotettiin kieliversiot sisältävää objektia, saatiin luettelo"),
        ("sv", "ett objekt med språk förväntades, men värdet är lista"),
        ("en", "expected an object of languages, got list"),
    ],
)
def test_the_kind_of_a_wrong_value_is_named_in_the_readers_language(
    document_with_a_list_for_a_name, language, expected
):
    problems = _problems(document_with_a_list_for_a_name, language)
    assert any(problem.endswith(expected) for problem in problems), problems


def test_no_english_type_name_reaches_a_finnish_message(document_with_a_list_for_a_name):
    document_with_a_list_for_a_name["services"][0]["service_area"] = "koko maa"
    problems = " ".join(_problems(document_with_a_list_for_a_name, "fi"))
    assert "odotettiin objektia, saatiin teksti" in problems
    for english in ("got", " list", " object", " text"):
        assert english not in problems
