"""The search evaluation directory: guidance services among many ordinary municipal services.

``generate_evaluation_directory(municipal=10_000, seed=1)`` imports the hand-written guidance services of
fixtures/evaluation/guidance_services.json (external ids ``eval:…``) through the ordinary import, and adds
``municipal`` OFF-TOPIC municipal services (external ids ``evalgen:<seed>:…``): libraries, sports, health and
dental care, social work, day care, elderly services, housing, waste, transport, building control, culture,
youth centres, debt counselling, legal aid, consumer advice, tourism, parking… Their texts come from templates
with variation, in Finnish, Swedish and English, placed in Finland's real municipalities (big towns more often),
and they deliberately share words with guidance services — *neuvonta*, *ohjaus*, *palvelu*, *nuoret*, *aikuiset*,
*maahanmuuttajat*, *työ*, *koulutus*, *kurssi*, *vägledning*, *rådgivning*, *guidance*, *counselling*, *center* —
and their vocabulary labels (advice, information, guidance; young people, adults, immigrants). A search that
matches words without understanding them ranks these first; bench/search_quality.py measures that.

Everything is marked ``origin="generated"`` and removed with :func:`delete_evaluation`. The same seed gives the
same directory. Rows are written with COPY inside one transaction with the search triggers deferred, and the
search documents are built once at the end (the helpers of services/generation.py). No embeddings are computed.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q

from exchange.importer import import_directory
from regions.models import Municipality, Region
from services.generation import (
    SERVICE_COLUMNS,
    _copy,
    _delete_rows,
    _next_ids,
    _search_triggers_back_on,
    _texts,
    _translated,
)
from services.models import (
    ElectronicChannel,
    OpeningHours,
    Origin,
    Provider,
    Service,
    ServiceLocation,
    ServiceType,
    TargetGroup,
)

GUIDANCE_FILE = Path(settings.BASE_DIR) / "fixtures" / "evaluation" / "guidance_services.json"
GUIDANCE_PREFIX = "eval:"
GENERATED_PREFIX = "evalgen:"
RELATIONS = ("service_types", "target_groups", "municipalities")

# The biggest towns get more services (as they have in reality); every municipality gets some.
BIG_TOWNS = {
    "091": 40, "049": 25, "837": 25, "092": 22, "564": 20, "853": 18, "179": 14, "297": 12, "398": 12,
    "609": 9, "405": 8, "167": 8, "905": 8, "109": 7, "286": 7, "743": 7, "272": 6, "698": 6, "491": 6,
    "285": 6, "638": 6, "710": 4, "478": 3, "598": 4, "205": 4, "140": 3, "240": 3, "851": 3,
}  # fmt: skip

Three = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Template:
    """One kind of ordinary municipal service. ``names`` hold "{m}" for the municipality's name; ``summary`` and
    ``extra`` are alternatives; ``types`` and ``groups`` are vocabulary codes such a service is often labelled
    with; ``health``: provided by the wellbeing services county (hyvinvointialue), not the municipality."""

    key: str
    weight: int
    names: tuple[Three, ...]
    summary: tuple[Three, ...]
    extra: tuple[Three, ...] = ()
    types: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    health: bool = False


TEMPLATES_FILE = Path(settings.BASE_DIR) / "fixtures" / "evaluation" / "municipal_templates.json"


def _three(texts: list[str]) -> Three:
    fi, sv, en = texts
    return fi, sv, en


def _load_templates() -> tuple[tuple[Template, ...], tuple[Three, ...]]:
    """The off-topic services' templates and closing sentences (any service may get at most one), kept as data in
    fixtures/evaluation/municipal_templates.json."""
    data = json.loads(TEMPLATES_FILE.read_text(encoding="utf-8"))
    templates = tuple(
        Template(
            key=row["key"],
            weight=row["weight"],
            names=tuple(_three(texts) for texts in row["names"]),
            summary=tuple(_three(texts) for texts in row["summary"]),
            extra=tuple(_three(texts) for texts in row["extra"]),
            types=tuple(row["types"]),
            groups=tuple(row["groups"]),
            health=row["health"],
        )
        for row in data["templates"]
    )
    return templates, tuple(_three(texts) for texts in data["closing"])


TEMPLATES, CLOSING = _load_templates()


@dataclass(frozen=True, slots=True)
class EvaluationResult:
    guidance: int
    municipal: int
    providers: int
    seconds: float
    index_seconds: float


def evaluation_exists() -> bool:
    return Service.objects.filter(
        Q(external_id__startswith=GUIDANCE_PREFIX) | Q(external_id__startswith=GENERATED_PREFIX)
    ).exists()


def delete_evaluation() -> dict[str, int]:
    """Remove the evaluation set's services and providers (``eval:`` and ``evalgen:``); nothing else."""
    ours = Q(external_id__startswith=GUIDANCE_PREFIX) | Q(external_id__startswith=GENERATED_PREFIX)
    with transaction.atomic():
        services = Service._base_manager.filter(ours)
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL liv.search_deferred = 'on'")
            cursor.execute(
                "DELETE FROM services_search_document WHERE service_id IN (SELECT id FROM services_service "
                "WHERE external_id LIKE %s OR external_id LIKE %s)",
                [f"{GUIDANCE_PREFIX}%", f"{GENERATED_PREFIX}%"],
            )
        removed = _delete_rows(services)
        providers = _delete_rows(Provider._base_manager.filter(ours, services__isnull=True))
        _search_triggers_back_on()
    return {"services": removed, "providers": providers}


def _refresh_search_documents(service_ids: list[int]) -> None:
    """Build the search documents once, with the helper services/generation.py uses."""
    from services.search.documents import refresh

    refresh(service_ids=service_ids)


def _pick(rng: random.Random, options: tuple[Three, ...]) -> Three:
    return options[rng.randrange(len(options))]


def generate_evaluation_directory(*, municipal: int, seed: int, guidance: bool = True) -> EvaluationResult:
    """Import the guidance services and generate ``municipal`` off-topic municipal services; see the module
    docstring. The random draws happen in a fixed order, so the seed alone decides the directory. ``guidance``
    False leaves the guidance services out (the tests use it to keep fast)."""
    started = time.monotonic()
    imported = 0
    if guidance:
        report = import_directory(document=GUIDANCE_FILE.read_bytes())
        imported = sum(len(getattr(report, outcome)["services"]) for outcome in ("created", "updated", "unchanged"))

    rng = random.Random(seed)
    municipalities = list(Municipality.objects.select_related("region").order_by("code"))
    regions = {r.pk: r for r in Region.objects.all()}
    weights = [BIG_TOWNS.get(m.code, 1) for m in municipalities]
    types = {t.code: t.pk for t in ServiceType.objects.all()}
    groups = {g.code: g.pk for g in TargetGroup.objects.all()}
    template_weights = [t.weight for t in TEMPLATES]
    prefix = f"{GENERATED_PREFIX}{seed}"
    generated = {"origin": Origin.GENERATED}

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL liv.search_deferred = 'on'")

        # Draw every service first: its template, place and language mix; providers follow from them.
        plans = []
        for _ in range(municipal):
            template = rng.choices(TEMPLATES, weights=template_weights)[0]
            place = rng.choices(municipalities, weights=weights)[0]
            languages = rng.choices(("fi", "fisv", "fisven"), weights=(3, 2, 5))[0]
            if place.region.code in ("15", "21") or (
                place.name_sv and place.name_sv != place.name_fi and rng.random() < 0.3
            ):
                languages = "fisv" if languages == "fi" else languages
            plans.append((template, place, languages))

        provider_keys: dict[tuple[str, int], int] = {}
        for template, place, _languages in plans:
            key = ("region", place.region_id) if template.health else ("municipality", place.pk)
            provider_keys.setdefault(key, len(provider_keys))
        provider_ids = _next_ids(Provider, len(provider_keys))

        def provider_rows() -> Iterator[tuple]:
            for (kind, pk), index in provider_keys.items():
                if kind == "region":
                    region = regions[pk]
                    names = (
                        f"Hyvinvointialue – {region.name_fi}",
                        f"Välfärdsområdet – {region.name_sv or region.name_fi}",
                        f"Wellbeing services county – {region.name_en or region.name_fi}",
                    )
                    home, code = None, region.code
                else:
                    m = next(x for x in municipalities if x.pk == pk)
                    names = (
                        f"Kunnan palvelut – {m.name_fi}",
                        f"Kommunens tjänster – {m.name_sv or m.name_fi}",
                        f"Municipal services – {m.name_en or m.name_fi}",
                    )
                    home, code = pk, m.code
                yield (
                    provider_ids[index],
                    names[0],
                    *names,
                    "",
                    "",
                    "",
                    "",
                    Provider.Sector.PUBLIC,
                    Provider.Kind.MUNICIPALITY,
                    home,
                    f"{prefix}:provider:{kind}:{code}",
                )

        _copy(
            Provider,
            (
                "id",
                *_translated("name"),
                *_translated("description"),
                "sector",
                "kind",
                "municipality_id",
                "external_id",
            ),
            provider_rows(),
            **generated,
        )

        service_ids = _next_ids(Service, municipal)
        relations: dict[str, list[tuple[int, int]]] = {field: [] for field in RELATIONS}
        locations: list[tuple] = []
        channels: list[tuple] = []

        def service_rows() -> Iterator[tuple]:
            for number, (pk, (template, place, languages)) in enumerate(zip(service_ids, plans, strict=True)):
                m = (place.name_fi, place.name_sv or place.name_fi, place.name_en or place.name_fi)
                pattern = _pick(rng, template.names)
                name = tuple(pattern[i].replace("{m}", m[i]) for i in range(3))
                summary = _pick(rng, template.summary)
                sentences = [summary]
                if template.extra and rng.random() < 0.7:
                    sentences.append(_pick(rng, template.extra))
                if rng.random() < 0.5:
                    sentences.append(_pick(rng, CLOSING))
                description = tuple(" ".join(s[i] for s in sentences) for i in range(3))
                provider_key = ("region", place.region_id) if template.health else ("municipality", place.pk)
                provider_id = provider_ids[provider_keys[provider_key]]
                for code in template.types:
                    if rng.random() < 0.7:
                        relations["service_types"].append((pk, types[code]))
                for code in template.groups:
                    if rng.random() < 0.8:
                        relations["target_groups"].append((pk, groups[code]))
                relations["municipalities"].append((pk, place.pk))
                if rng.random() < 0.85:
                    locations.append((pk, *_texts(name, languages), place.pk))
                if rng.random() < 0.25:
                    channels.append(
                        (
                            pk,
                            ElectronicChannel.Kind.WEB,
                            *("Suomi.fi",) * 4,
                            "https://www.suomi.fi/",
                            "https://www.suomi.fi/",
                        )
                    )
                offered = ["fi"] + (["sv"] if "sv" in languages else []) + (["en"] if "en" in languages else [])
                name, summary_t, description = (_texts(t, languages) for t in (name, summary, description))
                yield (
                    pk,
                    provider_id,
                    name[0],
                    *name,
                    summary_t[0],
                    *summary_t,
                    description[0],
                    *description,
                    False,
                    offered,
                    rng.choices(Service.Cost.values, weights=(6, 2, 2))[0],
                    Service.Status.PUBLISHED,
                    None,
                    f"{prefix}:service:{number}",
                )

        _copy(
            Service,
            SERVICE_COLUMNS,
            service_rows(),
            **generated,
        )
        for field, pairs in relations.items():
            through = getattr(Service, field).through
            target = getattr(Service, field).field.m2m_reverse_field_name()
            _copy(through, ("service_id", f"{target}_id"), pairs)
        location_ids = _next_ids(ServiceLocation, len(locations))
        _copy(
            ServiceLocation,
            ("id", "service_id", *_translated("name"), "municipality_id"),
            (
                (pk, service, fi, fi, sv, en, place)
                for pk, (service, fi, sv, en, place) in zip(location_ids, locations, strict=True)
            ),
        )
        _copy(ElectronicChannel, ("service_id", "kind", *_translated("name"), "url", "url_fi"), channels)

        def opening_hours_rows() -> Iterator[tuple]:
            for pk in location_ids:
                if rng.random() < 0.5:
                    continue
                for weekday in range(1, 6):
                    yield (pk, weekday, "08:00", "16:00")

        _copy(OpeningHours, ("location_id", "weekday", "opens", "closes"), opening_hours_rows())
        _search_triggers_back_on()

    written = time.monotonic()
    with connection.cursor() as cursor:
        for model in (Provider, Service, ServiceLocation, ElectronicChannel, OpeningHours):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        for field in RELATIONS:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(getattr(Service, field).through._meta.db_table)}")
    _refresh_search_documents(service_ids)
    finished = time.monotonic()
    return EvaluationResult(
        guidance=imported,
        municipal=len(service_ids),
        providers=len(provider_ids),
        seconds=finished - started,
        index_seconds=finished - written,
    )
