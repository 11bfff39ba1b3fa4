"""Public pages of regional cooperation. Views parse input, call one selector and render."""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from cooperation import selectors, trends
from cooperation.coverage import Dimension, coverage_table
from cooperation.coverage_export import coverage_csv_rows
from cooperation.coverage_page import coverage_content
from cooperation.models import Practice
from cooperation.practice_search import (
    FACET_LABELS,
    PracticeFilters,
    PracticeQuery,
    practice_codes_known,
    practice_vocabulary,
    search_practices,
)
from regions.models import VitalityCentre

MAX_PAGE = 1000


def _one(request: HttpRequest, name: str) -> str:
    values = request.GET.getlist(name)
    if len(values) > 1:
        raise BadRequest(f"Give {name} once.")
    return values[0] if values else ""


def _dimension(request: HttpRequest) -> Dimension:
    value = _one(request, "by") or Dimension.TARGET_GROUPS.value
    try:
        return Dimension(value)
    except ValueError:
        raise BadRequest("Unknown table dimension.") from None


def _area(code: str | None) -> VitalityCentre | None:
    return None if code is None else get_object_or_404(VitalityCentre, code=code)


@require_safe
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group, assessment, measures = selectors.public_group(pk)
    context = {
        "group": group,
        "assessment": assessment,
        "measures": measures,
        "follow_up": trends.follow_up_trend(measures),
    }
    return render(request, "cooperation/group_detail.html", context)


def _practice_query(request: HttpRequest) -> PracticeQuery:
    """The catalogue's parameters; unknown values are refused (400), not silently dropped."""
    page_text = _one(request, "page") or "1"
    if not page_text.isdigit() or not 1 <= int(page_text) <= MAX_PAGE:
        raise BadRequest("Bad page.")
    goals = request.GET.getlist("goal")
    if not all(goal.isdigit() and len(goal) < 3 for goal in goals):
        raise BadRequest("Unknown goal.")
    filters = PracticeFilters(
        areas=tuple(request.GET.getlist("area")),
        goals=tuple(int(goal) for goal in goals),
        target_groups=tuple(request.GET.getlist("target_group")),
        dimensions=tuple(request.GET.getlist("dimension")),
        phases=tuple(request.GET.getlist("phase")),
    )
    if sum(map(len, (filters.areas, filters.goals, filters.target_groups, filters.dimensions, filters.phases))) > 40:
        raise BadRequest("Too many filters.")
    vocabulary = practice_vocabulary()  # read once: checks the values here, labels the facets later
    if not practice_codes_known(filters, vocabulary):
        raise BadRequest("Unknown filter value.")
    text = _one(request, "q")[:1000]
    return PracticeQuery(
        text=text, language=get_language(), filters=filters, page=int(page_text), vocabulary=vocabulary
    )


@require_safe
def practices(request: HttpRequest) -> HttpResponse:
    query = _practice_query(request)
    result = search_practices(query, detail=False)  # the list shows a practice's areas only
    return render(
        request, "cooperation/practice_list.html", {"query": query, "result": result, "facet_labels": FACET_LABELS}
    )


@require_safe
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice = get_object_or_404(Practice.objects.published().with_detail(), pk=pk)
    return render(request, "cooperation/practice_detail.html", {"practice": practice})


@require_safe
@gzip_page  # the national page is ~400 kB of HTML, ~10 times smaller compressed; it holds no secret (no form token)
def coverage(request: HttpRequest, code: str | None = None) -> HttpResponse:
    area = _area(code)
    content = coverage_content(area, _dimension(request), _one(request, "focus"))
    return render(request, "cooperation/coverage.html", {"area": area, "content": content})


@require_safe
def coverage_csv(request: HttpRequest, code: str | None = None) -> HttpResponse:
    area = _area(code)
    table = coverage_table(area=area, dimension=_dimension(request))
    name = f"coverage-{area.code if area else 'finland'}-{table.dimension.value}.csv"
    response = HttpResponse("".join(coverage_csv_rows(table)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
