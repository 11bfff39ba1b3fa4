"""Open data: the published directory as Open Referral HSDS 3.0 JSON (see docs/open-data.md).

HSDS has one text per field and no way to say which language a text is in, so the export writes one complete
HSDS dataset per site language (``fi/``, ``sv/``, ``en/``) with the same identifiers in each: a consumer reads
the language it needs and joins the others by ``id``. Where an entry has no text in a dataset's language, the
Finnish text is used (as on the site) and an attribute of the taxonomy ``liv:text-language`` says which fields
are in Finnish.

Identifiers are UUIDs, as HSDS requires, derived (UUID version 5) from the entry's LIV identity, so that the
same entry keeps the same id from one export to the next. Only published services and their providers are
exported; drafts and archived entries are not public.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from itertools import groupby
from pathlib import Path
from typing import Any

from django.db.models import Model, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from exchange.records import provider_external_id, service_external_id
from liv.i18n import fallback_order
from services.languages import LANGUAGES_OFFERED
from services.models import OpeningHours, Provider, Service

HSDS_VERSION = "3.0"
LANGUAGES = ("fi", "sv", "en")
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:liv:hsds")
WEEKDAYS = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}
COST_TEXT = {
    Service.Cost.FREE: Service.Cost.FREE.label,
    Service.Cost.PARTLY: Service.Cost.PARTLY.label,
    Service.Cost.CHARGED: Service.Cost.CHARGED.label,
}
TAXONOMIES = {
    "service_type": "liv:service-type",
    "target_group": "liv:target-group",
    "national_goal": "liv:national-goal",
    "text_language": "liv:text-language",
    "area": "liv:area",
}


def hsds_id(*parts: object) -> str:
    """A stable UUID for a LIV entry or one of its parts, e.g. ``hsds_id("service", "demo:service:x")``."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


class _Texts:
    """Picks each text in the dataset's language, falling back to Finnish, and remembers the fallbacks."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.order = fallback_order(language)
        self.fallbacks: dict[str, list[str]] = {}

    def attributes(self, link_id: str, link_entity: str) -> list[dict[str, Any]]:
        """One ``liv:text-language`` attribute per other language used, listing the fields in it."""
        return [
            _attribute(
                link_id,
                link_entity,
                _term("text_language", code, str(LANGUAGES_OFFERED[code]), self.language),
                " ".join(fields),
            )
            for code, fields in self.fallbacks.items()
        ]

    def __call__(self, obj: Model, field: str, label: str | None = None) -> str:
        for code in self.order:
            text = getattr(obj, f"{field}_{code}", None)
            if text:
                if code != self.language:
                    self.fallbacks.setdefault(code, []).append(label or field)
                return text
        return ""


def _term(kind: str, code: object, name: str, language: str, description: str = "") -> dict[str, Any]:
    return {
        "id": hsds_id("taxonomy_term", kind, code),
        "code": str(code),
        "name": name,
        "description": description or name,
        "taxonomy": TAXONOMIES[kind],
        "language": language,
    }


def _attribute(link_id: str, link_entity: str, term: dict[str, Any], value: str | None = None) -> dict[str, Any]:
    return {
        "id": hsds_id("attribute", link_id, term["id"]),
        "link_id": link_id,
        "link_type": term["taxonomy"],
        "link_entity": link_entity,
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
        "value": value,
    }


def _schedules(hours: Iterable[OpeningHours], *, link: dict[str, str], note: str) -> list[dict[str, Any]]:
    """Opening hours as weekly RFC 5545 rules: one schedule per opening span, listing its weekdays."""
    rows = sorted(hours, key=lambda h: (h.opens, h.closes, h.weekday))
    schedules = []
    for (opens, closes), group in groupby(rows, key=lambda h: (h.opens, h.closes)):
        days = ",".join(WEEKDAYS[h.weekday] for h in group)
        schedule_id = hsds_id("schedule", *link.values(), opens, closes)
        schedules.append(
            {
                "id": schedule_id,
                **link,
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": days,
                "opens_at": opens.strftime("%H:%M"),
                "closes_at": closes.strftime("%H:%M"),
                "description": note or None,
                "attending_type": "in_person",
            }
        )
    return schedules


def organization_record(provider: Provider, language: str) -> dict[str, Any]:
    texts = _Texts(language)
    organization_id = hsds_id("provider", provider_external_id(provider))
    record = {
        "id": organization_id,
        "name": texts(provider, "name"),
        "description": texts(provider, "description"),
        "website": provider.website or None,
        "tax_id": provider.business_id or None,
        "legal_status": str(provider.get_sector_display()),
    }
    record["attributes"] = texts.attributes(organization_id, "organization")
    return record


def _service_areas(service: Service, service_id: str, language: str) -> list[dict[str, Any]]:
    areas: list[tuple[str, str, str]] = []  # (kind, code, name)
    if service.nationwide:
        areas.append(("country", "FI", str(_("Finland"))))
    areas += [("vitality_centre", a.code, a.name) for a in service.vitality_centres.all()]
    areas += [("region", a.code, a.name) for a in service.regions.all()]
    areas += [("employment_area", str(a.code), a.name) for a in service.employment_areas.all()]
    areas += [("municipality", a.code, a.name) for a in service.municipalities.all()]
    records = []
    for kind, code, name in areas:
        area_id = hsds_id("service_area", service_id, kind, code)
        term = _term("area", f"{kind}:{code}", name, language)
        records.append(
            {
                "id": area_id,
                "service_id": service_id,
                "name": name,
                "description": kind,
                "extent": None,
                "extent_type": None,
                "attributes": [_attribute(area_id, "service_area", term)],
            }
        )
    return records


def _physical_locations(service: Service, service_id: str, texts: _Texts) -> list[dict[str, Any]]:
    records = []
    for index, location in enumerate(service.locations.all()):
        location_id = hsds_id("location", service_id, index)
        at_id = hsds_id("service_at_location", service_id, location_id)
        municipality = location.municipality
        name = texts(location, "name", f"locations[{index}].name") or municipality.name
        accessibility = texts(location, "accessibility", f"locations[{index}].accessibility")
        records.append(
            {
                "id": at_id,
                "service_id": service_id,
                "location_id": location_id,
                "schedules": _schedules(
                    location.opening_hours.all(),
                    link={"service_at_location_id": at_id},
                    note=texts(location, "opening_hours_note", f"locations[{index}].opening_hours_note"),
                ),
                "location": {
                    "id": location_id,
                    "location_type": "physical",
                    "name": name,
                    "latitude": float(location.latitude) if location.latitude is not None else None,
                    "longitude": float(location.longitude) if location.longitude is not None else None,
                    "addresses": [
                        {
                            "id": hsds_id("address", location_id),
                            "location_id": location_id,
                            "address_1": texts(location, "street_address", f"locations[{index}].street_address"),
                            "city": municipality.name,
                            "region": municipality.region.name,
                            "state_province": municipality.region.name,
                            "postal_code": location.postal_code,
                            "country": "FI",
                            "address_type": "physical",
                        }
                    ],
                    "accessibility": (
                        [
                            {
                                "id": hsds_id("accessibility", location_id),
                                "location_id": location_id,
                                "description": accessibility,
                            }
                        ]
                        if accessibility
                        else []
                    ),
                },
            }
        )
    return records


def _virtual_locations(service: Service, service_id: str, texts: _Texts) -> list[dict[str, Any]]:
    records = []
    for index, channel in enumerate(service.electronic_channels.all()):
        location_id = hsds_id("virtual_location", service_id, index)
        at_id = hsds_id("service_at_location", service_id, location_id)
        records.append(
            {
                "id": at_id,
                "service_id": service_id,
                "location_id": location_id,
                "description": str(channel.get_kind_display()),
                "location": {
                    "id": location_id,
                    "location_type": "virtual",
                    "url": texts(channel, "url", f"electronic_channels[{index}].url"),
                    "name": texts(channel, "name", f"electronic_channels[{index}].name")
                    or str(channel.get_kind_display()),
                },
            }
        )
    return records


def service_record(service: Service, language: str) -> dict[str, Any]:
    """One published service as an HSDS 3.0 service object with its nested parts, in one language."""
    texts = _Texts(language)
    service_id = hsds_id("service", service_external_id(service))
    description = texts(service, "description") or texts(service, "summary")
    target_groups = list(service.target_groups.all())
    at_locations = _physical_locations(service, service_id, texts) + _virtual_locations(service, service_id, texts)
    web = next((at["location"]["url"] for at in at_locations if at["location"].get("url")), None)
    cost_note = texts(service, "cost_description")
    attributes = (
        [
            _attribute(service_id, "service", _term("service_type", t.code, t.name, language))
            for t in service.service_types.all()
        ]
        + [_attribute(service_id, "service", _term("target_group", t.code, t.name, language)) for t in target_groups]
        + [
            _attribute(service_id, "service", _term("national_goal", g.number, g.name, language))
            for g in service.national_goals.all()
        ]
    )
    record = {
        "id": service_id,
        "organization_id": hsds_id("provider", provider_external_id(service.provider)),
        "name": texts(service, "name"),
        "alternate_name": texts(service, "summary") or None,
        "description": description,
        "url": web,
        "status": "active",
        "fees_description": " ".join(filter(None, [str(COST_TEXT[service.cost]).capitalize() + ".", cost_note])),
        # Who can use it in the entry's own words when it has them; the target groups otherwise.
        "eligibility_description": texts(service, "eligibility") or ", ".join(t.name for t in target_groups) or None,
        "application_process": texts(service, "how_to_apply") or None,
        "email": service.emails[0] if service.emails else None,
        "assured_date": service.last_reviewed.isoformat() if service.last_reviewed else None,
        "phones": [
            {
                "id": hsds_id("phone", service_id, index),
                "service_id": service_id,
                "number": phone.number,
                "type": "voice",
                "description": " ".join(
                    filter(
                        None,
                        [
                            texts(phone, "name", f"phones[{index}].name"),
                            texts(phone, "hours_note", f"phones[{index}].hours_note"),
                            texts(phone, "charge_note", f"phones[{index}].charge_note"),
                        ],
                    )
                )
                or None,
            }
            for index, phone in enumerate(service.phones.all())
        ],
        "schedules": [],
        "service_areas": _service_areas(service, service_id, language),
        "service_at_locations": at_locations,
        "languages": [
            {
                "id": hsds_id("language", service_id, code),
                "service_id": service_id,
                "name": str(LANGUAGES_OFFERED.get(code, code)),
                "code": code,
            }
            for code in service.languages
        ],
        "organization": None,  # filled in by export_hsds, from the organization records
        "attributes": attributes,
    }
    record["attributes"] += texts.attributes(service_id, "service")
    return record


def published_services() -> QuerySet[Service]:
    return (
        Service.objects.published()
        .with_detail()
        .select_related("provider__municipality__region")
        .prefetch_related("locations__municipality__region")
        .order_by("external_id", "pk")
    )


def export_hsds(*, directory: Path, services: QuerySet[Service] | None = None) -> dict[str, int]:
    """Write ``<directory>/<language>/services.json`` and ``organizations.json`` for fi, sv and en, and
    ``<directory>/index.json`` describing them. Returns the counts written."""
    services = published_services() if services is None else services
    rows = list(services)
    providers = sorted({s.provider_id: s.provider for s in rows}.values(), key=provider_external_id)
    for language in LANGUAGES:
        # Vocabulary and area names come through modeltranslation in the active language.
        with translation.override(language):
            organizations = [organization_record(p, language) for p in providers]
            by_id = {o["id"]: o for o in organizations}
            records = []
            for service in rows:
                record = service_record(service, language)
                record["organization"] = {
                    k: v for k, v in by_id[record["organization_id"]].items() if k != "attributes"
                }
                records.append(record)
        target = directory / language
        target.mkdir(parents=True, exist_ok=True)
        for name, data in (("services.json", records), ("organizations.json", organizations)):
            (target / name).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    index = {
        "specification": "Open Referral Human Services Data Specification (HSDS)",
        "version": HSDS_VERSION,
        "publisher": "LIV – lifelong guidance services in Finland",
        "languages": {
            code: {"services": f"{code}/services.json", "organizations": f"{code}/organizations.json"}
            for code in LANGUAGES
        },
        "translations": "One dataset per language with the same ids; see docs/open-data.md.",
        "counts": {"organizations": len(providers), "services": len(rows)},
    }
    (directory / "index.json").write_text(json.dumps(index, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return {"organizations": len(providers), "services": len(rows)}
