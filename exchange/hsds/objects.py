"""The published directory as Open Referral HSDS 3.0 objects, in one language (see docs/open-data.md).

HSDS has one text per field and no way to say which language a text is in, so every object is made in one site
language (fi, sv or en) with the same identifiers in each: a consumer reads the language it needs and joins the
others by ``id``. Where an entry has no text in that language, the Finnish text is used (as on the site) and an
attribute of the taxonomy ``liv:text-language`` says which fields are in Finnish (docs/hsds-profile.md).

Identifiers are UUIDs, as HSDS requires, derived (UUID version 5) from the entry's LIV identity, so that the same
entry keeps the same id from one export to the next and across the API and the files. Only published services
and their providers appear; drafts and archived entries are not public.

Every object validates against the official compiled schemas (fixtures/hsds/3.0/): an optional field without a
value is left out, never ``null`` or an empty string, and an object whose required fields LIV cannot fill with
something meaningful (an address without a street address or postal code) is left out as a whole.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from itertools import groupby
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from exchange.records import provider_external_id, service_external_id
from liv.i18n import fallback_order
from services.languages import LANGUAGES_OFFERED
from services.models import OpeningHours, Provider, Service

HSDS_VERSION = "3.0"
LANGUAGES = ("fi", "sv", "en")
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:liv:hsds")
WEEKDAYS = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}
# The scheme of the Finnish business ID (Y-tunnus) in org-id.guide: the Finnish Patent and Registration Office.
BUSINESS_ID_SCHEME = "FI-PRO"

# LIV's taxonomies (docs/hsds-profile.md): their names, and what they classify.
TAXONOMIES = {
    "service_type": ("liv:service-type", "LIV service types: information, advice and guidance services (TNO)."),
    "target_group": ("liv:target-group", "LIV target groups: who a service is for."),
    "national_goal": (
        "liv:national-goal",
        "The five national goals of lifelong guidance in Finland (strategy 2020–2028) a service works towards.",
    ),
    "area": (
        "liv:area",
        "Official Finnish areas a service serves: country, vitality centre (elinvoimakeskus), region (maakunta), "
        "employment area (työllisyysalue), municipality; codes of Statistics Finland and the ministries.",
    ),
    "text_language": (
        "liv:text-language",
        "The language a text is really in, where it differs from the dataset's (LIV's fallback to Finnish).",
    ),
}


def hsds_uuid(*parts: object) -> uuid.UUID:
    """A stable UUID for a LIV entry or one of its parts, e.g. ``hsds_uuid("service", "demo:service:x")``."""
    return uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts))


def hsds_id(*parts: object) -> str:
    """:func:`hsds_uuid` as the text HSDS writes."""
    return str(hsds_uuid(*parts))


def omit_empty(data: dict[str, Any]) -> dict[str, Any]:
    """The object without the optional fields that have no value: HSDS types them as strings or numbers, so
    ``null`` (or an empty string) would be invalid or say nothing."""
    return {key: value for key, value in data.items() if value is not None and value != ""}


def taxonomy_id(kind: str) -> str:
    return hsds_id("taxonomy", TAXONOMIES[kind][0])


def taxonomy_record(kind: str) -> dict[str, Any]:
    name, description = TAXONOMIES[kind]
    return {"id": taxonomy_id(kind), "name": name, "description": description, "version": "1"}


def term_record(kind: str, code: object, name: str, language: str, description: str = "") -> dict[str, Any]:
    return omit_empty(
        {
            "id": hsds_id("taxonomy_term", kind, code),
            "code": str(code),
            "name": name,
            "description": description or name,
            "taxonomy": TAXONOMIES[kind][0],
            "taxonomy_id": taxonomy_id(kind),
            "language": language,
        }
    )


def attribute(link_id: str, link_entity: str, term: dict[str, Any], value: str | None = None) -> dict[str, Any]:
    return omit_empty(
        {
            "id": hsds_id("attribute", link_id, term["id"]),
            "link_id": link_id,
            "link_type": term["taxonomy"],
            "link_entity": link_entity,
            "taxonomy_term_id": term["id"],
            "taxonomy_term": term,
            "value": value,
        }
    )


class Texts:
    """Picks each text in the dataset's language, falling back to Finnish, and remembers the fallbacks."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.order = fallback_order(language)
        self.fallbacks: dict[str, list[str]] = {}

    def attributes(self, link_id: str, link_entity: str) -> list[dict[str, Any]]:
        """One ``liv:text-language`` attribute per other language used, listing the fields in it."""
        return [
            attribute(
                link_id,
                link_entity,
                term_record("text_language", code, str(LANGUAGES_OFFERED[code]), self.language),
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


def _schedules(hours: Iterable[OpeningHours], *, link: dict[str, str], note: str) -> list[dict[str, Any]]:
    """Opening hours as weekly RFC 5545 rules: one schedule per opening span, listing its weekdays."""
    rows = sorted(hours, key=lambda h: (h.opens, h.closes, h.weekday))
    schedules = []
    for (opens, closes), group in groupby(rows, key=lambda h: (h.opens, h.closes)):
        days = ",".join(WEEKDAYS[h.weekday] for h in group)
        schedules.append(
            omit_empty(
                {
                    "id": hsds_id("schedule", *link.values(), opens, closes),
                    **link,
                    "freq": "WEEKLY",
                    "wkst": "MO",
                    "byday": days,
                    "opens_at": opens.strftime("%H:%M"),
                    "closes_at": closes.strftime("%H:%M"),
                    "description": note,
                    "attending_type": "in_person",
                }
            )
        )
    return schedules


def organization_id(provider: Provider) -> str:
    return hsds_id("provider", provider_external_id(provider))


def service_id(service: Service) -> str:
    return hsds_id("service", service_external_id(service))


def organization_record(provider: Provider, language: str) -> dict[str, Any]:
    """A provider as an HSDS organization (without its services; see :func:`with_services`)."""
    texts = Texts(language)
    record_id = organization_id(provider)
    # HSDS requires a description: the provider's own, or what LIV knows of it (its kind and sector).
    description = texts(provider, "description") or f"{provider.get_kind_display()} ({provider.get_sector_display()})"
    record = omit_empty(
        {
            "id": record_id,
            "name": texts(provider, "name"),
            "description": description,
            "website": provider.website,
            "tax_id": provider.business_id,
            "legal_status": str(provider.get_sector_display()),
        }
    )
    if provider.business_id:
        record["organization_identifiers"] = [
            {
                "id": hsds_id("organization_identifier", record_id, BUSINESS_ID_SCHEME),
                "organization_id": record_id,
                "identifier_scheme": BUSINESS_ID_SCHEME,
                "identifier_type": "Y-tunnus (Finnish business ID)",
                "identifier": provider.business_id,
            }
        ]
    record["attributes"] = texts.attributes(record_id, "organization")
    return record


def _area_terms(service: Service, language: str) -> list[tuple[str, dict[str, Any]]]:
    """The service's areas as (kind, term of liv:area)."""
    areas: list[tuple[str, str, str]] = []  # (kind, code, name)
    if service.nationwide:
        areas.append(("country", "FI", str(_("Finland"))))
    areas += [("vitality_centre", a.code, a.name) for a in service.vitality_centres.all()]
    areas += [("region", a.code, a.name) for a in service.regions.all()]
    areas += [("employment_area", str(a.code), a.name) for a in service.employment_areas.all()]
    areas += [("municipality", a.code, a.name) for a in service.municipalities.all()]
    return [(kind, term_record("area", f"{kind}:{code}", name, language, kind)) for kind, code, name in areas]


def _service_areas(service: Service, record_id: str, language: str) -> list[dict[str, Any]]:
    records = []
    for kind, term in _area_terms(service, language):
        area_id = hsds_id("service_area", record_id, term["code"])
        records.append(
            {
                "id": area_id,
                "service_id": record_id,
                "name": term["name"],
                "description": kind,
                "attributes": [attribute(area_id, "service_area", term)],
            }
        )
    return records


def _address(location: Any, location_id: str, street: str) -> list[dict[str, Any]]:
    """HSDS requires a street address and a postal code of every address: a location without either (by
    appointment, several sites) has no address object; its municipality is in an attribute instead."""
    if not street or not location.postal_code:
        return []
    municipality = location.municipality
    return [
        {
            "id": hsds_id("address", location_id),
            "location_id": location_id,
            "address_1": street,
            "city": municipality.name,
            "region": municipality.region.name,
            "state_province": municipality.region.name,
            "postal_code": location.postal_code,
            "country": "FI",
            "address_type": "physical",
        }
    ]


def _physical_locations(service: Service, record_id: str, texts: Texts, language: str) -> list[dict[str, Any]]:
    records = []
    for index, location in enumerate(service.locations.all()):
        location_id = hsds_id("location", record_id, index)
        at_id = hsds_id("service_at_location", record_id, location_id)
        municipality = location.municipality
        name = texts(location, "name", f"locations[{index}].name") or municipality.name
        accessibility = texts(location, "accessibility", f"locations[{index}].accessibility")
        street = texts(location, "street_address", f"locations[{index}].street_address")
        place = term_record("area", f"municipality:{municipality.code}", municipality.name, language, "municipality")
        records.append(
            omit_empty(
                {
                    "id": at_id,
                    "service_id": record_id,
                    "location_id": location_id,
                    "schedules": _schedules(
                        location.opening_hours.all(),
                        link={"service_at_location_id": at_id},
                        note=texts(location, "opening_hours_note", f"locations[{index}].opening_hours_note"),
                    ),
                    "location": omit_empty(
                        {
                            "id": location_id,
                            "location_type": "physical",
                            "name": name,
                            "latitude": float(location.latitude) if location.latitude is not None else None,
                            "longitude": float(location.longitude) if location.longitude is not None else None,
                            "addresses": _address(location, location_id, street),
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
                            "attributes": [attribute(location_id, "location", place)],
                        }
                    ),
                }
            )
        )
    return records


def _virtual_locations(service: Service, record_id: str, texts: Texts) -> list[dict[str, Any]]:
    records = []
    for index, channel in enumerate(service.electronic_channels.all()):
        location_id = hsds_id("virtual_location", record_id, index)
        at_id = hsds_id("service_at_location", record_id, location_id)
        kind = str(channel.get_kind_display())
        records.append(
            {
                "id": at_id,
                "service_id": record_id,
                "location_id": location_id,
                "description": kind,
                "location": omit_empty(
                    {
                        "id": location_id,
                        "location_type": "virtual",
                        "url": texts(channel, "url", f"electronic_channels[{index}].url"),
                        "name": texts(channel, "name", f"electronic_channels[{index}].name") or kind,
                    }
                ),
            }
        )
    return records


def _phones(service: Service, record_id: str, texts: Texts) -> list[dict[str, Any]]:
    return [
        omit_empty(
            {
                "id": hsds_id("phone", record_id, index),
                "service_id": record_id,
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
                ),
            }
        )
        for index, phone in enumerate(service.phones.all())
    ]


def vocabulary_terms(service: Service, language: str) -> list[dict[str, Any]]:
    """The service's service types, target groups and national goals as terms of LIV's taxonomies."""
    return (
        [term_record("service_type", t.code, t.name, language) for t in service.service_types.all()]
        + [term_record("target_group", t.code, t.name, language) for t in service.target_groups.all()]
        + [term_record("national_goal", g.number, g.name, language) for g in service.national_goals.all()]
    )


def service_record(service: Service, language: str) -> dict[str, Any]:
    """One published service as an HSDS 3.0 service with its nested parts (its organization: see
    :func:`with_organization`), in one language."""
    texts = Texts(language)
    record_id = service_id(service)
    at_locations = _physical_locations(service, record_id, texts, language) + _virtual_locations(
        service, record_id, texts
    )
    web = next((at["location"]["url"] for at in at_locations if at["location"].get("url")), None)
    cost = str(Service.Cost(service.cost).label).capitalize() + "."
    target_groups = list(service.target_groups.all())
    record = omit_empty(
        {
            "id": record_id,
            "organization_id": organization_id(service.provider),
            "name": texts(service, "name"),
            "alternate_name": texts(service, "summary"),
            "description": texts(service, "description") or texts(service, "summary"),
            "url": web,
            "email": service.emails[0] if service.emails else None,
            "status": "active",
            "application_process": texts(service, "how_to_apply"),
            "fees_description": " ".join(filter(None, [cost, texts(service, "cost_description")])),
            # Who can use it in the entry's own words when it has them; the target groups otherwise.
            "eligibility_description": texts(service, "eligibility") or ", ".join(t.name for t in target_groups),
            # Never reviewed: no assured date (the field is left out).
            "assured_date": service.last_reviewed.isoformat() if service.last_reviewed else None,
            "last_modified": service.modified.isoformat(),
        }
    )
    record.update(
        phones=_phones(service, record_id, texts),
        service_areas=_service_areas(service, record_id, language),
        service_at_locations=at_locations,
        languages=[
            {
                "id": hsds_id("language", record_id, code),
                "service_id": record_id,
                "name": str(LANGUAGES_OFFERED.get(code, code)),
                "code": code,
            }
            for code in service.languages
        ],
        attributes=[attribute(record_id, "service", term) for term in vocabulary_terms(service, language)],
    )
    record["attributes"] += texts.attributes(record_id, "service")
    return record


def with_organization(record: dict[str, Any], organization: dict[str, Any]) -> dict[str, Any]:
    return {**record, "organization": organization}


def service_summary(record: dict[str, Any]) -> dict[str, Any]:
    """A service as an organization's ``services`` list and the paged lists give it (compiled service_list)."""
    keys = (
        "id",
        "organization_id",
        "name",
        "alternate_name",
        "description",
        "url",
        "email",
        "status",
        "application_process",
        "fees_description",
        "eligibility_description",
        "assured_date",
        "last_modified",
    )
    return {key: record[key] for key in keys if key in record}


def published_services() -> QuerySet[Service]:
    return (
        Service.objects.published()
        .with_detail()
        .select_related("provider__municipality__region")
        .prefetch_related("locations__municipality__region")
        .order_by("external_id", "pk")
    )
