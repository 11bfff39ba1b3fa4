"""Public pages of the directory. Views parse input, call one selector or the search, and render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from regions.models import Municipality
from services import location_map, nearest, selectors
from services.search import SearchFilters, SearchQuery, page_links, search, unanswered, vocabularies
from services.search.filters import ServiceSearchFilterSet
from services.structured_data import service_json_ld


@require_safe
@gzip_page  # locations across Finland make a ~26 kB map: ~35 kB of HTML, ~13 kB compressed; no secret on the page
def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = selectors.published_service_page(pk)
    context = {
        "service": service,
        "json_ld": service_json_ld(service, request),
        "map": location_map.service_map(service),
    }
    return render(request, "services/service_detail.html", context)


@require_safe
def provider_detail(request: HttpRequest, pk: int) -> HttpResponse:
    provider, services = selectors.provider_with_services(pk)
    return render(request, "services/provider_detail.html", {"provider": provider, "services": services})


@require_safe
def search_services(request: HttpRequest) -> HttpResponse:
    vocabulary = vocabularies.load()
    filterset = ServiceSearchFilterSet(request.GET, vocabulary=vocabulary)
    result = search(filterset.search_query(language=get_language()), vocabulary)
    unanswered.record(result)
    data = request.GET
    language = get_language()
    context = {
        "area_links": page_links.area_links(result.places, vocabulary, language),
        "result": result,
        "query_text": result.query.text,
        "problems": filterset.problems(),
        "query_was_shortened": filterset.query_was_shortened(),
        "facets": page_links.facet_links(result.facets, data),
        "active_filters": page_links.active_filters(result.facets, data),
        "clear_filters_url": page_links.clear_filters_url(data),
        "pages": page_links.pages(result, data),
        "previous_url": page_links.page_url(data, result.page - 1),
        "next_url": page_links.page_url(data, result.page + 1),
        "sort_urls": {sort: page_links.sort_url(data, sort) for sort in ("relevance", "name")},
        "suggestions": [(s, page_links.suggestion_url(data, s)) for s in result.suggestions],
        "sort_choices": filterset.form.fields["sort"].choices[1:],
    }
    return render(request, "services/search.html", context)


@require_safe
@gzip_page  # up to a hundred results and their map, about 44 kB of HTML and 9 kB compressed; no secret on the page
def near_services(request: HttpRequest) -> HttpResponse:
    """Nearest first: the search's best matches (the same parameters as the search page) ordered by distance
    from a municipality's centre or the browser's position (services/nearest.py)."""
    vocabulary = vocabularies.load()
    filterset = ServiceSearchFilterSet(request.GET, vocabulary=vocabulary)
    origin, problem = nearest.origin_from(request.GET)
    near, remote, near_map = [], [], None
    if origin is not None:
        query = filterset.search_query(language=get_language(), page_size=nearest.CANDIDATES)
        result = search(query, vocabulary)
        near, remote = nearest.order_by_distance(result.services, origin)
        near_map = location_map.results_map(near, origin)
    context = {
        "origin": origin,
        "problem": problem,
        "query_text": request.GET.get("q", "")[:200],
        "municipalities": Municipality.objects.order_by("name_fi"),
        "near": near,
        "remote": remote,
        "map": near_map,
        "candidates": nearest.CANDIDATES,
    }
    return render(request, "services/near.html", context)


@require_safe
def area_detail(request: HttpRequest, code: str) -> HttpResponse:
    centre = selectors.vitality_centre(code)
    result = search(SearchQuery(language=get_language(), filters=SearchFilters(areas=(centre.code,))))
    return render(request, "services/area_detail.html", {"centre": centre, "result": result})


@require_safe
def goals(request: HttpRequest) -> HttpResponse:
    return render(request, "services/goals.html", {"goals": selectors.goals_with_services()})
