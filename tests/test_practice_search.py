"""The catalogue's stored search documents follow every change at once, however it was made: an edit by
QuerySet.update() or raw SQL (no save(), no signal, no admin) is found by an inflected Finnish word straight
away, Voikko's analysis of new words reaches the documents, and drafts stay out of the results."""

from __future__ import annotations

import pytest
from django.db import connection

from cooperation import practice_search
from cooperation.models import Practice
from cooperation.practice_search import PracticeFilters, PracticeQuery, search_practices
from regions.models import VitalityCentre

pytestmark = pytest.mark.django_db


def _titles(text: str, **filters: object) -> list[str]:
    result = search_practices(PracticeQuery(text=text, filters=PracticeFilters(**filters)), detail=False)
    return [practice.title_fi for practice in result.practices]


def _practice(title: str, status: str = "published") -> Practice:
    practice = Practice.objects.create(title_fi=title, summary_fi="Lyhyesti.", status=status)
    practice.vitality_centres.set([VitalityCentre.objects.get(code="06")])
    return practice


def test_an_edit_by_queryset_update_is_found_at_once_by_an_inflected_word():
    practice = _practice("Alueen toimintamalli")
    draft = _practice("Luonnos toimintamallista", status="draft")
    assert "Alueen toimintamalli" not in _titles("uraohjauksessa")
    Practice.objects.filter(pk__in=[practice.pk, draft.pk]).update(description_fi="Uraohjaus verkossa ja kasvokkain.")
    assert _titles("uraohjauksessa") == ["Alueen toimintamalli"]  # the draft has the word too, but is not public


def test_an_edit_by_raw_sql_is_found_at_once_and_the_old_words_are_gone():
    practice = _practice("Nuorten kesätyöt")
    assert _titles("kesätöissä") == ["Nuorten kesätyöt"]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cooperation_practice SET title_fi = %s WHERE id = %s", ["Työnhakuvalmennus", practice.pk]
        )
    assert _titles("työnhakuvalmennuksessa") == ["Työnhakuvalmennus"]
    assert _titles("kesätöissä") == []


def test_publishing_by_update_brings_a_practice_into_the_results():
    draft = _practice("Ohjaamojen verkosto", status="draft")
    assert _titles("ohjaamoissa") == []
    Practice.objects.filter(pk=draft.pk).update(status=Practice.Status.PUBLISHED)
    assert _titles("ohjaamoissa") == ["Ohjaamojen verkosto"]


def test_swedish_and_english_texts_are_found_in_their_own_language():
    practice = _practice("Toimintamalli")
    Practice.objects.filter(pk=practice.pk).update(summary_sv="Vägledning för unga", summary_en="Guiding young people")
    assert _titles("vägledningen") == ["Toimintamalli"]
    assert _titles("guided") == ["Toimintamalli"]


def test_voikko_compound_parts_reach_the_stored_document_when_the_new_words_are_analysed():
    """A compound's parts come from Voikko (Python): analysing the new words updates the word table, whose
    trigger rebuilds the documents that contain them."""
    practice = _practice("Ammatinvalintapsykologien vastaanotto")

    def matches_part() -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT document_fi @@ to_tsquery('finnish', 'psykologi') FROM cooperation_practice_search"
                " WHERE practice_id = %s",
                [practice.pk],
            )
            return cursor.fetchone()[0]

    assert not matches_part()  # the word is new: recorded by the trigger, not yet analysed
    practice_search.record_words([practice])
    assert matches_part()
    assert _titles("psykologille") == ["Ammatinvalintapsykologien vastaanotto"]


def test_a_deleted_practice_leaves_no_document():
    practice = _practice("Poistuva käytäntö")
    practice.delete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM cooperation_practice_search WHERE practice_id = %s", [practice.pk])
        assert cursor.fetchone()[0] == 0


def test_refresh_rebuilds_a_lost_document():
    practice = _practice("Urasuunnittelun työpaja")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM cooperation_practice_search WHERE practice_id = %s", [practice.pk])
    assert _titles("urasuunnittelua") == []
    assert practice_search.refresh([practice.pk]) == 1
    assert _titles("urasuunnittelua") == ["Urasuunnittelun työpaja"]
