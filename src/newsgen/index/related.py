"""Related articles by shared tags, entities and section, through an inverted index.

Every key (tag, entity, section) has a posting list of article ranks in newest-first order. An
article's candidates come from a window of each posting around its own rank, so the work per
article is bounded however common a tag is: linear in the archive, fine at a million articles.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence

WEIGHTS = {"tag": 3, "entity": 2, "section": 1}
# How many neighbours in date each side a key's posting contributes: a shared section alone
# says little, so it only fills in from the closest few.
WINDOWS = {"tag": 15, "entity": 15, "section": 5}


def postings(
    keys_by_article: Sequence[Sequence[Hashable]], rank: Sequence[int]
) -> dict[Hashable, list[int]]:
    """Key → sorted ranks of the articles having it."""
    table: dict[Hashable, list[int]] = defaultdict(list)
    for i, keys in enumerate(keys_by_article):
        for key in keys:
            table[key].append(rank[i])
    for ranks in table.values():
        ranks.sort()
    return table


def _window(ranks: list[int], own: int, width: int) -> list[int]:
    if len(ranks) <= 2 * width + 1:
        return ranks
    at = bisect_left(ranks, own)
    return ranks[max(0, at - width) : at + width + 1]


def related_ids(
    keys_by_article: Sequence[Sequence[tuple[str, Hashable]]],
    order: Sequence[int],
    count: int,
) -> list[tuple[int, ...]]:
    """For each article, up to `count` others by weighted shared keys; ties go to nearer dates."""
    if count <= 0:
        return [() for _ in keys_by_article]
    rank = [0] * len(order)
    for r, i in enumerate(order):
        rank[i] = r
    table = postings(keys_by_article, rank)
    result: list[tuple[int, ...]] = []
    for i, keys in enumerate(keys_by_article):
        own = rank[i]
        scores: Counter[int] = Counter()
        for key in keys:
            weight = WEIGHTS[key[0]]
            for r in _window(table[key], own, WINDOWS[key[0]]):
                scores[r] += weight
        scores.pop(own, None)
        best = heapq.nsmallest(count, [(-s, abs(r - own), r) for r, s in scores.items()])
        result.append(tuple(order[r] for _, _, r in best))
    return result
