"""Entity page data from the archive-wide resolution: articles, sentences, co-mentions, quotes."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import chain
from operator import attrgetter, itemgetter

from newsgen.index.model import AttributedQuote, EntityMentionRef, EntityPageData
from newsgen.model import Article, ArticleMention, EntityResolution
from newsgen.urls import UrlScheme

PAGE_KINDS = ("person", "organization", "place")
CO_MENTION_LIMIT = 10
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+")


def block_text(article: Article, block: int) -> str:
    """The plain text an `ArticleMention.block` points into (an HTML block's own plain text)."""
    if block == -1:
        return article.title
    if block == -2:
        return article.standfirst or ""
    if block == -3:
        return article.image.caption if article.image else ""
    if 0 <= block < len(article.blocks):
        item = article.blocks[block]
        return item.text
    related = -4 - block  # blocks -4, -5, ... are the `Read more:` headlines, in order
    if 0 <= related < len(article.related_titles):
        return article.related_titles[related]
    return ""


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of `text` holding `text[start:end]`."""
    if not 0 <= start < end <= len(text):
        return ""
    stop = _SENTENCE_END.search(text, end)
    return text[_sentence_start(text, start) : stop.start() + 1 if stop else len(text)].strip()


def _sentence_start(text: str, start: int) -> int:
    """Where the sentence holding `text[start]` begins: the end of the last `_SENTENCE_END`
    that ends by `start`, or 0. Looked for backwards from `start`, mark by mark (a match opens
    with its one mark and holds no other, so the last mark that opens a match opens the last
    match), not by matching every sentence end from the text's start."""
    mark = start
    while True:
        mark = max(text.rfind(".", 0, mark), text.rfind("!", 0, mark), text.rfind("?", 0, mark))
        if mark < 0:
            return 0
        match = _SENTENCE_END.match(text, mark, start)
        if match is not None:
            return match.end()


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


def _sentence(article: Article, mention: ArticleMention | None) -> str:
    """The mention's sentence; a mention without offsets (start < 0) is looked up by name."""
    if mention is None:
        return ""
    text = block_text(article, mention.block)
    start, end = mention.start, mention.end
    if start < 0:
        start = text.find(mention.name)
        end = start + len(mention.name)
    return sentence_at(text, start, end) if start >= 0 else ""


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
        mentions = tuple(EntityMentionRef(i, _sentence(articles[i], firsts[i][eid])) for i in ids)
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
