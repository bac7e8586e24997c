"""The short text shown in lists and feeds, and how long an article takes to read."""

from __future__ import annotations

from collections.abc import Iterable

SUMMARY_CHARS = 200
WORDS_PER_MINUTE = 230


def trim(text: str, limit: int = SUMMARY_CHARS) -> str:
    """`text`, whitespace collapsed, cut at a word boundary to about `limit` chars, plus "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    space = cut.rfind(" ")
    head = cut[:space] if space > limit // 2 else text[:limit]
    return head.rstrip(" ,;:.-–—") + "…"


def pick_summary(
    front_matter: str | None, standfirst: str | None, first_paragraph: str | None
) -> str:
    """Front matter summary > standfirst > first body paragraph, trimmed."""
    for candidate in (front_matter, standfirst, first_paragraph):
        if candidate and candidate.strip():
            return trim(candidate)
    return ""


def count_words(texts: Iterable[str]) -> int:
    return sum(len(text.split()) for text in texts)


def reading_minutes(words: int) -> int:
    return max(1, round(words / WORDS_PER_MINUTE))
