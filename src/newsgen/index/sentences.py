"""The sentence an entity page quotes for an article: the one holding the entity's first
mention. Entity pages find it when they are rendered (in the render workers), so the index
holds no sentence text; `shared_view` reads the same sentences to tell a quick edit."""

from __future__ import annotations

import re

from newsgen.model import Article, ArticleMention

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


def mention_span(text: str, mention: ArticleMention) -> tuple[int, int]:
    """Where `mention` lies in its block's `text`; a mention without offsets (start < 0) is
    looked up by name. (-1, -1) when its name is not there."""
    if mention.start >= 0:
        return mention.start, mention.end
    start = text.find(mention.name)
    return (start, start + len(mention.name)) if start >= 0 else (-1, -1)


def mention_sentence(article: Article, mention: ArticleMention | None) -> str:
    """The sentence holding `mention` ("" for none, or when its name is not in its block)."""
    if mention is None:
        return ""
    text = block_text(article, mention.block)
    start, end = mention_span(text, mention)
    return sentence_at(text, start, end) if start >= 0 else ""
