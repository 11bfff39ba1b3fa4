"""schema.org JSON-LD for a service's page, escaped so that no text in it can close the <script> element.

The escaping is json_script's: <, > and & become \\u003C, \\u003E and \\u0026, which JSON parsers read back as the
same characters, so a description containing "</script><script>…" stays text.
"""

from __future__ import annotations

import json

from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString

from liv.i18n import translated
from services.models import Service, ServiceLocation

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _place(location: ServiceLocation) -> dict[str, object]:
    place: dict[str, object] = {
        "@type": "Place",
        "name": translated(location, "name").text or translated(location.municipality, "name").text,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": translated(location, "street_address").text,
            "postalCode": location.postal_code,
            "addressLocality": translated(location.municipality, "name").text,
            "addressCountry": "FI",
        },
    }
    if location.latitude is not None and location.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(location.latitude),
            "longitude": float(location.longitude),
        }
    if location.email:
        place["address"]["email"] = location.email
    return place


def service_json_ld(service: Service, request: HttpRequest) -> SafeString:
    """A GovernmentService / Service with its provider, area served and places (uses with_detail's prefetches)."""
    name = translated(service, "name")
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "GovernmentService" if service.provider.sector == "public" else "Service",
        "name": name.text,
        "description": translated(service, "summary").text,
        "url": request.build_absolute_uri(service.get_absolute_url()),
        "inLanguage": name.lang,
        "availableLanguage": list(service.languages),
        "provider": {
            "@type": "Organization",
            "name": translated(service.provider, "name").text,
            "url": request.build_absolute_uri(service.provider.get_absolute_url()),
        },
        "isAccessibleForFree": service.cost == Service.Cost.FREE,
        **({"email": service.emails[0]} if service.emails else {}),
        "areaServed": (
            {"@type": "Country", "name": "Finland"}
            if service.nationwide
            else [{"@type": "AdministrativeArea", "name": translated(a, "name").text} for a in service.areas_served()]
        ),
    }
    locations = [_place(location) for location in service.locations.all()]
    if locations:
        data["availableChannel"] = [{"@type": "ServiceChannel", "serviceLocation": place} for place in locations]
    text = json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))
