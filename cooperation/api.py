"""GET /api/v1/practices/ and /api/v1/practices/<id>/: the catalogue of practices, in the JSON API's conventions
(services/api.py: read-only, ``lang`` parameter, texts with the language they are really in, JSON errors).
The list runs the same search as the HTML page with the same parameters."""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import translation

from cooperation.models import Practice
from cooperation.practice_search import PAGE_SIZE, search_practices
from cooperation.views import _practice_query
from services.api import _error, _language, _text, read_only
from services.search import LANGUAGES


def _practice(practice: Practice, request: HttpRequest, lang: str, *, full: bool = False) -> dict[str, object]:
    body: dict[str, object] = {
        "id": practice.pk,
        "url": request.build_absolute_uri(practice.get_absolute_url()),
        "title": _text(practice, "title", lang),
        "summary": _text(practice, "summary", lang),
        "status": practice.phase,
        "first_year": practice.first_year,
        "last_year": practice.last_year,
        "areas": [{"code": a.code, "name": _text(a, "name", lang)} for a in practice.vitality_centres.all()],
        "national_goals": [g.number for g in practice.national_goals.all()],
        "target_groups": [t.code for t in practice.target_groups.all()],
        "maturity_dimensions": [d.code for d in practice.dimensions.all()],
        "demo": practice.origin == "demo",
        "modified": practice.modified.isoformat(),
    }
    if full:
        body.update(
            {
                "description": _text(practice, "description", lang),
                "results": _text(practice, "results", lang),
                "evaluation": _text(practice, "evaluation", lang),
                "organisations": [{"id": p.pk, "name": _text(p, "name", lang)} for p in practice.providers.all()]
                + [{"name": {"text": name, "lang": lang}} for name in practice.organisation_names()],
                "links": [{"title": _text(link, "title", lang), "url": link.url} for link in practice.links.all()],
            }
        )
    return body


@read_only
def practice_list(request: HttpRequest) -> HttpResponse:
    lang = _language(request)
    if lang is None:
        return _error(400, "Unknown language.", parameter="lang", allowed=list(LANGUAGES))
    try:
        query = _practice_query(request)
    except BadRequest as problem:
        return _error(400, str(problem))
    with translation.override(lang):
        result = search_practices(query)
        body = {
            "query": query.text,
            "lang": lang,
            "count": result.total,
            "page": result.page,
            "page_count": result.pages,
            "page_size": PAGE_SIZE,
            "results": [_practice(practice, request, lang) for practice in result.practices],
            "facets": {
                name: [
                    {"value": v.code, "label": str(v.label), "count": v.count, "selected": v.selected} for v in values
                ]
                for name, values in result.facets.items()
            },
        }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@read_only
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lang = _language(request)
    if lang is None:
        return _error(400, "Unknown language.", parameter="lang", allowed=list(LANGUAGES))
    try:
        practice = get_object_or_404(Practice.objects.published().with_detail(), pk=pk)
    except Http404:
        return _error(404, "No published practice with this id.")
    with translation.override(lang):
        body = _practice(practice, request, lang, full=True)
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
