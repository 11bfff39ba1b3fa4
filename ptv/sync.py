"""Bring LIV's services in line with a PTV download: create, update, archive — each service all or nothing.

Ownership (docs/data-format.md#ptv): the fields a PTV service fills are PTV's, and a sync writes them; LIV's own
(national goals, vitality-centre and employment areas, review dates, cooperation) are never touched. A coordinator
may still edit a PTV field in the admin (with a warning): the edit stays until PTV changes that same field, when
PTV's value wins and the report names the conflict (the local text stays in the history). This three-way rule
needs the values the previous sync wrote, kept in ``PtvLink.synced``. LIV target groups and service types merge:
the sync adds what the mapping table gives and removes only what it added itself.

A service is written only when something in it changed, with one history entry; a second run over the same
download changes nothing, not even the history. Nothing is ever deleted: a service archived, withdrawn or gone in
PTV is archived here.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone, translation

from ptv.download import Download
from ptv.mapping import LANGUAGES, Mapped, Refused, Vocabulary, map_service
from ptv.models import PtvLink
from ptv.selection import Selection
from regions.models import Municipality, Region
from services.models import (
    ElectronicChannel,
    OpeningHours,
    OpeningHoursException,
    Origin,
    PhoneChannel,
    Provider,
    Service,
    ServiceLocation,
    ServiceType,
    TargetGroup,
)
from services.search import documents

logger = logging.getLogger(__name__)

HISTORY_REASON = "Suomi.fi Service Catalogue (PTV) sync"
TRANSLATED = ("name", "summary", "description", "eligibility", "how_to_apply", "cost_description")
SCALARS = ("cost", "languages", "emails", "nationwide")
AREAS = ("municipalities", "regions")
MERGED = ("target_groups", "service_types")
_MISSING = object()
BATCH = 200


@dataclass
class Report:
    created: list[dict[str, Any]] = field(default_factory=list)
    updated: list[dict[str, Any]] = field(default_factory=list)
    archived: list[dict[str, Any]] = field(default_factory=list)
    unchanged: int = 0
    refused: list[dict[str, Any]] = field(default_factory=list)
    left_out: int = 0
    warnings: list[dict[str, Any]] = field(default_factory=list)
    changed_service_ids: list[int] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "archived": self.archived,
            "unchanged": self.unchanged,
            "refused": self.refused,
            "left_out": self.left_out,
            "warnings": self.warnings,
        }


@dataclass
class _Codes:
    municipalities: dict[str, int]
    regions: dict[str, int]
    target_groups: dict[str, int]
    service_types: dict[str, int]

    @classmethod
    def load(cls) -> _Codes:
        return cls(
            municipalities=dict(Municipality.objects.values_list("code", "pk")),
            regions=dict(Region.objects.values_list("code", "pk")),
            target_groups=dict(TargetGroup.objects.values_list("code", "pk")),
            service_types=dict(ServiceType.objects.values_list("code", "pk")),
        )


# --- The comparable form of a service ---------------------------------------------------------------------------


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """The values of a mapped record the way :func:`current_values` reads them from the database."""
    values: dict[str, Any] = {f"{name}_{code}": record[name][code] for name in TRANSLATED for code in LANGUAGES}
    values.update({name: record[name] for name in (*SCALARS, *AREAS, *MERGED)})
    values["provider"] = record["organization"]["ptv_id"]
    values["channels"] = {key: record[key] for key in ("locations", "phones", "electronic_channels")}
    return values


def _texts(obj: Any, name: str) -> dict[str, str]:
    return {code: getattr(obj, f"{name}_{code}") or "" for code in LANGUAGES}


def _clock(value: datetime.time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def _channels(service: Service) -> dict[str, list[dict[str, Any]]]:
    locations = []
    for location in service.locations.all():
        locations.append(
            {
                **{name: _texts(location, name) for name in ("name", "street_address")},
                "postal_code": location.postal_code,
                "municipality": location.municipality.code,
                **{name: _texts(location, name) for name in ("accessibility", "opening_hours_note")},
                "email": location.email,
                "latitude": str(location.latitude) if location.latitude is not None else None,
                "longitude": str(location.longitude) if location.longitude is not None else None,
                "opening_hours": [
                    {"weekday": h.weekday, "opens": _clock(h.opens), "closes": _clock(h.closes)}
                    for h in sorted(location.opening_hours.all(), key=lambda h: (h.weekday, h.opens))
                ],
                "exceptions": [
                    {
                        "valid_from": e.valid_from.isoformat(),
                        "valid_to": e.valid_to.isoformat() if e.valid_to else None,
                        "closed": e.closed,
                        "opens": _clock(e.opens),
                        "closes": _clock(e.closes),
                        "note": _texts(e, "note"),
                    }
                    for e in sorted(
                        location.opening_hours_exceptions.all(),
                        key=lambda e: (e.valid_from, e.opens or datetime.time()),
                    )
                ],
            }
        )
    return {
        "locations": locations,
        "phones": [
            {"number": p.number, **{name: _texts(p, name) for name in ("name", "charge_note", "hours_note")}}
            for p in service.phones.all()
        ],
        "electronic_channels": [
            {"kind": e.kind, "name": _texts(e, "name"), "url": _texts(e, "url")}
            for e in service.electronic_channels.all()
        ],
    }


def current_values(service: Service) -> dict[str, Any]:
    """A service's PTV fields as they are in LIV now (after any local edits)."""
    values: dict[str, Any] = {
        f"{name}_{code}": getattr(service, f"{name}_{code}") or "" for name in TRANSLATED for code in LANGUAGES
    }
    values.update(
        cost=service.cost,
        languages=list(service.languages),
        emails=list(service.emails),
        nationwide=service.nationwide,
        municipalities=sorted(m.code for m in service.municipalities.all()),
        regions=sorted(r.code for r in service.regions.all()),
        target_groups=sorted(t.code for t in service.target_groups.all()),
        service_types=sorted(t.code for t in service.service_types.all()),
        provider=(service.provider.external_id or "").removeprefix("ptv:"),
        channels=_channels(service),
    )
    return values


def local_changes(service: Service, link: PtvLink) -> list[str]:
    """The PTV fields a coordinator has changed in LIV since the last sync (the admin lists them)."""
    now = current_values(service)
    changed = []
    for key, synced in link.synced.items():
        if key == "provider":  # resolved by the sync (maybe to a provider entered in LIV), not edited as a value
            continue
        if key in MERGED:
            if set(now[key]) - set(synced):
                changed.append(key)
        elif now.get(key) != synced:
            changed.append(key)
    return changed


def _with_relations(services):
    return services.select_related("provider").prefetch_related(
        "municipalities",
        "regions",
        "target_groups",
        "service_types",
        "locations__municipality",
        "locations__opening_hours",
        "locations__opening_hours_exceptions",
        "phones",
        "electronic_channels",
    )


# --- Writing ----------------------------------------------------------------------------------------------------


def _refusal(error: ValidationError, where: str) -> Refused:
    messages = (
        "; ".join(f"{name}: {' '.join(map(str, problems))}" for name, problems in error.message_dict.items())
        if hasattr(error, "error_dict")
        else " ".join(map(str, error.messages))
    )
    return Refused(f"{where}: {messages}")


def _check(obj: Any, where: str, exclude: Iterable[str]) -> None:
    try:
        obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise _refusal(error, where) from None


def _set_texts(obj: Any, name: str, texts: dict[str, str]) -> None:
    for code in LANGUAGES:
        setattr(obj, f"{name}_{code}", texts[code] or (None if code != "fi" else ""))


def _write_channels(
    service: Service, channels: dict[str, list[dict[str, Any]]], codes: _Codes, *, new: bool = False
) -> None:
    """Replace the service's channels with PTV's (they are PTV's alone); a new service has none to remove."""
    if not new:
        service.locations.all().delete()
        service.phones.all().delete()
        service.electronic_channels.all().delete()
    hours: list[OpeningHours] = []
    exceptions: list[OpeningHoursException] = []
    for number, item in enumerate(channels["locations"]):
        where = f"locations[{number}]"
        municipality = codes.municipalities.get(item["municipality"])
        if municipality is None:
            raise Refused(f"{where}: unknown municipality code {item['municipality']}")
        location = ServiceLocation(
            service=service,
            municipality_id=municipality,
            postal_code=item["postal_code"],
            email=item["email"],
            latitude=item["latitude"],
            longitude=item["longitude"],
        )
        for name in ("name", "street_address", "accessibility", "opening_hours_note"):
            _set_texts(location, name, item[name])
        _check(location, where, ["service", "municipality"])
        location.save()
        for row in item["opening_hours"]:
            hours.append(
                OpeningHours(
                    location=location,
                    weekday=row["weekday"],
                    opens=datetime.time.fromisoformat(row["opens"]),
                    closes=datetime.time.fromisoformat(row["closes"]),
                )
            )
        for row in item["exceptions"]:
            exception = OpeningHoursException(
                location=location,
                valid_from=datetime.date.fromisoformat(row["valid_from"]),
                valid_to=datetime.date.fromisoformat(row["valid_to"]) if row["valid_to"] else None,
                closed=row["closed"],
                opens=datetime.time.fromisoformat(row["opens"]) if row["opens"] else None,
                closes=datetime.time.fromisoformat(row["closes"]) if row["closes"] else None,
            )
            _set_texts(exception, "note", row["note"])
            _check(exception, f"{where}.exceptions", ["location"])
            exceptions.append(exception)
    OpeningHours.objects.bulk_create(hours)
    OpeningHoursException.objects.bulk_create(exceptions)
    phones = []
    for number, item in enumerate(channels["phones"]):
        phone = PhoneChannel(service=service, number=item["number"])
        for name in ("name", "charge_note", "hours_note"):
            _set_texts(phone, name, item[name])
        _check(phone, f"phones[{number}]", ["service"])
        phones.append(phone)
    PhoneChannel.objects.bulk_create(phones)
    electronic = []
    for number, item in enumerate(channels["electronic_channels"]):
        channel = ElectronicChannel(service=service, kind=item["kind"])
        for name in ("name", "url"):
            _set_texts(channel, name, item[name])
        channel.url = item["url"]["fi"] or next((u for u in item["url"].values() if u), "")
        _check(channel, f"electronic_channels[{number}]", ["service"])
        electronic.append(channel)
    ElectronicChannel.objects.bulk_create(electronic)


class _Providers:
    """PTV organisations as LIV providers: the one created by an earlier sync (external id ``ptv:<id>``), else one
    entered in LIV with the same business ID (left as it is: it is LIV's), else a new one."""

    def __init__(self, codes: _Codes) -> None:
        self.codes = codes
        self.cache: dict[str, Provider] = {}

    def get(self, organization: dict[str, Any]) -> Provider:
        ptv_id = organization["ptv_id"]
        if ptv_id in self.cache:
            return self.cache[ptv_id]
        provider = Provider.objects.filter(external_id=f"ptv:{ptv_id}").first()
        if provider is None and organization["business_id"]:
            provider = Provider.objects.filter(business_id=organization["business_id"]).order_by("pk").first()
        if provider is None or provider.external_id == f"ptv:{ptv_id}":
            provider = self._write(provider, organization)
        self.cache[ptv_id] = provider
        return provider

    def _write(self, provider: Provider | None, organization: dict[str, Any]) -> Provider:
        values = {
            "sector": organization["sector"],
            "kind": organization["kind"],
            "business_id": organization["business_id"],
            "website": organization["website"],
            "municipality_id": self.codes.municipalities.get(organization["municipality"] or ""),
        }
        if provider is None:
            provider = Provider(external_id=f"ptv:{organization['ptv_id']}", origin=Origin.IMPORTED)
        elif all(getattr(provider, k) == v for k, v in values.items()) and all(
            _texts(provider, name) == organization[name] for name in ("name", "description")
        ):
            return provider
        for key, value in values.items():
            setattr(provider, key, value)
        for name in ("name", "description"):
            _set_texts(provider, name, organization[name])
        _check(provider, f"organisation {organization['ptv_id']}", ["municipality"])
        provider._change_reason = HISTORY_REASON
        provider.save()
        return provider


def _one_history_entry(service: Service, kind: str) -> None:
    service._change_reason = HISTORY_REASON
    Service.history_records.create_historical_record(service, kind)


class Synchroniser:
    def __init__(self, download: Download, *, selection: Selection, vocabulary: Vocabulary) -> None:
        self.download = download
        self.selection = selection
        self.vocabulary = vocabulary
        self.codes = _Codes.load()
        self.providers = _Providers(self.codes)
        self.report = Report()
        self.now = timezone.now()

    # --- one service ---

    def _service_values(self, service: Service, values: dict[str, Any]) -> None:
        for key in (f"{name}_{code}" for name in TRANSLATED for code in LANGUAGES):
            if key in values:
                setattr(service, key, values[key] or (None if not key.endswith("_fi") else ""))
        for name in SCALARS:
            if name in values:
                setattr(service, name, values[name])

    def _relations(self, service: Service, values: dict[str, Any], *, new: bool = False) -> None:
        tables = {
            "municipalities": self.codes.municipalities,
            "regions": self.codes.regions,
            "target_groups": self.codes.target_groups,
            "service_types": self.codes.service_types,
        }
        for name, table in tables.items():
            if name not in values:
                continue
            unknown = [code for code in values[name] if code not in table]
            if unknown:
                raise Refused(f"{name}: unknown codes {', '.join(unknown)}")
            ids = [table[code] for code in values[name]]
            if new:  # nothing to compare with: one INSERT instead of set()'s SELECT and INSERT
                field = Service._meta.get_field(name)
                through = field.remote_field.through
                target = field.m2m_reverse_field_name()
                through.objects.bulk_create(through(service_id=service.pk, **{f"{target}_id": pk}) for pk in ids)
            else:
                getattr(service, name).set(ids)

    def _create(self, mapped: Mapped, flat: dict[str, Any]) -> Service:
        provider = self.providers.get(mapped.record["organization"])
        service = Service(
            provider=provider,
            ptv_id=mapped.record["ptv_id"],
            origin=Origin.IMPORTED,
            status=Service.Status.PUBLISHED,
        )
        self._service_values(service, flat)
        _check(service, "service", ["provider"])
        service.skip_history_when_saving = True
        try:
            service.save()
            self._relations(service, flat, new=True)
            _write_channels(service, flat["channels"], self.codes, new=True)
        finally:
            del service.skip_history_when_saving
        _one_history_entry(service, "+")
        return service

    def _merge(
        self, service: Service, link: PtvLink | None, flat: dict[str, Any], provider: Provider
    ) -> tuple[dict, list[str]]:
        """What to write (field → new value) and the conflicts (PTV changed a field a coordinator had changed)."""
        current = current_values(service)
        # The provider the organisation resolves to (perhaps one entered in LIV, matched by business ID).
        current["provider"] = flat["provider"] if service.provider_id == provider.pk else f"liv:{service.provider_id}"
        synced = link.synced if link else {}
        changes: dict[str, Any] = {}
        conflicts: list[str] = []
        for key, new in flat.items():
            old = synced.get(key, _MISSING)
            now = current[key]
            if key in MERGED:
                before = set(old) if old is not _MISSING else set()
                result = sorted((set(now) - (before - set(new))) | (set(new) - before))
            elif old is not _MISSING and new == old:
                result = now  # PTV did not change it: a local edit stays
            else:
                result = new
                if old is not _MISSING and now != old and now != new:
                    conflicts.append(key)
            if result != now:
                changes[key] = result
        return changes, conflicts

    def _update(self, service: Service, link: PtvLink | None, mapped: Mapped, flat: dict[str, Any]) -> bool:
        provider = self.providers.get(mapped.record["organization"])
        changes, conflicts = self._merge(service, link, flat, provider)
        republish = service.status == Service.Status.ARCHIVED and link is not None and link.removed_from_ptv
        if not changes and not republish:
            return False
        service.skip_history_when_saving = True
        try:
            if "provider" in changes:
                service.provider = provider
            self._service_values(service, changes)
            if republish:
                service.status = Service.Status.PUBLISHED
            _check(service, "service", ["provider"])
            service.save()
            self._relations(service, {k: v for k, v in changes.items() if k in (*AREAS, *MERGED)})
            if "channels" in changes:
                _write_channels(service, changes["channels"], self.codes)
        finally:
            del service.skip_history_when_saving
        _one_history_entry(service, "~")
        entry = {
            "ptv_id": mapped.record["ptv_id"],
            "service": service.pk,
            "name": service.name_fi,
            "fields": sorted(changes) + (["status"] if republish else []),
        }
        if conflicts:
            entry["conflicts"] = conflicts
        self.report.updated.append(entry)
        return True

    def _save_link(self, service: Service, link: PtvLink | None, mapped: Mapped, flat: dict[str, Any]) -> None:
        new = link is None
        link = link or PtvLink(service=service, ptv_id=mapped.record["ptv_id"])
        link.organization_id = mapped.record["organization"]["ptv_id"]
        link.ptv_modified = _aware(mapped.record["ptv_modified"])
        link.last_synced = self.now
        link.source_hash = mapped.source_hash
        link.synced = flat
        link.removed_from_ptv = False
        link.save(force_insert=new)

    def sync_service(self, data: dict[str, Any], existing: Service | None, link: PtvLink | None) -> None:
        ptv_id = str(data.get("id", "")).lower()
        name = next((n.get("value") for n in data.get("serviceNames") or () if n.get("language") == "fi"), "")
        reason = self.selection.reason_to_leave_out(data)
        if reason is not None:
            if existing is not None:
                self.archive(existing, link, f"no longer a guidance service: {reason}")
            else:
                self.report.left_out += 1
            return
        try:
            mapped = map_service(
                data,
                channels=self.download.channels,
                organizations=self.download.organizations,
                vocabulary=self.vocabulary,
            )
        except Refused as refusal:
            self.report.refused.append({"ptv_id": ptv_id, "name": name, "reason": str(refusal)})
            return
        if link is not None and link.source_hash == mapped.source_hash:
            self.report.unchanged += 1
            return
        flat = flatten(mapped.record)
        try:
            with transaction.atomic():
                if existing is None:
                    service = self._create(mapped, flat)
                    self.report.created.append({"ptv_id": ptv_id, "service": service.pk, "name": service.name_fi})
                    changed = True
                else:
                    service = existing
                    changed = self._update(service, link, mapped, flat)
                    if not changed:
                        self.report.unchanged += 1
                self._save_link(service, link, mapped, flat)
        except Refused as refusal:
            self.report.refused.append({"ptv_id": ptv_id, "name": name, "reason": str(refusal)})
            return
        except DatabaseError as error:
            self.report.refused.append({"ptv_id": ptv_id, "name": name, "reason": f"database refused it: {error}"})
            return
        if changed:
            self.report.changed_service_ids.append(service.pk)
        if mapped.warnings:
            self.report.warnings.append({"ptv_id": ptv_id, "messages": mapped.warnings})

    def archive(self, service: Service, link: PtvLink | None, reason: str) -> None:
        if service.status == Service.Status.ARCHIVED:
            if link is not None and not link.removed_from_ptv:
                link.removed_from_ptv = True
                link.save(update_fields=["removed_from_ptv"])
            return
        with transaction.atomic():
            service.status = Service.Status.ARCHIVED
            service._change_reason = f"{HISTORY_REASON}: {reason}"
            service.save(update_fields=["status", "modified"])
            if link is not None:
                link.removed_from_ptv = True
                link.last_synced = self.now
                link.save(update_fields=["removed_from_ptv", "last_synced"])
        self.report.archived.append(
            {"ptv_id": str(service.ptv_id), "service": service.pk, "name": service.name_fi, "reason": reason}
        )
        self.report.changed_service_ids.append(service.pk)

    # --- the whole download ---

    def run(self) -> Report:
        """Every service of the download, then the archived ones; in batches of :data:`BATCH` services per
        transaction, each service in a savepoint of its own (all or nothing per service). Inside a batch the
        search triggers skip their per-statement rebuilds; the batch's changed documents are rebuilt once after
        it (services/search/documents.py), which made a run about ten times faster."""
        ptv_ids = [str(s.get("id", "")).lower() for s in self.download.services]
        wanted = set(ptv_ids) | set(self.download.archived)
        links = {str(link.ptv_id): link for link in PtvLink.objects.filter(ptv_id__in=wanted)}
        existing = {str(s.ptv_id): s for s in _with_relations(Service.objects.filter(ptv_id__in=wanted))}
        tasks: list[Callable[[], None]] = [
            functools.partial(self.sync_service, data, existing.get(ptv_id), links.get(ptv_id))
            for data, ptv_id in zip(self.download.services, ptv_ids, strict=True)
        ]
        tasks += [
            functools.partial(self.archive, existing[ptv_id], links.get(ptv_id), "archived or withdrawn in PTV")
            for ptv_id in self.download.archived
            if ptv_id in existing
        ]
        if self.download.full:
            gone = PtvLink.objects.exclude(ptv_id__in=ptv_ids).exclude(ptv_id__in=self.download.archived)
            tasks += [
                functools.partial(self.archive, link.service, link, "no longer published in PTV")
                for link in gone.select_related("service")
            ]
        with translation.override("fi"):  # the untranslated columns are written in Finnish, the fallback
            for start in range(0, len(tasks), BATCH):
                done = len(self.report.changed_service_ids)
                with transaction.atomic(), _search_triggers_deferred():
                    for task in tasks[start : start + BATCH]:
                        task()
                documents.refresh(self.report.changed_service_ids[done:])
        return self.report


@contextlib.contextmanager
def _search_triggers_deferred() -> Iterator[None]:
    """The search triggers skip their per-statement rebuilds until the end of the block (transaction-local)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL liv.search_deferred = 'on'")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL liv.search_deferred = 'off'")


def _aware(value: Any) -> datetime.datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)
