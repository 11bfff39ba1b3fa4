"""Coordinators' CSV round trip of their own area's services: export from the change list, import back.

The file has one row per service: its key fields in fi/sv/en, status, cost, languages offered, review date, and
its areas and vocabularies by their official codes (space-separated). Locations and channels are not in the CSV;
they are kept in the admin (the national JSON format of ``export_directory`` carries everything).

Cells that a spreadsheet would run as a formula (beginning with = + - @, a tab or a carriage return) are written
with a single quote in front, and the import takes that quote off again (:mod:`liv.csv_cells`), so a text typed
as ``=HYPERLINK(…)`` stays text in the spreadsheet and comes back unchanged.

Import is all-or-nothing: every row goes through the same scoped form as the admin's change view, so the same
rules hold (a coordinator can only update their own entries and only add areas inside their own); if any row is
wrong nothing is saved and each error names the row, the column and what is wrong.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext

from liv.csv_cells import neutralise, restore
from regions.models import EmploymentArea, Municipality, Region, VitalityCentre
from services.admin_forms import ServiceAdminForm, scoped_form
from services.models import NationalGoal, Service, ServiceType, TargetGroup
from services.permissions import Scope, services_in_scope

LANGUAGES = ("fi", "sv", "en")
TRANSLATED = ("name", "summary", "description", "cost_description")
# Many-to-many columns: the related model and the field that identifies a row in the file.
CODED = {
    "vitality_centres": (VitalityCentre, "code"),
    "regions": (Region, "code"),
    "employment_areas": (EmploymentArea, "code"),
    "municipalities": (Municipality, "code"),
    "target_groups": (TargetGroup, "code"),
    "service_types": (ServiceType, "code"),
    "national_goals": (NationalGoal, "number"),
}
COLUMNS = [
    "id",
    "external_id",
    "status",
    "provider_id",
    "provider_name",
    *(f"{name}_{language}" for name in TRANSLATED for language in LANGUAGES),
    "cost",
    "languages",
    "nationwide",
    *CODED,
    "last_reviewed",
]
READ_ONLY_COLUMNS = {"provider_name"}
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
FORM_FIELDS = [column for column in COLUMNS if column not in {"id", "provider_id", "provider_name"}] + ["provider"]


class ServiceCsvForm(ServiceAdminForm):
    """The admin's scoped service form over the CSV's columns only."""

    class Meta:
        model = Service
        fields = FORM_FIELDS

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # As in the admin's tabs: Finnish name required, every other translation optional.
        for name, form_field in self.fields.items():
            if name.endswith(("_sv", "_en")) or (name.endswith("_fi") and name != "name_fi"):
                form_field.required = False
        self.fields["name_fi"].required = True


def _codes(values: Iterable, attribute: str) -> str:
    return " ".join(str(getattr(value, attribute)) for value in values)


def export_rows(services: Iterable[Service]) -> Iterable[list[str]]:
    yield COLUMNS
    for service in services:
        row = {
            "id": service.pk,
            "external_id": service.external_id or "",
            "status": service.status,
            "provider_id": service.provider_id,
            "provider_name": service.provider.name_fi,
            "cost": service.cost,
            "languages": " ".join(service.languages),
            "nationwide": "1" if service.nationwide else "0",
            "last_reviewed": service.last_reviewed.isoformat() if service.last_reviewed else "",
        }
        for name in TRANSLATED:
            for language in LANGUAGES:
                row[f"{name}_{language}"] = getattr(service, f"{name}_{language}") or ""
        for name, (_model, attribute) in CODED.items():
            row[name] = _codes(getattr(service, name).all(), attribute)
        yield [neutralise(row[column]) for column in COLUMNS]


def export_csv(services: Iterable[Service]) -> str:
    """The CSV text (UTF-8 with a byte-order mark when written, so that spreadsheet programs read ä and ö)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(export_rows(services))
    return buffer.getvalue()


def export_queryset(queryset) -> Iterable[Service]:
    return queryset.select_related("provider").prefetch_related(*CODED)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


class _Refused(Exception):
    pass


def _read(data: bytes) -> list[dict[str, str]]:
    if len(data) > MAX_BYTES:
        raise _Refused(gettext("The file is larger than 5 MB."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Refused(gettext("The file is not UTF-8 text. Save it as “CSV UTF-8”.")) from None
    if "\x00" in text:
        raise _Refused(gettext("The file contains NUL characters; it is not a CSV file."))
    try:
        reader = csv.DictReader(io.StringIO(text))
        header = reader.fieldnames or []
        missing = [column for column in COLUMNS if column not in header]
        unknown = [column for column in header if column not in COLUMNS]
        if missing or unknown:
            parts = []
            if missing:
                parts.append(gettext("missing columns: %(columns)s") % {"columns": ", ".join(missing)})
            if unknown:
                parts.append(gettext("unknown columns: %(columns)s") % {"columns": ", ".join(unknown)})
            raise _Refused(
                gettext("The header row does not match the export format (%(details)s).")
                % {"details": "; ".join(parts)}
            )
        rows = []
        for row in reader:
            if len(rows) >= MAX_ROWS:
                raise _Refused(gettext("The file has more than %(count)s rows.") % {"count": MAX_ROWS})
            if None in row:
                raise _Refused(
                    gettext("Row %(row)s has more values than the header has columns.") % {"row": reader.line_num}
                )
            rows.append(row)
        return rows
    except csv.Error as error:
        raise _Refused(gettext("The file is not valid CSV: %(error)s") % {"error": error}) from None


def _resolve_codes(column: str, text: str, lookups: dict[str, dict[str, int]]) -> tuple[list[int], list[str]]:
    ids, unknown = [], []
    for code in text.split():
        pk = lookups[column].get(code)
        if pk is None:
            unknown.append(code)
        else:
            ids.append(pk)
    return ids, unknown


def _form_data(row: dict[str, str], lookups: dict[str, dict[str, int]]) -> tuple[dict, list[tuple[str, str]]]:
    data: dict = {}
    problems: list[tuple[str, str]] = []
    for column in COLUMNS:
        if column in ("id", *READ_ONLY_COLUMNS):
            continue
        value = restore((row.get(column) or "").strip())
        if column == "provider_id":
            data["provider"] = value
        elif column in CODED:
            ids, unknown = _resolve_codes(column, value, lookups)
            if unknown:
                problems.append((column, gettext("unknown code(s) %(codes)s") % {"codes": ", ".join(unknown)}))
            data[column] = ids
        elif column == "languages":
            data[column] = ",".join(value.split())
        elif column == "nationwide":
            if value not in ("", "0", "1"):
                problems.append((column, gettext("write 1 for yes or 0 for no")))
            data[column] = value == "1"
        else:
            data[column] = value
    return data, problems


def import_csv(data: bytes, *, scope: Scope, by: AbstractBaseUser | None, dry_run: bool = False) -> ImportResult:
    """Validate every row, then save them all in one transaction — or nothing, with every error listed."""
    result = ImportResult()
    try:
        rows = _read(data)
    except _Refused as refusal:
        result.errors.append(str(refusal))
        return result
    lookups = {
        column: {str(key): pk for key, pk in model.objects.values_list(attribute, "pk")}
        for column, (model, attribute) in CODED.items()
    }
    own = services_in_scope(Service.objects.all(), scope)
    form_class = scoped_form(ServiceCsvForm, scope)
    forms = []
    seen_ids: set[str] = set()
    for number, row in enumerate(rows, start=2):
        service_id = (row.get("id") or "").strip()
        instance = None
        if service_id:
            if service_id in seen_ids:
                result.errors.append(
                    gettext("Row %(row)s: service %(id)s appears twice.") % {"row": number, "id": service_id}
                )
                continue
            seen_ids.add(service_id)
            instance = own.filter(pk=int(service_id)).first() if service_id.isdigit() and len(service_id) < 19 else None
            if instance is None:
                result.errors.append(
                    gettext("Row %(row)s: there is no service %(id)s among your entries.")
                    % {"row": number, "id": service_id}
                )
                continue
        form_data, problems = _form_data(row, lookups)
        for column, message in problems:
            result.errors.append(
                gettext("Row %(row)s, column %(column)s: %(message)s")
                % {"row": number, "column": column, "message": message}
            )
        form = form_class(data=form_data, instance=instance, initial=None)
        if instance is None and not form_data.get("provider"):
            result.errors.append(
                gettext("Row %(row)s, column provider_id: a new service needs its provider's id.") % {"row": number}
            )
            continue
        if not form.is_valid():
            for name, messages in form.errors.items():
                column = "provider_id" if name == "provider" else name
                label = gettext("row") if name == "__all__" else column
                for message in messages:
                    result.errors.append(
                        gettext("Row %(row)s, %(column)s: %(message)s")
                        % {"row": number, "column": label, "message": message}
                    )
            continue
        forms.append(form)
    if result.errors:
        return result
    with transaction.atomic():
        for form in forms:
            if not form.has_changed():
                result.unchanged += 1
                continue
            service = form.save(commit=False)
            created = service.pk is None
            service._history_user = by
            service._change_reason = gettext("Imported from CSV")
            service.save()
            form.save_m2m()
            if created:
                result.created += 1
            else:
                result.updated += 1
        if dry_run:
            transaction.set_rollback(True)
    return result
