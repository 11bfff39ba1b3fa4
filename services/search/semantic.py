"""The semantic half of the search: what a service's text means, as a vector in PostgreSQL (pgvector).

Each service has one embedding (services.models.ServiceEmbedding) of the text a citizen would read first: its
name, summary and description in its main language, its names and summaries in the other languages, its target
groups and service types, and where it is met. The search compares the query's embedding with them through an
HNSW index (services.search.engine) and fuses that ranking with the lexical one.

Embeddings follow edits through the same change log that keeps the facet and text indexes current
(services.search.changes): :func:`follow` embeds the services changed since the version it last reached, skipping
those whose text did not change (the hash of the embedded text is stored). The admin embeds the service it saved
at once (:func:`refresh` for one id, after the commit); a bulk import leaves the work to
``python manage.py embed_services`` (a worker runs it with ``--watch``), so an import never waits for the model.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper
from django.db.models import Prefetch

from services.models import Service, ServiceEmbedding, ServiceLocation
from services.search import changes as change_log
from services.search import embedding

CHUNK = 256  # services read from the database at a time
DESCRIPTION_CHARS = 300  # the start of a description says what the service is; the rest costs model time
_NEW_VERSION = "UPDATE services_search_state SET version = nextval('services_search_version') WHERE id = 1"
_LOCK = 0x4C4956_656D62  # advisory lock: one process follows the change log at a time

# What "about guidance" means to the model, and what the other services of a municipality are about — among them
# the advice a municipality gives besides guidance (debt, housing, consumer advice, legal aid): the difference of
# the two, compared with a service's embedding, tells how central the service is to guidance (used to order the
# services of a place when the query names only the place, and as the guidance prior of every ranking). Changing
# these texts changes every stored score: a migration calls rescore_guidance() (0020 did for this set).
GUIDANCE_TEXTS = (
    "ohjaus ja neuvonta koulutukseen, opiskeluun, ammatinvalintaan, uraan ja työnhakuun",
    "studiehandledning, karriärvägledning och rådgivning om utbildning, yrkesval och arbete",
    "career guidance, study counselling and advice on education, training and finding work",
    "opinto-ohjaus, uraohjaus, työllisyyspalvelut, työnhakuvalmennus, Ohjaamo, etsivä nuorisotyö, nuorten työpaja",
    "arbetskraftstjänster, jobbsökning, uppsökande ungdomsarbete, verkstäder för unga, integration och "
    "språkutbildning för invandrare",
    "employment services, job search coaching, youth outreach work, apprenticeships, integration training for "
    "immigrants, recognition of qualifications",
)
OTHER_TEXTS = (
    "kirjasto, liikunta, uimahalli, terveyskeskus, hammashoito, asuminen, jätehuolto, pysäköinti, kulttuuri",
    "bibliotek, idrott, hälsovård, tandvård, boende, avfallshantering, parkering, kultur",
    "library, sports, health centre, dental care, housing, waste management, parking, culture",
    "talous- ja velkaneuvonta, asumisneuvonta, kuluttajaneuvonta, oikeusapu, sosiaalipalvelut, perheneuvola, "
    "vanhuspalvelut, varhaiskasvatus, rakennusvalvonta",
    "ekonomi- och skuldrådgivning, boenderådgivning, konsumentrådgivning, rättshjälp, socialtjänst, "
    "familjerådgivning, äldreomsorg, småbarnspedagogik, byggnadstillsyn",
    "debt advice, housing advice, consumer advice, legal aid, social services, family counselling, elderly care, "
    "early childhood education, building permits",
)


def passage(service: Service) -> str:
    """The text embedded for a service (uses the relations prefetched by :func:`_services`): its name and summary
    in its main language, its target groups and service types in all three languages (their official names: a
    bridge for a question in another language than the entry's), its places (municipality names in Finnish and
    Swedish), its names in the other languages, and the start of its description; what the model's cap cuts is
    the end of the description."""
    languages = [code for code in ("fi", "sv", "en") if getattr(service, f"name_{code}")]
    main = languages[0] if languages else "fi"
    vocabulary = [*service.target_groups.all(), *service.service_types.all()]
    names = [" / ".join(dict.fromkeys(filter(None, (item.name_fi, item.name_sv, item.name_en)))) for item in vocabulary]
    places = sorted(
        {
            " / ".join(dict.fromkeys(filter(None, (loc.municipality.name_fi, loc.municipality.name_sv))))
            for loc in service.locations.all()
        }
    )
    if service.nationwide:
        places.append("koko Suomi / hela Finland / all of Finland")
    else:
        places += sorted(region.name_fi for region in service.regions.all())
    parts = [
        getattr(service, f"name_{main}"),
        getattr(service, f"summary_{main}"),
        ", ".join(names),
        ", ".join(places),
        *(getattr(service, f"name_{code}") for code in languages[1:]),
        (getattr(service, f"description_{main}") or "")[:DESCRIPTION_CHARS],
    ]
    text = ". ".join(" ".join(part.split()).rstrip(".") for part in parts if part and part.strip(" ."))
    return text.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate would stop the model


def _hash(text: str) -> str:
    return hashlib.sha256(f"{embedding.MODEL_NAME}\n{text}".encode()).hexdigest()


@functools.cache
def _guidance_direction() -> np.ndarray:
    guidance = np.mean([embedding.embed_query(text) for text in GUIDANCE_TEXTS], axis=0)
    other = np.mean([embedding.embed_query(text) for text in OTHER_TEXTS], axis=0)
    direction = guidance - other
    return direction / np.linalg.norm(direction)


def rescore_guidance(cursor: CursorWrapper) -> int:
    """Every stored embedding's guidance score computed again from its vector (pgvector's negative inner product,
    in one statement), and a new directory version so that no result ranked with the old scores is served; no
    text is embedded again. Returns the number of embeddings."""
    cursor.execute("SELECT EXISTS (SELECT 1 FROM services_serviceembedding)")
    if not cursor.fetchone()[0]:  # a new database: nothing to score, no model to load
        return 0
    direction = "[" + ",".join(f"{x:.7f}" for x in _guidance_direction()) + "]"
    cursor.execute("UPDATE services_serviceembedding SET guidance = -(vector <#> %s::vector)", [direction])
    count = cursor.rowcount
    cursor.execute(_NEW_VERSION)
    return count


def guidance(vectors: np.ndarray) -> np.ndarray:
    """How much each embedding is about guidance rather than the other services of a municipality (raw; how it
    separates the two on the evaluation set is in docs/search.md)."""
    return vectors @ _guidance_direction()


# The raw guidance score scaled to 0–1 (GUIDANCE_FLOOR → 0, GUIDANCE_FLOOR + GUIDANCE_SPAN → 1); a service not yet
# embedded counts as halfway. Measured on the evaluation set's 173 guidance services and 10 000 others.
GUIDANCE_FLOOR = -0.05
GUIDANCE_SPAN = 0.15
# The raw guidance score from which a service is among those "about guidance" whose nearest to a query are read
# beside the nearest of all (services.search.engine.NEIGHBOURS_WITHIN); where it falls is in docs/search.md.
GUIDANCE_NEIGHBOURS_FROM = 0.03


def guidance_sql(alias: str) -> str:
    """The scaled guidance score of the embedding row ``alias`` (LEFT JOINed), as SQL."""
    return f"coalesce(least(greatest(({alias}.guidance - ({GUIDANCE_FLOOR})) / {GUIDANCE_SPAN}, 0), 1), 0.5)::float8"


def _services(ids: Sequence[int]) -> list[Service]:
    return list(
        Service.objects.filter(pk__in=ids)
        .only("id", "nationwide", *(f"{f}_{c}" for f in ("name", "summary", "description") for c in ("fi", "sv", "en")))
        .prefetch_related(
            "target_groups",
            "service_types",
            "regions",
            Prefetch(
                "locations", ServiceLocation.objects.select_related("municipality").only("service_id", "municipality")
            ),
        )
        .order_by("pk")
    )


def refresh(
    service_ids: Iterable[int] | None = None,
    *,
    batch_size: int = 32,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Embed the services (all with None) whose text changed since their embedding; returns how many were
    embedded. ``progress(done, total)`` is called after each batch."""
    if service_ids is None:
        ids = list(Service.objects.order_by("pk").values_list("pk", flat=True))
    else:
        ids = sorted(set(service_ids))
    stale: list[tuple[int, str, str]] = []
    for start in range(0, len(ids), CHUNK):
        chunk = _services(ids[start : start + CHUNK])
        hashes = dict(
            ServiceEmbedding.objects.filter(service_id__in=[s.pk for s in chunk]).values_list(
                "service_id", "source_hash"
            )
        )
        for service in chunk:
            text = passage(service)
            digest = _hash(text)
            if hashes.get(service.pk) != digest:
                stale.append((service.pk, text, digest))
    done = 0
    for start in range(0, len(stale), batch_size):
        batch = stale[start : start + batch_size]
        vectors = embedding.embed_passages([text for _pk, text, _digest in batch])
        scores = guidance(vectors)
        rows = [
            ServiceEmbedding(service_id=pk, vector=vector, guidance=float(score), source_hash=digest)
            for (pk, _text, digest), vector, score in zip(batch, vectors, scores, strict=True)
        ]
        with transaction.atomic():
            existing = set(Service.objects.filter(pk__in=[row.service_id for row in rows]).values_list("pk", flat=True))
            ServiceEmbedding.objects.bulk_create(
                [row for row in rows if row.service_id in existing],  # deleted meanwhile: nothing to keep
                update_conflicts=True,
                unique_fields=["service"],
                update_fields=["vector", "guidance", "source_hash", "embedded"],
            )
            _new_version()
        done += len(batch)
        if progress:
            progress(done, len(stale))
    return done


def _new_version() -> None:
    """A new directory version, so that results cached for the old embeddings are not served again
    (services.search.cache); no service is logged as changed, so the facet and text indexes stay."""
    with connection.cursor() as cursor:
        cursor.execute(_NEW_VERSION)


def follow(*, batch_size: int = 32, progress: Callable[[int, int], None] | None = None) -> int | None:
    """Embed what changed since the directory version the embeddings last reached; None when another process
    is doing it now."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [_LOCK])
        if not cursor.fetchone()[0]:
            return None
        try:
            cursor.execute("SELECT embedded_version FROM services_search_state WHERE id = 1")
            row = cursor.fetchone()
            if row is None:
                return 0
            changed = change_log.since(row[0])
            done = refresh(changed.service_ids, batch_size=batch_size, progress=progress)
            cursor.execute(
                "UPDATE services_search_state SET embedded_version = greatest(embedded_version, %s) WHERE id = 1",
                [changed.version],
            )
            return done
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_LOCK])


def missing() -> int:
    """How many services have no embedding yet (``embed_services`` reports it)."""
    return Service.objects.filter(embedding__isnull=True).count()
