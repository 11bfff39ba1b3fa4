"""Writes bench/search_eval/queries.json from the queries written in queries_source.py.

    .venv/bin/python bench/search_eval/build_queries.py [--dev | --dev2 | … | --dev8]

The queries were written from users' words first (a student, an unemployed adult, an immigrant, a parent, a
Swedish speaker in Vaasa, an English-speaking newcomer), then checked against the guidance services of
fixtures/evaluation/guidance_services.json. The expected services are given either by slug
(``eval:service:<slug>``), by a named list (``@OHJAAMO``…), or by a rule over the fixture:

* ``@place:<municipality>`` — the guidance services met in that municipality in person first, then those serving
  it (listed municipality, employment area, region, vitality centre; nationwide services are left out);
* ``@region:<name>``, ``@ely:<code>``, ``@centre:<code>`` — the same for an area: met in one of its municipalities
  first, then those serving (part of) it;
* ``@type:<service type code>`` — every service with that service type;
* ``@type:<code>&<place rule>`` — those of the type among the place rule's, in its order.

The first expected service is the best answer; any counts as relevant. ``split`` is "tune" or "heldout": within
each kind the queries are ordered by the SHA-256 of their id and the first half (rounded up) is "tune".

``--dev`` writes dev_queries.json instead, from the development queries of dev_queries_source.py (same format,
same rules): ids "dev-<kind>-NN", split "dev", to tune on; never counted as the held-out figure. ``--dev2`` writes
dev2_queries.json from dev2_queries_source.py (ids "dev2-<kind>-NN", split "dev2"), a second development set
written on 5 December 2026 by a session that saw neither the evaluation queries nor the first development set;
``--dev3`` writes dev3_queries.json from dev3_queries_source.py, a third, written on 6 December 2026 by a session
that saw none of the three sets, nor the search code, the synonyms or any result; ``--dev4`` writes
dev4_queries.json from dev4_queries_source.py, a fourth, written later that day apart from all four and kept
unseen (bench/search_quality.py never lists its failures); ``--dev5`` writes dev5_queries.json from
dev5_queries_source.py, a fifth, written on 7 December 2026 apart from all five, weighted to the kinds the
held-out half scores lowest on (colloquial words, abbreviations, cross-language queries), to tune on; ``--dev6``
writes dev6_queries.json from dev6_queries_source.py, a sixth of every kind, written later that day apart from all
six and kept unseen like dev4; ``--dev7`` writes dev7_queries.json from dev7_queries_source.py, a seventh, written
later still apart from all seven, weighted like dev5, measured once unseen and then tuned on; ``--dev8`` writes
dev8_queries.json from dev8_queries_source.py, an eighth, written later that day apart from all eight, weighted
like dev5.
"""

from __future__ import annotations

import csv
import hashlib
import importlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FIXTURE = ROOT / "fixtures" / "evaluation" / "guidance_services.json"
OUT = HERE / "queries.json"
# The query sets: the module they are written in, the file they are built into, and their ids' prefix.
SETS = {
    "main": ("queries_source", OUT, ""),
    "dev": ("dev_queries_source", HERE / "dev_queries.json", "dev-"),
    "dev2": ("dev2_queries_source", HERE / "dev2_queries.json", "dev2-"),
    "dev3": ("dev3_queries_source", HERE / "dev3_queries.json", "dev3-"),
    "dev4": ("dev4_queries_source", HERE / "dev4_queries.json", "dev4-"),
    "dev5": ("dev5_queries_source", HERE / "dev5_queries.json", "dev5-"),
    "dev6": ("dev6_queries_source", HERE / "dev6_queries.json", "dev6-"),
    "dev7": ("dev7_queries_source", HERE / "dev7_queries.json", "dev7-"),
    "dev8": ("dev8_queries_source", HERE / "dev8_queries.json", "dev8-"),
}
KINDS = (
    "keyword",
    "question",
    "colloquial",
    "abbreviation",
    "typo",
    "place",
    "area",
    "cross_language",
    "finnish_only",
)


def split_of(ids_of_kind: list[str]) -> dict[str, str]:
    ordered = sorted(ids_of_kind, key=lambda i: hashlib.sha256(i.encode()).hexdigest())
    half = (len(ordered) + 1) // 2
    return {query_id: ("tune" if n < half else "heldout") for n, query_id in enumerate(ordered)}


def _reference() -> tuple[dict, dict, dict, dict]:
    ref = ROOT / "fixtures" / "reference"
    with (ref / "municipalities.csv").open(encoding="utf-8") as handle:
        municipalities = {row["municipality_code"]: row for row in csv.DictReader(handle)}
    with (ref / "regions.csv").open(encoding="utf-8") as handle:
        regions = {row["region_code"]: row for row in csv.DictReader(handle)}
    with (ref / "ely_centres.csv").open(encoding="utf-8") as handle:
        ely = {row["ely_code"]: row for row in csv.DictReader(handle)}
    with (ref / "employment_areas.csv").open(encoding="utf-8") as handle:
        employment = {
            int(row["employment_area_code"]): row["municipality_codes"].split(";") for row in csv.DictReader(handle)
        }
    return municipalities, regions, ely, employment


class Expander:
    def __init__(self, services: list[dict]) -> None:
        self.services = services
        self.by_slug = {s["external_id"].removeprefix("eval:service:"): s for s in services}
        municipalities, regions, ely, employment = _reference()
        self.municipalities = municipalities
        self.by_name = {row["name_fi"].split(" - ")[0]: code for code, row in municipalities.items()}
        self.region_by_name = {row["name_fi"]: code for code, row in regions.items()}
        self.region_municipalities = {
            r: {c for c, row in municipalities.items() if row["region_code"] == r} for r in regions
        }
        self.centre_municipalities = {}
        for code, row in municipalities.items():
            self.centre_municipalities.setdefault(row["evk_code"], set()).add(code)
        self.ely_regions = {code: row["region_codes"].split(";") for code, row in ely.items()}
        self.employment = employment

    def served(self, service: dict) -> set[str]:
        area = service["service_area"]
        codes = set(area["municipalities"])
        for number in area["employment_areas"]:
            codes |= set(self.employment[number])
        for region in area["regions"]:
            codes |= self.region_municipalities[region]
        for centre in area["vitality_centres"]:
            codes |= self.centre_municipalities[centre]
        return codes

    def area_codes(self, rule: str) -> set[str]:
        kind, _, value = rule.partition(":")
        if kind == "place":
            return {self.by_name[value]}
        if kind == "region":
            return self.region_municipalities[self.region_by_name[value]]
        if kind == "centre":
            return self.centre_municipalities[value]
        if kind == "ely":
            return set().union(*(self.region_municipalities[r] for r in self.ely_regions[value]))
        raise ValueError(rule)

    def place(self, rule: str) -> list[str]:
        codes = self.area_codes(rule)
        met_first, met, serving = [], [], []
        for slug, service in sorted(self.by_slug.items()):
            if service["service_area"]["nationwide"]:
                continue
            located = [loc["municipality"] for loc in service["locations"]]
            if located and located[0] in codes:
                met_first.append(slug)
            elif codes & set(located):
                met.append(slug)
            elif codes & self.served(service):
                serving.append(slug)
        return met_first + met + serving

    def expand(self, item: str, lists: dict[str, list[str]]) -> list[str]:
        if not item.startswith("@"):
            if item not in self.by_slug:
                raise KeyError(f"unknown service {item}")
            return [item]
        if item[1:] in lists:
            return [x for name in lists[item[1:]] for x in self.expand(name, lists)]
        rule = item[1:]
        if rule.startswith("type:"):
            code, _, where = rule[5:].partition("&")
            typed = {slug for slug, s in self.by_slug.items() if code in s["service_types"]}
            if where:
                return [slug for slug in self.place(where) if slug in typed]
            return sorted(typed)
        return self.place(rule)


def build(name: str = "main") -> list[dict]:
    sys.path.insert(0, str(HERE))
    module, _, prefix = SETS[name]
    queries_source = importlib.import_module(module)
    dev = name != "main"
    services = json.loads(FIXTURE.read_text(encoding="utf-8"))["services"]
    expander = Expander(services)
    records: list[dict] = []
    for kind in KINDS:
        if dev and kind not in queries_source.QUERIES:
            continue
        for number, (language, text, expected) in enumerate(queries_source.QUERIES[kind], start=1):
            ids: list[str] = []
            for item in expected:
                for slug in expander.expand(item, queries_source.LISTS):
                    if f"eval:service:{slug}" not in ids:
                        ids.append(f"eval:service:{slug}")
            if not ids:
                raise ValueError(f"{kind} {text!r}: no expected service")
            records.append(
                {
                    "id": f"{prefix}{kind}-{number:02d}",
                    "language": language,
                    "kind": kind,
                    "query": text,
                    "expected": ids,
                }
            )
    for kind in KINDS:
        splits = split_of([r["id"] for r in records if r["kind"] == kind])
        for record in records:
            if record["kind"] == kind:
                record["split"] = name if dev else splits[record["id"]]
    texts = [(r["language"], r["query"].casefold()) for r in records]
    duplicates = {t for t in texts if texts.count(t) > 1}
    if duplicates:
        raise ValueError(f"duplicate queries: {duplicates}")
    return records


if __name__ == "__main__":
    name = sys.argv[1].removeprefix("--") if sys.argv[1:] else "main"
    if len(sys.argv) > 2 or name not in SETS or (sys.argv[1:] and name == "main"):
        sys.exit("usage: build_queries.py [--dev | --dev2 | … | --dev8]")
    records = build(name)
    out = SETS[name][1]
    out.write_text(
        "[\n" + ",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in records) + "\n]\n", encoding="utf-8"
    )
    print(f"Wrote {out.relative_to(ROOT)}: {len(records)} queries.")
