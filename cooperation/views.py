"""Public pages of regional cooperation. Views parse input, call one selector and render."""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from cooperation.coverage import Dimension, coverage_table
from cooperation.coverage_export import coverage_csv_rows
from cooperation.coverage_map import coverage_map
from regions.models import VitalityCentre


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
def coverage(request: HttpRequest, code: str | None = None) -> HttpResponse:
    area = _area(code)
    dimension = _dimension(request)
    table = coverage_table(area=area, dimension=dimension)
    focus = _one(request, "focus")
    column_index = None
    if focus:
        column_index = table.column_index(focus)
        if column_index is None:
            raise BadRequest("Unknown column.")
    context = {
        "area": area,
        "areas": VitalityCentre.objects.in_force(),
        "table": table,
        "summary": table.summary(),
        "map": coverage_map(table, column_index),
        "focus": table.columns[column_index] if column_index is not None else None,
        "dimensions": list(Dimension),
    }
    return render(request, "cooperation/coverage.html", context)


@require_safe
def coverage_csv(request: HttpRequest, code: str | None = None) -> HttpResponse:
    area = _area(code)
    table = coverage_table(area=area, dimension=_dimension(request))
    name = f"coverage-{area.code if area else 'finland'}-{table.dimension.value}.csv"
    response = HttpResponse("".join(coverage_csv_rows(table)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
