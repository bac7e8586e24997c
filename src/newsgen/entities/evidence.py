"""What the words around each mention say about the name: the evidence `archive.py` weighs.

`article_cues(article)` is a pure function of one annotated article: for each article-local name,
how many of its mentions stand where a place stands (`in Caldwick`, `Kestrava's government`, a
dateline), where a person stands (`Okonkwo said`, `Mayor Castellano`), before `party` or
`Minister`, and in a name-like spot (mid-sentence, not after `the`). Headlines (the title and
the `Read more` titles) count for places and people but are never name-like: they capitalise
ordinary words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from newsgen.entities.lexicon import (
    DETERMINERS,
    HONORIFICS,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    SPEECH_VERBS,
    TITLE_NOUNS,
    WEAK_PLACE_PREPOSITIONS,
)
from newsgen.model import Article, ArticleMention

TITLE, STANDFIRST, CAPTION = -1, -2, -3
RELATED = -4  # `Read more` title i is block RELATED - i
PERSON_BEFORE = HONORIFICS | frozenset(
    """president mayor senator governor chancellor premier minister secretary councillor
    judge professor ambassador spokesman spokeswoman chairman chairwoman inspector detective
    captain coach novelist author writer librarian""".split()
)
_AFTER = re.compile(r"(['’]s?)?\s+([^\W\d_]+)")
_QUOTED_BEFORE = re.compile(r"[\"“‘'](?:The )?$")
_CLOSING_QUOTES = frozenset("\"”’'")
_DATELINE = re.compile(r"[A-Z][A-Z'’ .-]*,\s*")
_OPENERS = " \t\"'“‘”’(—–-"
_APOSTROPHES = ("'", "’")
_DASHES = ("-", "—", "–")
_CONTEXT = 60


def related_block(i: int) -> int:
    """The `ArticleMention.block` of the article's `i`-th `Read more` title."""
    return RELATED - i


def block_text(article: Article, block: int) -> str:
    """The text a mention's block points into (`Read more` titles included)."""
    if block == TITLE:
        return article.title
    if block == STANDFIRST:
        return article.standfirst or ""
    if block == CAPTION:
        return article.image.caption if article.image else ""
    if block <= RELATED:
        i = RELATED - block
        return article.related_titles[i] if i < len(article.related_titles) else ""
    if 0 <= block < len(article.blocks):
        return getattr(article.blocks[block], "text", "")
    return ""


def article_cues(article: Article) -> dict[str, Counter[str]]:
    """Article-local name -> counts of the cues its mentions show (see `mention_cues`)."""
    return mentions_cues(article, article.mentions)


def mentions_cues(
    article: Article, mentions: Iterable[ArticleMention]
) -> dict[str, Counter[str]]:
    """`article_cues` of `mentions` placed in `article`'s texts, so the annotator can count
    them before it builds the annotated article."""
    return {name: Counter(counts) for name, counts in cue_counts(article, mentions).items()}


def cue_counts(
    article: Article, mentions: Iterable[ArticleMention]
) -> dict[str, dict[str, int]]:
    """`mentions_cues` in plain dicts (same counts, same order): what `Article.entity_cues`
    stores, without a `Counter` made per name."""
    cues: dict[str, dict[str, int]] = {}
    seen: Counter[tuple[int, str]] = Counter()
    texts: dict[int, str] = {}
    for mention in mentions:
        block = mention.block
        text = texts.get(block)
        if text is None:
            text = texts[block] = block_text(article, block)
        if mention.start >= 0:
            start, end = mention.start, mention.end
        else:
            start, end = _offsets(mention, text, seen)
        counts = cues.get(mention.name)
        if counts is None:
            counts = cues[mention.name] = {"mentions": 1}
        else:
            counts["mentions"] += 1
        if start >= 0:
            for cue in _mention_cues(text, start, end, _is_headline(block)):
                counts[cue] = counts.get(cue, 0) + 1
    return cues


def _is_headline(block: int) -> bool:
    return block == TITLE or block <= RELATED


def _offsets(mention: ArticleMention, text: str, seen: Counter[tuple[int, str]]) -> tuple[int, int]:
    """The mention's offsets; for a mention placed without them (HTML blocks), its n-th
    occurrence in the block's plain text."""
    if mention.start >= 0:
        return mention.start, mention.end
    key = (mention.block, mention.name)
    start = -1
    for _ in range(seen[key] + 1):
        start = text.find(mention.name, start + 1)
        if start < 0:
            return -1, -1
    seen[key] += 1
    return start, start + len(mention.name)


def _word_before(stripped: str) -> str:
    """The word right before a name, past one space and an optional `.` or `,` (`in`,
    `Mayor`, `said,`), from the text before the name with its trailing spaces removed."""
    if stripped[-1:] in (".", ","):
        stripped = stripped[:-1]
    if not stripped[-1:].isalpha():
        return ""
    # The letters after the last space: when all letters, the longest run of letters ending
    # the text (the usual case, without walking the word letter by letter).
    last = stripped[stripped.rfind(" ") + 1 :]
    if last.isalpha():
        return last
    i = len(stripped)
    while i > 0 and stripped[i - 1].isalpha():
        i -= 1
    return stripped[i:]


def _after_dateline(stripped: str) -> bool:
    """`VARNO, May 2 (Wire) - ` right before (trailing spaces removed): the name opens the
    story's first sentence."""
    if not stripped.endswith(_DASHES):
        return False
    return stripped.rstrip("-—– ").endswith(")")


def mention_cues(text: str, start: int, end: int, headline: bool = False) -> list[str]:
    """The cues of `text[start:end]`: `place`, `weak_place`, `person`, `party`, `title`,
    `fragment`, `quoted`, `name_like`."""
    return list(_mention_cues(text, start, end, headline))


def _mention_cues(text: str, start: int, end: int, headline: bool) -> tuple[str, ...]:
    """`mention_cues`: what the text around the name says, then the cues that follow from it
    (`_cues`, remembered: names stand in the same few spots again and again)."""
    before = text[start - _CONTEXT : start] if start >= _CONTEXT else text[:start]
    opened = before.rstrip(_OPENERS)
    stripped = before.rstrip()
    sentence_start = (
        start < _CONTEXT and not opened
        or opened[-1:] in (".", "!", "?", ":", ";")
        or stripped.endswith(_DASHES) and _after_dateline(stripped)
    )
    # No space before the name: glued to what precedes it, so no word before counts.
    glued = len(stripped) == len(before)
    word = "" if sentence_start or glued else _word_before(stripped)
    # `_AFTER` needs a quote or a space first: most names end at `,` or `.`, so skip the regex.
    # The text after the name is read in place (`pos`, `endpos`), as `text[end : end + 60]`.
    first = text[end : end + 1]
    if first in _APOSTROPHES or first.isspace():
        follow = _AFTER.match(text, end, end + _CONTEXT)
    else:
        follow = None
    possessive, following = (bool(follow.group(1)), follow.group(2)) if follow else (False, "")
    dateline = start < _CONTEXT and _DATELINE.fullmatch(text, 0, start) is not None
    # `“The Salt Road”`: the title of a work
    quoted = first in _CLOSING_QUOTES and _QUOTED_BEFORE.search(before[-6:]) is not None
    return _cues(word, possessive, following, sentence_start, dateline, quoted, headline)


@lru_cache(maxsize=1 << 16)
def _cues(
    word: str,
    possessive: bool,
    following: str,
    sentence_start: bool,
    dateline: bool,
    quoted: bool,
    headline: bool,
) -> tuple[str, ...]:
    """The cues of a name with `word` before it and `following` after (past a possessive)."""
    previous = word.lower()
    capitalised = word[:1].isupper()
    found: list[str] = []
    if previous in PLACE_PREPOSITIONS or dateline:
        found.append("place")
    elif previous in WEAK_PLACE_PREPOSITIONS:
        found.append("weak_place")
    if following in PLACE_NOUNS:  # lower case: `Caldwick council`, not `Caldwick Council`
        found.append("place")
    if previous in PERSON_BEFORE or (not possessive and following in SPEECH_VERBS):
        found.append("person")
    if not possessive and following.lower() in TITLE_NOUNS:
        found.append("title")
    if not possessive and following == "party":
        found.append("party")
    if quoted:
        found.append("quoted")
    if capitalised:
        found.append("fragment")  # `Port [Ellery Philharmonic]`: cut from a longer name
    if not (headline or sentence_start or previous in DETERMINERS or capitalised):
        found.append("name_like")  # not `Free Centre [Party]`: part of a longer name
    return tuple(found)
