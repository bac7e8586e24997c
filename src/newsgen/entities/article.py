"""`annotate_article`: the mentions of one article under article-local canonical names.

The article is read as one text (title, standfirst, caption, then its blocks, one per line) so
the finder's agreement rules see the whole article; each mention is then placed back in its
block. Within the article short forms join full names, acronyms join the name they abbreviate,
and each name gets the kind most of its mentions have.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from newsgen.entities.evidence import cue_counts, related_block
from newsgen.entities.finder import Found, find_names
from newsgen.entities.lexicon import ARCHIVE_ORG_CUES, NATIONALITIES
from newsgen.entities.names import (
    acronym_after,
    join_short_forms,
    name_key,
    name_span,
    unique_short_forms,
)
from newsgen.entities.resolve import written_acronyms
from newsgen.model import Article, ArticleMention, EntityKind, HtmlBlock, Quote

TITLE, STANDFIRST, CAPTION = -1, -2, -3
_ORGANIZATION_WORD_AFTER = re.compile(r"(['’])? ([A-Z][a-z]+)\b(?!['’]?[ -][A-Z])")
_TAG = re.compile(r"<[^>]*>")
# Characters `str.splitlines` breaks at. Replaced with `re.sub`, not `str.translate`: a
# translate with a table walks every character in Python-level lookups (slow for non-ASCII).
_LINE_BREAK = re.compile("[\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]")


class _Segment(NamedTuple):  # a tuple: one made per block of every article, so made cheaply
    """One block's text inside the article's combined text."""

    block: int
    offset: int
    text: str
    linkable: bool


def article_segments(article: Article) -> list[_Segment]:
    """Title, standfirst, caption and body blocks, laid out one per line."""
    parts: list[tuple[int, str, bool]] = [(TITLE, article.title, True)]
    if article.standfirst:
        parts.append((STANDFIRST, article.standfirst, True))
    if article.image and article.image.caption:
        parts.append((CAPTION, article.image.caption, True))
    for i, block in enumerate(article.blocks):
        if isinstance(block, HtmlBlock):
            parts.append((i, html.unescape(_TAG.sub(" ", block.html)), False))
        else:
            parts.append((i, block.text, True))
    # One line per block, same offsets: line breaks become spaces in one pass over all parts
    # (the joining line breaks too), and each block's text is cut back out.
    flat = _LINE_BREAK.sub(" ", "\n".join([text for _, text, _ in parts]))
    segments, offset = [], 0
    for block, text, linkable in parts:
        end = offset + len(text)
        segments.append(_Segment(block, offset, flat[offset:end], linkable))
        offset = end + 1
    return segments


# Mentions are handled as the finder's (start, end, text, kind) tuples until they are placed.


def _trimmed(mention: Found) -> Found | None:
    """The mention cut to its name proper (`Russian President Vladimir Putin` -> the name)."""
    offset, _, text, kind = mention
    start, end = name_span(text, kind)
    if end <= start:
        return None
    if start == 0 and end == len(text):
        return mention  # already the name proper (most mentions): no new tuple
    return offset + start, offset + end, text[start:end], kind


def _with_nationality(mention: Found, combined: str) -> Found:
    """A one-word organization right after a nationality word is named with it
    (`Palestinian Resistance`, not `Resistance`)."""
    mention_start, mention_end, text, kind = mention
    if kind != "organization" or " " in text:
        return mention
    before = combined[max(0, mention_start - 30) : mention_start]
    if not before.endswith(" "):
        return mention
    words = before.split()
    if not words or words[-1].lower() not in NATIONALITIES or not words[-1][0].isupper():
        return mention
    start = mention_start - 1 - len(words[-1])
    return start, mention_end, combined[start:mention_end], kind


def _join_organization_words(mentions: list[Found], combined: str) -> list[Found]:
    """A name followed by a capitalised organization word takes it (`Koman Nurses` + `League`
    in a title-case headline), as does a plural possessive (`Dockworkers' Federation` is one
    organization, not `Dockworkers` and `Federation`); the word is not taken when it opens a
    longer name of its own (`Council of Europe`)."""
    starts = {m[0]: m for m in mentions}
    joined: list[Found] = []
    for m in mentions:
        start, end, text, _ = m
        if joined and start < joined[-1][1]:
            continue  # the organization word already taken
        # The regex needs a space and a capital right after (or after an apostrophe): most
        # names are followed by a lower-case word or a mark, so the cheap check comes first.
        after = combined[end : end + 3]
        if not (after[1:2].isupper() if after[:1] == " " else after[1:2] == " "):
            joined.append(m)
            continue
        cue = _ORGANIZATION_WORD_AFTER.match(combined, end)
        if cue and cue.group(1) and not text.endswith("s"):
            cue = None
        if cue and cue.group(2).lower() in ARCHIVE_ORG_CUES:
            after = starts.get(cue.start(2))
            if after is None or after[1] == cue.end():
                m = (start, cue.end(), combined[start : cue.end()], "organization")
        joined.append(m)
    return joined


def local_names(
    mentions: list[Found], combined: str
) -> tuple[dict[str, str], dict[str, EntityKind], list[str]]:
    """Key -> article-local canonical name, canonical name -> kind (majority of mentions), and
    each mention's canonical name."""
    canonical = join_short_forms([text for _, _, text, kind in mentions if kind == "person"])
    keys = [name_key(text) for _, _, text, _ in mentions]
    for (_, _, text, _), key in zip(mentions, keys):
        canonical.setdefault(key, text)
    if "(" in combined:  # an acronym is defined in parentheses: none to look for without one
        for (_, end, text, kind), key in zip(mentions, keys):
            acronym = acronym_after(combined, end, text) if kind != "person" else None
            if acronym:
                canonical[name_key(acronym)] = canonical[key]
    names = [canonical[key] for key in keys]
    votes: dict[str, list[EntityKind]] = {}
    for (_, _, _, kind), name in zip(mentions, names):
        if name in votes:
            votes[name].append(kind)
        else:
            votes[name] = [kind]
    kinds = {name: _majority(voted) for name, voted in votes.items()}
    return canonical, kinds, names


def _majority(kinds: list[EntityKind]) -> EntityKind:
    """The kind of most of `kinds` (see `_commonest`); one kind throughout needs no count."""
    return kinds[0] if kinds.count(kinds[0]) == len(kinds) else _commonest(Counter(kinds))


def _commonest(counter: Counter[EntityKind]) -> EntityKind:
    """The commonest kind; a known kind beats `other`, then the first seen wins."""
    best = max(counter.values())
    tied = [k for k, n in counter.items() if n == best]
    return next((k for k in tied if k != "other"), tied[0])


def _credit_span(segments: list[_Segment]) -> tuple[int, int]:
    """Where the photo credit closing the caption sits in the combined text (`(Ledger/Ines
    Barro)`): agencies and photographers there are credits, not news."""
    for segment in segments:
        caption = segment.text.rstrip()
        if segment.block == CAPTION and caption.endswith(")") and "(" in caption:
            return segment.offset + caption.rindex("("), segment.offset + len(caption)
    return 0, 0


def annotate_article(article: Article) -> Article:
    """The article with `mentions` (and their `entity_cues` and `acronyms`) filled and quote
    speakers set to canonical person names."""
    segments = article_segments(article)
    combined = "\n".join(s.text for s in segments)
    credit = _credit_span(segments)
    found = []
    for m in find_names(combined):
        t = _trimmed(m)
        if t is None or credit[0] <= t[0] < credit[1]:
            continue
        if t[3] == "organization" and " " not in t[2]:  # the only ones `_with_nationality` joins
            t = _with_nationality(t, combined)
        found.append(t)
    found = _join_organization_words(found, combined)
    canonical, kinds, names = local_names(found, combined)
    starts = [s.offset for s in segments]
    placed = []
    for (start, end, _, _), name in zip(found, names):
        segment = segments[bisect_right(starts, start) - 1]
        if segment.linkable:
            start, end = start - segment.offset, end - segment.offset
        else:
            start, end = -1, -1  # HTML: context for the article, but nothing to link in place
        placed.append(ArticleMention(name, kinds[name], segment.block, start, end))
    short_owners = unique_short_forms(n for n, kind in kinds.items() if kind == "person")
    placed.extend(_related_mentions(article, canonical, kinds, short_owners))
    quotes = tuple(_speaker(q, canonical, kinds, short_owners) for q in article.quotes)
    cues = packed_cues(article, placed)
    return replace(
        article,
        mentions=tuple(placed),
        quotes=quotes,
        entity_cues=cues,
        acronyms=written_acronyms(article, placed),
    )


def packed_cues(
    article: Article, mentions: list[ArticleMention]
) -> tuple[tuple[str, tuple[tuple[str, int], ...]], ...]:
    """`article_cues` of the article annotated with `mentions`, as the frozen
    `Article.entity_cues`: computed here, once per file (the build caches annotated articles),
    not on every build by `resolve_entities`."""
    return tuple((name, tuple(c.items())) for name, c in cue_counts(article, mentions).items())


def _related_mentions(
    article: Article,
    canonical: dict[str, str],
    kinds: dict[str, EntityKind],
    short_owners: dict[str, str],
) -> list[ArticleMention]:
    """Names in the `Read more` titles (title i is block `related_block(i)`, -4 - i). Each
    title is read on its own, so headlines about other stories do not sway the article's
    kinds; a name the article also uses takes the article's canonical name and kind."""
    placed = []
    for i, title in enumerate(article.related_titles):
        for start, end, text, found_kind in _title_names(title):
            key = name_key(text)
            name = canonical.get(key) or short_owners.get(key) or text
            kind = kinds.get(name, found_kind)
            placed.append(ArticleMention(name, kind, related_block(i), start, end))
    return placed


@lru_cache(maxsize=1 << 12)  # an article's title is a `Read more` title in several others
def _title_names(title: str) -> tuple[Found, ...]:
    """The trimmed names the finder finds in a `Read more` title read on its own."""
    trimmed = (_trimmed(found) for found in find_names(_LINE_BREAK.sub(" ", title)))
    return tuple(m for m in trimmed if m is not None)


def _speaker(
    quote: Quote,
    canonical: dict[str, str],
    kinds: dict[str, EntityKind],
    short_owners: dict[str, str],
) -> Quote:
    """The quote with its speaker replaced by the canonical name when that is a person."""
    if not quote.speaker:
        return quote
    start, end = name_span(quote.speaker, "person")
    key = name_key(quote.speaker[start:end])
    name = canonical.get(key) or short_owners.get(key)
    if name and kinds.get(name) == "person" and name != quote.speaker:
        return replace(quote, speaker=name)
    return quote
