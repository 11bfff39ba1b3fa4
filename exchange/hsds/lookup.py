"""Finding a published object by its HSDS id without making every object.

HSDS ids are UUIDs derived (version 5) from the LIV identity (exchange/hsds/objects.py): no index of the
database holds them, and PostgreSQL cannot compute them without an extension the embedded server lacks. So each
process keeps an index of them — service, organization and service-at-location id to the service's or provider's
pk — made from three narrow queries (no objects) and kept for one version of the directory (exchange/state.py; the
version moves with every change of a service's row, locations and channels, through their search documents, and of
a provider). A lookup is then a dictionary read and one query for the object; the ids stay exactly those of every
earlier export.

The index is made again only when the directory changed, never because of what a request asks: an unknown id
costs nothing more than a known one. About 250 ms at 10 000 services, a few MB (docs/performance.md).
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field

from exchange import state
from exchange.format import local_id
from exchange.hsds.objects import hsds_uuid
from services.models import ElectronicChannel, Provider, Service, ServiceLocation


@dataclass
class _Index:
    version: state.DirectoryState | None
    services: dict[int, int] = field(default_factory=dict)
    providers: dict[int, int] = field(default_factory=dict)
    at_locations: dict[int, int] = field(default_factory=dict)  # service at location → the service's pk


_lock = threading.Lock()
_index: _Index | None = None


def _build(version: state.DirectoryState | None) -> _Index:
    index = _Index(version)
    service_ids: dict[int, str] = {}
    provider_pks: set[int] = set()
    published = Service.objects.published()
    for pk, external_id, provider_pk in published.values_list("pk", "external_id", "provider_id"):
        record_id = hsds_uuid("service", external_id or local_id("service", pk))
        index.services[record_id.int] = pk
        service_ids[pk] = str(record_id)
        provider_pks.add(provider_pk)
    providers = Provider.objects.filter(pk__in=provider_pks)
    index.providers = {
        hsds_uuid("provider", external_id or local_id("provider", pk)).int: pk
        for pk, external_id in providers.values_list("pk", "external_id")
    }
    # A service's parts in the order the records list them (the models' order, by pk): the position is in the id.
    for kind, model in (("location", ServiceLocation), ("virtual_location", ElectronicChannel)):
        positions: dict[int, int] = {}
        rows = model.objects.filter(service__in=published).order_by("service_id", "pk")
        for service_pk in rows.values_list("service_id", flat=True):
            position = positions.get(service_pk, 0)
            positions[service_pk] = position + 1
            record_id = service_ids[service_pk]
            location_id = hsds_uuid(kind, record_id, position)
            index.at_locations[hsds_uuid("service_at_location", record_id, location_id).int] = service_pk
    return index


def _current() -> _Index:
    global _index
    # The version and the time of the change: a version number seen in a transaction that was rolled back (a
    # test's) can come again with other rows, its time cannot.
    version = state.current()
    with _lock:
        if _index is None or version is None or _index.version != version:
            _index = _build(version)
        return _index


def _key(hsds_id: str) -> int | None:
    try:
        return uuid.UUID(hsds_id).int
    except ValueError:
        return None


def service_pk(hsds_id: str) -> int | None:
    """The pk of the published service with this HSDS id."""
    return _current().services.get(_key(hsds_id))


def provider_pk(hsds_id: str) -> int | None:
    """The pk of the provider of published services with this HSDS id."""
    return _current().providers.get(_key(hsds_id))


def service_pk_at_location(hsds_id: str) -> int | None:
    """The pk of the published service one of whose services at a location has this HSDS id."""
    return _current().at_locations.get(_key(hsds_id))
