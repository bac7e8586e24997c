"""Related articles by shared tags, entities and section, through an inverted index.

Every key (tag, entity, section) has a posting list of article ranks in newest-first order. An
article's candidates come from a window of each posting around its own rank, so the work per
article is bounded however common a tag is: linear in the archive, fine at a million articles.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from operator import itemgetter

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
        candidates: list[int] = []
        for key in keys:
            kind = key[0]
            candidates.extend(_window(table[key], own, WINDOWS[kind]) * WEIGHTS[kind])
        scores = Counter(candidates)  # counted in C: the hot loop of the whole index
        scores.pop(own, None)
        result.append(tuple(order[r] for r in _best(scores, own, count)))
    return result


def _best(scores: Counter[int], own: int, count: int) -> list[int]:
    """The `count` best ranks: higher score first, then nearer in date, then newer.

    Only the group tied at the cut-off score needs the date tie-break; it is sliced out of the
    score-sorted list and searched outward from `own`, so each article costs C-speed work.
    """
    ranked = scores.most_common()
    if not ranked:
        return []
    cut = ranked[min(count, len(ranked)) - 1][1]
    start = bisect_left(ranked, -cut, key=_minus_score)
    end = bisect_right(ranked, -cut, key=_minus_score)
    sure = sorted(ranked[:start], key=lambda item: (-item[1], abs(item[0] - own), item[0]))
    tied = sorted(map(itemgetter(0), ranked[start:end]))
    return [r for r, _ in sure] + _nearest(tied, own, count - len(sure))


def _minus_score(item: tuple[int, int]) -> int:
    return -item[1]


def _nearest(ranks: list[int], own: int, count: int) -> list[int]:
    """The `count` sorted `ranks` nearest to `own` (the newer one first on equal distance)."""
    at = bisect_left(ranks, own)
    below, above = at - 1, at
    picked: list[int] = []
    while len(picked) < count and (below >= 0 or above < len(ranks)):
        take_below = above >= len(ranks) or (
            below >= 0 and own - ranks[below] <= ranks[above] - own
        )
        if take_below:
            picked.append(ranks[below])
            below -= 1
        else:
            picked.append(ranks[above])
            above += 1
    return picked
