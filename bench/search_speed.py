"""Search speed, memory and embedding cost, and the simplest design of issue 12 ("One search, one path").

`.venv/bin/python bench/search_speed.py --sizes 10000 100000` (also run by `make bench`, after bench/run.py).

For each size it
1. fills `liv_bench_<size>` with generated services (bench/run.py's `prepare`, kept when it already holds them);
2. embeds services: `--embed-sample` of them (default 2 000) for real with `services.search.semantic.refresh`
   (timed: services/second, and the time for 10 000 extrapolated), and every other service without an embedding
   gets a blend of two random real vectors (the second at a weight drawn from 0–0.5) plus small Gaussian noise,
   re-normalised, with its guidance score from
   `semantic.guidance()`, written with one binary COPY (the HNSW index rebuilt once, in the same transaction).
   This is a stress-test shortcut: the search's speed depends on the index's size and dimensions, not on what
   the texts say. Services that already have an embedding are skipped;
3. times `services.search.search(SearchQuery(...))` in-process for first-time searches — the result cache off
   (SEARCH_CACHE_ENTRIES=0 and `cache.clear()`) and Voikko's per-word memo emptied before each, the query
   embedding included — for a fixed list of queries of every kind, and the page `/<lang>/search/?q=…` with
   Django's test client; p50/p95/max per kind and the SQL queries per search and per page, for four designs:
     hybrid            what ships: in-memory postings + facet bitsets + pgvector neighbours and fallback
     postings_lexical  the same with LIV_SEARCH_WITHOUT=semantic (no query embedding, no neighbours)
     sql_lexical       no postings: every text query matched by the engine's one-statement SQL path
                       (`engine._indexed_match` patched to return None), semantic off — apples to apples with
                       postings_lexical
     sql_vector        sql_lexical plus the query embedding and the engine's own pgvector neighbour statement
                       (run and discarded): the cost of "PostgreSQL FTS + pgvector + facet bitsets"; its
                       results are not fused, and a real implementation would fold the neighbours into the
                       one statement (so one query fewer than counted here);
   and EXPLAIN (ANALYZE, BUFFERS) of the slowest statement of the slowest SQL-path search;
4. times a new gunicorn worker's first pages (`worker_phase`): a master warmed up as gunicorn.conf.py's
   `when_ready` does, with and without the public pages (liv.warmup), forks `--workers` workers one after
   another, and each asks the WSGI application for a search page, a service's page and another search page;
5. measures memory: VmRSS after `warm_up()` with and without the model and the postings (one process each),
   and PSS/private memory of that process and two forked children (what gunicorn's preload gives a worker);
and writes bench/results/search_speed.json and the section "Search speed: hybrid search, first-time queries"
of docs/performance.md (between the search-speed markers; added at the end when bench/run.py has rewritten
the file). `--write-docs` rewrites the section from the JSON without measuring.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "bench" / "results" / "search_speed.json"
REPORT = ROOT / "docs" / "performance.md"
START, END = "<!-- search-speed:start -->", "<!-- search-speed:end -->"
sys.path.insert(0, str(ROOT))
from bench.timing import percentile  # noqa: E402

# source_hash of the synthetic vectors (embed_services would embed them for real); "bench:synthetic" marked the
# copies of one real vector written before 7 December 2026 (sixth session), which the embeddings phase replaces.
SYNTHETIC = "bench:synthetic:blend"
VARIANTS = ("hybrid", "postings_lexical", "sql_lexical", "sql_vector")
TARGET_P95_MS = {10_000: 50, 100_000: 120}
TARGET_QUERIES = 6
WORKER_PAGES = ("first_search", "service", "second_search")

# (kind, text, interface language, filters as the page's parameters). Two queries a kind where there are two.
LONG = ("uraohjaus aikuisille Mikkelissä " * 400)[:10_000]
QUERIES: list[tuple[str, str, str, dict[str, list[str]]]] = [
    ("broad", "ohjaus", "fi", {}),
    ("broad", "neuvonta", "fi", {}),
    ("narrow + place", "uraohjaus Mikkelissä", "fi", {}),
    ("narrow + place", "työnhakuvalmennus Kuopiossa", "fi", {}),
    ("question", "miten pääsen opiskelemaan aikuisena", "fi", {}),
    ("question", "where can I get help choosing a career", "en", {}),
    ("english", "career guidance for adults", "en", {}),
    ("english", "study counselling", "en", {}),
    ("swedish", "studiehandledning Åbo", "sv", {}),
    ("swedish", "karriärvägledning för vuxna", "sv", {}),
    ("typo", "ohjamo", "fi", {}),
    ("typo", "uraohjuas", "fi", {}),
    ("place only", "Porvoo", "fi", {}),
    ("place only", "Åbo", "sv", {}),
    ("area", "Lapin elinvoimakeskus", "fi", {}),
    ("area", "Etelä-Savon ELY-keskus", "fi", {}),
    ("colloquial", "työkkäri", "fi", {}),
    ("colloquial", "amis", "fi", {}),
    ("phrase", '"nuorten ohjaus"', "fi", {}),
    ("text + filters", "neuvonta", "fi", {"target_group": ["immigrants"], "language": ["ar"], "channel": ["online"]}),
    ("filters only", "", "fi", {"target_group": ["immigrants"], "channel": ["online"]}),
    ("filters only", "", "fi", {"area": ["03"], "target_group": ["young-people"], "free": ["1"]}),
    ("empty", "", "fi", {}),
    ("10 000 characters", LONG, "fi", {}),
    ("stop words only", "miten mistä", "fi", {}),
]
FILTER_FIELDS = {
    "area": "areas",
    "region": "regions",
    "target_group": "target_groups",
    "language": "languages",
    "channel": "channels",
}


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50_ms": round(statistics.median(values), 1),
        "p95_ms": round(percentile(values, 95), 1),
        "max_ms": round(max(values), 1),
    }


def label(text: str) -> str:
    return text if len(text) <= 40 else f"{text[:20]}… ({len(text)} characters)"


def page_url(text: str, language: str, filters: dict[str, list[str]]) -> str:
    params = ({"q": text} if text else {}) | filters
    return f"/{language}/search/" + (f"?{urlencode(params, doseq=True)}" if params else "")


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liv.settings")
    import django

    django.setup()


def status_kb(field: str, path: str = "/proc/self/status") -> int:
    match = re.search(rf"^{field}:\s+(\d+) kB", Path(path).read_text(), re.MULTILINE)
    return int(match.group(1)) if match else 0


def rollup() -> dict[str, float]:
    """PSS, RSS and private memory of this process in MB (/proc/self/smaps_rollup)."""
    text = Path("/proc/self/smaps_rollup").read_text()

    def mb(field: str) -> float:
        match = re.search(rf"^{field}:\s+(\d+) kB", text, re.MULTILINE)
        return round(int(match.group(1)) / 1024, 1) if match else 0.0

    return {
        "rss_mb": mb("Rss"),
        "pss_mb": mb("Pss"),
        "private_mb": round(mb("Private_Clean") + mb("Private_Dirty"), 1),
        "shared_mb": round(mb("Shared_Clean") + mb("Shared_Dirty"), 1),
    }


# --- phase: embeddings ----------------------------------------------------------------------------------------


def synthetic_vectors(bases, count: int, noise: float, generator):
    """``count`` vectors for services not embedded for real: each a blend of two real vectors, the second at a
    weight drawn from 0–0.5, plus Gaussian noise, re-normalised. Copies of one real vector with noise made
    islands of 50 near-twins at 100 000 services, which HNSW links only to each other: a walk filtered by a town
    ended after one or two of them, fast and wrong (docs/performance.md, 7 December 2026, sixth session)."""
    import numpy as np

    first = bases[generator.integers(0, len(bases), count)]
    second = bases[generator.integers(0, len(bases), count)]
    weight = generator.uniform(0, 0.5, (count, 1)).astype(np.float32)
    vectors = (1 - weight) * first + weight * second + generator.normal(0, noise, first.shape).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def embed_phase(sample: int, threads: int, noise: float, seed: int) -> dict:
    setup_django()
    import numpy as np
    from django.db import connection, transaction
    from pgvector.psycopg import register_vector

    from services.models import Service, ServiceEmbedding
    from services.search import embedding, semantic

    started = time.perf_counter()
    embedding.load(threads=threads)
    semantic.guidance(np.zeros((1, embedding.DIMENSIONS), dtype=np.float32))  # the guidance direction: 6 queries
    load_s = time.perf_counter() - started
    stale, _ = (
        ServiceEmbedding.objects.filter(source_hash__startswith="bench:synthetic")
        .exclude(source_hash=SYNTHETIC)
        .delete()
    )
    if stale:
        print(f"  {stale} synthetic vectors of the old kind removed", file=sys.stderr, flush=True)
    services = Service.objects.count()
    missing = list(Service.objects.filter(embedding__isnull=True).order_by("pk").values_list("pk", flat=True))
    result: dict = {"services": services, "already_embedded": services - len(missing), "threads": threads}
    if not missing:
        print("  every service has an embedding; nothing to do", file=sys.stderr, flush=True)
        return result
    # Embeddings made for real by an earlier, interrupted run count towards the sample.
    real_before = ServiceEmbedding.objects.exclude(source_hash=SYNTHETIC).count()
    rng = random.Random(seed)
    real = sorted(rng.sample(missing, min(max(0, sample - real_before), len(missing))))
    print(f"  embedding {len(real)} services for real ({threads} threads) …", file=sys.stderr, flush=True)

    def progress(done: int, total: int) -> None:
        if done % 320 == 0 or done == total:
            print(f"    {done} / {total}", file=sys.stderr, flush=True)

    start = time.perf_counter()
    done = semantic.refresh(real, batch_size=32, progress=progress)
    seconds = time.perf_counter() - start
    rate = done / seconds if seconds else 0.0
    result["real"] = (
        None
        if not done
        else {
            "services": done,
            "real_in_database": real_before + done,
            "seconds": round(seconds, 1),
            "services_per_second": round(rate, 2),
            "model_load_s": round(load_s, 2),
            "extrapolated_10000_s": round(10_000 / rate) if rate else None,
        }
    )

    rest = sorted(set(missing) - set(real))
    if rest:
        bases = np.array(
            [np.asarray(v, dtype=np.float32) for v in ServiceEmbedding.objects.exclude(source_hash=SYNTHETIC)
             .values_list("vector", flat=True)]
        )  # fmt: skip
        generator = np.random.default_rng(seed)
        print(f"  {len(rest)} synthetic vectors from {len(bases)} real ones …", file=sys.stderr, flush=True)
        start = time.perf_counter()
        register_vector(connection.connection)
        now = datetime.datetime.now(datetime.UTC)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'services_embedding_hnsw'")
            row = cursor.fetchone()
            indexdef = row[0] if row else None
            if indexdef:  # one build at the end instead of 98 000 inserts into the graph
                cursor.execute("DROP INDEX services_embedding_hnsw")
            copy_sql = (
                "COPY services_serviceembedding (service_id, vector, guidance, source_hash, embedded)"
                " FROM STDIN WITH (FORMAT BINARY)"
            )
            with cursor.cursor.copy(copy_sql) as copy:
                copy.set_types(["bigint", "vector", "double precision", "varchar", "timestamptz"])
                for offset in range(0, len(rest), 10_000):
                    ids = rest[offset : offset + 10_000]
                    vectors = synthetic_vectors(bases, len(ids), noise, generator)
                    scores = semantic.guidance(vectors)
                    for pk, vector, score in zip(ids, vectors, scores, strict=True):
                        copy.write_row((pk, vector, float(score), SYNTHETIC, now))
            written = time.perf_counter() - start
            index_start = time.perf_counter()
            if indexdef:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the deferred foreign-key checks, before DDL
                cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
                cursor.execute(indexdef)
            index_s = time.perf_counter() - index_start
            semantic._new_version()  # results cached for the old embeddings are not served again
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE services_serviceembedding")  # also the rows of any vectors removed
        result["synthetic"] = {
            "services": len(rest),
            "noise_sigma": noise,
            "copy_s": round(written, 1),
            "hnsw_build_s": round(index_s, 1),
        }
    return result


# --- phase: speed -------------------------------------------------------------------------------------------


def speed_phase(repeat: int, page_repeat: int) -> dict:
    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from services.search import SearchFilters, SearchQuery, cache, embedding, engine, finnish, fusion, search, terms

    assert settings.SEARCH_CACHE_ENTRIES == 0, "run with SEARCH_CACHE_ENTRIES=0"
    base_without = settings.SEARCH_WITHOUT
    postings_match = engine._indexed_match

    embed_soon = engine._embed_soon
    asked: list = [None]  # the query embedding of the search under way (its vector comes from a thread)

    def embedding_kept(parsed, text, synonyms):
        asked[0] = embed_soon(parsed, text, synonyms)
        return asked[0]

    engine._embed_soon = embedding_kept

    def sql_match(plan, index):
        return None

    def sql_vector_match(plan, index):
        meaning = asked[0]
        if plan.text and meaning is not None and meaning.vector:  # the engine's own neighbour statement
            nearby = index.filtered(plan.conditions)  # within the filters and the place, from the facet bitsets
            place = engine._place_bits(plan, index)
            if place is not None:
                nearby &= place
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT " + engine.NEIGHBOURS_WITHIN,
                    {
                        "vector": meaning.vector,
                        "neighbours": fusion.NEIGHBOURS,
                        "nearby": nearby.to_bytes(max(1, -(-nearby.bit_length() // 8)), "little"),
                    },
                )
                cursor.fetchone()
        return None

    designs = {
        "hybrid": (frozenset(), postings_match),
        "postings_lexical": (frozenset({"semantic"}), postings_match),
        "sql_lexical": (frozenset({"semantic"}), sql_match),
        "sql_vector": (frozenset(), sql_vector_match),
    }

    def use(variant: str) -> None:
        without, match = designs[variant]
        settings.SEARCH_WITHOUT = base_without | without
        engine._indexed_match = match

    def fresh() -> None:
        cache.clear()
        finnish.analyse.cache_clear()

    def query_of(text: str, language: str, filters: dict[str, list[str]]) -> SearchQuery:
        values = {FILTER_FIELDS[k]: tuple(v) for k, v in filters.items() if k in FILTER_FIELDS}
        return SearchQuery(text=text, language=language, filters=SearchFilters(**values, free="free" in filters))

    client = Client(HTTP_HOST="127.0.0.1")
    searches = [(kind, text, query_of(text, language, f)) for kind, text, language, f in QUERIES]
    pages = [(kind, text, page_url(text, language, f)) for kind, text, language, f in QUERIES]

    def run_search(query):
        fresh()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            result = search(query)
            ms = (time.perf_counter() - start) * 1000
        return ms, captured.captured_queries, result.total

    def run_page(url: str):
        fresh()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            ms = (time.perf_counter() - start) * 1000
        return ms, len(captured), response.status_code

    print("  warming up …", file=sys.stderr, flush=True)
    for variant in VARIANTS:
        use(variant)
        if variant == "hybrid":
            engine.warm_up()
        for _kind, _text, query in searches:
            run_search(query)
        for _kind, _text, url in pages:
            run_page(url)

    samples = {v: {"search": {}, "sql_ms": {}, "queries": {}, "page": {}, "page_queries": {}} for v in VARIANTS}
    totals: dict[str, dict[str, int]] = {v: {} for v in VARIANTS}
    statuses: dict[str, set[int]] = {}
    slowest: dict[str, tuple[float, list[dict]]] = {v: (0.0, []) for v in VARIANTS}
    for round_ in range(repeat):
        print(f"  searches, round {round_ + 1} / {repeat}", file=sys.stderr, flush=True)
        for kind, text, query in searches:
            for variant in VARIANTS:  # interleaved, so that the machine's load falls on every design alike
                use(variant)
                ms, captured, total = run_search(query)
                row = samples[variant]
                row["search"].setdefault(kind, []).append(ms)
                row["sql_ms"].setdefault(kind, []).append(sum(float(q["time"]) for q in captured) * 1000)
                row["queries"].setdefault(kind, []).append(len(captured))
                totals[variant][label(text) or "(no text)"] = total
                if ms > slowest[variant][0]:
                    slowest[variant] = (ms, captured)
    for round_ in range(page_repeat):
        print(f"  pages, round {round_ + 1} / {page_repeat}", file=sys.stderr, flush=True)
        for kind, _text, url in pages:
            for variant in VARIANTS:
                use(variant)
                ms, count, code = run_page(url)
                samples[variant]["page"].setdefault(kind, []).append(ms)
                samples[variant]["page_queries"].setdefault(kind, []).append(count)
                statuses.setdefault(kind, set()).add(code)

    # The query embedding alone (what the hybrid adds to a text query), 5 times each text.
    embed_ms = []
    for _kind, text, _language, _f in QUERIES:
        if text:
            cleaned = terms.cut_between_words(terms.without_repeats(terms.clean(text)), embedding.MAX_QUERY_CHARS)
            for _ in range(5):
                start = time.perf_counter()
                embedding.embed_query(cleaned)
                embed_ms.append((time.perf_counter() - start) * 1000)

    results: dict = {"query_embedding": summary(embed_ms), "statuses": {k: sorted(v) for k, v in statuses.items()}}
    for variant in VARIANTS:
        row = samples[variant]
        every = [ms for values in row["search"].values() for ms in values]
        every_page = [ms for values in row["page"].values() for ms in values]
        results[variant] = {
            "search": {
                kind: {
                    **summary(values),
                    "sql_p50_ms": round(statistics.median(row["sql_ms"][kind]), 1),
                    "queries_max": max(row["queries"][kind]),
                }
                for kind, values in row["search"].items()
            },
            "search_overall": {**summary(every), "queries_max": max(max(v) for v in row["queries"].values())},
            "page": {
                kind: {**summary(values), "queries_max": max(row["page_queries"][kind])}
                for kind, values in row["page"].items()
            },
            "page_overall": {**summary(every_page), "queries_max": max(max(v) for v in row["page_queries"].values())},
            "totals": totals[variant],
        }
        ms, captured = slowest[variant]
        statements = sorted(captured, key=lambda q: -float(q["time"]))
        results[variant]["slowest"] = {
            "ms": round(ms, 1),
            "statements": [
                {"ms": round(float(q["time"]) * 1000, 1), "sql": " ".join(q["sql"].split())[:160]} for q in captured
            ],
        }
        if variant.startswith("sql") and statements:
            use(variant)
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statements[0]["sql"])
                results[variant]["slowest"]["explain"] = [line for (line,) in cursor.fetchall()]
    use("hybrid")
    return results


# --- phase: memory ------------------------------------------------------------------------------------------


def memory_phase(model: bool, postings: bool) -> dict:
    setup_django()
    import multiprocessing

    from django.conf import settings
    from django.db import connections

    from services.search import SearchFilters, SearchQuery, cache, engine, search

    baseline = status_kb("VmRSS")
    if not postings:
        engine._indexed_match = lambda plan, index: None
    if model:
        engine.warm_up()
    else:
        settings.SEARCH_WITHOUT = settings.SEARCH_WITHOUT | {"semantic"}
        search(SearchQuery(text="ohjaus Helsingissä"))
    warm = status_kb("VmRSS")

    def every_kind() -> None:
        for _kind, text, language, filters in QUERIES:
            cache.clear()
            values = {FILTER_FIELDS[k]: tuple(v) for k, v in filters.items() if k in FILTER_FIELDS}
            search(SearchQuery(text=text, language=language, filters=SearchFilters(**values, free="free" in filters)))

    every_kind()
    after = status_kb("VmRSS")
    result = {
        "baseline_rss_mb": round(baseline / 1024, 1),
        "warm_rss_mb": round(warm / 1024, 1),
        "after_queries_rss_mb": round(after / 1024, 1),
    }
    connections.close_all()  # each child opens its own connection, as a gunicorn worker does
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(3, timeout=600)
    queue = context.Queue()

    def child() -> None:
        every_kind()
        barrier.wait()  # every process has done its work: the sharing is what it will be
        queue.put(rollup())
        barrier.wait()  # stay alive until the master has read its own figures

    children = [context.Process(target=child) for _ in range(2)]
    for process in children:
        process.start()
    barrier.wait()
    master = rollup()
    workers = [queue.get(timeout=600) for _ in children]
    barrier.wait()
    for process in children:
        process.join(timeout=60)
    result["forked"] = {"master": master, "workers": workers}
    return result


def worker_phase(pages: bool, workers: int) -> dict:
    """What a freshly forked gunicorn worker's first pages cost: the master imports the WSGI application and warms
    up as gunicorn.conf.py's ``when_ready`` does (the search, and with ``pages`` the public pages too), then forks
    the workers one after another; each asks the application, as gunicorn would, for a search page, a service's
    page and another search page, none of which it or the master has asked for before (the result cache is
    off)."""
    setup_django()
    from django.db import connections

    from liv import warmup
    from liv.wsgi import application
    from services.models import Service
    from services.search import engine

    engine.warm_up()
    if pages:
        warmup.pages(application)
    services = list(Service.objects.published().order_by("pk").values_list("pk", flat=True)[1 : workers + 1])
    connections.close_all()  # each worker opens its own connection
    texts = [(text, language) for _kind, text, language, filters in QUERIES if text and not filters and len(text) < 200]
    timings: dict[str, list[float]] = {name: [] for name in WORKER_PAGES}
    for n in range(workers):
        (text, language), (other, other_language) = texts[(2 * n) % len(texts)], texts[(2 * n + 1) % len(texts)]
        requests = {
            "first_search": (f"/{language}/search/", urlencode({"q": text})),
            "service": (f"/{language}/services/{services[n % len(services)]}/", ""),
            "second_search": (f"/{other_language}/search/", urlencode({"q": other})),
        }
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            times = {}
            for name, (path, query) in requests.items():
                start = time.perf_counter()
                status = warmup.get(application, path, query)
                times[name] = (time.perf_counter() - start) * 1000 if status == 200 else -status
            os.write(write, json.dumps(times).encode())
            os._exit(0)
        os.close(write)
        with os.fdopen(read) as pipe:
            times = json.loads(pipe.read())
        os.waitpid(pid, 0)
        for name, value in times.items():
            if value < 0:
                raise RuntimeError(f"a worker's page {requests[name][0]} answered HTTP {-value:.0f}")
            timings[name].append(value)
    return {name: summary(values) for name, values in timings.items()}


# --- orchestration ------------------------------------------------------------------------------------------


def phase(args: list[str], env: dict[str, str]) -> dict:
    out = subprocess.run([PYTHON, __file__, *args], cwd=ROOT, env=env, capture_output=True, text=True)
    sys.stderr.write(out.stderr)
    out.check_returncode()
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine() -> dict:
    top = subprocess.run(
        ["ps", "-eo", "pcpu,comm", "--sort=-pcpu", "--no-headers"], capture_output=True, text=True
    ).stdout.splitlines()[:5]
    return {
        "uptime": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "busiest": [" ".join(line.split()) for line in top],
    }


def measure(size: int, args: argparse.Namespace, previous: dict) -> dict:
    from bench.run import bench_database_url, prepare

    env = {**os.environ, "DATABASE_URL": bench_database_url(size), "LIV_TESTING": "0", "DEBUG": "1"}
    before = machine()
    print(f"== {size} services: preparing …", flush=True)
    generation = prepare(size, env)  # migrated and its reference data loaded even when its services are kept
    inproc = {**env, "DEBUG": "0", "LIV_TESTING": "1", "SEARCH_CACHE_ENTRIES": "0", "OMP_NUM_THREADS": "1"}
    print(f"== {size} services: embeddings …", flush=True)
    embed_env = {**env, "OMP_NUM_THREADS": str(args.embed_threads)}
    sample, threads, noise = str(args.embed_sample), str(args.embed_threads), str(args.noise)
    embedded = phase(["--phase", "embed", "--sample", sample, "--threads", threads, "--noise", noise], embed_env)
    kept = previous.get("embedding", {})
    if not embedded.get("real") and kept.get("real"):  # the last figures of embedding for real, and their date
        measured = kept.get("kept_from") or previous.get("date")
        now = {key: value for key, value in embedded.items() if value is not None}
        embedded = {**kept, "kept_from": measured, **now}
    print(f"== {size} services: speed …", flush=True)
    speed = phase(["--phase", "speed", "--repeat", str(args.repeat), "--page-repeat", str(args.page_repeat)], inproc)
    print(f"== {size} services: a new worker's first pages …", flush=True)
    workers = {
        name: phase(["--phase", "worker", "--pages", str(int(pages)), "--workers", str(args.workers)], inproc)
        for name, pages in (("the search", False), ("the search and the pages (liv.warmup)", True))
    }
    print(f"== {size} services: memory …", flush=True)
    memory = {}
    for model in (True, False):
        for postings in (True, False):
            name = f"{'postings' if postings else 'no postings'}, {'model' if model else 'no model'}"
            memory[name] = phase(["--phase", "memory", "--model", str(int(model)), "--postings", str(int(postings))],
                                 inproc)  # fmt: skip
    return {
        "size": size,
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "generation_s": round(generation, 1) if generation is not None else None,
        "machine_before": before,
        "machine_after": machine(),
        "embedding": embedded,
        "speed": speed,
        "memory": memory,
        "workers": workers,
    }


# --- the report -----------------------------------------------------------------------------------------------

DESIGN_NAMES = {
    "hybrid": "postings + semantic (hybrid, shipped)",
    "postings_lexical": "postings, semantic off",
    "sql_lexical": "SQL only (no postings), semantic off",
    "sql_vector": "SQL only + query embedding + pgvector neighbours",
}


def markdown(results: dict) -> str:
    lines = [
        "## Search speed: hybrid search, first-time queries",
        "",
        "Measured by `bench/search_speed.py` (run by `make bench` after bench/run.py, which rewrites this file; "
        "run the script alone to measure only this): "
        "`services.search.search()` in-process and the search page with the test client, every request a "
        "**first-time** query (result cache off, Voikko's per-word memo emptied), the query embedding included. "
        f"{len(QUERIES)} queries of {len({k for k, *_ in QUERIES})} kinds, each timed after one warm-up; the four "
        "designs are interleaved query by query, so the machine's load falls on each alike. Targets (issue 12): "
        "first-time search p95 ≤ 50 ms at 10 000 services and ≤ 120 ms at 100 000, ≤ 6 SQL queries per page.",
        "",
        "Designs: **hybrid** — what ships (in-memory text postings, facet bitsets, pgvector neighbours, "
        "fallback); **postings, semantic off** — `LIV_SEARCH_WITHOUT=semantic`; **SQL only** — the per-process "
        "postings switched off (`engine._indexed_match` patched to None from the bench script), every text query "
        "matched, counted and pre-ranked by the engine's one-statement SQL path, facets from the bitsets; "
        "**SQL only + pgvector** — the same plus the query embedding and the engine's own neighbour statement "
        "(run, not fused; a real implementation would fold it into the one statement, one query fewer).",
        "",
        "**Embeddings at these sizes are a stress-test shortcut:** a sample of services (`--embed-sample`, "
        "default 2 000) is embedded for real and timed; every other service gets a blend of two of those vectors "
        "plus Gaussian noise, re-normalised. The search's speed depends on the HNSW index's size and dimensions, "
        "not on what the texts say; the quality of its neighbours at 100 000 is not measured here "
        "(docs/search.md has that).",
        "",
    ]
    for size_key in sorted(results, key=int):
        result = results[size_key]
        size = int(size_key)
        speed, embedded = result["speed"], result["embedding"]
        before, after = result["machine_before"], result["machine_after"]
        lines += [
            f"### {size:,} services".replace(",", " "),
            "",
            f"Run {result['date']}. Machine load (uptime) before: `{before['uptime']}`; after: "
            f"`{after['uptime']}`. Other engineers' test suites run on the same 2 cores, so absolute figures are "
            "inflated; compare the designs within a table.",
            "",
        ]
        real = embedded.get("real")
        if real:
            text = (
                f"Embedding: {real['services']} services in {real['seconds']} s with {embedded['threads']} "
                f"threads = **{real['services_per_second']} services/s**, so 10 000 take about "
                f"{real['extrapolated_10000_s'] / 60:.0f} min (model and guidance direction loaded in "
                f"{real['model_load_s']} s)"
            )
            synthetic = embedded.get("synthetic")
            if synthetic:
                text += (
                    f"; {synthetic['services']} synthetic vectors (blends, σ {synthetic['noise_sigma']}) written in "
                    f"{synthetic['copy_s']} s, the HNSW index built in {synthetic['hnsw_build_s']} s"
                )
            if embedded.get("kept_from"):
                text += f" (kept from the run of {embedded['kept_from']})"
            lines += [text + ".", ""]
        emb = speed["query_embedding"]
        lines += [
            f"The query embedding alone: p50 {emb['p50_ms']} ms, p95 {emb['p95_ms']} ms (one thread).",
            "",
            "`search()`, first-time, ms (p50 / p95 / max) and SQL queries per search:",
            "",
            "| kind | " + " | ".join(DESIGN_NAMES[v] for v in VARIANTS) + " |",
            "|---|" + "---:|" * len(VARIANTS),
        ]
        for kind in speed["hybrid"]["search"]:
            cells = []
            for variant in VARIANTS:
                row = speed[variant]["search"][kind]
                cells.append(f"{row['p50_ms']} / {row['p95_ms']} / {row['max_ms']} ({row['queries_max']} q)")
            lines.append(f"| {kind} | " + " | ".join(cells) + " |")
        cells = []
        for variant in VARIANTS:
            row = speed[variant]["search_overall"]
            cells.append(f"**{row['p50_ms']} / {row['p95_ms']}** / {row['max_ms']} ({row['queries_max']} q)")
        lines += ["| **overall** | " + " | ".join(cells) + " |", ""]
        lines += [
            "The page (`/<lang>/search/?q=…`, test client), first-time, ms (p50 / p95) and SQL queries per page:",
            "",
            "| kind | " + " | ".join(DESIGN_NAMES[v] for v in VARIANTS) + " |",
            "|---|" + "---:|" * len(VARIANTS),
        ]
        for kind in speed["hybrid"]["page"]:
            cells = []
            for variant in VARIANTS:
                row = speed[variant]["page"][kind]
                cells.append(f"{row['p50_ms']} / {row['p95_ms']} ({row['queries_max']} q)")
            status = speed["statuses"].get(kind, [])
            suffix = f" (HTTP {', '.join(map(str, status))})" if status and status != [200] else ""
            lines.append(f"| {kind}{suffix} | " + " | ".join(cells) + " |")
        cells = []
        for variant in VARIANTS:
            row = speed[variant]["page_overall"]
            cells.append(f"**{row['p50_ms']} / {row['p95_ms']}** ({row['queries_max']} q)")
        lines += ["| **overall** | " + " | ".join(cells) + " |", ""]

        target = TARGET_P95_MS.get(size)
        if target:
            verdicts = []
            for variant in VARIANTS:
                p95 = speed[variant]["search_overall"]["p95_ms"]
                verdicts.append(f"{DESIGN_NAMES[variant]} {p95} ms {'meets' if p95 <= target else '**misses**'} it")
            lines += [f"Target p95 ≤ {target} ms: " + "; ".join(verdicts) + ".", ""]

        for variant in ("sql_lexical", "sql_vector"):
            slow = speed[variant].get("slowest", {})
            if slow.get("explain"):
                lines += [
                    f"Slowest {DESIGN_NAMES[variant]} search ({slow['ms']} ms); its statements (ms): "
                    + ", ".join(str(s["ms"]) for s in slow["statements"])
                    + ". EXPLAIN (ANALYZE, BUFFERS) of the slowest statement, the top of the plan:",
                    "",
                    "```",
                    *[line[:150] for line in _plan_summary(slow["explain"])],
                    "```",
                    "",
                ]
                break

        if result.get("workers"):
            lines += [
                "A new worker's first pages (`worker_phase`): the master warms up as gunicorn.conf.py's "
                "`when_ready` does, then forks workers one after another; each asks the WSGI application for a "
                "search page, a service's page and another search page, in that order, none asked for before. "
                "ms, p50 / p95 / max over "
                f"{next(iter(result['workers'].values()))['first_search']['n']} workers:",
                "",
                "| the master warmed up | first search page | a service's page | second search page |",
                "|---|---:|---:|---:|",
            ]
            for name, row in result["workers"].items():
                cells = [f"{row[k]['p50_ms']} / {row[k]['p95_ms']} / {row[k]['max_ms']}" for k in WORKER_PAGES]
                lines.append(f"| {name} | " + " | ".join(cells) + " |")
            lines.append("")
        lines += [
            "Memory of one process after `warm_up()` and one query of every kind (VmRSS), and with gunicorn's "
            "preload: PSS of the master and of two forked workers after each searched every kind once, and "
            "what each worker holds privately (MB):",
            "",
            "| process | RSS after imports | RSS warm | RSS after queries | master PSS | worker PSS | worker private |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for name, row in result["memory"].items():
            workers = row["forked"]["workers"]
            lines.append(
                f"| {name} | {row['baseline_rss_mb']} | {row['warm_rss_mb']} | {row['after_queries_rss_mb']} | "
                f"{row['forked']['master']['pss_mb']} | "
                + " / ".join(str(w["pss_mb"]) for w in workers)
                + " | "
                + " / ".join(str(w["private_mb"]) for w in workers)
                + " |"
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _plan_summary(explain: list[str]) -> list[str]:
    """The plan's nodes with their actual times (the first 40 lines), and the totals."""
    keep = [line for line in explain if "actual" in line or line.startswith(("Planning", "Execution"))]
    return keep[:40] + [line for line in keep[40:] if line.startswith(("Planning", "Execution"))]


def write_docs(results: dict) -> None:
    text = REPORT.read_text() if REPORT.exists() else "# Performance\n"
    section = f"{START}\n{markdown(results)}{END}"
    if START in text and END in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    REPORT.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--embed-sample", type=int, default=2_000, help="services embedded for real (timed)")
    parser.add_argument("--embed-threads", type=int, default=os.cpu_count() or 1, help="model threads for that")
    parser.add_argument("--noise", type=float, default=0.01, help="σ of the noise added to blended vectors")
    parser.add_argument("--repeat", type=int, default=7, help="timed rounds of every search (after one warm-up)")
    parser.add_argument("--page-repeat", type=int, default=5, help="timed rounds of every page")
    parser.add_argument("--write-docs", action="store_true", help="only rewrite the docs from the JSON")
    parser.add_argument("--workers", type=int, default=12, help="workers forked to time their first pages")
    # Internal: one phase in a subprocess with DATABASE_URL set.
    parser.add_argument("--phase", choices=["embed", "speed", "memory", "worker"], help=argparse.SUPPRESS)
    parser.add_argument("--pages", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--sample", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--model", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--postings", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase == "embed":
        print(json.dumps(embed_phase(args.sample, args.threads, args.noise, seed=1)))
        return
    if args.phase == "speed":
        print(json.dumps(speed_phase(args.repeat, args.page_repeat)))
        return
    if args.phase == "memory":
        print(json.dumps(memory_phase(bool(args.model), bool(args.postings))))
        return
    if args.phase == "worker":
        print(json.dumps(worker_phase(bool(args.pages), args.workers)))
        return

    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    if not args.write_docs:
        counts = (args.repeat, args.page_repeat, args.embed_sample, args.workers)
        if any(size <= 0 for size in args.sizes) or min(counts) <= 0:
            parser.error("sizes, --repeat, --page-repeat, --embed-sample and --workers must be positive")
        for size in args.sizes:
            results[str(size)] = measure(size, args, results.get(str(size), {}))
            RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
            overall = {v: results[str(size)]["speed"][v]["search_overall"] for v in VARIANTS}
            print(json.dumps(overall, indent=2))
    write_docs(results)
    print(f"Wrote {RESULTS.relative_to(ROOT)} and the search-speed section of {REPORT.relative_to(ROOT)}.")


if __name__ == "__main__":
    main()
