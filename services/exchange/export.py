"""Write the directory in the exchange format (see services/exchange/format.py and docs/data-format.md).

The functions that turn one provider or service into its record are also what the import compares against:
a record in a file is "unchanged" exactly when it equals the export of the record in the database.
"""

from __future__ import annotations

import datetime
import json
import textwrap
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TextIO

from django.db.models import Model, Q, QuerySet

from regions.models import VitalityCentre
from services.exchange.format import (
    ELECTRONIC_TRANSLATED,
    FORMAT_NAME,
    FORMAT_VERSION,
    LANGUAGES,
    LOCATION_TRANSLATED,
    PHONE_TRANSLATED,
    PROVIDER_TRANSLATED,
    SERVICE_TRANSLATED,
    local_id,
)
from services.models import OpeningHours, Provider, Service

if TYPE_CHECKING:
    from services.exchange.cooperation_export import CooperationSelection

CHUNK_SIZE = 2000


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
                "opening_hours": _opening_hours(location.opening_hours.all()),
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


def select_services(
    *,
    statuses: Iterable[str] | None = None,
    vitality_centre: VitalityCentre | None = None,
    origins: Iterable[str] | None = None,
) -> QuerySet[Service]:
    """The services an export covers, in a stable order (by external id, then local id)."""
    services = Service.objects.all()
    if statuses:
        services = services.filter(status__in=list(statuses))
    if origins:
        services = services.filter(origin__in=list(origins))
    if vitality_centre is not None:
        services = services.in_vitality_centre(vitality_centre)
    return services.order_by("external_id", "pk")


def _iter_services(services: QuerySet[Service]) -> Iterator[dict[str, Any]]:
    for service in services.with_detail().iterator(chunk_size=CHUNK_SIZE):
        yield service_record(service)


def _selection(
    services: QuerySet[Service] | None, cooperation: CooperationSelection | None
) -> tuple[QuerySet[Provider], QuerySet[Service], CooperationSelection | None]:
    """What an export writes. Nothing selected: everything. A selection of services without one of the
    cooperation: those services only (as before the cooperation sections existed)."""
    # Imported here: the cooperation's records refer to providers by the functions of this module.
    from services.exchange.cooperation_export import select_cooperation

    if services is None and cooperation is None:
        return (
            Provider.objects.select_related("municipality").order_by("external_id", "pk"),
            select_services(),
            select_cooperation(),
        )
    services = select_services() if services is None else services
    wanted = Q(pk__in=services.values("provider_id"))
    if cooperation is not None:
        wanted |= Q(pk__in=cooperation.providers().values("pk"))
    providers = Provider.objects.filter(wanted)
    return providers.select_related("municipality").order_by("external_id", "pk"), services, cooperation


def _cooperation_sections(cooperation: CooperationSelection | None) -> dict[str, list[dict[str, Any]]]:
    """The cooperation's sections that have records: a file without any is exactly a file of before."""
    if cooperation is None:
        return {}
    return {kind: records for kind, records in cooperation.records().items() if records}


def write_directory(
    stream: TextIO,
    *,
    services: QuerySet[Service] | None = None,
    cooperation: CooperationSelection | None = None,
) -> dict[str, int]:
    """Write the exchange document to a text stream record by record, so that a national-size directory is
    never held in memory as a whole. The text is exactly ``dumps(export_directory(services=…, cooperation=…))``."""
    providers, services, cooperation = _selection(services, cooperation)
    counts = {"providers": 0, "services": 0}
    stream.write(f'{{\n  "format": "{FORMAT_NAME}",\n  "version": {FORMAT_VERSION},\n')
    parts: list[tuple[str, Iterable[dict[str, Any]]]] = [
        ("providers", (provider_record(p) for p in providers.iterator(chunk_size=CHUNK_SIZE))),
        ("services", _iter_services(services)),
    ]
    parts += list(_cooperation_sections(cooperation).items())
    for number, (key, records) in enumerate(parts):
        counts.setdefault(key, 0)
        stream.write(f'  "{key}": [')
        for record in records:
            stream.write("\n" if not counts[key] else ",\n")
            stream.write(textwrap.indent(json.dumps(record, ensure_ascii=False, indent=2), "    "))
            counts[key] += 1
        stream.write("\n  ]" if counts[key] else "]")
        stream.write(",\n" if number < len(parts) - 1 else "\n")
    stream.write("}\n")
    return counts


def export_directory(
    *, services: QuerySet[Service] | None = None, cooperation: CooperationSelection | None = None
) -> dict[str, Any]:
    """The directory as an exchange document.

    Without a selection: every provider, every service and the whole regional cooperation. With a selection of
    services (see :func:`select_services`) and/or of the cooperation (see
    :func:`services.exchange.cooperation_export.select_cooperation`): those records and the providers they need,
    so that the file can be imported on its own. Sections of the cooperation without records are left out.
    """
    providers, services, cooperation = _selection(services, cooperation)
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "providers": [provider_record(p) for p in providers.iterator(chunk_size=CHUNK_SIZE)],
        "services": list(_iter_services(services)),
        **_cooperation_sections(cooperation),
    }
