"""The HSDS 3.0 API under /api/hsds/v3/ (docs/open-data.md, "The HSDS API"): the endpoints Open Referral's API
description defines (fixtures/hsds/3.0/openapi.json), each page in HSDS's envelope, in the language of ``lang``.

The objects are exchange/hsds/objects.py's, as the files of ``export_hsds`` hold them. What every API under /api/
shares — CORS, ETag/Last-Modified and 304, Cache-Control, 405 and JSON errors — comes from exchange/http.py.
Lists are paged in the database where they can be (``per_page`` services are made per request, not all of them);
a filter that only the made objects can answer (a term of ``liv:text-language``) makes the candidates first.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from exchange.hsds import dataset as datasets
from exchange.hsds import lookup
from exchange.hsds.export import envelope
from exchange.hsds.objects import (
    HSDS_VERSION,
    LANGUAGES,
    organization_record,
    published_services,
    service_record,
    service_summary,
    with_organization,
)
from liv.errors import HSDS_OPENAPI as DESCRIPTION_URL
from liv.errors import json_error
from services.models import Provider, Service
from services.search import SearchQuery, search, vocabularies

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
MAX_PAGE = 10_000
# `search` looks at this many of LIV's search results (the site's own search, ranked), as modified_since does.
SEARCH_LIMIT = 1000
HSDS_OPENAPI = Path(settings.BASE_DIR) / "fixtures" / "hsds" / "3.0" / "openapi.json"
PROFILE_PATH = Path(settings.BASE_DIR) / "docs" / "hsds-profile.json"


class BadParameter(Exception):
    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter


def _json(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def _not_found(message: str) -> JsonResponse:
    return json_error(404, message, openapi=DESCRIPTION_URL)


def _endpoint(view: Callable[..., Any]) -> Callable[..., HttpResponse]:
    """GET/HEAD (others are answered by exchange/http.py); a bad parameter is a 400 naming it."""

    @require_safe
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        kwargs = {key: str(value) for key, value in kwargs.items()}  # <uuid:pk> gives a UUID; ids are text
        try:
            lang = _language(request)
            _format(request)
            with translation.override(lang):
                return view(request, lang, *args, **kwargs)
        except BadParameter as problem:
            return json_error(400, str(problem), parameter=problem.parameter, openapi=DESCRIPTION_URL)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _language(request: HttpRequest) -> str:
    lang = request.GET.get("lang", settings.LANGUAGE_CODE)
    if lang not in LANGUAGES:
        raise BadParameter("lang", "lang must be fi, sv or en.")
    return lang


def _format(request: HttpRequest) -> None:
    """HSDS's ``format``: LIV serves JSON, paged; the ``ndjson`` stream is not offered (docs/hsds-profile.md)."""
    value = request.GET.get("format")
    if value is not None and value != "json":
        raise BadParameter("format", "format must be json: LIV does not offer other formats.")


def _integer(request: HttpRequest, name: str, default: int, maximum: int) -> int:
    value = request.GET.get(name)
    if value is None:
        return default
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= maximum:
        raise BadParameter(name, f"{name} must be a whole number from 1 to {maximum}.")
    return int(value)


def _boolean(request: HttpRequest, name: str) -> bool:
    value = request.GET.get(name)
    if value is None:
        return False
    if value not in ("true", "false"):
        raise BadParameter(name, f"{name} must be true or false.")
    return value == "true"


def _uuid(request: HttpRequest, name: str) -> str | None:
    value = request.GET.get(name)
    if value is None:
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise BadParameter(name, f"{name} must be an HSDS id (a UUID).") from None


def _moment(request: HttpRequest, name: str) -> datetime.datetime | None:
    value = request.GET.get(name)
    if value is None:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise BadParameter(name, f"{name} must be an ISO 8601 date or date and time.") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _paging(request: HttpRequest) -> tuple[int, int]:
    return _integer(request, "page", 1, MAX_PAGE), _integer(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)


def _page(items: list[Any], page: int, per_page: int) -> tuple[list[Any], int]:
    return items[(page - 1) * per_page : page * per_page], len(items)


# --- which services -------------------------------------------------------------------------------------------


def _terms_by_id(lang: str) -> dict[str, dict[str, Any]]:
    return {term["id"]: term for term in datasets.taxonomy_terms(lang)}


_TERM_FILTERS: dict[str, Callable[[str], Q]] = {
    "service_type": lambda code: Q(service_types__code=code),
    "target_group": lambda code: Q(target_groups__code=code),
    "national_goal": lambda code: Q(national_goals__number=int(code)),
    "country": lambda code: Q(nationwide=True),
    "vitality_centre": lambda code: Q(vitality_centres__code=code),
    "region": lambda code: Q(regions__code=code),
    "employment_area": lambda code: Q(employment_areas__code=int(code)),
    "municipality": lambda code: Q(municipalities__code=code) | Q(locations__municipality__code=code),
}
_TAXONOMY_FILTERS: dict[str, Q] = {
    "liv:service-type": Q(service_types__isnull=False),
    "liv:target-group": Q(target_groups__isnull=False),
    "liv:national-goal": Q(national_goals__isnull=False),
    "liv:area": Q(nationwide=True)
    | Q(vitality_centres__isnull=False)
    | Q(regions__isnull=False)
    | Q(employment_areas__isnull=False)
    | Q(municipalities__isnull=False)
    | Q(locations__isnull=False),
}


def _searched(text: str, lang: str) -> list[int]:
    """The ids of LIV's search's first SEARCH_LIMIT results for ``text``, best first."""
    vocabulary = vocabularies.load()
    ids: list[int] = []
    for page in range(1, SEARCH_LIMIT // 100 + 1):
        result = search(SearchQuery(text=text[:1000], language=lang, page=page, page_size=100), vocabulary)
        ids.extend(service.pk for service in result.services)
        if not result.has_next:
            break
    return ids


def _organization_pks(hsds_organization_id: str) -> list[int]:
    found = lookup.provider_pk(hsds_organization_id)
    return [] if found is None else [found]


def _services(request: HttpRequest, lang: str) -> tuple[QuerySet[Service], list[int] | None, set[str]]:
    """The published services the request's filters select (and the search's order when it has one), and the
    term or taxonomy ids that only the made objects can answer."""
    services = published_services()
    order: list[int] | None = None
    later: set[str] = set()
    text = request.GET.get("search")
    if text:
        order = _searched(text, lang)
        services = services.filter(pk__in=order)
    if (organization := _uuid(request, "organization_id")) is not None:
        services = services.filter(provider_id__in=_organization_pks(organization))
    if (since := _moment(request, "modified_after")) is not None:
        services = services.filter(modified__gte=since)
    if (term_id := _uuid(request, "taxonomy_term_id")) is not None:
        term = _terms_by_id(lang).get(term_id)
        if term is None:
            return services.none(), order, later
        kind, _sep, code = term["code"].partition(":") if term["taxonomy"] == "liv:area" else ("", "", term["code"])
        key = kind or {"liv:service-type": "service_type", "liv:target-group": "target_group"}.get(
            term["taxonomy"], "national_goal" if term["taxonomy"] == "liv:national-goal" else ""
        )
        if key in _TERM_FILTERS:
            services = services.filter(pk__in=Service.objects.filter(_TERM_FILTERS[key](code)).values("pk"))
        else:
            later.add(term_id)
    if (taxonomy := _uuid(request, "taxonomy_id")) is not None:
        names = {t["id"]: t["name"] for t in datasets.taxonomies()}
        name = names.get(taxonomy)
        if name is None:
            return services.none(), order, later
        if name in _TAXONOMY_FILTERS:
            services = services.filter(pk__in=Service.objects.filter(_TAXONOMY_FILTERS[name]).values("pk"))
        else:
            later.add(taxonomy)
    return services, order, later


def _refers_to(record: dict[str, Any], ids: set[str]) -> bool:
    """Whether an object or one of its parts has an attribute of each of these terms or taxonomies."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            term = value.get("taxonomy_term")
            if isinstance(term, dict):
                found.update({term.get("id"), term.get("taxonomy_id")})
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(record)
    return ids <= found


def _ordered(services: QuerySet[Service], order: list[int] | None) -> list[Service]:
    rows = list(services)
    if order is not None:
        rank = {pk: index for index, pk in enumerate(order)}
        rows.sort(key=lambda service: rank.get(service.pk, len(rank)))
    return rows


def _service_records(rows: list[Service], lang: str) -> list[dict[str, Any]]:
    organizations: dict[int, dict[str, Any]] = {}
    records = []
    for service in rows:
        if service.provider_id not in organizations:
            organizations[service.provider_id] = organization_record(service.provider, lang)
        records.append(with_organization(service_record(service, lang), organizations[service.provider_id]))
    return records


def _selected_records(request: HttpRequest, lang: str, page: int, per_page: int) -> tuple[list[dict], int]:
    """One page of the selected services as full records, and how many there are."""
    services, order, later = _services(request, lang)
    if later:
        records = [r for r in _service_records(_ordered(services, order), lang) if _refers_to(r, later)]
        return _page(records, page, per_page)
    if order is None:
        total = services.count()
        rows = list(services[(page - 1) * per_page : page * per_page])
    else:
        every = _ordered(services, order)
        total = len(every)
        rows = every[(page - 1) * per_page : page * per_page]
    return _service_records(rows, lang), total


# --- the endpoints --------------------------------------------------------------------------------------------


@_endpoint
def meta(request: HttpRequest, lang: str) -> HttpResponse:
    """``/``: which HSDS this is, its profile and its API description."""
    return _json(
        {
            "version": HSDS_VERSION,
            "profile": request.build_absolute_uri(reverse("hsds:profile")),
            "openapi_url": request.build_absolute_uri(reverse("hsds:openapi")),
        }
    )


@_endpoint
def service_list(request: HttpRequest, lang: str) -> HttpResponse:
    page, per_page = _paging(request)
    full = _boolean(request, "full")
    _boolean(request, "minimal")  # the list's objects are the summaries already (docs/hsds-profile.md)
    records, total = _selected_records(request, lang, page, per_page)
    contents = records if full else [{**service_summary(r), "organization": r["organization"]} for r in records]
    return _json(envelope(contents, page=page, per_page=per_page, total=total))


@_endpoint
def service_detail(request: HttpRequest, lang: str, pk: str) -> HttpResponse:
    for service in published_services().filter(pk=lookup.service_pk(pk)):
        return _json(_service_records([service], lang)[0])
    return _not_found("No published service with this id.")


def _providers(request: HttpRequest, lang: str) -> QuerySet[Provider]:
    providers = (
        Provider.objects.filter(services__status=Service.Status.PUBLISHED)
        .distinct()
        .order_by("external_id", "pk")
        .select_related("municipality")
    )
    text = request.GET.get("search")
    if text:
        words = Q()
        for code in LANGUAGES:
            words |= Q(**{f"name_{code}__icontains": text[:200]})
        providers = providers.filter(words)
    return providers


def _organizations(providers: list[Provider], lang: str, *, full_services: bool) -> list[dict[str, Any]]:
    services = list(published_services().filter(provider__in=providers))
    by_provider: dict[int, list[dict[str, Any]]] = {}
    for record, service in zip(_service_records(services, lang), services, strict=True):
        by_provider.setdefault(service.provider_id, []).append(
            {k: v for k, v in record.items() if k != "organization"} if full_services else service_summary(record)
        )
    return [{**organization_record(p, lang), "services": by_provider.get(p.pk, [])} for p in providers]


@_endpoint
def organization_list(request: HttpRequest, lang: str) -> HttpResponse:
    page, per_page = _paging(request)
    full_services = _boolean(request, "full_service")
    _boolean(request, "full")  # every organization comes with its services' summaries anyway
    providers = _providers(request, lang)
    total = providers.count()
    rows = list(providers[(page - 1) * per_page : page * per_page])
    return _json(
        envelope(_organizations(rows, lang, full_services=full_services), page=page, total=total, per_page=per_page)
    )


@_endpoint
def organization_detail(request: HttpRequest, lang: str, pk: str) -> HttpResponse:
    full_services = _boolean(request, "full_service")
    for provider in Provider.objects.filter(pk=lookup.provider_pk(pk)).select_related("municipality"):
        return _json(_organizations([provider], lang, full_services=full_services)[0])
    return _not_found("No organization with published services has this id.")


def _service_at_locations(request: HttpRequest, lang: str, page: int, per_page: int) -> tuple[list[dict], int]:
    """One page of the selected services at locations, and how many there are."""
    services, order, later = _services(request, lang)
    if "proximity" in request.GET:
        raise BadParameter("proximity", "proximity is not offered: LIV has no centres of postal code areas.")
    postcode = request.GET.get("postcode")
    if postcode is None and order is None and not later:
        return _service_at_locations_paged(services, lang, page, per_page)
    if postcode is not None:
        if not (len(postcode) == 5 and postcode.isascii() and postcode.isdigit()):
            raise BadParameter("postcode", "postcode must be a Finnish postal code of five digits.")
        services = services.filter(locations__postal_code=postcode).distinct()
    at_locations = []
    for record in _service_records(_ordered(services, order), lang):
        if later and not _refers_to(record, later):
            continue
        for at in record["service_at_locations"]:
            addresses = at["location"].get("addresses", [])
            if postcode is None or any(a["postal_code"] == postcode for a in addresses):
                at_locations.append({**at, "service": service_summary(record)})
    return _page(at_locations, page, per_page)


def _service_at_locations_paged(
    services: QuerySet[Service], lang: str, page: int, per_page: int
) -> tuple[list[dict], int]:
    """Paged in the database: each service's count of services at locations (its locations and electronic
    channels, in the list's order) says which services the page falls on, and only those are made."""
    counted = (
        Service.objects.filter(pk__in=services.values("pk"))
        .order_by("external_id", "pk")
        .annotate(parts=Count("locations", distinct=True) + Count("electronic_channels", distinct=True))
        .values_list("pk", "parts")
    )
    start, end = (page - 1) * per_page, page * per_page
    on_page: list[int] = []
    skipped = total = 0
    for pk, parts in counted:
        if parts and total < end and total + parts > start:
            if not on_page:
                skipped = start - total
            on_page.append(pk)
        total += parts
    at_locations = []
    for record in _service_records(list(published_services().filter(pk__in=on_page)), lang):
        at_locations += [{**at, "service": service_summary(record)} for at in record["service_at_locations"]]
    return at_locations[skipped : skipped + per_page], total


@_endpoint
def service_at_location_list(request: HttpRequest, lang: str) -> HttpResponse:
    page, per_page = _paging(request)
    _boolean(request, "full")
    contents, total = _service_at_locations(request, lang, page, per_page)
    return _json(envelope(contents, page=page, per_page=per_page, total=total))


@_endpoint
def service_at_location_detail(request: HttpRequest, lang: str, pk: str) -> HttpResponse:
    service_pk = lookup.service_pk_at_location(pk)
    for record in _service_records(list(published_services().filter(pk=service_pk)), lang):
        for at in record["service_at_locations"]:
            if at["id"] == pk:
                return _json({**at, "service": service_summary(record)})
    return _not_found("No service at location has this id.")


@_endpoint
def taxonomy_list(request: HttpRequest, lang: str) -> HttpResponse:
    page, per_page = _paging(request)
    found = datasets.taxonomies()
    text = (request.GET.get("search") or "").lower()
    if text:
        found = [t for t in found if text in t["name"].lower() or text in t["description"].lower()]
    contents, total = _page(found, page, per_page)
    return _json(envelope(contents, page=page, per_page=per_page, total=total))


@_endpoint
def taxonomy_detail(request: HttpRequest, lang: str, pk: str) -> HttpResponse:
    for taxonomy in datasets.taxonomies():
        if taxonomy["id"] == pk:
            return _json(taxonomy)
    return _not_found("No taxonomy has this id.")


@_endpoint
def taxonomy_term_list(request: HttpRequest, lang: str) -> HttpResponse:
    page, per_page = _paging(request)
    terms = datasets.taxonomy_terms(lang)
    if (taxonomy := _uuid(request, "taxonomy_id")) is not None:
        terms = [t for t in terms if t.get("taxonomy_id") == taxonomy]
    if (parent := _uuid(request, "parent_id")) is not None:
        terms = [t for t in terms if t.get("parent_id") == parent]  # LIV's taxonomies are flat: none
    _boolean(request, "top_only")  # flat taxonomies: every term is a top-level one
    text = (request.GET.get("search") or "").lower()
    if text:
        terms = [t for t in terms if text in t["name"].lower() or text in t["code"].lower()]
    contents, total = _page(terms, page, per_page)
    return _json(envelope(contents, page=page, per_page=per_page, total=total))


@_endpoint
def taxonomy_term_detail(request: HttpRequest, lang: str, pk: str) -> HttpResponse:
    term = _terms_by_id(lang).get(pk)
    if term is None:
        return _not_found("No taxonomy term has this id.")
    return _json(term)


@require_safe
def openapi(request: HttpRequest) -> HttpResponse:
    """Open Referral's own description of this API (vendored, unchanged: fixtures/hsds/3.0/)."""
    return HttpResponse(HSDS_OPENAPI.read_bytes(), content_type="application/json")


@require_safe
def profile(request: HttpRequest) -> HttpResponse:
    """LIV's HSDS profile: its taxonomies, attributes and conventions (docs/hsds-profile.md)."""
    return HttpResponse(PROFILE_PATH.read_bytes(), content_type="application/json")
