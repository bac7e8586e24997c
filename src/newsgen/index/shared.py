"""`shared_view`: what pages other than an article's own read from it.

An edit that leaves this view equal (a typo fixed, a sentence added that names nobody) cannot
change the entity resolution, the site index or any list, tag, entity, archive, feed or search
page: only the article's own page. The quick build path relies on that; the view is
conservative (anything the archive-wide stages might read is in it).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import replace

from newsgen.index.entities import in_reading_order
from newsgen.index.sentences import block_text, mention_span, sentence_at
from newsgen.model import Article


def shared_view(article: Article) -> Hashable:
    """The article without its body, plus the body text the archive-wide stages read: each
    mention's surface and sentence (entity pages quote the first one; acronyms are read from
    the surface), in reading order, and each quote's text and speaker (person pages)."""
    texts: dict[int, str] = {}
    mentions = []
    for mention in in_reading_order(article.mentions):
        text = texts.get(mention.block)
        if text is None:
            text = texts[mention.block] = block_text(article, mention.block)
        start, end = mention_span(text, mention)
        surface = text[start:end] if start >= 0 else ""
        sentence = sentence_at(text, start, end) if start >= 0 else ""
        place = mention.block if mention.block < 0 else 0  # body blocks may be renumbered
        mentions.append((mention.name, mention.kind, place, mention.start < 0, surface, sentence))
    quotes = tuple((quote.text, quote.speaker) for quote in article.quotes)
    frame = replace(
        article,
        source=replace(article.source, sha256=""),
        blocks=(),
        subheadings=(),
        quotes=(),
        mentions=(),
        word_count=0,
        reading_minutes=0,
    )
    return frame, tuple(mentions), quotes
