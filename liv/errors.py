"""Error answers: 503 with ``Retry-After`` when the database cannot be reached, JSON errors under ``/api/``.

A database that is down or restarting is not a bug of the page: every error that comes from the connection
(``OperationalError``, ``InterfaceError``, wherever it is raised — a view, a template, a middleware) is answered
with 503 and ``Retry-After``, so browsers, crawlers and load balancers know to come back. The page is the site's
layout (base.html needs no database) in the URL's language; if even that cannot be rendered, a standalone
template is. Under ``/api/`` every error is JSON (``{"error": …}``), whichever part of Django produced it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from http import HTTPStatus

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
API_PREFIX = "/api/"
# Headers of an error response that still mean something when its body is replaced by JSON.
_KEPT_HEADERS = ("Allow", "Retry-After", "Cache-Control", "Vary")


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


# What an error means for the client, when the answer has nothing more specific to say (docs/api.md, "Errors").
_DETAIL = {
    400: "The request was not understood: check its parameters against {openapi}.",
    404: "There is nothing at this address: the API's addresses are listed in {openapi}.",
    405: "This API is read-only: use GET, HEAD or OPTIONS.",
    500: "The server failed to answer; the error has been logged.",
    503: "The directory cannot answer just now; try again after Retry-After seconds.",
}


V1_OPENAPI = "/api/v1/openapi.json"
HSDS_OPENAPI = "/api/hsds/v3/openapi.json"


def api_description(request: HttpRequest) -> str:
    """The OpenAPI description of the API a request is addressed to, which its errors point to."""
    return HSDS_OPENAPI if request.path_info.startswith("/api/hsds/") else V1_OPENAPI


def json_error(
    status: int, message: str, *, detail: str | None = None, openapi: str = V1_OPENAPI, **extra: object
) -> JsonResponse:
    """Every error of the API has the same shape: ``{"error": what went wrong, "detail": what to do, …}``;
    the default detail points to ``openapi``, the description of the API that answers."""
    try:
        default = _DETAIL.get(status, "").format(openapi=openapi) or HTTPStatus(status).description
    except ValueError:
        default = message
    body = {"error": message, "detail": detail or default, **extra}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def database_unavailable(error: BaseException | None) -> bool:
    """Did this error come from the database connection (down, restarting, refusing connections)?"""
    while error is not None:
        if isinstance(error, (OperationalError, InterfaceError)):
            return True
        error = error.__cause__ or error.__context__
    return False


def _language(request: HttpRequest) -> str:
    """The URL's language, also when the error came before LocaleMiddleware had activated it."""
    return translation.get_language_from_path(request.path_info) or translation.get_language() or "fi"


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """503 with ``Retry-After``: JSON under /api/, otherwise the translated page in the site's layout."""
    if is_api(request):
        response: HttpResponse = json_error(
            503, "The directory's database cannot be reached; try again later.", retry_after=RETRY_AFTER_SECONDS
        )
    else:
        with translation.override(_language(request)):
            try:
                response = render(request, "503.html", status=503)
            except Exception:  # the layout needs something that is not there: the page without it
                logger.exception("The 503 page could not be rendered in the site's layout")
                try:
                    response = HttpResponse(render_to_string("503_standalone.html"), status=503)
                except Exception:
                    logger.exception("The standalone 503 page could not be rendered")
                    response = HttpResponse(
                        "Service temporarily unavailable.", status=503, content_type="text/plain; charset=utf-8"
                    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return json_error(404, "Not found.", openapi=api_description(request))
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django calls this inside its ``except`` block, so the exception is still at hand."""
    if database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    if is_api(request):
        return json_error(500, "Internal server error.")
    return render(request, "500.html", status=500)


class ApiJsonErrorsMiddleware:
    """Under /api/, an error response that is not JSON yet (a 400 from the input checks, a 405 from
    ``require_safe``, Django's own 400/403 pages) is replaced by ``{"error": …}`` with the same status."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not is_api(request) or response.status_code < 400 or getattr(response, "streaming", False):
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        try:
            message = HTTPStatus(response.status_code).phrase + "."
        except ValueError:
            message = "Error."
        if response.get("Content-Type", "").startswith("text/plain") and 0 < len(response.content) <= 200:
            message = response.content.decode("utf-8", "replace").strip()  # our own short explanations
        replacement = json_error(response.status_code, message, openapi=api_description(request))
        for header in _KEPT_HEADERS:
            if header in response:
                replacement[header] = response[header]
        return replacement
