"""Plain text with marked-up spans (quotes, entity links) as escaped HTML."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape as _escape_html

from markupsafe import escape


def _text(text: str) -> str:
    """Text content escaped; quote marks stay readable (they are only special in attributes)."""
    return _escape_html(text, quote=False)


@dataclass(frozen=True, slots=True)
class Span:
    """`text[start:end]` wrapped in `<tag attrs>`; attribute values are escaped on output."""

    start: int
    end: int
    tag: str
    attrs: tuple[tuple[str, str], ...] = ()


_NAME = re.compile(r"[a-z][a-z0-9-]*")


def _well_named(span: Span) -> bool:
    """Tag and attribute names are written out raw, so only plain names are accepted."""
    return bool(_NAME.fullmatch(span.tag)) and all(_NAME.fullmatch(n) for n, _ in span.attrs)


def _open(span: Span) -> str:
    attrs = "".join(f' {name}="{escape(value)}"' for name, value in span.attrs)
    return f"<{span.tag}{attrs}>"


def nested_spans(text: str, spans: Sequence[Span]) -> list[Span]:
    """The spans that fit the text and nest or stand apart; one crossing a kept span is dropped."""
    ordered = sorted(
        (s for s in spans if 0 <= s.start < s.end <= len(text) and _well_named(s)),
        key=lambda s: (s.start, -s.end),
    )
    kept: list[Span] = []
    open_spans: list[Span] = []
    for span in ordered:
        while open_spans and open_spans[-1].end <= span.start:
            open_spans.pop()
        if open_spans and span.end > open_spans[-1].end:
            continue
        kept.append(span)
        open_spans.append(span)
    return kept


def markup_spans(text: str, spans: Sequence[Span]) -> str:
    """Escaped `text` with each kept span wrapped in its tag, innermost closed first."""
    out: list[str] = []
    pos = 0
    stack: list[Span] = []

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1].end <= limit:
            top = stack.pop()
            out.append(_text(text[pos : top.end]))
            out.append(f"</{top.tag}>")
            pos = top.end

    for span in nested_spans(text, spans):
        close_until(span.start)
        out.append(_text(text[pos : span.start]))
        out.append(_open(span))
        pos = span.start
        stack.append(span)
    close_until(len(text))
    out.append(_text(text[pos:]))
    return "".join(out)
