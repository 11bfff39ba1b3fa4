"""A PTV service, with its channels and organisation, as LIV's values: one plain, JSON-shaped record per service.

Field names are PTV Open API v11's (services, channels) and v10's (organisations), read from PTV's source
(vrk-kpa/ptv-releases, branch ptv-release-3_4, commit 27723498de3f920d53276d63963f1e71b43777c3):
src/PTV.Domain.Model/Models/OpenApi/V11/V11VmOpenApiService.cs, V11VmOpenApiServiceLocationChannel.cs,
V11VmOpenApiServiceHour.cs, V10/V10VmOpenApiOrganization.cs and their base classes, and the serialised property
sets of test/PTV.Domain.Model.Tests/Models/OpenApi/V11/Resources/*.json. The enumerations' Open API values come from
src/PTV.Domain.Model/Enums/ (DescriptionTypeEnum, ServiceChargeTypeEnum, AreaInformationTypeEnum, AreaTypeEnum,
ServiceHoursTypeEnum, OrganizationTypeEnum). docs/data-format.md#ptv lists the mapping field by field.

The record is what the sync compares and writes; it is also what ``PtvLink.synced`` keeps, so every value in it
is plain JSON (texts as ``{"fi", "sv", "en"}``, times as "HH:MM", coordinates as strings of six decimals).
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone, translation

from ptv.coordinates import tm35fin_to_wgs84
from services.languages import LANGUAGES_OFFERED
from services.models import MAX_EMAILS, OpeningHours
from services.opening_hours import format_hours
from services.validators import business_id_check_digit

LANGUAGES = ("fi", "sv", "en")
MAPPING_FILE = Path(settings.BASE_DIR) / "fixtures" / "ptv" / "mapping.csv"
WEEKDAYS = {"Monday": 1, "Tuesday": 2, "Wednesday": 3, "Thursday": 4, "Friday": 5, "Saturday": 6, "Sunday": 7}
CHARGE = {"FreeOfCharge": "free", "Chargeable": "charged", "Other": "partly"}
NATIONWIDE = {"Nationwide", "NationwideExceptAlandIslands"}
# OrganizationTypeEnum → LIV's sector and kind of provider.
ORGANIZATION_TYPES = {
    "State": ("public", "authority"),
    "Municipality": ("public", "municipality"),
    "RegionalOrganization": ("public", "authority"),
    "Organization": ("third", "ngo"),
    "Company": ("private", "company"),
}
# Coordinate states whose latitude and longitude are a real position (VmOpenApiAddress: CoordinateState).
GOOD_COORDINATES = {"Ok", "EnteredByUser"}
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?$")


class Refused(Exception):
    """This PTV service cannot be taken in as it is; the message says why, in the report."""


@dataclass(frozen=True)
class Vocabulary:
    """The mapping table (fixtures/ptv/mapping.csv): PTV target group and service class URIs → LIV codes."""

    target_groups: dict[str, list[str]]
    service_types: dict[str, list[str]]

    @classmethod
    def load(cls, path: Path = MAPPING_FILE) -> Vocabulary:
        target_groups: dict[str, list[str]] = {}
        service_types: dict[str, list[str]] = {}
        with path.open(encoding="utf-8") as file:
            for row in csv.DictReader(line for line in file if not line.startswith("#")):
                table = target_groups if row["liv_kind"] == "target_group" else service_types
                table.setdefault(row["ptv_uri"].strip(), []).append(row["liv_code"].strip())
        return cls(target_groups, service_types)


@dataclass
class Mapped:
    """One PTV service as LIV values, and what was left out of it on the way (warnings, not refusals)."""

    record: dict[str, Any]
    warnings: list[str] = field(default_factory=list)

    @property
    def source_hash(self) -> str:
        text = json.dumps(self.record, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def texts(items: Iterable[dict[str, Any]] | None, kind: str | None = None) -> dict[str, str]:
    """A PTV localized list ([{"language", "value", "type"}]) as {"fi", "sv", "en"} ("" where missing)."""
    result = dict.fromkeys(LANGUAGES, "")
    for item in items or ():
        if not isinstance(item, dict):
            continue
        if kind is not None and item.get("type") != kind:
            continue
        language = item.get("language")
        if language in result and not result[language] and isinstance(item.get("value"), str):
            result[language] = item["value"].strip()
    return result


def _uris(items: Iterable[dict[str, Any]] | None) -> list[str]:
    return [item["uri"] for item in items or () if isinstance(item, dict) and isinstance(item.get("uri"), str)]


def responsible_organization(service: dict[str, Any]) -> str | None:
    """The id of the service's responsible organisation (``organizations[].roleType == "Responsible"``)."""
    for link in service.get("organizations") or ():
        if link.get("roleType") == "Responsible" and (link.get("organization") or {}).get("id"):
            return str(link["organization"]["id"]).lower()
    return None


def _clock(value: Any) -> str | None:
    match = _TIME.match(str(value or "").strip())
    if not match:
        return None
    hours, minutes = int(match[1]), int(match[2])
    if not (0 <= hours <= 23 and 0 <= minutes <= 59):
        return None
    return f"{hours:02d}:{minutes:02d}"


def _date(value: Any) -> str | None:
    if not value:
        return None
    try:
        return datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return None


def _current(hours: dict[str, Any], today: datetime.date) -> bool:
    if hours.get("validForNow"):
        return True
    start, end = _date(hours.get("validFrom")), _date(hours.get("validTo"))
    return (start is None or start <= today.isoformat()) and (end is None or today.isoformat() <= end)


def _weekly(service_hours: list[dict[str, Any]], today: datetime.date, warnings: list[str], where: str) -> tuple:
    """The regular hours in force today (``serviceHourType == "DaysOfTheWeek"``) as rows, and their note."""
    for hours in service_hours:
        if hours.get("serviceHourType") != "DaysOfTheWeek" or not _current(hours, today):
            continue
        rows = []
        if hours.get("isAlwaysOpen"):
            warnings.append(f"{where}: open around the clock cannot be shown as opening hours")
        for period in hours.get("openingHour") or ():
            day = WEEKDAYS.get(period.get("dayFrom"))
            opens, closes = _clock(period.get("from")), _clock(period.get("to"))
            if day is None or opens is None or closes is None or opens >= closes:
                warnings.append(
                    f"{where}: opening hours {period.get('dayFrom')} {period.get('from')}–"
                    f"{period.get('to')} left out (over midnight or not a time)"
                )
                continue
            rows.append({"weekday": day, "opens": opens, "closes": closes})
        rows = sorted(
            {(r["weekday"], r["opens"], r["closes"]): r for r in rows}.values(),
            key=lambda r: (r["weekday"], r["opens"]),
        )
        return rows, texts(hours.get("additionalInformation"))
    return [], dict.fromkeys(LANGUAGES, "")


def _exceptions(service_hours: list[dict[str, Any]], warnings: list[str], where: str) -> list[dict[str, Any]]:
    """``serviceHourType == "Exceptional"``: a holiday or closure (``isClosed``) or other hours on those days."""
    result = []
    for hours in service_hours:
        if hours.get("serviceHourType") != "Exceptional":
            continue
        start, end = _date(hours.get("validFrom")), _date(hours.get("validTo"))
        if start is None:
            warnings.append(f"{where}: an exception to the opening hours without a date left out")
            continue
        end = None if end == start else end
        if end is not None and end < start:
            warnings.append(f"{where}: an exception ending before it starts left out")
            continue
        periods = hours.get("openingHour") or []
        opens = _clock(periods[0].get("from")) if periods else None
        closes = _clock(periods[0].get("to")) if periods else None
        closed = bool(hours.get("isClosed")) or opens is None or closes is None or opens >= closes
        if closed and not hours.get("isClosed"):
            warnings.append(f"{where}: exception of {start} without usable hours taken as closed")
        result.append(
            {
                "valid_from": start,
                "valid_to": end,
                "closed": closed,
                "opens": None if closed else opens,
                "closes": None if closed else closes,
                "note": texts(hours.get("additionalInformation")),
            }
        )
    return sorted(result, key=lambda e: (e["valid_from"], e["opens"] or ""))


def _phone_number(item: dict[str, Any]) -> str | None:
    """``prefixNumber`` + ``number`` in LIV's international form; a Finnish service number (no prefix, starting
    with 0) gets +358."""
    number = re.sub(r"[^\d]", "", str(item.get("number") or ""))
    prefix = str(item.get("prefixNumber") or "").strip()
    if not number:
        return None
    if prefix.startswith("+"):
        return f"{prefix} {number.lstrip('0')}"
    if number.startswith("0"):
        return f"+358 {number[1:]}"
    return None


def _coordinate(value: float) -> str:
    return str(Decimal(value).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP))


def _location(channel: dict[str, Any], today: datetime.date, warnings: list[str]) -> dict[str, Any] | None:
    where = f"service location {channel['id']}"
    address, entrances = None, []
    for candidate in channel.get("addresses") or ():
        if candidate.get("type") == "Location" and isinstance(candidate.get("streetAddress"), dict):
            address, entrances = candidate["streetAddress"], candidate.get("entrances") or []
            break
    municipality = ((address or {}).get("municipality") or {}).get("code")
    if not municipality:
        warnings.append(f"{where}: no street address with a municipality (abroad or other address) — left out")
        return None
    streets = texts(address.get("street"))
    number = str(address.get("streetNumber") or "").strip()
    street = {code: f"{text} {number}".strip() if text else "" for code, text in streets.items()}
    latitude = longitude = None
    if address.get("coordinateState") in GOOD_COORDINATES:
        try:
            lat, lon = tm35fin_to_wgs84(float(address["latitude"]), float(address["longitude"]))
            latitude, longitude = _coordinate(lat), _coordinate(lon)
        except (KeyError, TypeError, ValueError) as error:
            warnings.append(f"{where}: coordinates left out ({error})")
    accessibility = dict.fromkeys(LANGUAGES, "")
    for code in LANGUAGES:
        lines = []
        for entrance in entrances:
            for group in entrance.get("accessibilitySentences") or ():
                heading = texts(group.get("sentenceGroup"))[code]
                sentences = [texts(s.get("sentence"))[code] for s in group.get("sentences") or ()]
                sentences = [s for s in sentences if s]
                if sentences:
                    lines.append(f"{heading}: {' '.join(sentences)}" if heading else " ".join(sentences))
        accessibility[code] = "\n".join(lines)
    service_hours = [h for h in channel.get("serviceHours") or () if isinstance(h, dict)]
    weekly, note = _weekly(service_hours, today, warnings, where)
    emails = [e["value"].strip() for e in channel.get("emails") or () if isinstance(e.get("value"), str)]
    postal_code = str(address.get("postalCode") or "").strip()
    return {
        "name": texts(channel.get("serviceChannelNames"), "Name"),
        "street_address": street,
        "postal_code": postal_code if re.fullmatch(r"\d{5}", postal_code) else "",
        "municipality": str(municipality),
        "accessibility": accessibility,
        "opening_hours_note": note,
        "email": emails[0] if emails else "",
        "latitude": latitude,
        "longitude": longitude,
        "opening_hours": weekly,
        "exceptions": _exceptions(service_hours, warnings, where),
    }


def _phones(channel: dict[str, Any], today: datetime.date, warnings: list[str], field_name: str) -> list[dict]:
    """The phone numbers of a channel (type Phone; Sms and Fax are not for guidance), one row per number with
    the languages' charge descriptions, and the channel's regular hours as text."""
    by_number: dict[str, dict[str, Any]] = {}
    weekly, _note = _weekly(
        [h for h in channel.get("serviceHours") or () if isinstance(h, dict)], today, [], f"phone {channel['id']}"
    )
    hours_text = {}
    for code in LANGUAGES:
        with translation.override(code):
            hours_text[code] = format_hours(
                [
                    OpeningHours(
                        weekday=r["weekday"],
                        opens=datetime.time.fromisoformat(r["opens"]),
                        closes=datetime.time.fromisoformat(r["closes"]),
                    )
                    for r in weekly
                ],
                code,
            ).replace("\n", ", ")
    for item in channel.get(field_name) or ():
        if item.get("type", "Phone") != "Phone":
            continue
        number = _phone_number(item)
        if number is None:
            warnings.append(f"phone channel {channel['id']}: number {item.get('number')!r} left out")
            continue
        row = by_number.setdefault(
            number,
            {
                "number": number,
                "name": texts(channel.get("serviceChannelNames"), "Name"),
                "charge_note": dict.fromkeys(LANGUAGES, ""),
                "hours_note": hours_text,
            },
        )
        language = item.get("language")
        if language in LANGUAGES and item.get("chargeDescription"):
            row["charge_note"][language] = str(item["chargeDescription"]).strip()
    return list(by_number.values())


def _links(channel: dict[str, Any], kind: str) -> dict[str, Any] | None:
    urls = dict.fromkeys(LANGUAGES, "")
    for page in channel.get("webPages") or ():
        language = page.get("language")
        if language in urls and not urls[language] and isinstance(page.get("url"), str):
            urls[language] = page["url"].strip()
    if not any(urls.values()):
        return None
    return {"kind": kind, "name": texts(channel.get("serviceChannelNames"), "Name"), "url": urls}


def _areas(service: dict[str, Any]) -> tuple[bool, list[str], list[str]]:
    """``areaType`` Nationwide(ExceptAlandIslands) → nationwide; LimitedType → its municipalities and regions
    (``areas[].type`` Municipality, Region; BusinessSubRegion and HospitalDistrict by their municipalities)."""
    if service.get("areaType") in NATIONWIDE:
        return True, [], []
    municipalities: set[str] = set()
    regions: set[str] = set()
    for area in service.get("areas") or ():
        kind, code = area.get("type"), str(area.get("code") or "")
        if kind == "Municipality" and code:
            municipalities.add(code)
        elif kind == "Region" and code:
            regions.add(code.zfill(2))
        else:
            municipalities.update(str(m["code"]) for m in area.get("municipalities") or () if m.get("code"))
    return False, sorted(municipalities), sorted(regions)


def organization_record(organization: dict[str, Any]) -> dict[str, Any]:
    """A PTV organisation (V10VmOpenApiOrganization) as a LIV provider's values."""
    sector, kind = ORGANIZATION_TYPES.get(organization.get("organizationType"), ("public", "authority"))
    business_id = str(organization.get("businessCode") or "").strip()
    if not re.fullmatch(r"\d{7}-\d", business_id) or business_id_check_digit(business_id[:7]) != int(business_id[-1]):
        business_id = ""
    website = next(
        (p["url"] for p in organization.get("webPages") or () if p.get("language") == "fi" and p.get("url")), ""
    )
    names = texts(organization.get("organizationNames"), "Name")
    if not names["fi"]:
        names["fi"] = str(organization.get("businessName") or "")
    return {
        "ptv_id": str(organization["id"]).lower(),
        "name": names,
        "description": texts(organization.get("organizationDescriptions"), "Description"),
        "sector": sector,
        "kind": kind,
        "business_id": business_id,
        "website": website if str(website).startswith(("http://", "https://")) else "",
        "municipality": str((organization.get("municipality") or {}).get("code") or "") or None,
    }


def map_service(
    service: dict[str, Any],
    *,
    channels: dict[str, dict[str, Any]],
    organizations: dict[str, dict[str, Any]],
    vocabulary: Vocabulary,
    today: datetime.date | None = None,
) -> Mapped:
    """The LIV record of one PTV service (V11VmOpenApiService), or Refused saying why it cannot be taken in."""
    today = today or timezone.localdate()
    warnings: list[str] = []
    organization_id = responsible_organization(service)
    if organization_id is None:
        raise Refused("no responsible organisation (organizations[].roleType Responsible)")
    if organization_id not in organizations:
        raise Refused(f"the responsible organisation {organization_id} is not in the download")
    names = texts(service.get("serviceNames"), "Name")
    if not names["fi"]:
        raise Refused("no Finnish name (serviceNames, type Name, language fi)")
    nationwide, municipalities, regions = _areas(service)
    languages = [code for code in service.get("languages") or () if code in LANGUAGES_OFFERED]
    dropped = [code for code in service.get("languages") or () if code not in LANGUAGES_OFFERED]
    if dropped:
        warnings.append(f"languages not in LIV's list left out: {', '.join(map(str, dropped))}")
    uris = [
        *_uris(service.get("targetGroups")),
        *_uris(service.get("serviceClasses")),
        *_uris(service.get("ontologyTerms")),
    ]
    record: dict[str, Any] = {
        "ptv_id": str(service["id"]).lower(),
        "ptv_modified": service.get("modified"),
        "organization": organization_record(organizations[organization_id]),
        "name": names,
        "summary": texts(service.get("serviceDescriptions"), "Summary"),
        "description": texts(service.get("serviceDescriptions"), "Description"),
        "eligibility": texts(service.get("requirements")),
        "how_to_apply": texts(service.get("serviceDescriptions"), "UserInstruction"),
        "cost": CHARGE.get(service.get("serviceChargeType"), "free"),
        "cost_description": texts(service.get("serviceDescriptions"), "ChargeTypeAdditionalInfo"),
        "languages": list(dict.fromkeys(languages)),
        "nationwide": nationwide,
        "municipalities": municipalities,
        "regions": regions,
        "target_groups": sorted({code for uri in uris for code in vocabulary.target_groups.get(uri, ())}),
        "service_types": sorted({code for uri in uris for code in vocabulary.service_types.get(uri, ())}),
    }
    locations: list[dict[str, Any]] = []
    phones: list[dict[str, Any]] = []
    electronic: list[dict[str, Any]] = []
    emails: list[str] = []
    for link in service.get("serviceChannels") or ():
        channel_id = str((link.get("serviceChannel") or {}).get("id") or "").lower()
        channel = channels.get(channel_id)
        if channel is None:
            raise Refused(f"the service channel {channel_id} is not in the download")
        kind = channel.get("serviceChannelType")
        if kind == "ServiceLocation":
            location = _location(channel, today, warnings)
            if location is not None:
                locations.append(location)
            phones += _phones(channel, today, warnings, "phoneNumbers")
        elif kind == "Phone":
            phones += _phones(channel, today, warnings, "phoneNumbers")
        elif kind in ("WebPage", "EChannel"):
            links = _links(channel, "web" if kind == "WebPage" else "eservice")
            if links:
                electronic.append(links)
            phones += _phones(channel, today, warnings, "supportPhones")
        else:
            warnings.append(f"channel {channel_id} of type {kind} has no LIV counterpart — left out")
        emails += [e["value"].strip() for e in channel.get("supportEmails") or () if isinstance(e.get("value"), str)]
        contact = link.get("contactDetails") or {}
        emails += [e["value"].strip() for e in contact.get("emails") or () if isinstance(e.get("value"), str)]
    emails = list(dict.fromkeys(e for e in emails if e))
    if len(emails) > MAX_EMAILS:
        warnings.append(f"{len(emails) - MAX_EMAILS} e-mail addresses over LIV's five left out")
    seen_numbers: set[str] = set()
    unique_phones = []
    for phone in phones:
        if phone["number"] not in seen_numbers:
            seen_numbers.add(phone["number"])
            unique_phones.append(phone)
    record.update(emails=emails[:MAX_EMAILS], locations=locations, phones=unique_phones, electronic_channels=electronic)
    return Mapped(record, warnings)
