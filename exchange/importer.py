"""Import an exchange file into the directory: all or nothing, idempotent, matched by external id.

The whole file is read and validated first — the JSON, the format and version, every code, every field with the
models' own validators and ``clean()`` — and only a file without a single problem is written, in one transaction.
A record equal to the export of what the database holds is left alone, so importing the same file twice changes
nothing; a record that differs updates the entry (a service's channels are replaced as a whole).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import DatabaseError, connection, models, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from exchange import normalize
from exchange.cooperation_import import apply_cooperation, read_cooperation
from exchange.format import (
    COOPERATION_KINDS,
    ELECTRONIC_TRANSLATED,
    FORMAT_NAME,
    FORMAT_VERSION,
    LOCATION_TRANSLATED,
    MAX_DEPTH,
    PHONE_TRANSLATED,
    PROVIDER_TRANSLATED,
    SERVICE_TRANSLATED,
)
from exchange.problems import FILE, DirectoryImportError, Problem
from exchange.reading import (
    KINDS,
    ImportReport,
    by_external_id,
    model_errors,
    new_external_id,
    record_id,
    translated_values,
    unmatched_local_ids,
)
from exchange.records import provider_external_id, provider_record, service_external_id, service_record
from exchange.screening import screen
from services.models import (
    ElectronicChannel,
    OpeningHours,
    OpeningHoursException,
    PhoneChannel,
    Provider,
    Service,
    ServiceLocation,
)
from services.search import documents


def parse(text: str | bytes) -> dict[str, Any]:
    """The document in a file's text; malformed JSON is refused with its line and column."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise DirectoryImportError(
                [Problem(FILE, "", _("the file is not UTF-8 text (byte %(pos)d)") % {"pos": error.start})]
            ) from error
    try:
        document = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        message = _("malformed JSON at line %(line)d, column %(column)d: %(error)s") % {
            "line": error.lineno,
            "column": error.colno,
            "error": error.msg,
        }
        raise DirectoryImportError([Problem(FILE, "", message)]) from error
    except RecursionError as error:
        # Python's JSON reader recurses once per level: a file nested some thousand levels deep exhausts the
        # stack before any record could be read. No record of the format is deeper than MAX_DEPTH.
        message = _("nested deeper than %(max)d levels") % {"max": MAX_DEPTH}
        raise DirectoryImportError([Problem(FILE, "", message)]) from error
    except ValueError as error:
        # A number of more than 4 300 digits, or NaN / Infinity (not JSON, though Python would read them).
        message = _("not valid JSON: %(error)s") % {"error": str(error)[:200]}
        raise DirectoryImportError([Problem(FILE, "", message)]) from error
    return document


def _refuse_constant(name: str) -> Any:
    raise ValueError(_("%(name)s is not a JSON number") % {"name": name})


def _check_envelope(document: dict[str, Any]) -> list[Problem]:
    """The file's own fields. Their problems do not stop the reading: the records are checked as well, so that one
    unknown top-level field does not hide every other problem of the file."""
    problems = []
    if document.get("format") != FORMAT_NAME:
        problems.append(
            Problem(
                FILE,
                "format",
                _('expected "%(expected)s", got %(got)s')
                % {
                    "expected": FORMAT_NAME,
                    "got": json.dumps(document.get("format"), ensure_ascii=False),
                },
            )
        )
    version = document.get("version")
    if version != FORMAT_VERSION:
        problems.append(
            Problem(
                FILE,
                "version",
                _("this LIV reads version %(expected)d of the format, the file has %(got)s")
                % {
                    "expected": FORMAT_VERSION,
                    "got": json.dumps(version),
                },
            )
        )
    for key in KINDS:
        if not isinstance(document.get(key, []), list):
            problems.append(Problem(FILE, key, _("expected a list of records")))
    unknown = set(document) - {"format", "version", *KINDS}
    problems.extend(Problem(FILE, key, _("unknown field")) for key in sorted(unknown))
    return problems


def _provider_values(record: dict[str, Any], codes: normalize.Codes) -> dict[str, Any]:
    return {
        **translated_values(record, PROVIDER_TRANSLATED),
        "sector": record["sector"],
        "kind": record["kind"],
        "business_id": record["business_id"],
        "website": record["website"],
        "municipality_id": codes.municipalities.get(record["municipality"]) if record["municipality"] else None,
        "origin": record["origin"],
    }


def _service_values(record: dict[str, Any]) -> dict[str, Any]:
    return {
        **translated_values(record, SERVICE_TRANSLATED),
        "status": record["status"],
        "last_reviewed": record["last_reviewed"],
        "languages": record["languages"],
        "cost": record["cost"],
        "emails": record["emails"],
        "nationwide": record["service_area"]["nationwide"],
        "ptv_id": record["ptv_id"],
        "origin": record["origin"],
    }


def _location_values(location: dict[str, Any], codes: normalize.Codes) -> dict[str, Any]:
    return {
        **translated_values(location, LOCATION_TRANSLATED),
        "postal_code": location["postal_code"],
        "municipality_id": codes.municipalities.get(location["municipality"]),
        "email": location["email"],
        # Through text: Decimal(float) would carry the float's binary tail past the six decimals kept.
        "latitude": Decimal(str(location["latitude"])) if location["latitude"] is not None else None,
        "longitude": Decimal(str(location["longitude"])) if location["longitude"] is not None else None,
    }


def _exception_rows(location: ServiceLocation, records: list[dict[str, Any]]) -> list[OpeningHoursException]:
    return [
        OpeningHoursException(
            location=location,
            valid_from=e["from"],
            valid_to=e["to"],
            closed=e["closed"],
            opens=e["opens"],
            closes=e["closes"],
            **translated_values(e, ("note",)),
        )
        for e in records
    ]


def _validate_service_models(reader: normalize.RecordReader, record: dict[str, Any], codes: normalize.Codes) -> None:
    model_errors(
        reader,
        Service(**_service_values(record)),
        prefix="",
        exclude=["provider", "external_id", "nationwide"],
        translated=SERVICE_TRANSLATED,
    )
    for index, location in enumerate(record["locations"]):
        model_errors(
            reader,
            ServiceLocation(**_location_values(location, codes)),
            prefix=f"locations[{index}].",
            exclude=["service", "municipality"],
            translated=LOCATION_TRANSLATED,
        )
    for index, phone in enumerate(record["phones"]):
        model_errors(
            reader,
            PhoneChannel(number=phone["number"], **translated_values(phone, PHONE_TRANSLATED)),
            prefix=f"phones[{index}].",
            exclude=["service"],
            translated=PHONE_TRANSLATED,
        )
    for index, channel in enumerate(record["electronic_channels"]):
        model_errors(
            reader,
            ElectronicChannel(kind=channel["kind"], **translated_values(channel, ELECTRONIC_TRANSLATED)),
            prefix=f"electronic_channels[{index}].",
            exclude=["service"],
            translated=ELECTRONIC_TRANSLATED,
        )


@dataclass
class _Plan:
    providers: list[tuple[str, dict[str, Any], Provider | None]] = field(default_factory=list)
    services: list[tuple[str, dict[str, Any], Service | None]] = field(default_factory=list)
    cooperation: Any = None  # a exchange.cooperation_import.CooperationPlan, when the file has any


def _read(document: Any, *, origin: str | None) -> tuple[_Plan, normalize.Codes]:
    """Read and validate the whole document; raises :class:`DirectoryImportError` listing every problem of it."""
    if not isinstance(document, dict):
        problem = Problem(FILE, "", _("expected a JSON object with format, version, providers and services"))
        raise DirectoryImportError([problem])
    problems = screen(document)
    problems.extend(_check_envelope(document))
    # A section that is not a list was named above; the rest of the file is read without it.
    document = {**document, **{kind: [] for kind in KINDS if not isinstance(document.get(kind) or [], list)}}
    codes = normalize.Codes.load()
    raw_providers: list[tuple[str, dict[str, Any]]] = []
    raw_services: list[tuple[str, dict[str, Any]]] = []
    for kind, target in (("providers", raw_providers), ("services", raw_services)):
        seen: set[str] = set()
        for index, raw in enumerate(document.get(kind) or []):
            external_id = record_id(raw, kind, index, seen, problems)
            if external_id:
                target.append((external_id, raw))

    existing_providers = by_external_id(Provider, [pid for pid, _raw in raw_providers])
    existing_services = by_external_id(
        Service, [sid for sid, _raw in raw_services], Service.objects.with_detail().select_related("provider")
    )
    problems.extend(unmatched_local_ids([pid for pid, _raw in raw_providers], existing_providers))
    problems.extend(unmatched_local_ids([sid for sid, _raw in raw_services], existing_services))
    plan = _Plan()
    for external_id, raw in raw_providers:
        reader = normalize.RecordReader(external_id, codes)
        record = normalize.provider(reader, raw, origin=origin)
        model_errors(
            reader,
            Provider(**_provider_values(record, codes)),
            prefix="",
            exclude=["municipality", "external_id"],
            translated=PROVIDER_TRANSLATED,
        )
        problems.extend(reader.problems)
        plan.providers.append((external_id, record, existing_providers.get(external_id)))

    provider_ids = {pid for pid, _record, _obj in plan.providers}
    referenced = {raw.get("provider") for _sid, raw in raw_services if isinstance(raw.get("provider"), str)}
    known_providers = provider_ids | set(by_external_id(Provider, referenced - provider_ids))
    ptv_ids: dict[str, str] = {}
    for external_id, raw in raw_services:
        reader = normalize.RecordReader(external_id, codes)
        record = normalize.service(reader, raw, origin=origin)
        if record["provider"] and record["provider"] not in known_providers:
            reader.problem(
                "provider",
                _("unknown provider %(id)s: not in this file and not in the directory")
                % {"id": f"'{record['provider']}'"},
            )
        if record["ptv_id"]:
            if record["ptv_id"] in ptv_ids:
                reader.problem(
                    "ptv_id",
                    _("duplicate id: service %(other)s has the same Suomi.fi id")
                    % {"other": ptv_ids[record["ptv_id"]]},
                )
            else:
                ptv_ids[record["ptv_id"]] = external_id
        _validate_service_models(reader, record, codes)
        problems.extend(reader.problems)
        plan.services.append((external_id, record, existing_services.get(external_id)))

    if ptv_ids:
        for other in Service.objects.filter(ptv_id__in=list(ptv_ids)).only("pk", "external_id", "ptv_id"):
            external_id = ptv_ids[str(other.ptv_id)]
            matched = existing_services.get(external_id)
            if matched is None or matched.pk != other.pk:
                problems.append(
                    Problem(
                        external_id,
                        "ptv_id",
                        _("another service in the directory (%(other)s) has this Suomi.fi id")
                        % {"other": service_external_id(other)},
                    )
                )
    if any(document.get(kind) for kind in COOPERATION_KINDS):
        plan.cooperation = read_cooperation(
            document, codes, origin=origin, file_providers=provider_ids, problems=problems
        )
    if problems:
        raise DirectoryImportError(problems)
    return plan, codes


def _write_channels(service: Service, record: dict[str, Any], codes: normalize.Codes) -> None:
    service.locations.all().delete()
    service.phones.all().delete()
    service.electronic_channels.all().delete()
    for location_record in record["locations"]:
        location = ServiceLocation.objects.create(service=service, **_location_values(location_record, codes))
        OpeningHours.objects.bulk_create(
            OpeningHours(location=location, weekday=h["weekday"], opens=h["opens"], closes=h["closes"])
            for h in location_record["opening_hours"]
        )
        OpeningHoursException.objects.bulk_create(
            _exception_rows(location, location_record["opening_hours_exceptions"])
        )
    PhoneChannel.objects.bulk_create(
        PhoneChannel(service=service, number=p["number"], **translated_values(p, PHONE_TRANSLATED))
        for p in record["phones"]
    )
    ElectronicChannel.objects.bulk_create(
        ElectronicChannel(service=service, kind=e["kind"], **translated_values(e, ELECTRONIC_TRANSLATED))
        for e in record["electronic_channels"]
    )


def _write_relations(service: Service, record: dict[str, Any], codes: normalize.Codes) -> None:
    for name, ids in _relation_ids(record, codes).items():
        getattr(service, name).set(ids)


_CHANNELS = ("locations", "phones", "electronic_channels")

# New services written per batch of this many, each table in one statement (see _create_services).
CREATE_BATCH = 500


def _relation_ids(record: dict[str, Any], codes: normalize.Codes) -> dict[str, list[int]]:
    """The ids of a service record's many-to-many relations, by field name."""
    area = record["service_area"]
    return {
        "service_types": [codes.service_types[c] for c in record["service_types"]],
        "target_groups": [codes.target_groups[c] for c in record["target_groups"]],
        "national_goals": [codes.national_goals[n] for n in record["national_goals"]],
        "vitality_centres": [codes.vitality_centres[c] for c in area["vitality_centres"]],
        "regions": [codes.regions[c] for c in area["regions"]],
        "employment_areas": [codes.employment_areas[c] for c in area["employment_areas"]],
        "municipalities": [codes.municipalities[c] for c in area["municipalities"]],
    }


def _create_services(batch: list[tuple[Service, dict[str, Any]]], codes: normalize.Codes) -> list[int]:
    """Write new services with their relations, channels and history, each table in one statement per batch.

    The same rows as saving each service, setting its relations and creating its channels through the ORM — one
    "+" history entry per service with its tracked relations, one per location, phone and electronic channel — but
    about 25 statements per service became about 15 per batch: importing 1 000 services took 30–40 s and most of
    it was statements. No signal receiver depends on these saves: the search documents and the coverage are kept
    by database triggers."""
    services = Service.objects.bulk_create([service for service, _record in batch])
    through_rows: dict[str, list[models.Model]] = {}
    for name in _relation_ids(batch[0][1], codes) if batch else ():
        field = Service._meta.get_field(name)
        through = field.remote_field.through
        target = field.m2m_reverse_field_name()
        rows = [
            through(service_id=service.pk, **{f"{target}_id": pk})
            for service, record in zip(services, (record for _service, record in batch), strict=True)
            for pk in _relation_ids(record, codes)[name]
        ]
        through_rows[name] = through.objects.bulk_create(rows)
    locations: list[ServiceLocation] = []
    hours: list[tuple[ServiceLocation, list[dict[str, Any]]]] = []
    exceptions: list[tuple[ServiceLocation, list[dict[str, Any]]]] = []
    phones: list[PhoneChannel] = []
    electronic: list[ElectronicChannel] = []
    for service, (_service, record) in zip(services, batch, strict=True):
        for location_record in record["locations"]:
            location = ServiceLocation(service=service, **_location_values(location_record, codes))
            locations.append(location)
            hours.append((location, location_record["opening_hours"]))
            exceptions.append((location, location_record["opening_hours_exceptions"]))
        phones.extend(
            PhoneChannel(service=service, number=p["number"], **translated_values(p, PHONE_TRANSLATED))
            for p in record["phones"]
        )
        electronic.extend(
            ElectronicChannel(service=service, kind=e["kind"], **translated_values(e, ELECTRONIC_TRANSLATED))
            for e in record["electronic_channels"]
        )
    ServiceLocation.objects.bulk_create(locations)
    OpeningHours.objects.bulk_create(
        OpeningHours(location=location, weekday=h["weekday"], opens=h["opens"], closes=h["closes"])
        for location, opening_hours in hours
        for h in opening_hours
    )
    OpeningHoursException.objects.bulk_create(
        row for location, records in exceptions for row in _exception_rows(location, records)
    )
    PhoneChannel.objects.bulk_create(phones)
    ElectronicChannel.objects.bulk_create(electronic)
    _bulk_history(services, through_rows)
    for model, objects in ((ServiceLocation, locations), (PhoneChannel, phones), (ElectronicChannel, electronic)):
        model.history.bulk_history_create(objects)
    return [service.pk for service in services]


def _bulk_history(services: list[Service], through_rows: dict[str, list[models.Model]]) -> None:
    """One "+" history entry per new service, with the rows of its tracked relations (as
    HistoricalRecords.create_historical_record_m2ms writes them for a single save)."""
    entries = Service.history.bulk_history_create(services)
    entry_of = {entry.id: entry for entry in entries}
    for relation, m2m_history_model in Service.history_records.m2m_models.items():
        if relation.model is not Service:  # simple_history keeps every model's tracked relations in one dict
            continue
        columns = [f.attname for f in relation.remote_field.through._meta.fields]
        m2m_history_model.objects.bulk_create(
            m2m_history_model(history=entry_of[row.service_id], **{name: getattr(row, name) for name in columns})
            for row in through_rows[relation.name]
        )


def _apply(plan: _Plan, codes: normalize.Codes, report: ImportReport, *, only_new: bool) -> None:
    providers: dict[str, Provider] = {}
    for external_id, record, existing in plan.providers:
        if existing is not None:
            providers[external_id] = existing
            if only_new:
                report.skipped["providers"].append(external_id)
            elif provider_record(existing) == record:
                report.unchanged["providers"].append(external_id)
            else:
                for name, value in _provider_values(record, codes).items():
                    setattr(existing, name, value)
                existing.save()
                # A service's search document carries its provider's name.
                report.changed_service_ids.extend(existing.services.values_list("pk", flat=True))
                report.updated["providers"].append(external_id)
        else:
            provider = Provider(external_id=new_external_id(external_id), **_provider_values(record, codes))
            provider.save()
            providers[external_id] = provider
            report.created["providers"].append(external_id)

    missing = {record["provider"] for _sid, record, _obj in plan.services} - set(providers)
    providers.update(by_external_id(Provider, missing))
    new: list[tuple[Service, dict[str, Any]]] = []
    for external_id, record, existing in plan.services:
        provider = providers[record["provider"]]
        if existing is not None:
            if only_new:
                report.skipped["services"].append(external_id)
                continue
            current = service_record(existing)
            if current == record:
                report.unchanged["services"].append(external_id)
                continue
            report.updated["services"].append(external_id)
            for name, value in _service_values(record).items():
                setattr(existing, name, value)
            existing.provider = provider
            with _one_history_entry(existing):
                existing.save()
                _write_relations(existing, record, codes)
                if any(current[key] != record[key] for key in _CHANNELS):
                    _write_channels(existing, record, codes)
            report.changed_service_ids.append(existing.pk)
        else:
            report.created["services"].append(external_id)
            new.append(
                (
                    Service(provider=provider, external_id=new_external_id(external_id), **_service_values(record)),
                    record,
                )
            )
    for start in range(0, len(new), CREATE_BATCH):
        report.changed_service_ids.extend(_create_services(new[start : start + CREATE_BATCH], codes))
    if plan.cooperation:
        apply_cooperation(plan.cooperation, codes, report, providers=providers, only_new=only_new)


@contextlib.contextmanager
def _one_history_entry(service: Service) -> Iterator[None]:
    """Update a service in several steps (its row, its relations, its channels) and record it in the history once,
    as it is at the end, instead of once for the row and once for each relation that changed (which made
    importing 1 000 services write about 7 000 history entries and spend most of its time doing so)."""
    service.skip_history_when_saving = True
    try:
        yield
    finally:
        del service.skip_history_when_saving
    Service.history_records.create_historical_record(service, "~")


class _RolledBack(Exception):
    """Raised at the end of a dry run's transaction, so that everything it wrote is rolled back."""


@contextlib.contextmanager
def _search_triggers_deferred() -> Iterator[None]:
    """Within the import's transaction, let the search triggers skip their per-statement rebuilds
    (services/documents.py); the import refreshes the documents it changed once, at the end. The setting is
    turned off again before the block ends, since an outer transaction (a test, the admin) may go on after it."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL liv.search_deferred = 'on'")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL liv.search_deferred = 'off'")


def import_directory(
    *,
    document: str | bytes | dict[str, Any],
    dry_run: bool = False,
    only_new: bool = False,
    origin: str | None = None,
) -> ImportReport:
    """Import an exchange document (its text, or the parsed JSON).

    ``dry_run``: validate and report what would be created, updated or left unchanged, and change nothing. The
    dry run is the real import, rolled back at its end: it sees exactly what the real run would, also a refusal
    of the database itself.
    ``only_new``: create the records whose external id is not in the directory yet and leave existing ones as
    they are — the demo directory is loaded this way, so edits made in the admin survive ``make run``.
    ``origin``: mark every record with this origin (for example ``demo``) whatever the file says.
    Raises :class:`DirectoryImportError` listing every problem when the file cannot be imported as a whole.
    """
    if not isinstance(document, dict):
        document = parse(document)
    # Problems are described in the caller's language; the original (untranslated) columns are written in
    # Finnish, the fallback language, whatever language the caller runs in.
    plan, codes = _read(document, origin=origin)
    report = ImportReport(dry_run=dry_run)
    try:
        with translation.override("fi"), transaction.atomic(), _search_triggers_deferred():
            _apply(plan, codes, report, only_new=only_new)
            if dry_run:
                raise _RolledBack
    except _RolledBack:
        return report
    except DatabaseError as error:
        # Every check the database makes is made before (exchange/screening.py, the models' validators); should
        # one still refuse a row, the file is refused as a whole as for any other problem, not with a traceback.
        message = _("the database refused the file: %(error)s") % {"error": str(error).strip()[:500]}
        raise DirectoryImportError([Problem(FILE, "", message)]) from error
    if report.changed_service_ids:
        documents.refresh(service_ids=report.changed_service_ids)
    if report.changed_practice_ids:
        # The catalogue's search analyses the practices' words with the service search's word table.
        from cooperation.models import Practice
        from cooperation.practice_search import record_words

        record_words(Practice.objects.filter(pk__in=report.changed_practice_ids))
    return report


__all__ = ["DirectoryImportError", "ImportReport", "import_directory", "parse", "provider_external_id"]
