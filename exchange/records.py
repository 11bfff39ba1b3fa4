"""Each record of the database as the exchange format writes it (docs/data-format.md).

Shared by the export (exchange/export.py), the import (which compares a file's record against the export of the
database's record: "unchanged" exactly when equal), the regional cooperation's records and the HSDS open data.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Model

from exchange.format import (
    ELECTRONIC_TRANSLATED,
    LANGUAGES,
    LOCATION_TRANSLATED,
    PHONE_TRANSLATED,
    PROVIDER_TRANSLATED,
    SERVICE_TRANSLATED,
    local_id,
)
from services.models import OpeningHours, OpeningHoursException, Provider, Service


def translations(obj: Model, field: str) -> dict[str, str]:
    """All three languages of a translated field; a language without text is an empty string."""
    return {code: getattr(obj, f"{field}_{code}") or "" for code in LANGUAGES}


def _time(value: datetime.time) -> str:
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


def provider_external_id(provider: Provider) -> str:
    return provider.external_id or local_id("provider", provider.pk)


def service_external_id(service: Service) -> str:
    return service.external_id or local_id("service", service.pk)


def provider_record(provider: Provider) -> dict[str, Any]:
    return {
        "external_id": provider_external_id(provider),
        **{field: translations(provider, field) for field in PROVIDER_TRANSLATED},
        "sector": provider.sector,
        "kind": provider.kind,
        "business_id": provider.business_id,
        "website": provider.website,
        "municipality": provider.municipality.code if provider.municipality_id else None,
        "origin": provider.origin,
    }


def _opening_hours(hours: Iterable[OpeningHours]) -> list[dict[str, Any]]:
    rows = sorted(hours, key=lambda h: (h.weekday, h.opens, h.closes))
    return [{"weekday": h.weekday, "opens": _time(h.opens), "closes": _time(h.closes)} for h in rows]


def _exceptions(rows: Iterable[OpeningHoursException]) -> list[dict[str, Any]]:
    return [
        {
            "from": e.valid_from.isoformat(),
            "to": e.valid_to.isoformat() if e.valid_to else None,
            "closed": e.closed,
            "opens": _time(e.opens) if e.opens else None,
            "closes": _time(e.closes) if e.closes else None,
            "note": translations(e, "note"),
        }
        for e in sorted(rows, key=lambda e: (e.valid_from, e.opens or datetime.time()))
    ]


def service_record(service: Service) -> dict[str, Any]:
    """One service with its channels; expects the prefetching of ``Service.objects.with_detail()``."""
    return {
        "external_id": service_external_id(service),
        "provider": provider_external_id(service.provider),
        **{field: translations(service, field) for field in SERVICE_TRANSLATED},
        "status": service.status,
        "last_reviewed": service.last_reviewed.isoformat() if service.last_reviewed else None,
        "languages": list(service.languages),
        "cost": service.cost,
        "emails": list(service.emails),
        "service_types": sorted(t.code for t in service.service_types.all()),
        "target_groups": sorted(t.code for t in service.target_groups.all()),
        "national_goals": sorted(g.number for g in service.national_goals.all()),
        "service_area": {
            "nationwide": service.nationwide,
            "vitality_centres": sorted(v.code for v in service.vitality_centres.all()),
            "regions": sorted(r.code for r in service.regions.all()),
            "employment_areas": sorted(e.code for e in service.employment_areas.all()),
            "municipalities": sorted(m.code for m in service.municipalities.all()),
        },
        "locations": [
            {
                **{field: translations(location, field) for field in LOCATION_TRANSLATED},
                "postal_code": location.postal_code,
                "municipality": location.municipality.code,
                "email": location.email,
                "latitude": float(location.latitude) if location.latitude is not None else None,
                "longitude": float(location.longitude) if location.longitude is not None else None,
                "opening_hours": _opening_hours(location.opening_hours.all()),
                "opening_hours_exceptions": _exceptions(location.opening_hours_exceptions.all()),
            }
            for location in service.locations.all()
        ],
        "phones": [
            {"number": phone.number, **{field: translations(phone, field) for field in PHONE_TRANSLATED}}
            for phone in service.phones.all()
        ],
        "electronic_channels": [
            {"kind": channel.kind, **{field: translations(channel, field) for field in ELECTRONIC_TRANSLATED}}
            for channel in service.electronic_channels.all()
        ],
        "ptv_id": str(service.ptv_id) if service.ptv_id else None,
        "origin": service.origin,
    }
