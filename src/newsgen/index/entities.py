"""Entity page data from the archive-wide resolution: articles, sentences, co-mentions, quotes."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import chain
from operator import attrgetter, itemgetter

from newsgen.index.model import AttributedQuote, EntityMentionRef, EntityPageData
from newsgen.model import Article, ArticleMention, EntityResolution
from newsgen.urls import UrlScheme

PAGE_KINDS = ("person", "organization", "place")
CO_MENTION_LIMIT = 10


def _reading_order(mention: ArticleMention) -> tuple[int, int]:
    """Body first (it has the fullest sentence), then standfirst, caption, title."""
    return (0 if mention.block >= 0 else 1 - mention.block, mention.block, mention.start)


_BY_PLACE = attrgetter("block", "start")
_BY_START = attrgetter("start")
_BY_BLOCK = attrgetter("block")


def in_reading_order(mentions: Sequence[ArticleMention]) -> list[ArticleMention]:
    """`sorted(mentions, key=_reading_order)` with C-level keys (blocks -1, -2, -3 ... come
    after the body in that order: sorting by start, then stably by block descending)."""
    body = sorted((m for m in mentions if m.block >= 0), key=_BY_PLACE)
    rest = sorted((m for m in mentions if m.block < 0), key=_BY_START)
    rest.sort(key=_BY_BLOCK, reverse=True)
    return body + rest


def first_mentions(article: Article, names: dict[str, int]) -> dict[int, ArticleMention]:
    """Entity id → its first mention in reading order (body before standfirst, caption, title)."""
    found: dict[int, ArticleMention] = {}
    for mention in in_reading_order(article.mentions):
        eid = names.get(mention.name)
        if eid is not None and eid not in found:
            found[eid] = mention
    return found


def entity_ids_of(article: Article, names: dict[str, int]) -> tuple[int, ...]:
    """Entity ids mentioned in the article, in first-mention order."""
    return tuple(first_mentions(article, names))


def entity_pages(
    articles: Sequence[Article],
    order: Sequence[int],
    firsts: Sequence[dict[int, ArticleMention]],
    resolution: EntityResolution,
    min_articles: int,
    urls: UrlScheme,
) -> dict[int, EntityPageData]:
    """Pages for entities of a listed kind mentioned in at least `min_articles` articles.

    `firsts[i]` is `first_mentions` of article `i` (its keys are the article's entity ids).
    """
    by_entity: dict[int, list[int]] = defaultdict(list)
    for i in order:
        for eid in firsts[i]:
            by_entity[eid].append(i)
    quotes = _quotes_by_person(articles, order, resolution)
    pages: dict[int, EntityPageData] = {}
    for eid in sorted(by_entity):
        entity = resolution.entities[eid]
        ids = by_entity[eid]
        if entity.kind not in PAGE_KINDS or len(ids) < max(1, min_articles):
            continue
        mentions = tuple(EntityMentionRef(i, articles[i], firsts[i][eid]) for i in ids)
        co = Counter(chain.from_iterable(firsts[i] for i in ids))  # counted in C
        del co[eid]
        # most often first, then by entity id: two C-level sorts (the second one is stable)
        top = sorted(sorted(co.items()), key=itemgetter(1), reverse=True)
        pages[eid] = EntityPageData(
            entity,
            urls.entity_dir(entity.kind, entity.slug),
            mentions,
            tuple(top[:CO_MENTION_LIMIT]),
            tuple(quotes.get(eid, ())),
        )
    return pages


def _quotes_by_person(
    articles: Sequence[Article], order: Sequence[int], resolution: EntityResolution
) -> dict[int, list[AttributedQuote]]:
    """Quotes whose speaker resolves to a person, newest article first."""
    found: dict[int, list[AttributedQuote]] = defaultdict(list)
    for i in order:
        names = resolution.per_article[i]
        for quote in articles[i].quotes:
            eid = names.get(quote.speaker) if quote.speaker else None
            if eid is not None and resolution.entities[eid].kind == "person":
                found[eid].append(AttributedQuote(i, quote.text))
    return found
