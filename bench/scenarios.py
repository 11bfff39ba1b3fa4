"""The fixed mix of requests every benchmark run measures (broad, narrow, faceted, typo, empty)."""

from __future__ import annotations

SEARCH_QUERIES: dict[str, str] = {
    "broad": "/fi/search/?q=ohjaus",
    "narrow": "/fi/search/?q=uraohjaus+Mikkeliss%C3%A4",
    "faceted": "/fi/search/?q=neuvonta&target_group=immigrants&language=ar&channel=online",
    "typo": "/fi/search/?q=ohjamo",
    "empty": "/fi/search/",
    "swedish": "/sv/search/?q=studiehandledning+%C3%85bo",
}
API_QUERIES: dict[str, str] = {
    "broad": "/api/v1/services/?q=ohjaus&lang=fi",
    "faceted": "/api/v1/services/?q=neuvonta&lang=fi&target_group=immigrants",
    "empty": "/api/v1/services/?lang=en",
}
COVERAGE_PAGES: dict[str, str] = {
    "national": "/fi/coverage/",
    "national by service type": "/fi/coverage/?by=service_types",
    "area": "/fi/coverage/06/",
}
FLOOR = "/healthz"
