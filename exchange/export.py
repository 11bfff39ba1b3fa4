"""Write the directory in the exchange format (see exchange/format.py and docs/data-format.md).

The records themselves come from exchange/records.py and exchange/cooperation_export.py, which the import
compares against as well.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from django.db.models import Q, QuerySet

from exchange.cooperation_export import CooperationSelection, select_cooperation
from exchange.format import FORMAT_NAME, FORMAT_VERSION
from exchange.records import provider_record, service_record
from regions.models import VitalityCentre
from services.models import Provider, Service

CHUNK_SIZE = 2000


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
    :func:`exchange.cooperation_export.select_cooperation`): those records and the providers they need,
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
