"""HTTP for integrators, for every read-only API under /api/ (the JSON API, the practices, HSDS): CORS, validators
and conditional requests, caching, the methods, and the language of the answer — in one middleware, so that each
endpoint is only its query and its JSON.

Why a middleware and not decorators: the answers it gives itself must come before Django's CSRF check (which
answered a POST with a 403 HTML page where the API promises a 405 in JSON) and before a view does any work (a 304
answers from one indexed row, without the search). The validators come from the directory's state (migration
exchange/0001: a version and the time of the last change, moved by triggers on everything the API shows), so a
client that asks again with ``If-None-Match`` gets 304 until something changes.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import importlib.metadata
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, QueryDict
from django.urls import Resolver404, resolve
from django.utils.http import http_date, parse_http_date_safe

from exchange import state
from exchange.openapi_params import OpenApiParameters
from liv.errors import api_description, is_api, json_error

READ_METHODS = ("GET", "HEAD")
ALLOW = "GET, HEAD, OPTIONS"
# Request headers a browser script may send (besides the CORS-safelisted ones): the conditional requests.
ALLOWED_REQUEST_HEADERS = ("accept", "accept-language", "if-none-match", "if-modified-since", "cache-control")
EXPOSED_HEADERS = "ETag, Last-Modified, Content-Language, Allow, Retry-After"
PREFLIGHT_MAX_AGE = 86400
LANGUAGES = ("fi", "sv", "en")
API_V1 = OpenApiParameters(Path(settings.BASE_DIR, "docs", "openapi.json"), "/api/v1")


@functools.cache
def _build() -> str:
    """What else the answers depend on: the code's version and its published description."""
    try:
        version = importlib.metadata.version("liv")
    except importlib.metadata.PackageNotFoundError:
        version = "?"
    description = Path(settings.BASE_DIR, "docs", "openapi.json").read_bytes()
    return version + ":" + hashlib.sha256(description).hexdigest()[:16]


def answer_language(request: HttpRequest, response: HttpResponse) -> str:
    """The language of the answer: the ``lang`` asked for; English for errors and the OpenAPI description."""
    if response.status_code >= 400 or request.path_info.endswith("openapi.json"):
        return "en"
    lang = request.GET.get("lang", settings.LANGUAGE_CODE)
    return lang if lang in LANGUAGES else settings.LANGUAGE_CODE


class ApiHttpMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_api(request):
            return self.get_response(request)
        if not _utf8(request.META.get("QUERY_STRING", "")):
            response = json_error(
                400,
                "The query string is not UTF-8.",
                detail="Percent-encode the parameters' text as UTF-8 (ä is %C3%A4).",
            )
        elif request.method == "OPTIONS":
            response = self._options(request)
        elif request.method not in READ_METHODS:
            response = self._not_allowed(request)
        else:
            response = self._read(request)
        if response.status_code >= 400:
            response.setdefault("Cache-Control", "no-cache")
            # The error messages are English (LocaleMiddleware would have named the site's default language).
            response["Content-Language"] = "en"
        self._cors(request, response)
        return response

    def _resolves(self, request: HttpRequest) -> bool:
        try:
            resolve(request.path_info)
        except Resolver404:
            return False
        return True

    def _options(self, request: HttpRequest) -> HttpResponse:
        """An OPTIONS request, and the CORS preflight a browser sends before a cross-origin request with headers
        such as If-None-Match: 204 with what is allowed."""
        if not self._resolves(request) or API_V1.problems(request.path_info, QueryDict()):
            return json_error(404, "Not found.", openapi=api_description(request))
        response = HttpResponse(status=204)
        response["Allow"] = ALLOW
        if "Access-Control-Request-Method" in request.headers:
            response["Access-Control-Allow-Methods"] = ALLOW
            asked = request.headers.get("Access-Control-Request-Headers", "")
            allowed = [h.strip() for h in asked.split(",") if h.strip().lower() in ALLOWED_REQUEST_HEADERS]
            if allowed:
                response["Access-Control-Allow-Headers"] = ", ".join(allowed)
            response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
        return response

    def _not_allowed(self, request: HttpRequest) -> HttpResponse:
        if not self._resolves(request):
            return json_error(404, "Not found.", openapi=api_description(request))
        response = json_error(
            405, "Method not allowed: this API is read-only.", detail=f"Use {ALLOW}; {request.method} is not accepted."
        )
        response["Allow"] = ALLOW
        return response

    def _read(self, request: HttpRequest) -> HttpResponse:
        problems = API_V1.problems(request.path_info, request.GET)
        if problems and any(p.parameter == "id" for p in problems):
            # No record has such an id: the address names nothing.
            return json_error(404, "Not found.", openapi=api_description(request))
        if problems:
            first = problems[0]
            return json_error(
                400,
                f"Parameter {first.parameter} is not valid: {first.message}",
                detail="Check the parameters against /api/v1/openapi.json.",
                parameter=first.parameter,
                value=first.value,
                problems=[{"parameter": p.parameter, "value": p.value} for p in problems],
            )
        current = state.current()
        if current is None:
            response = self.get_response(request)
            response.setdefault("Cache-Control", "no-cache")
            return response
        key = f"{current.version}|{request.build_absolute_uri()}|{_build()}"
        etag = '"' + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32] + '"'
        last_modified = http_date(current.changed_at.timestamp())
        if _names(request.headers.get("If-None-Match"), etag):
            # Only a 200 of this very address in this very version carried this validator: answer without the view.
            response = HttpResponseNotModified()
        else:
            response = self.get_response(request)
            if response.status_code == 200 and _not_modified(request, etag, current.changed_at):
                response = HttpResponseNotModified()
        if response.status_code in (200, 304):
            response["ETag"] = etag
            response["Last-Modified"] = last_modified
            response["Cache-Control"] = f"public, max-age={settings.API_CACHE_SECONDS}"
            response["Content-Language"] = answer_language(request, response)
        return response

    def _cors(self, request: HttpRequest, response: HttpResponse) -> None:
        """Every answer may be read by a script of any allowed site (the API is public and needs no credentials):
        ``*`` by default; with a list of origins, the request's own origin when it is on the list."""
        origins = settings.API_CORS_ORIGINS
        if origins == ["*"]:
            response["Access-Control-Allow-Origin"] = "*"
        else:
            origin = request.headers.get("Origin", "")
            if origin.lower() in origins:
                response["Access-Control-Allow-Origin"] = origin
            vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
            if "Origin" not in vary:
                response["Vary"] = ", ".join([*vary, "Origin"])
        response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS


def _utf8(query: str) -> bool:
    """Django would read bytes that are not UTF-8 as U+FFFD and search for that; the API says what is wrong."""
    try:
        unquote_to_bytes(query.replace("+", " ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _names(header: str | None, etag: str) -> bool:
    """Whether If-None-Match lists this ETag (compared weakly, RFC 9110 13.1.2: ``W/"x"`` matches ``"x"``)."""
    return bool(header) and any(c.strip().removeprefix("W/") == etag for c in header.split(","))


def _not_modified(request: HttpRequest, etag: str, changed_at: datetime.datetime) -> bool:
    """For a 200 the view gave: ``If-None-Match: *`` (any current representation), or, without If-None-Match,
    ``If-Modified-Since`` not older than the directory's last change (RFC 9110, 13.2.2)."""
    header = request.headers.get("If-None-Match")
    if header is not None:
        return header.strip() == "*" or _names(header, etag)
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and int(changed_at.timestamp()) <= since
