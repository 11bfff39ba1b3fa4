"""PTV-shaped test data: services, channels and organisations as PTV's Open API v11 serialises them, and download
folders (ptv/download.py) made of them.

Every key used here is one of PTV's: tests/test_ptv_files.py checks each record against the serialised property
sets PTV's own unit tests assert, copied into tests/data/ptv/ from vrk-kpa/ptv-releases, branch ptv-release-3_4,
commit 27723498de3f920d53276d63963f1e71b43777c3, test/PTV.Domain.Model.Tests/Models/OpenApi/V11/Resources/ and
V10/Resources/ (MIT licence, Finnish Digital Agency).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from ptv.download import Download, write_folder

CLASS = "http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/"
GROUP = "http://uri.suomi.fi/codelist/ptv/ptvkohderyhmat/code/"


def localized(fi: str, sv: str = "", en: str = "", kind: str | None = None) -> list[dict[str, str]]:
    items = []
    for language, value in (("fi", fi), ("sv", sv), ("en", en)):
        if value:
            item = {"language": language, "value": value}
            if kind is not None:
                item["type"] = kind
            items.append(item)
    return items


def term(uri: str, name: str) -> dict[str, Any]:
    code = uri.rsplit("/", 1)[-1]
    return {"name": localized(name), "code": code, "ontologyType": "", "uri": uri, "parentId": None, "parentUri": ""}


def organization(ptv_id: str, name: str, *, business_code: str = "", municipality: str = "491") -> dict[str, Any]:
    return {
        "id": ptv_id,
        "sourceId": "",
        "oid": "",
        "parentOrganizationId": None,
        "organizationRootId": ptv_id,
        "municipality": {"code": municipality, "name": localized("Mikkeli", "S:t Michel")},
        "organizationType": "Municipality",
        "businessCode": business_code,
        "businessName": name,
        "organizationNames": localized(name, kind="Name"),
        "displayNameType": [{"type": "Name", "language": "fi"}],
        "areaType": "LimitedType",
        "areas": [],
        "organizationDescriptions": localized("Kunnan palvelut.", kind="Description"),
        "emails": [],
        "phoneNumbers": [],
        "webPages": [{"url": "https://www.mikkeli.fi/", "value": "Mikkeli", "language": "fi"}],
        "addresses": [],
        "publishingStatus": "Published",
        "modified": "2026-11-01T08:00:00",
    }


def hours(kind: str, periods: list[tuple[str, str, str]], **extra: Any) -> dict[str, Any]:
    return {
        "serviceHourType": kind,
        "validFrom": extra.pop("validFrom", None),
        "validTo": extra.pop("validTo", None),
        "isClosed": extra.pop("isClosed", False),
        "validForNow": extra.pop("validForNow", kind == "DaysOfTheWeek"),
        "isAlwaysOpen": False,
        "isReservation": False,
        "additionalInformation": extra.pop("additionalInformation", []),
        "openingHour": [{"dayFrom": day, "dayTo": "", "from": start, "to": end} for day, start, end in periods],
    }


def location_channel(
    ptv_id: str,
    organization_id: str,
    service_id: str,
    *,
    name: str = "Ohjaamo Mikkeli",
    street: str = "Raatihuoneenkatu",
    number: str = "6",
    postal_code: str = "50100",
    municipality: str = "491",
    northing: str = "6841014.224",
    easting: str = "514249.876",
    exceptions: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    weekdays = [(day, "09:00", "16:00") for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")]
    return {
        "id": ptv_id,
        "sourceId": "",
        "oid": "",
        "serviceChannelType": "ServiceLocation",
        "organizationId": organization_id,
        "serviceChannelNames": localized(name, "Navigatorn S:t Michel", "Ohjaamo Mikkeli", kind="Name"),
        "displayNameType": [{"type": "Name", "language": "fi"}],
        "serviceChannelDescriptions": localized("Toimipiste.", kind="Description"),
        "areaType": "LimitedType",
        "areas": [],
        "phoneNumbers": [
            {
                "type": "Phone",
                "additionalInformation": "",
                "serviceChargeType": "FreeOfCharge",
                "chargeDescription": "",
                "prefixNumber": "+358",
                "isFinnishServiceNumber": False,
                "number": "401234567",
                "language": "fi",
            }
        ],
        "emails": [{"value": "ohjaamo@mikkeli.example.fi", "language": "fi"}],
        "languages": ["fi", "sv"],
        "webPages": [],
        "addresses": [
            {
                "type": "Location",
                "subType": "Single",
                "postOfficeBoxAddress": None,
                "streetAddress": {
                    "street": localized(street, "Rådhusgatan"),
                    "streetNumber": number,
                    "postalCode": postal_code,
                    "postOffice": localized("MIKKELI", "S:T MICHEL"),
                    "municipality": {"code": municipality, "name": localized("Mikkeli", "S:t Michel")},
                    "additionalInformation": [],
                    "latitude": northing,
                    "longitude": easting,
                    "coordinateState": "Ok",
                },
                "otherAddress": None,
                "locationAbroad": [],
                "entrances": [
                    {
                        "name": localized("Pääsisäänkäynti"),
                        "isMainEntrance": True,
                        "coordinates": {"latitude": northing, "longitude": easting},
                        "contactInfo": {"phone": "", "email": "", "url": ""},
                        "accessibilitySentences": [
                            {
                                "sentenceGroup": localized("Sisäänkäynti", "Ingång", "Entrance"),
                                "sentences": [
                                    {
                                        "sentence": localized(
                                            "Sisäänkäynti on katutasossa.",
                                            "Ingången ligger i gatunivå.",
                                            "The entrance is at street level.",
                                        )
                                    }
                                ],
                            }
                        ],
                    }
                ],
                "country": "FI",
            }
        ],
        "serviceHours": [
            hours(
                "DaysOfTheWeek",
                weekdays,
                additionalInformation=localized("Ajanvarauksella myös iltaisin.", "", "Evenings by appointment."),
            ),
            *(exceptions or []),
        ],
        "services": [{"service": {"id": service_id, "name": name}}],
        "serviceCollections": [],
        "publishingStatus": "Published",
        "modified": "2026-11-01T08:00:00",
        "responsibleSoteOrganization": None,
        "ontologyTerms": [],
    }


def web_channel(ptv_id: str, organization_id: str, service_id: str, url: str) -> dict[str, Any]:
    return {
        "id": ptv_id,
        "sourceId": "",
        "serviceChannelType": "WebPage",
        "organizationId": organization_id,
        "serviceChannelNames": localized("Ohjaamon verkkosivut", kind="Name"),
        "serviceChannelDescriptions": [],
        "areaType": "Nationwide",
        "areas": [],
        "supportPhones": [],
        "supportEmails": [{"value": "verkko@mikkeli.example.fi", "language": "fi"}],
        "languages": ["fi"],
        "webPages": [{"url": url, "value": "Ohjaamo", "language": "fi"}],
        "serviceHours": [],
        "accessibilityClassification": [],
        "services": [{"service": {"id": service_id, "name": ""}}],
        "serviceCollections": [],
        "publishingStatus": "Published",
        "modified": "2026-11-01T08:00:00",
    }


def service(
    ptv_id: str,
    organization_id: str,
    channel_ids: list[str],
    *,
    name: str = "Ohjaamo Mikkeli",
    summary: str = "Maksutonta ohjausta alle 30-vuotiaille.",
    classes: tuple[str, ...] = ("P28.5",),
    groups: tuple[str, ...] = ("KR1", "KR1.3"),
    modified: str = "2026-11-01T08:00:00",
    area: tuple[str, ...] = ("491",),
) -> dict[str, Any]:
    return {
        "id": ptv_id,
        "sourceId": "",
        "generalDescriptionId": None,
        "subType": "",
        "type": "Service",
        "fundingType": "PubliclyFunded",
        "serviceNames": localized(name, "Navigatorn S:t Michel", "Ohjaamo Mikkeli", kind="Name"),
        "serviceChargeType": "FreeOfCharge",
        "areaType": "LimitedType" if area else "Nationwide",
        "areas": [
            {
                "type": "Municipality",
                "code": code,
                "name": localized("Mikkeli"),
                "municipalities": [],
            }
            for code in area
        ],
        "serviceDescriptions": [
            *localized(
                summary, "Kostnadsfri handledning för unga under 30 år.", "Free guidance for under-30s.", kind="Summary"
            ),
            *localized("Ohjaamossa saat tukea opiskeluun ja työhön.", "", "", kind="Description"),
            *localized(
                "Tule käymään tai varaa aika.",
                "Kom förbi eller boka tid.",
                "Drop in or book a time.",
                kind="UserInstruction",
            ),
        ],
        "languages": ["fi", "sv", "en"],
        "serviceClasses": [term(CLASS + code, code) for code in classes],
        "ontologyTerms": [],
        "targetGroups": [term(GROUP + code, code) for code in groups],
        "lifeEvents": [],
        "industrialClasses": [],
        "legislation": [],
        "keywords": [],
        "requirements": localized("Alle 30-vuotiaat.", "Personer under 30 år.", "People under 30."),
        "serviceChannels": [
            {
                "serviceChannel": {"id": channel_id, "name": ""},
                "serviceChargeType": None,
                "description": [],
                "extraTypes": [],
                "serviceHours": [],
                "contactDetails": None,
                "digitalAuthorizations": [],
                "modified": modified,
            }
            for channel_id in channel_ids
        ],
        "organizations": [
            {
                "organization": {"id": organization_id, "name": ""},
                "roleType": "Responsible",
                "provisionType": None,
                "additionalInformation": [],
            }
        ],
        "serviceVouchersInUse": False,
        "serviceVouchers": [],
        "serviceCollections": [],
        "publishingStatus": "Published",
        "modified": modified,
        "responsibleSoteOrganization": None,
    }


def write_download(
    folder: Path,
    *,
    services: list[dict[str, Any]],
    channels: list[dict[str, Any]],
    organizations: list[dict[str, Any]],
    archived: list[str] = (),
    full: bool = True,
) -> Path:
    write_folder(
        folder,
        Download(
            services=services,
            channels={c["id"]: c for c in channels},
            organizations={o["id"]: o for o in organizations},
            archived=list(archived),
            full=full,
            downloaded_at=datetime.datetime(2026, 12, 1, 6, 0, tzinfo=datetime.UTC),
            source="tests",
        ),
    )
    return folder
