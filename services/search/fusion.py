"""How the words and the meaning of a query are ranked together (docs/search.md, "Meaning, not only words" and
"Never a dead end"): which of the nearest services by meaning join the results, the fused score, and how much of
the query a partial match covers. Pure functions of numbers and arrays; services.search.engine gathers them."""

from __future__ import annotations

import numpy as np

# With text: how much being about guidance counts in the hybrid ranking (semantic.guidance, scaled to 0–1).
GUIDANCE_PRIOR = 0.3
# With text: how much the place the query names counts beside the words (scaled to 0–1) in the hybrid ranking:
# as much as all of them, so that "… in Kajaani" puts Kajaani's services first.
PLACE_WEIGHT = 1.0

# Hybrid ranking (docs/search.md, "Meaning, not only words"): the lexical score (scaled by the best) plus a
# weight times the semantic closeness (how much nearer than the farthest neighbour read, in SIMILARITY_SCALE).
SIMILARITY_SCALE = 0.1
SEMANTIC_WEIGHT = 0.5  # beside enough services with all the words, meaning reorders them a little
FALLBACK_SEMANTIC_WEIGHT = 1.0  # without them, meaning counts as much as the words that matched
NEIGHBOURS = 30  # the nearest services by meaning that the semantic ranking reads
# E5's cosine similarities are high and narrow (0.75–0.9 for everything), so what counts is the distance from
# the nearest service: a neighbour joins the results when it is within the margin of it. Beside enough services
# with all the words only the nearest few join; without them, more.
JOIN_MARGIN = 0.02
JOIN_AT_MOST = 3
FALLBACK_MARGIN = 0.04
# In the fallback, closeness counts from this much below the farthest neighbour read: near-identical municipal
# entries ("Nuorisotalo – <town>") can fill all the nearest places, and a partial match just outside them then
# got nothing for its meaning, so the words alone ranked the partial matches.
FALLBACK_FLOOR = 0.02
# Fewer services than this matching all the words: the results fall back to the best partial matches.
FALLBACK_BELOW = 3


def joining(
    neighbours: list[tuple[int, float]], guidance: dict[int, float], *, partial: bool
) -> list[tuple[int, float]]:
    """The nearest services by meaning that join the results (see JOIN_MARGIN). Beside enough services with all
    the words, the JOIN_AT_MOST within the margin that :func:`fused` would rank highest: the nearest by a hair
    ("Työterveyshuolto – Kokkola" for "työllisyyspalvelut Kokkola") would otherwise keep out a guidance
    service just behind it."""
    if not neighbours:
        return []
    nearest = neighbours[0][1]
    if partial:
        return [row for row in neighbours if row[1] >= nearest - FALLBACK_MARGIN]
    within = [row for row in neighbours if row[1] >= nearest - JOIN_MARGIN]
    within.sort(
        key=lambda row: -(SEMANTIC_WEIGHT * row[1] / SIMILARITY_SCALE + GUIDANCE_PRIOR * guidance.get(row[0], 0.5))
    )
    return within[:JOIN_AT_MOST]


def fused(
    lexical: list[tuple[int, float]],
    neighbours: list[tuple[int, float]],
    similarity: dict[int, float],
    levels: np.ndarray,
    guidance: dict[int, float],
    name_rank: np.ndarray,
    *,
    partial: bool = False,
    with_guidance: bool = True,
    words_weight: float = 1.0,
) -> list[tuple[int, float]]:
    """The lexical and the semantic rankings fused by a weighted sum of their scores, each scaled to about [0, 1]:
    the lexical score divided by the best one, the similarity (known for every lexical candidate and neighbour)
    by how much nearer than the farthest neighbour read it is (in a fallback, than FALLBACK_FLOOR below it), in
    units of SIMILARITY_SCALE (a fixed unit: scaling by the neighbours' own spread would turn a difference of 0.01
    into a whole point). Then the place, on that scale and not inside the words' score: a service of the place
    the query names, matching most of the words, comes before one elsewhere matching them all. Then
    GUIDANCE_PRIOR × how central it is to guidance: this is a directory of guidance services. Ties go by name.

    ``words_weight``: in a fallback, how much of the query the best partial match covers (fusion.coverage). The
    words' part is scaled by it, so that when no service has most of the words (a question in spoken Finnish),
    a stray match of one of them does not outweigh the meaning."""
    best = max((score for _pk, score in lexical), default=0.0)
    scores = {pk: words_weight * score / best if best > 0 else 0.0 for pk, score in lexical}
    for pk, _similarity in neighbours:
        scores.setdefault(pk, 0.0)
    if neighbours:
        weight = FALLBACK_SEMANTIC_WEIGHT if partial else SEMANTIC_WEIGHT
        farthest = neighbours[-1][1] - (FALLBACK_FLOOR if partial else 0.0)
        for pk in scores:
            closeness = min(1.0, max(0.0, similarity.get(pk, farthest) - farthest) / SIMILARITY_SCALE)
            scores[pk] += weight * closeness
    scores = {pk: score + PLACE_WEIGHT * float(levels[pk]) for pk, score in scores.items()}
    if with_guidance:
        scores = {pk: score + GUIDANCE_PRIOR * guidance.get(pk, 0.5) for pk, score in scores.items()}
    return sorted(scores.items(), key=lambda row: (-row[1], name_rank[row[0]] if row[0] < len(name_rank) else 0))


def coverage(clauses: list[np.ndarray], negated: list[bool], allowed: np.ndarray) -> np.ndarray:
    """For each service allowed by the filters, the share of the query's clauses it matches (``clauses``: each
    clause's matches in any language), each clause weighed by its rarity (inverse document frequency); 0 for
    services matching none or an excluded word."""
    total = max(int(allowed.sum()), 1)
    weighed = np.zeros(allowed.size)
    weights = 0.0
    excluded = np.zeros(allowed.size, dtype=bool)
    for mask, is_negated in zip(clauses, negated, strict=True):
        if is_negated:
            excluded |= mask
            continue
        matching = int((mask & allowed).sum())
        if not matching:
            continue
        weight = float(np.log(1 + total / matching))
        weighed += weight * mask
        weights += weight
    if not weights:
        return weighed
    share = weighed / weights
    share[~allowed | excluded] = 0
    return share
