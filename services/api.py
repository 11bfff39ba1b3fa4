"""The read-only JSON API (docs/api.md, docs/openapi.json).

GET /api/v1/services/ runs the same search as the HTML page (services.search.search) with the same parameters,
so it returns the same services in the same order. Plain Django JsonResponse: three read-only endpoints do not
need a REST framework's serializers, routers and permission classes.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import re
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from liv.errors import json_error
from liv.i18n import translated
from services import selectors
from services.models import OpeningHoursException, Service
from services.search import LANGUAGES, PAGE_SIZE, SearchResult, page_links, search, vocabularies
from services.search.filters import ServiceSearchFilterSet, parse_page

OPENAPI_PATH = Path(settings.BASE_DIR) / "docs" / "openapi.json"
MAX_PAGE_SIZE = 100


def _error(status: int, message: str, **extra: object) -> JsonResponse:
    return json_error(status, message, **extra)


def read_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET and HEAD only; anything else is a JSON 405 with the Allow header."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            response = _error(405, "Method not allowed: this API is read-only.")
            response["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)

    return wrapper


def _language(request: HttpRequest) -> str | None:
    lang = request.GET.get("lang", settings.LANGUAGE_CODE)
    return lang if lang in LANGUAGES else None


def _text(obj: object, field: str, lang: str) -> dict[str, str] | None:
    text = translated(obj, field, lang)
    return {"text": text.text, "lang": text.lang} if text else None


def _service_summary(service: Service, request: HttpRequest, lang: str) -> dict[str, object]:
    with translation.override(lang):
        page = reverse("services:service", kwargs={"pk": service.pk})
    return {
        "id": service.pk,
        "external_id": service.external_id,
        "url": request.build_absolute_uri(reverse("api:service", kwargs={"pk": service.pk})),
        "page": request.build_absolute_uri(page),
        "name": _text(service, "name", lang),
        "summary": _text(service, "summary", lang),
        "provider": {"id": service.provider_id, "name": _text(service.provider, "name", lang)},
        "nationwide": service.nationwide,
        "municipalities": sorted({location.municipality.code for location in service.locations.all()}),
        "target_groups": [group.code for group in service.target_groups.all()],
        "languages": service.languages,
        "cost": service.cost,
        "last_reviewed": service.last_reviewed.isoformat() if service.last_reviewed else None,
        "modified": service.modified.isoformat(),
        "ptv_id": str(service.ptv_id) if service.ptv_id else None,
    }


def _page_link(request: HttpRequest, page: int) -> str:
    query = page_links.base_query(request.GET)
    query["lang"] = request.GET.get("lang", settings.LANGUAGE_CODE)
    for name in ("page_size", "modified_since"):  # the API's own parameters, not the search page's
        if request.GET.get(name):
            query[name] = request.GET[name]
    if page > 1:
        query["page"] = str(page)
    return request.build_absolute_uri(request.path + "?" + query.urlencode())


def _facets(result: SearchResult) -> dict[str, list[dict[str, object]]]:
    return {
        facet.parameter: [
            {"value": option.value, "label": str(option.label), "count": option.count, "selected": option.selected}
            for option in facet.options
        ]
        for facet in result.facets
    }


def _page_size(request: HttpRequest) -> int | None:
    """``page_size``: 1–100 services a page, 20 when not given; None when it is not such a number."""
    value = request.GET.get("page_size")
    if value is None or value == "":
        return PAGE_SIZE
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= MAX_PAGE_SIZE:
        return None
    return int(value)


def _modified_since(request: HttpRequest) -> datetime.datetime | bool | None:
    """``modified_since``: an ISO 8601 date or date and time (UTC unless it says otherwise); False when it is not
    one, None when not given."""
    value = request.GET.get("modified_since")
    if value is None:
        return None
    text = value.strip().upper().replace("Z", "+00:00")
    # RFC 3339 allows what Python's reader does not: more than six decimals, a leap second.
    text = re.sub(r"(\.\d{6})\d+", r"\1", text).replace(":60", ":59", 1) if len(text) <= 60 else ""
    try:
        moment = datetime.datetime.fromisoformat(text) if text else None
    except ValueError:
        moment = None
    if moment is None:
        return False
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


SYNC_COMBINABLE = frozenset({"modified_since", "lang", "page", "page_size"})
# With a search or filters, modified_since looks at this many of the search's best results (docs/api.md).
SYNC_SEARCH_LIMIT = 1000


def _searched_ids(request: HttpRequest, lang: str) -> list[int]:
    """The ids of the search's first SYNC_SEARCH_LIMIT results for the request's q and filters."""
    vocabulary = vocabularies.load()
    filterset = ServiceSearchFilterSet(request.GET, vocabulary=vocabulary)
    ids: list[int] = []
    with translation.override(lang):
        for page in range(1, SYNC_SEARCH_LIMIT // MAX_PAGE_SIZE + 1):
            query = dataclasses.replace(filterset.search_query(language=lang, page_size=MAX_PAGE_SIZE), page=page)
            result = search(query, vocabulary)
            ids.extend(service.pk for service in result.services)
            if not result.has_next:
                break
    return ids


def _changed_services(request: HttpRequest, since: datetime.datetime, lang: str, page_size: int) -> HttpResponse:
    """The published services changed after ``since``, oldest change first: what a consumer that keeps a copy
    asks for (the search's ranking means nothing there, and a stable order lets it page through). With a search
    or filters, of the services they find (their first SYNC_SEARCH_LIMIT)."""
    services = selectors.changed_since(since)
    if any(value for name, value in request.GET.items() if name not in SYNC_COMBINABLE):
        services = services.filter(pk__in=_searched_ids(request, lang))
    count = services.count()
    page_count = max(1, -(-count // page_size))
    page = min(parse_page(request.GET.get("page")), page_count)
    shown = services[(page - 1) * page_size : page * page_size]
    body = {
        "query": "",
        "lang": lang,
        "count": count,
        "partial": False,
        "page": page,
        "page_count": page_count,
        "page_size": page_size,
        "previous": _page_link(request, page - 1) if page > 1 else None,
        "next": _page_link(request, page + 1) if page < page_count else None,
        "results": [_service_summary(service, request, lang) for service in shown],
        "facets": {},
        "suggestions": [],
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@read_only
def service_list(request: HttpRequest) -> HttpResponse:
    lang = _language(request)
    if lang is None:
        return _error(400, "Unknown language.", parameter="lang", allowed=list(LANGUAGES))
    page_size = _page_size(request)
    if page_size is None:
        return _error(
            400,
            f"page_size must be a whole number from 1 to {MAX_PAGE_SIZE}.",
            parameter="page_size",
            value=request.GET.get("page_size", "")[:100],
        )
    since = _modified_since(request)
    if since is False:
        return _error(
            400,
            "modified_since must be an ISO 8601 date or date and time, e.g. 2026-11-01T00:00:00Z.",
            parameter="modified_since",
            value=request.GET.get("modified_since", "")[:100],
        )
    vocabulary = vocabularies.load()
    filterset = ServiceSearchFilterSet(request.GET, vocabulary=vocabulary)
    problems = filterset.problems()
    if problems:
        return _error(
            400,
            "Some filter values were not understood.",
            problems=[{"parameter": p.parameter, "value": p.value} for p in problems],
        )
    if since is not None:
        return _changed_services(request, since, lang, page_size)
    with translation.override(lang):
        result = search(filterset.search_query(language=lang, page_size=page_size), vocabulary)
        body = {
            "query": result.query.text,
            "lang": lang,
            "count": result.total,
            "partial": result.partial,
            "page": result.page,
            "page_count": result.page_count,
            "page_size": result.query.page_size,
            "previous": _page_link(request, result.page - 1) if result.has_previous else None,
            "next": _page_link(request, result.page + 1) if result.has_next else None,
            "results": [_service_summary(service, request, lang) for service in result.services],
            "facets": _facets(result),
            "suggestions": [{"kind": s.kind, "q": s.text, "count": s.count} for s in result.suggestions],
        }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


def _exception(exception: OpeningHoursException, lang: str) -> dict[str, object]:
    return {
        "from": exception.valid_from.isoformat(),
        "to": (exception.valid_to or exception.valid_from).isoformat(),
        "closed": exception.closed,
        "opens": exception.opens.strftime("%H:%M") if exception.opens else None,
        "closes": exception.closes.strftime("%H:%M") if exception.closes else None,
        "note": _text(exception, "note", lang),
    }


@read_only
def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lang = _language(request)
    if lang is None:
        return _error(400, "Unknown language.", parameter="lang", allowed=list(LANGUAGES))
    try:
        service = selectors.published_service(pk)
    except Http404:
        return _error(404, "No published service with this id.")
    body = _service_summary(service, request, lang)
    today = timezone.localdate()  # exceptions that have passed are no news
    body.update(
        description=_text(service, "description", lang),
        cost_description=_text(service, "cost_description", lang),
        eligibility=_text(service, "eligibility", lang),
        how_to_apply=_text(service, "how_to_apply", lang),
        emails=service.emails,
        modified=service.modified.isoformat(),
        service_types=[t.code for t in service.service_types.all()],
        national_goals=[g.number for g in service.national_goals.all()],
        areas_served={
            "vitality_centres": [c.code for c in service.vitality_centres.all()],
            "regions": [r.code for r in service.regions.all()],
            "employment_areas": [a.code for a in service.employment_areas.all()],
            "municipalities": [m.code for m in service.municipalities.all()],
        },
        locations=[
            {
                "name": _text(location, "name", lang),
                "street_address": _text(location, "street_address", lang),
                "postal_code": location.postal_code,
                "municipality": location.municipality.code,
                "latitude": float(location.latitude) if location.latitude is not None else None,
                "longitude": float(location.longitude) if location.longitude is not None else None,
                "email": location.email or None,
                "accessibility": _text(location, "accessibility", lang),
                "opening_hours_note": _text(location, "opening_hours_note", lang),
                "opening_hours_exceptions": [
                    _exception(e, lang) for e in location.opening_hours_exceptions.all() if e.last_day >= today
                ],
                "opening_hours": [
                    {"weekday": h.weekday, "opens": h.opens.strftime("%H:%M"), "closes": h.closes.strftime("%H:%M")}
                    for h in location.opening_hours.all()
                ],
            }
            for location in service.locations.all()
        ],
        phones=[{"number": phone.number, "name": _text(phone, "name", lang)} for phone in service.phones.all()],
        electronic_channels=[
            {"kind": c.kind, "url": translated(c, "url", lang).text, "name": _text(c, "name", lang)}
            for c in service.electronic_channels.all()
        ],
    )
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@require_safe
def openapi(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_openapi_text(), content_type="application/json")


@functools.cache
def _openapi_text() -> str:
    return json.dumps(json.loads(OPENAPI_PATH.read_text(encoding="utf-8")), ensure_ascii=False, indent=2)
