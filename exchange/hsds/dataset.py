"""One HSDS dataset in one language: the objects of the HSDS API's collections — services, organizations, services
at locations, taxonomies, taxonomy terms — made from a selection of published services. The export
(exchange/hsds/export.py) writes all of them; the API (exchange/hsds/api.py) pages through them: one path, so the
files and the endpoints always give the same objects."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from exchange.hsds.objects import (
    LANGUAGES,
    TAXONOMIES,
    organization_record,
    service_record,
    service_summary,
    taxonomy_record,
    term_record,
    with_organization,
)
from regions.models import EmploymentArea, Municipality, Region, VitalityCentre
from services.languages import LANGUAGES_OFFERED
from services.models import NationalGoal, Service, ServiceType, TargetGroup


@dataclass
class Dataset:
    language: str
    services: list[dict[str, Any]] = field(default_factory=list)
    organizations: list[dict[str, Any]] = field(default_factory=list)

    @property
    def service_at_locations(self) -> list[dict[str, Any]]:
        """Every service at a location, with its service (as in the service lists, with its organization)."""
        return [
            {**at, "service": service_summary(service)}
            for service in self.services
            for at in service["service_at_locations"]
        ]


def build(services: Iterable[Service], language: str) -> Dataset:
    """The services (prefetched as ``objects.published_services()``) and their providers in ``language``."""
    rows = list(services)
    providers = sorted({s.provider_id: s.provider for s in rows}.values(), key=lambda p: (p.external_id or "", p.pk))
    dataset = Dataset(language)
    # Vocabulary and area names come through modeltranslation in the active language.
    with translation.override(language):
        organizations = {p.pk: organization_record(p, language) for p in providers}
        offered: dict[str, list[dict[str, Any]]] = {record["id"]: [] for record in organizations.values()}
        for service in rows:
            organization = organizations[service.provider_id]
            record = with_organization(service_record(service, language), organization)
            dataset.services.append(record)
            offered[organization["id"]].append(service_summary(record))
    dataset.organizations = [{**o, "services": offered[o["id"]]} for o in organizations.values()]
    return dataset


def taxonomies() -> list[dict[str, Any]]:
    return [taxonomy_record(kind) for kind in TAXONOMIES]


def taxonomy_terms(language: str) -> list[dict[str, Any]]:
    """Every term of LIV's taxonomies, in ``language``: the vocabularies and the official areas."""
    with translation.override(language):
        terms = [term_record("service_type", t.code, t.name, language) for t in ServiceType.objects.order_by("code")]
        terms += [term_record("target_group", t.code, t.name, language) for t in TargetGroup.objects.order_by("code")]
        terms += [
            term_record("national_goal", g.number, g.name, language) for g in NationalGoal.objects.order_by("number")
        ]
        terms.append(term_record("area", "country:FI", str(_("Finland")), language, "country"))
        for kind, model in (
            ("vitality_centre", VitalityCentre),
            ("region", Region),
            ("employment_area", EmploymentArea),
            ("municipality", Municipality),
        ):
            terms += [
                term_record("area", f"{kind}:{area.code}", area.name, language, kind)
                for area in model.objects.order_by("code")
            ]
        terms += [term_record("text_language", code, str(LANGUAGES_OFFERED[code]), language) for code in LANGUAGES]
    return terms
