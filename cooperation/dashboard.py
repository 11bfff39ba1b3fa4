"""The coverage part of the admin start page: an area's gaps said in a few sentences, not a list of every
municipality ("7 municipalities have no in-person service for immigrants"), each linking to the area's coverage
page, where the table and the map show which.

Read from the shared coverage count (:func:`cooperation.coverage.coverage_table`: two small queries per area, the
count itself held per coverage version), so the start page costs no counting of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import ngettext

from cooperation.coverage import CoverageTable, Level, coverage_table
from cooperation.trends import AreaCoverageTrend, coverage_trend
from regions.models import VitalityCentre
from services.permissions import Scope

# The target groups named: those with the most municipalities without an in-person service.
GROUPS_NAMED = 3


@dataclass(frozen=True, slots=True)
class AreaGaps:
    area: VitalityCentre
    municipalities: int
    sentences: list[str]
    url: str
    trend: AreaCoverageTrend


def _lower_first(name: str) -> str:
    """Target groups are common nouns, written with a capital as list items; inside a sentence they are not."""
    return name[:1].lower() + name[1:]


def gap_sentences(table: CoverageTable, *, groups: int = GROUPS_NAMED) -> list[str]:
    """The area's gaps, worst first: municipalities with no service at all, with only nationwide remote ones,
    and the target groups most often without an in-person service."""
    totals = {level: 0 for level in Level}
    without_in_person = [0] * len(table.columns)
    for row in table.rows:
        totals[row.total.level] += 1
        for index, cell in enumerate(row.cells):
            if cell.level is not Level.IN_PERSON:
                without_in_person[index] += 1
    sentences = []
    if totals[Level.NONE]:
        sentences.append(
            ngettext(
                "%(count)d municipality has no service at all.",
                "%(count)d municipalities have no service at all.",
                totals[Level.NONE],
            )
            % {"count": totals[Level.NONE]}
        )
    if totals[Level.REMOTE_ONLY]:
        sentences.append(
            ngettext(
                "%(count)d municipality has only nationwide remote services.",
                "%(count)d municipalities have only nationwide remote services.",
                totals[Level.REMOTE_ONLY],
            )
            % {"count": totals[Level.REMOTE_ONLY]}
        )
    worst = sorted(
        ((count, index) for index, count in enumerate(without_in_person) if count), key=lambda pair: (-pair[0], pair[1])
    )
    for count, index in worst[:groups]:
        sentences.append(
            ngettext(
                "%(count)d municipality has no in-person service for %(group)s.",
                "%(count)d municipalities have no in-person service for %(group)s.",
                count,
            )
            % {"count": count, "group": _lower_first(str(table.columns[index].name))}
        )
    return sentences


def area_gaps(scope: Scope) -> list[AreaGaps]:
    """The coordinator's own areas, each with its gap sentences (a national administrator's start page shows
    every area side by side instead: :func:`cooperation.selectors.admin_coverage`)."""
    if scope.national or scope.is_empty:
        return []
    found = []
    for area in VitalityCentre.objects.filter(pk__in=scope.centre_ids).order_by("code"):
        table = coverage_table(area=area)
        url = reverse("cooperation:area_coverage", args=[area.code])
        found.append(AreaGaps(area, len(table.rows), gap_sentences(table), url, coverage_trend(area)))
    return found
