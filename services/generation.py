"""Generated test directories: many realistic services for measuring the site at national scale.

``generate_directory(services=100_000, seed=1)`` writes providers (about one per five services), services with
fi/sv/en texts built from the vocabularies and Finland's real municipalities, service areas, in-person locations
with opening hours and online channels. Everything is marked ``origin="generated"`` so that it can be told from
real entries and removed with :func:`delete_generated`; the same seed always gives the same directory.

Rows are built as plain tuples and written with PostgreSQL COPY (:func:`_copy`) inside one transaction, with the
search index's per-statement triggers deferred; the search documents are built once at the end
(services/documents.py), after fresh planner statistics for the tables just filled.

Generated entries carry no phone numbers, e-mail addresses, street addresses or business IDs: any of those could
belong to someone real. Online channels point to the two national services whose addresses are public.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.db.models import Model, ProtectedError, QuerySet
from psycopg import sql as psycopg_sql

from regions.models import Municipality
from services.models import (
    ElectronicChannel,
    NationalGoal,
    OpeningHours,
    Origin,
    Provider,
    Service,
    ServiceLocation,
    ServiceType,
    TargetGroup,
)
from services.search import documents

SERVICES_PER_PROVIDER = 5
ID_PREFIX = "generated"
# The service's many-to-many fields the generator fills.
RELATIONS = (
    "service_types",
    "target_groups",
    "national_goals",
    "vitality_centres",
    "regions",
    "municipalities",
    "employment_areas",
)

# Target groups as the object of "for …" in each language (fi: allative plural).
FOR_GROUP = {
    "young-people": ("nuorille", "för unga", "for young people"),
    "pupils": ("peruskoulun oppilaille", "för elever i grundskolan", "for comprehensive school pupils"),
    "upper-secondary-students": (
        "toisen asteen opiskelijoille",
        "för studerande på andra stadiet",
        "for upper secondary students",
    ),
    "higher-education-students": (
        "korkeakouluopiskelijoille",
        "för högskolestuderande",
        "for higher education students",
    ),
    "adults": ("aikuisille", "för vuxna", "for adults"),
    "jobseekers": ("työnhakijoille", "för arbetssökande", "for jobseekers"),
    "employed": ("työssä oleville", "för personer i arbete", "for people in work"),
    "immigrants": ("maahanmuuttajille", "för invandrare", "for immigrants"),
    "partial-work-ability": (
        "osatyökykyisille",
        "för personer med partiell arbetsförmåga",
        "for people with partial work ability",
    ),
    "entrepreneurs": ("yrittäjille", "för företagare", "for entrepreneurs"),
    "union-members": ("ammattiliittojen jäsenille", "för fackförbundens medlemmar", "for trade union members"),
    "guardians": ("huoltajille", "för vårdnadshavare", "for parents and guardians"),
    "guidance-practitioners": (
        "ohjaustyötä tekeville",
        "för dem som arbetar med handledning",
        "for guidance practitioners",
    ),
}

# What each kind of service does, one sentence per language.
DOES = {
    "information": (
        "Saat ajantasaista tietoa koulutuksesta, työstä ja palveluista.",
        "Du får aktuell information om utbildning, arbete och tjänster.",
        "You get up-to-date information on education, work and services.",
    ),
    "advice": (
        "Neuvoja auttaa selvittämään vaihtoehdot ja seuraavat askeleet.",
        "En rådgivare hjälper dig att reda ut alternativen och nästa steg.",
        "An adviser helps you sort out your options and next steps.",
    ),
    "guidance": (
        "Ohjaaja kulkee rinnallasi ja auttaa tekemään oman suunnitelman.",
        "Handledaren går vid din sida och hjälper dig att göra en egen plan.",
        "A counsellor walks alongside you and helps you make your own plan.",
    ),
    "career-guidance": (
        "Uraohjauksessa pohditaan vahvuuksiasi, kiinnostuksiasi ja uravaihtoehtojasi.",
        "I karriärvägledningen funderar ni på dina styrkor, intressen och karriäralternativ.",
        "Career guidance looks at your strengths, interests and career options.",
    ),
    "vocational-guidance": (
        "Ammatinvalintaohjauksessa psykologi auttaa löytämään sopivan ammatin tai alan.",
        "I yrkesvalsvägledningen hjälper en psykolog dig att hitta ett lämpligt yrke eller en bransch.",
        "In vocational guidance a psychologist helps you find a suitable occupation or field.",
    ),
    "study-guidance": (
        "Opinto-ohjaaja auttaa valitsemaan opinnot ja hakemaan jatko-opintoihin.",
        "Studiehandledaren hjälper dig att välja studier och söka till fortsatta studier.",
        "A study counsellor helps you choose your studies and apply for further education.",
    ),
    "education-advice": (
        "Koulutusneuvonnassa kuulet koulutusvaihtoehdoista, hakuajoista ja opintojen rahoituksesta.",
        "I utbildningsrådgivningen hör du om utbildningsalternativ, ansökningstider och finansiering av studier.",
        "Education advice tells you about study options, application periods and funding for studies.",
    ),
    "recognition-of-prior-learning": (
        "Osaamisen tunnistamisessa aiempi osaamisesi tehdään näkyväksi ja hyödynnetään opinnoissa.",
        "Vid erkännande av kunnande synliggörs ditt tidigare kunnande och tillgodoräknas i studierna.",
        "Recognition of prior learning makes your earlier skills visible and counts them in your studies.",
    ),
    "job-search-coaching": (
        "Työnhakuvalmennuksessa harjoitellaan hakemuksia, ansioluetteloa ja työhaastatteluja.",
        "I jobbsökarträningen övar ni ansökningar, cv och anställningsintervjuer.",
        "Job search coaching practises applications, CVs and job interviews.",
    ),
    "integration-guidance": (
        "Kotoutumista tukevassa ohjauksessa laaditaan suunnitelma kieliopintoihin, koulutukseen ja työhön.",
        "I handledningen som stöder integration gör ni upp en plan för språkstudier, utbildning och arbete.",
        "Integration guidance makes a plan for language studies, training and work.",
    ),
    "outreach-youth-work": (
        "Etsivä nuorisotyö tukee nuorta, joka on koulutuksen tai työn ulkopuolella.",
        "Det uppsökande ungdomsarbetet stöder unga som står utanför utbildning och arbete.",
        "Outreach youth work supports young people who are not in education or work.",
    ),
    "business-advice": (
        "Yritysneuvonnassa saat tukea yrittäjäksi ryhtymiseen ja oman yrityksen kehittämiseen.",
        "I företagsrådgivningen får du stöd för att bli företagare och utveckla ditt företag.",
        "Business advice supports you in becoming an entrepreneur and developing your business.",
    ),
}

PROVIDER_KINDS = (
    (Provider.Kind.MUNICIPALITY, Provider.Sector.PUBLIC, ("{m}n palvelut", "{s} tjänster", "{e} services")),
    (
        Provider.Kind.EMPLOYMENT,
        Provider.Sector.PUBLIC,
        ("Työllisyyspalvelut {m}", "Sysselsättningstjänster {s}", "Employment services {e}"),
    ),
    (Provider.Kind.OHJAAMO, Provider.Sector.PUBLIC, ("Ohjaamo {m}", "Navigatorn {s}", "Ohjaamo {e}")),
    (
        Provider.Kind.INSTITUTION,
        Provider.Sector.PUBLIC,
        ("Oppilaitos {m}", "Läroanstalt {s}", "Educational institution {e}"),
    ),
    (Provider.Kind.SCHOOL, Provider.Sector.PUBLIC, ("Koulu {m}", "Skola {s}", "School {e}")),
    (
        Provider.Kind.NGO,
        Provider.Sector.THIRD,
        ("Ohjausyhdistys {m}", "Handledningsförening {s}", "Guidance association {e}"),
    ),
    (
        Provider.Kind.IMMIGRANT,
        Provider.Sector.PUBLIC,
        ("Maahanmuuttajapalvelut {m}", "Invandrartjänster {s}", "Immigrant services {e}"),
    ),
    (
        Provider.Kind.COMPANY,
        Provider.Sector.PRIVATE,
        ("Uravalmennus {m}", "Karriärcoachning {s}", "Career coaching {e}"),
    ),
)

EXTRA_LANGUAGES = ("ru", "uk", "ar", "so", "fa", "et", "se", "ku", "zh", "vi", "es", "de", "fr", "pl", "ti", "prs")
ONLINE = (
    (ElectronicChannel.Kind.ESERVICE, "https://opintopolku.fi/", ("Opintopolku", "Studieinfo", "Studyinfo")),
    (
        ElectronicChannel.Kind.WEB,
        "https://tyomarkkinatori.fi/",
        ("Työmarkkinatori", "Jobbmarknaden", "Job Market Finland"),
    ),
)
TODAY = datetime.date(2026, 11, 1)  # generated review dates are fixed, so a seed gives the same data on any day


@dataclass(frozen=True, slots=True)
class GenerationResult:
    providers: int
    services: int
    locations: int
    seconds: float
    index_seconds: float


@dataclass(frozen=True, slots=True)
class _Place:
    pk: int
    names: tuple[str, str, str]
    region_id: int
    vitality_centre_id: int
    employment_area_id: int | None


def _next_ids(model: type[Model], count: int) -> list[int]:
    """``count`` primary keys for ``model`` from its own sequence, so that rows written by COPY (which returns no
    ids) can be referred to by the rows written after them, and later ordinary inserts never collide with them."""
    if not count:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return sorted(row[0] for row in cursor.fetchall())


def _copy(model: type[Model], columns: Sequence[str], rows: Iterable[tuple], **constants: object) -> int:
    """Write ``rows`` (tuples of the ``columns``' attnames, database-ready values) into ``model``'s table with
    PostgreSQL COPY; every other column gets the value an unsaved ``model(**constants)`` would save.

    Why COPY rather than ``bulk_create``: at 100 000 services the generator writes about a million rows, and
    ``bulk_create`` spends most of its time building a model instance per row, compiling a multi-row INSERT with
    a parameter per value and having the server parse it. COPY streams plain tuples in one statement per table,
    without per-row Python objects; the rows, triggers (deferred here) and constraints are the same.
    """
    template = model(**constants)
    fields = {field.attname: field for field in model._meta.concrete_fields}
    fixed = [field for name, field in fields.items() if name not in columns and not field.primary_key]
    fixed_values = tuple(field.get_db_prep_save(field.pre_save(template, add=True), connection) for field in fixed)
    names = [fields[name].column for name in columns] + [field.column for field in fixed]
    statement = psycopg_sql.SQL("COPY {} ({}) FROM STDIN").format(
        psycopg_sql.Identifier(model._meta.db_table), psycopg_sql.SQL(", ").join(map(psycopg_sql.Identifier, names))
    )
    written = 0
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row + fixed_values)
            written += 1
    return written


def _texts(three: tuple[str, str, str], languages: str) -> tuple[str, str | None, str | None]:
    """``languages`` is "fi", "fisv" or "fisven": which translations this entry has; the others stay empty."""
    return (three[0], three[1] if "sv" in languages else None, three[2] if "en" in languages else None)


def _translated(field: str) -> tuple[str, str, str, str]:
    """A translated field's columns: the base column (which holds the Finnish text, as modeltranslation saves it
    when Finnish is the default language) and the fi, sv and en columns."""
    return (field, f"{field}_fi", f"{field}_sv", f"{field}_en")


# The columns of a generated service row, in the order the generators build them (also services.evaluation).
SERVICE_COLUMNS = (
    "id",
    "provider_id",
    *_translated("name"),
    *_translated("summary"),
    *_translated("description"),
    *("nationwide", "languages", "cost", "status", "last_reviewed", "external_id"),
)


def _search_triggers_back_on() -> None:
    """End of a bulk block: the search triggers work again for whatever an outer transaction does next."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL liv.search_deferred = 'off'")


def generated_exists(*, seed: int) -> bool:
    return Service.objects.filter(external_id__startswith=f"{ID_PREFIX}:{seed}:").exists()


def _delete_rows(queryset: QuerySet) -> int:
    """Delete the rows and, following the models' own on_delete rules, what depends on them — in one statement
    per table. The ORM's row-by-row delete would write a history record for each of 100 000 generated entries."""
    model = queryset.model
    for relation in model._meta.related_objects:
        related = relation.related_model
        if relation.many_to_many:
            through = relation.through
            column = next(f.name for f in through._meta.fields if f.related_model is model)
            through._base_manager.filter(**{f"{column}__in": queryset.values("pk")})._raw_delete(connection.alias)
            continue
        dependants = related._base_manager.filter(**{f"{relation.field.name}__in": queryset.values("pk")})
        if relation.on_delete is models.CASCADE:
            _delete_rows(dependants)
        elif relation.on_delete is models.SET_NULL:
            dependants.update(**{relation.field.name: None})
        elif dependants.exists():
            raise ProtectedError(f"{related._meta.verbose_name} refers to generated entries", set(dependants[:10]))
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        through._base_manager.filter(**{f"{field.m2m_field_name()}__in": queryset.values("pk")})._raw_delete(
            connection.alias
        )
    return queryset._raw_delete(connection.alias)


def delete_generated() -> dict[str, int]:
    """Remove every generated service and provider with their channels; returns how many of each."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL liv.search_deferred = 'on'")
            cursor.execute(
                "DELETE FROM services_search_document WHERE service_id IN "
                "(SELECT id FROM services_service WHERE origin = %s)",
                [Origin.GENERATED],
            )
        services = _delete_rows(Service._base_manager.filter(origin=Origin.GENERATED))
        providers = _delete_rows(Provider._base_manager.filter(origin=Origin.GENERATED, services__isnull=True))
        _search_triggers_back_on()
    return {"services": services, "providers": providers}


def generate_directory(*, services: int, seed: int) -> GenerationResult:
    """Create ``services`` generated services (and their providers) from ``seed``; see the module docstring.

    The random draws happen in a fixed order (providers, services, their places and channels, opening hours), so
    a seed always gives the same directory; the rows are plain tuples streamed into COPY (see :func:`_copy`).
    """
    started = time.monotonic()
    rng = random.Random(seed)
    places = [
        _Place(
            m.pk,
            (m.name_fi, m.name_sv or m.name_fi, m.name_en or m.name_fi),
            m.region_id,
            m.region.vitality_centre_id,
            m.employment_area_id,
        )
        for m in Municipality.objects.select_related("region").order_by("code")
    ]
    service_types = list(ServiceType.objects.order_by("code"))
    target_groups = list(TargetGroup.objects.order_by("code"))
    goals = list(NationalGoal.objects.order_by("number"))
    prefix = f"{ID_PREFIX}:{seed}"
    generated = {"origin": Origin.GENERATED}

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL liv.search_deferred = 'on'")

        provider_count = max(1, services // SERVICES_PER_PROVIDER)
        provider_ids = _next_ids(Provider, provider_count)
        provider_names: list[tuple[str | None, str | None, str | None]] = []
        provider_places: list[_Place] = []

        def provider_rows() -> Iterator[tuple]:
            for number, pk in enumerate(provider_ids):
                place = rng.choice(places)
                kind, sector, pattern = rng.choice(PROVIDER_KINDS)
                m, s, e = place.names
                names = (pattern[0].format(m=m), pattern[1].format(s=s), pattern[2].format(e=e))
                languages = rng.choices(("fisven", "fisv", "fi"), weights=(7, 1, 2))[0]
                name = _texts(names, languages)
                description = _texts(
                    (
                        f"Generoitu palveluntuottaja, {m}.",
                        f"Genererad tjänsteproducent, {s}.",
                        f"Generated provider, {e}.",
                    ),
                    languages,
                )
                provider_names.append(name)
                provider_places.append(place)
                yield (
                    pk,
                    name[0],
                    *name,
                    description[0],
                    *description,
                    sector,
                    kind,
                    place.pk,
                    f"{prefix}:provider:{number}",
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

        service_ids = _next_ids(Service, services)
        plans: list[tuple[int, list[int], list[int], list[int], str, _Place]] = []

        def service_rows() -> Iterator[tuple]:
            for number, pk in enumerate(service_ids):
                provider_index = number % provider_count
                place = provider_places[provider_index] if rng.random() < 0.8 else rng.choice(places)
                types = rng.sample(service_types, rng.choice((1, 1, 2, 2, 3)))
                groups = rng.sample(target_groups, rng.choice((1, 2, 2, 3)))
                languages = rng.choices(("fisven", "fisv", "fi"), weights=(7, 1, 2))[0]
                main = types[0]
                m, s, e = place.names
                type_names = (main.name_fi, main.name_sv or main.name_fi, main.name_en or main.name_fi)
                group_for = FOR_GROUP.get(groups[0].code, (groups[0].name_fi,) * 3)
                name = (
                    f"{type_names[0]} {group_for[0]} – {m}",
                    f"{type_names[1]} {group_for[1]} – {s}",
                    f"{type_names[2]} {group_for[2]} – {e}",
                )
                summary = tuple(
                    f"{type_names[i]} {group_for[i]}. " + DOES.get(main.code, ("", "", ""))[i] for i in range(3)
                )
                extra = [DOES.get(t.code, ("", "", "")) for t in types[1:]]
                place_sentence = (f"Palvelupaikka: {m}.", f"Serviceställe: {s}.", f"Service location: {e}.")
                description = tuple(
                    " ".join([summary[i], *(x[i] for x in extra), place_sentence[i]]).strip() for i in range(3)
                )
                cost = rng.choices(Service.Cost.values, weights=(8, 1, 1))[0]
                status = rng.choices(Service.Status.values, weights=(8, 90, 2))[0]
                offered = ["fi"] + (["sv"] if "sv" in languages else []) + (["en"] if "en" in languages else [])
                offered += rng.sample(EXTRA_LANGUAGES, rng.choice((0, 0, 0, 1, 2)))
                area_kind = rng.choices(
                    ("employment", "municipality", "region", "centre", "nationwide"), weights=(45, 25, 15, 10, 5)
                )[0]
                if area_kind == "employment" and place.employment_area_id is None:
                    area_kind = "municipality"
                last_reviewed = TODAY - datetime.timedelta(days=rng.randrange(0, 800))
                chosen_goals = rng.sample(goals, rng.choice((1, 1, 2)))
                plans.append(
                    (
                        provider_index,
                        [t.pk for t in types],
                        [g.pk for g in groups],
                        [g.pk for g in chosen_goals],
                        area_kind,
                        place,
                    )
                )
                name, summary, description = (_texts(t, languages) for t in (name, summary, description))
                yield (
                    pk,
                    provider_ids[provider_index],
                    name[0],
                    *name,
                    summary[0],
                    *summary,
                    description[0],
                    *description,
                    area_kind == "nationwide",
                    offered,
                    cost,
                    status,
                    last_reviewed,
                    f"{prefix}:service:{number}",
                )

        _copy(
            Service,
            SERVICE_COLUMNS,
            service_rows(),
            **generated,
        )

        relations: dict[str, list[tuple[int, int]]] = {field: [] for field in RELATIONS}
        locations: list[tuple] = []
        channels: list[tuple] = []
        for pk, (provider_index, type_ids, group_ids, goal_ids, area_kind, place) in zip(
            service_ids, plans, strict=True
        ):
            relations["service_types"].extend((pk, other) for other in type_ids)
            relations["target_groups"].extend((pk, other) for other in group_ids)
            relations["national_goals"].extend((pk, other) for other in goal_ids)
            if area_kind == "employment":
                relations["employment_areas"].append((pk, place.employment_area_id))
            elif area_kind == "municipality":
                relations["municipalities"].append((pk, place.pk))
            elif area_kind == "region":
                relations["regions"].append((pk, place.region_id))
            elif area_kind == "centre":
                relations["vitality_centres"].append((pk, place.vitality_centre_id))
            if area_kind != "nationwide" or rng.random() < 0.3:
                name = provider_names[provider_index]
                for _ in range(rng.choices((1, 2), weights=(85, 15))[0]):
                    where = place if rng.random() < 0.8 else rng.choice(places)
                    locations.append((pk, name[0], *name, where.pk))
            if area_kind == "nationwide" or rng.random() < 0.3:
                kind, url, names = rng.choice(ONLINE)
                channels.append((pk, kind, names[0], *names, url, url))
        plans.clear()
        for field, pairs in relations.items():
            through = getattr(Service, field).through
            target = getattr(Service, field).field.m2m_reverse_field_name()
            _copy(through, ("service_id", f"{target}_id"), pairs)
        relations.clear()
        location_ids = _next_ids(ServiceLocation, len(locations))
        _copy(
            ServiceLocation,
            ("id", "service_id", *_translated("name"), "municipality_id"),
            ((pk, *row) for pk, row in zip(location_ids, locations, strict=True)),
        )
        _copy(ElectronicChannel, ("service_id", "kind", *_translated("name"), "url", "url_fi"), channels)

        def opening_hours_rows() -> Iterator[tuple]:
            for pk in location_ids:
                opens = datetime.time(rng.choice((8, 9, 10)))
                closes = datetime.time(rng.choice((14, 15, 16, 17)))
                for weekday in range(1, rng.choice((4, 5, 6))):
                    yield (pk, weekday, opens, closes)

        _copy(OpeningHours, ("location_id", "weekday", "opens", "closes"), opening_hours_rows())
        _search_triggers_back_on()

    written = time.monotonic()
    with connection.cursor() as cursor:
        # The tables have just grown by up to a million rows: without fresh statistics the planner would join
        # them for the search documents as if they were still nearly empty (nested loops over whole tables).
        for model in (Provider, Service, ServiceLocation, ElectronicChannel, OpeningHours):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        for field in RELATIONS:
            through = getattr(Service, field).through
            cursor.execute(f"ANALYZE {connection.ops.quote_name(through._meta.db_table)}")
    documents.refresh(service_ids=service_ids)
    finished = time.monotonic()
    return GenerationResult(
        providers=len(provider_ids),
        services=len(service_ids),
        locations=len(location_ids),
        seconds=finished - started,
        index_seconds=finished - written,
    )
