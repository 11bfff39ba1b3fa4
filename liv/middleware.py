"""Refuse input that no page can use before it reaches a view or the database.

psycopg refuses NUL bytes in query parameters with an error that would otherwise surface as a 500, and an
unreasonably long Accept-Language header or query string is not something a browser sends.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

MAX_QUERY_STRING = 8_192
MAX_ACCEPT_LANGUAGE = 1_000


class RejectBadInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if len(query) > MAX_QUERY_STRING:
            return HttpResponseBadRequest("Query too long.", content_type="text/plain; charset=utf-8")
        if b"\x00" in unquote_to_bytes(query) or "\x00" in request.path:
            return HttpResponseBadRequest("NUL bytes are not allowed.", content_type="text/plain; charset=utf-8")
        if len(request.META.get("HTTP_ACCEPT_LANGUAGE", "")) > MAX_ACCEPT_LANGUAGE:
            # Django's own parser caps the header too; dropping it lets the URL's language decide.
            del request.META["HTTP_ACCEPT_LANGUAGE"]
        return self.get_response(request)
