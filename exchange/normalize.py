"""Read one record of an exchange file into its canonical form, noting every problem on the way.

The canonical form is exactly what exchange/records.py writes for a record in the database, so the
import can tell "unchanged" from "updated" by comparing the two. Model validation (validators, ``clean()``) is
run on unsaved instances by exchange/importer.py; this module checks the shape of the JSON and the codes.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from exchange.format import (
    ELECTRONIC_TRANSLATED,
    LANGUAGES,
    LOCATION_TRANSLATED,
    PHONE_TRANSLATED,
    PROVIDER_TRANSLATED,
    SERVICE_TRANSLATED,
)
from exchange.problems import Problem
from regions.models import EmploymentArea, Municipality, Region, VitalityCentre
from services.models import NationalGoal, Origin, ServiceType, TargetGroup

MAX_ID_LENGTH = 100


@dataclass
class Codes:
    """The reference data by code: what a file may refer to."""

    municipalities: dict[str, int]
    regions: dict[str, int]
    vitality_centres: dict[str, int]
    employment_areas: dict[int, int]
    service_types: dict[str, int]
    target_groups: dict[str, int]
    national_goals: dict[int, int]

    @classmethod
    def load(cls) -> Codes:
        return cls(
            municipalities=dict(Municipality.objects.values_list("code", "pk")),
            regions=dict(Region.objects.values_list("code", "pk")),
            vitality_centres=dict(VitalityCentre.objects.values_list("code", "pk")),
            employment_areas=dict(EmploymentArea.objects.values_list("code", "pk")),
            service_types=dict(ServiceType.objects.values_list("code", "pk")),
            target_groups=dict(TargetGroup.objects.values_list("code", "pk")),
            national_goals=dict(NationalGoal.objects.values_list("number", "pk")),
        )


def kind_name(value: Any) -> str:
    """What kind of JSON value the file has where another was expected, in the reader's language: the problem
    messages are read in Finnish and Swedish too, so an English type name must not reach them."""
    if value is None:
        return pgettext("kind of JSON value", "null")
    kinds = {
        bool: pgettext("kind of JSON value", "true/false"),
        int: pgettext("kind of JSON value", "number"),
        float: pgettext("kind of JSON value", "number"),
        str: pgettext("kind of JSON value", "text"),
        list: pgettext("kind of JSON value", "list"),
        dict: pgettext("kind of JSON value", "object"),
    }
    return kinds.get(type(value), pgettext("kind of JSON value", "another value"))


@dataclass
class RecordReader:
    """Reads one record; ``problems`` collects what is wrong with it, each naming the record and the field."""

    record_id: str
    codes: Codes
    problems: list[Problem] = field(default_factory=list)

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(self.record_id, path, message))

    def unknown_fields(self, data: dict[str, Any], allowed: tuple[str, ...], prefix: str = "") -> None:
        for key in data:
            if key not in allowed:
                self.problem(
                    f"{prefix}{key}", _("unknown field (allowed: %(allowed)s)") % {"allowed": ", ".join(allowed)}
                )

    def text(self, data: dict[str, Any], key: str, path: str, *, default: str = "") -> str:
        value = data.get(key, default)
        if value is None:
            return default
        if not isinstance(value, str):
            self.problem(path, _("expected text, got %(kind)s") % {"kind": kind_name(value)})
            return default
        return self._clean_text(value, path)

    def _clean_text(self, value: str, path: str) -> str:
        """The text without surrounding white space; a NUL character (which the database cannot store) is a
        problem of the field rather than an error of the whole import."""
        if "\x00" in value:
            self.problem(path, _("the text contains a NUL character"))
            value = value.replace("\x00", "")
        return value.strip()

    def translated(self, data: dict[str, Any], key: str, path: str) -> dict[str, str]:
        value = data.get(key)
        result = dict.fromkeys(LANGUAGES, "")
        if value is None:
            return result
        if isinstance(value, str):
            self.problem(path, _('expected an object such as {"fi": "…", "sv": "…", "en": "…"}, got text'))
            return result
        if not isinstance(value, dict):
            self.problem(path, _("expected an object of languages, got %(kind)s") % {"kind": kind_name(value)})
            return result
        for code, text in value.items():
            if code not in LANGUAGES:
                self.problem(f"{path}.{code}", _("unknown language (allowed: fi, sv, en)"))
            elif text is not None and not isinstance(text, str):
                self.problem(f"{path}.{code}", _("expected text, got %(kind)s") % {"kind": kind_name(text)})
            else:
                result[code] = self._clean_text(text or "", f"{path}.{code}")
        return result

    def code_list(self, data: dict[str, Any], key: str, path: str, known: dict, label: str, *, numeric: bool) -> list:
        value = data.get(key, [])
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(path, _("expected a list of codes, got %(kind)s") % {"kind": kind_name(value)})
            return []
        codes = []
        for code in value:
            wrong_type = not isinstance(code, int) or isinstance(code, bool) if numeric else not isinstance(code, str)
            if wrong_type or code not in known:
                self.problem(path, _("unknown %(label)s code %(code)s") % {"label": label, "code": quoted(code)})
            elif code in codes:
                self.problem(
                    path, _("%(label)s code %(code)s is listed twice") % {"label": label, "code": quoted(code)}
                )
            else:
                codes.append(code)
        return sorted(codes)

    def municipality(self, data: dict[str, Any], key: str, path: str, *, required: bool) -> str | None:
        value = data.get(key)
        if value is None or value == "":
            if required:
                self.problem(path, _("a municipality code is required"))
            return None
        if not isinstance(value, str) or value not in self.codes.municipalities:
            self.problem(path, _("unknown municipality code %(code)s") % {"code": quoted(value)})
            return None
        return value

    def items(self, data: dict[str, Any], key: str) -> list[tuple[str, dict[str, Any]]]:
        value = data.get(key, [])
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(key, _("expected a list, got %(kind)s") % {"kind": kind_name(value)})
            return []
        items = []
        for index, item in enumerate(value):
            path = f"{key}[{index}]"
            if not isinstance(item, dict):
                self.problem(path, _("expected an object, got %(kind)s") % {"kind": kind_name(item)})
            else:
                items.append((path, item))
        return items

    def origin(self, data: dict[str, Any], override: str | None) -> str:
        if override:
            return override
        value = self.text(data, "origin", "origin", default=Origin.IMPORTED)
        if value not in Origin.values:
            self.problem(
                "origin",
                _("unknown origin %(value)s (allowed: %(allowed)s)")
                % {
                    "value": quoted(value),
                    "allowed": ", ".join(Origin.values),
                },
            )
            return Origin.IMPORTED
        return value


def quoted(value: Any) -> str:
    return f"'{value}'" if isinstance(value, str) else str(value)


def _time(reader: RecordReader, value: Any, path: str) -> str | None:
    if not isinstance(value, str):
        reader.problem(path, _("expected a time such as 09:00, got %(kind)s") % {"kind": kind_name(value)})
        return None
    try:
        parsed = datetime.time.fromisoformat(value)
    except ValueError:
        reader.problem(path, _("not a time of day (HH:MM): %(value)s") % {"value": quoted(value)})
        return None
    return parsed.strftime("%H:%M:%S" if parsed.second else "%H:%M")


PROVIDER_FIELDS = (
    "external_id",
    *PROVIDER_TRANSLATED,
    "sector",
    "kind",
    "business_id",
    "website",
    "municipality",
    "origin",
)
SERVICE_FIELDS = (
    "external_id",
    "provider",
    *SERVICE_TRANSLATED,
    "status",
    "last_reviewed",
    "languages",
    "cost",
    "emails",
    "service_types",
    "target_groups",
    "national_goals",
    "service_area",
    "locations",
    "phones",
    "electronic_channels",
    "ptv_id",
    "origin",
)
AREA_FIELDS = ("nationwide", "vitality_centres", "regions", "employment_areas", "municipalities")
LOCATION_FIELDS = (
    *LOCATION_TRANSLATED,
    "postal_code",
    "municipality",
    "email",
    "latitude",
    "longitude",
    "opening_hours",
    "opening_hours_exceptions",
)
EXCEPTION_FIELDS = ("from", "to", "closed", "opens", "closes", "note")
HOURS_FIELDS = ("weekday", "opens", "closes")
PHONE_FIELDS = ("number", *PHONE_TRANSLATED)
ELECTRONIC_FIELDS = ("kind", *ELECTRONIC_TRANSLATED)


def provider(reader: RecordReader, data: dict[str, Any], *, origin: str | None) -> dict[str, Any]:
    reader.unknown_fields(data, PROVIDER_FIELDS)
    record = {
        "external_id": reader.record_id,
        **{name: reader.translated(data, name, name) for name in PROVIDER_TRANSLATED},
        "sector": reader.text(data, "sector", "sector"),
        "kind": reader.text(data, "kind", "kind"),
        "business_id": reader.text(data, "business_id", "business_id"),
        "website": reader.text(data, "website", "website"),
        "municipality": reader.municipality(data, "municipality", "municipality", required=False),
        "origin": reader.origin(data, origin),
    }
    if not record["name"]["fi"]:
        reader.problem("name.fi", _("missing Finnish name (the Finnish name is required)"))
    return record


def _service_area(reader: RecordReader, data: dict[str, Any]) -> dict[str, Any]:
    value = data.get("service_area") or {}
    if not isinstance(value, dict):
        reader.problem("service_area", _("expected an object, got %(kind)s") % {"kind": kind_name(value)})
        value = {}
    reader.unknown_fields(value, AREA_FIELDS, "service_area.")
    nationwide = value.get("nationwide", False)
    if not isinstance(nationwide, bool):
        reader.problem("service_area.nationwide", _("expected true or false"))
        nationwide = False
    codes = reader.codes
    return {
        "nationwide": nationwide,
        "vitality_centres": reader.code_list(
            value,
            "vitality_centres",
            "service_area.vitality_centres",
            codes.vitality_centres,
            _("vitality centre"),
            numeric=False,
        ),
        "regions": reader.code_list(
            value, "regions", "service_area.regions", codes.regions, _("region"), numeric=False
        ),
        "employment_areas": reader.code_list(
            value,
            "employment_areas",
            "service_area.employment_areas",
            codes.employment_areas,
            _("employment area"),
            numeric=True,
        ),
        "municipalities": reader.code_list(
            value,
            "municipalities",
            "service_area.municipalities",
            codes.municipalities,
            _("municipality"),
            numeric=False,
        ),
    }


def _locations(reader: RecordReader, data: dict[str, Any]) -> list[dict[str, Any]]:
    locations = []
    for path, item in reader.items(data, "locations"):
        reader.unknown_fields(item, LOCATION_FIELDS, f"{path}.")
        hours = []
        for hours_path, row in reader.items(item, "opening_hours"):
            hours_path = f"{path}.{hours_path}"
            reader.unknown_fields(row, HOURS_FIELDS, f"{hours_path}.")
            weekday = row.get("weekday")
            if not isinstance(weekday, int) or isinstance(weekday, bool) or not 1 <= weekday <= 7:
                reader.problem(f"{hours_path}.weekday", _("a weekday is a number from 1 (Monday) to 7 (Sunday)"))
                continue
            opens = _time(reader, row.get("opens"), f"{hours_path}.opens")
            closes = _time(reader, row.get("closes"), f"{hours_path}.closes")
            if opens and closes:
                if opens >= closes:
                    reader.problem(f"{hours_path}.closes", _("closing time must be later than opening time"))
                hours.append({"weekday": weekday, "opens": opens, "closes": closes})
        locations.append(
            {
                **{name: reader.translated(item, name, f"{path}.{name}") for name in LOCATION_TRANSLATED},
                "postal_code": reader.text(item, "postal_code", f"{path}.postal_code"),
                "municipality": reader.municipality(item, "municipality", f"{path}.municipality", required=True),
                "email": reader.text(item, "email", f"{path}.email"),
                "latitude": _coordinate(reader, item.get("latitude"), f"{path}.latitude"),
                "longitude": _coordinate(reader, item.get("longitude"), f"{path}.longitude"),
                "opening_hours": sorted(hours, key=lambda h: (h["weekday"], h["opens"], h["closes"])),
                "opening_hours_exceptions": _exceptions(reader, item, path),
            }
        )
    return locations


def _coordinate(reader: RecordReader, value: Any, path: str) -> float | None:
    """WGS84 degrees as a JSON number (the range is checked by the model's validators)."""
    if value is None:
        return None
    if not isinstance(value, int | float) or isinstance(value, bool):
        reader.problem(path, _("expected a number of degrees (WGS84), got %(kind)s") % {"kind": kind_name(value)})
        return None
    return round(float(value), 6)


def _exceptions(reader: RecordReader, item: dict[str, Any], path: str) -> list[dict[str, Any]]:
    """A location's exceptions to its opening hours: days closed, or other hours, with a note."""
    result = []
    for row_path, row in reader.items(item, "opening_hours_exceptions"):
        row_path = f"{path}.{row_path}"
        reader.unknown_fields(row, EXCEPTION_FIELDS, f"{row_path}.")
        first = _date(reader, row.get("from"), f"{row_path}.from")
        last = _date(reader, row.get("to"), f"{row_path}.to") if row.get("to") is not None else None
        closed = row.get("closed", False)
        if not isinstance(closed, bool):
            reader.problem(f"{row_path}.closed", _("expected true or false"))
            continue
        opens = closes = None
        if closed:
            if row.get("opens") is not None or row.get("closes") is not None:
                reader.problem(f"{row_path}.opens", _("a closed day has no opening hours"))
        else:
            opens = _time(reader, row.get("opens"), f"{row_path}.opens")
            closes = _time(reader, row.get("closes"), f"{row_path}.closes")
            if opens and closes and opens >= closes:
                reader.problem(f"{row_path}.closes", _("closing time must be later than opening time"))
        if first and last and last < first:
            reader.problem(f"{row_path}.to", _("the last day is before the first"))
        note = reader.translated(row, "note", f"{row_path}.note")
        for code, text in note.items():
            if len(text) > 200:
                reader.problem(f"{row_path}.note.{code}", _("at most 200 characters"))
        if first and (closed or (opens and closes)):
            last = None if last == first else last
            result.append({"from": first, "to": last, "closed": closed, "opens": opens, "closes": closes, "note": note})
    return sorted(result, key=lambda e: (e["from"], e["opens"] or ""))


def _date(reader: RecordReader, value: Any, path: str) -> str | None:
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        reader.problem(path, _("not a date (YYYY-MM-DD): %(value)s") % {"value": quoted(value)})
        return None


def _emails(reader: RecordReader, data: dict[str, Any]) -> list[str]:
    value = data.get("emails", [])
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(address, str) for address in value):
        reader.problem("emails", _('expected a list of e-mail addresses such as ["info@example.fi"]'))
        return []
    return [address.strip() for address in value]


def service(reader: RecordReader, data: dict[str, Any], *, origin: str | None) -> dict[str, Any]:
    reader.unknown_fields(data, SERVICE_FIELDS)
    codes = reader.codes
    last_reviewed = data.get("last_reviewed")
    if last_reviewed is not None:
        try:
            last_reviewed = datetime.date.fromisoformat(last_reviewed).isoformat()
        except (TypeError, ValueError):
            reader.problem("last_reviewed", _("not a date (YYYY-MM-DD): %(value)s") % {"value": quoted(last_reviewed)})
            last_reviewed = None
    languages = data.get("languages", [])
    if not isinstance(languages, list) or not all(isinstance(code, str) for code in languages):
        reader.problem("languages", _('expected a list of language codes such as ["fi", "sv"]'))
        languages = []
    ptv_id = data.get("ptv_id")
    if ptv_id is not None:
        try:
            ptv_id = str(uuid.UUID(str(ptv_id)))
        except ValueError:
            reader.problem(
                "ptv_id", _("not a Suomi.fi Service Catalogue id (a UUID): %(value)s") % {"value": quoted(ptv_id)}
            )
            ptv_id = None
    record = {
        "external_id": reader.record_id,
        "provider": reader.text(data, "provider", "provider"),
        **{name: reader.translated(data, name, name) for name in SERVICE_TRANSLATED},
        "status": reader.text(data, "status", "status", default="draft"),
        "last_reviewed": last_reviewed,
        "languages": list(languages),
        "cost": reader.text(data, "cost", "cost", default="free"),
        "emails": _emails(reader, data),
        "service_types": reader.code_list(
            data, "service_types", "service_types", codes.service_types, _("service type"), numeric=False
        ),
        "target_groups": reader.code_list(
            data, "target_groups", "target_groups", codes.target_groups, _("target group"), numeric=False
        ),
        "national_goals": reader.code_list(
            data, "national_goals", "national_goals", codes.national_goals, _("national goal"), numeric=True
        ),
        "service_area": _service_area(reader, data),
        "locations": _locations(reader, data),
        "phones": [],
        "electronic_channels": [],
        "ptv_id": ptv_id,
        "origin": reader.origin(data, origin),
    }
    for path, item in reader.items(data, "phones"):
        reader.unknown_fields(item, PHONE_FIELDS, f"{path}.")
        record["phones"].append(
            {
                "number": reader.text(item, "number", f"{path}.number"),
                **{name: reader.translated(item, name, f"{path}.{name}") for name in PHONE_TRANSLATED},
            }
        )
    for path, item in reader.items(data, "electronic_channels"):
        reader.unknown_fields(item, ELECTRONIC_FIELDS, f"{path}.")
        channel = {
            "kind": reader.text(item, "kind", f"{path}.kind", default="web"),
            **{name: reader.translated(item, name, f"{path}.{name}") for name in ELECTRONIC_TRANSLATED},
        }
        if not any(channel["url"].values()):
            reader.problem(f"{path}.url", _("a web address is required in at least one language"))
        record["electronic_channels"].append(channel)
    if not record["provider"]:
        reader.problem("provider", _("the provider's external id is required"))
    if not record["name"]["fi"]:
        reader.problem("name.fi", _("missing Finnish name (the Finnish name is required)"))
    return record
