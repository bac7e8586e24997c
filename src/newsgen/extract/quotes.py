"""Direct quotes and their speakers, found in an article's paragraphs.

A quoted span counts when it has an attribution (`"…," Quill said.`, `said X`, `X said: "…"`),
or stands as a whole paragraph (speaker from the paragraph before, or the running speaker).
Short scare quotes (under five words, `"humanitarian act"`) and `"…", according to X` are not
quotes. News-style quotes over several paragraphs (no closing mark, the next paragraph opening
with one) are one `Quote` recorded on the first paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsgen.extract import speakers
from newsgen.model import Block, HtmlBlock, Paragraph, Quote, quicken_module

MIN_QUOTE_WORDS = 5
_CONTEXT = 2000  # characters before a quote searched for its speaker: keeps long lines linear
_MARKS = re.compile("[\"“”„«»]")
# British style, used when a paragraph has no double marks: ‘ opens after a space or bracket;
# ’ closes after punctuation (`,’ said`) or before punctuation or the end, and is otherwise an
# apostrophe (`Kestrava’s`, `the players’ union`).
_SINGLE_MARKS = re.compile(
    r"(?<![^\s(\[—–-])‘|(?<=[,.?!;:—–-])’(?![^\W_])|’(?=[^\w\s]|$)"
)
_OPENERS = "\"“„«‘"
_CLOSERS = "\"”»’"


@dataclass(frozen=True, slots=True)
class Span:
    """`text[start:end]` is a quote, marks included; `closed` is False when it runs to the end."""

    start: int
    end: int
    closed: bool


def block_text(block: Block | str) -> str | None:
    """The plain text quotes are looked for in; None for headings, which break a quote."""
    if isinstance(block, str):
        return block
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, HtmlBlock) and not block.heading:
        return block.text
    return None


def quote_spans(text: str) -> list[Span]:
    """Quoted spans in order: double (else single curly) marks paired left to right."""
    spans: list[Span] = []
    start: int | None = None
    if _MARKS.search(text):
        marks = _MARKS
    elif "‘" in text or "’" in text:
        marks = _SINGLE_MARKS
    else:  # `_SINGLE_MARKS` tries its lookbehinds at every character: skip prose without marks
        return spans
    for match in marks.finditer(text):
        mark, pos = match.group(), match.start()
        if start is None and mark in _OPENERS:
            start = pos
        elif start is not None and mark in _CLOSERS:
            spans.append(Span(start, pos + 1, True))
            start = None
    if start is not None:
        spans.append(Span(start, len(text), False))
    return spans


class _Finder:
    """Walks the paragraphs once, remembering the running speaker for pronouns."""

    def __init__(self, texts: list[str | None]) -> None:
        self.texts = texts
        self.quotes: list[Quote] = []
        self.last_speaker: str | None = None

    def run(self) -> tuple[Quote, ...]:
        i = 0
        while i < len(self.texts):
            i = self._paragraph(i, skip_first=0)
        return tuple(self.quotes)

    def _paragraph(self, i: int, skip_first: int) -> int:
        """Quotes of paragraph `i` from offset `skip_first`; returns the next paragraph index."""
        text = self.texts[i]
        if text is None:
            return i + 1
        spans = [s for s in quote_spans(text) if s.start >= skip_first]
        said_here: str | None = None
        for span in spans:
            if not span.closed:
                return self._multi(i, span)
            found = self._single(i, text, span, said_here, whole=_is_whole(text, span))
            if found:
                said_here = found.speaker or said_here
        return i + 1

    def _single(
        self, i: int, text: str, span: Span, said_here: str | None, whole: bool
    ) -> Quote | None:
        inner = text[span.start + 1 : span.end - 1]
        after = text[span.end : span.end + 120]
        words = len(inner.split())
        if words < 2 or speakers.is_according(after):
            return None
        before = text[max(0, span.start - _CONTEXT) : span.start]
        who = _after_who(inner, after) or speakers.attribution_before(before)
        if who is None and not whole and said_here is None:
            return None
        if words < MIN_QUOTE_WORDS and not (who and words >= 2 and inner.rstrip()[-1:] in ",?!"):
            return None
        if who:
            speaker = self._speaker(who, i, before)
        else:
            speaker = said_here or self._context_speaker(i)
        return self._add(Quote(_clean(inner), speaker, i, span.start, span.end))

    def _multi(self, first: int, span: Span) -> int:
        """A quote left open at the end of paragraph `first`, continued in later paragraphs."""
        text = self.texts[first] or ""
        parts = [text[span.start + 1 :]]
        before = text[max(0, span.start - _CONTEXT) : span.start]
        who = speakers.attribution_before(before)
        j = first + 1
        next_index, resume = first + 1, 0
        while j < len(self.texts) and _opens_with_quote(self.texts[j]):
            follow = self.texts[j] or ""
            cont = quote_spans(follow)[0]
            parts.append(follow[cont.start + 1 : cont.end - 1 if cont.closed else cont.end])
            next_index, resume = j, cont.end
            if cont.closed:
                who = _after_who(parts[-1], follow[cont.end : cont.end + 120]) or who
                break
            next_index, resume = j + 1, 0
            j += 1
        whole = " ".join(" ".join(parts).split())
        stray = len(parts) == 1 and who is None and span.start > 1  # an unclosed mark in prose
        if len(whole.split()) >= MIN_QUOTE_WORDS and not stray:
            if who:
                speaker = self._speaker(who, first, before)
            else:
                speaker = self._context_speaker(first)
            self._add(Quote(_clean(whole), speaker, first, span.start, len(text)))
        if resume and next_index < len(self.texts):
            return self._paragraph(next_index, skip_first=resume)
        return next_index

    def _speaker(self, who: speakers.Who, i: int, before: str) -> str | None:
        if speakers.is_pronoun(who):
            return self._antecedent(i, before)
        return speakers.speaker_name(who)

    def _antecedent(self, i: int, before: str) -> str | None:
        """The subject earlier in this paragraph, else in the paragraphs since the last quote
        (two at most), else the last named speaker."""
        name = speakers.subject_in(before)
        if name:
            return name
        since = self.quotes[-1].block + 1 if self.quotes else 0
        for j in range(i - 1, max(since, i - 2) - 1, -1):
            text = self.texts[j]
            name = speakers.subject_in(text) if text else None
            if name:
                return name
        return self.last_speaker

    def _context_speaker(self, i: int) -> str | None:
        """A bare quote paragraph: introduced by the paragraph before, or the running speaker."""
        previous = self._previous_text(i)
        if previous is not None:
            who = speakers.paragraph_attribution(previous)
            if who:
                return self._speaker(who, i - 1, previous[:-1])
        last = self.quotes[-1] if self.quotes else None
        return last.speaker if last and last.block >= i - 1 else None

    def _previous_text(self, i: int) -> str | None:
        return self.texts[i - 1] if i > 0 else None

    def _add(self, quote: Quote) -> Quote:
        self.quotes.append(quote)
        if quote.speaker:
            self.last_speaker = quote.speaker
        return quote


def _after_who(inner: str, after: str) -> speakers.Who | None:
    """An attribution after the closing mark counts when the quote ends like a clause."""
    last, following = inner.rstrip()[-1:], after.lstrip()[:1]
    if (last and last in ",?!—-–") or (following and following in ",–—-"):
        return speakers.attribution_after(after)
    return None


def _is_whole(text: str, span: Span) -> bool:
    return span.start <= 1 and len(text.rstrip(" .")) - span.end <= 1


def _opens_with_quote(text: str | None) -> bool:
    first = text.lstrip()[:1] if text else ""
    return first != "" and first in _OPENERS


def _clean(inner: str) -> str:
    return " ".join(inner.split()).rstrip(",")


def find_quotes(blocks: Sequence[Block | str]) -> tuple[Quote, ...]:
    """Every direct quote in `blocks`, with `block`, `start`, `end` placing it in its block."""
    return _Finder([block_text(b) for b in blocks]).run()


quicken_module(globals())  # a quicker `__init__` (see `newsgen.model.quicken`)
