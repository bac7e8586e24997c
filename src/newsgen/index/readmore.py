"""`Read more:` lines resolved against every headline of the archive."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

from newsgen.diagnostics import Diagnostic, warning
from newsgen.index.model import ReadMore
from newsgen.model import Article


def _normalise(title: str) -> str:
    """Lowercase, without punctuation or quote marks of any style, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", title).casefold()
    text = "".join(_fold(c) for c in text)
    return re.sub(r"\s+", " ", text).strip()


def _fold(char: str) -> str:
    """Dashes and slashes separate words; other punctuation (`U.S.`, `it's`) just vanishes."""
    category = unicodedata.category(char)
    if category == "Pd" or char in "/\\":
        return " "
    return "" if category.startswith(("P", "S")) else char


class _FoldTable(dict[int, str]):
    """`_fold` for `str.translate`, each character worked out once (a headline is mostly
    letters already seen: translating in C is what makes 100,000 headlines cheap)."""

    def __missing__(self, code: int) -> str:
        folded = _fold(chr(code))
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def _fast_normalise(title: str) -> str:
    """`newsgen.extract.links.normalise_headline`, translated in C."""
    text = unicodedata.normalize("NFKC", title).casefold().translate(_FOLD_TABLE)
    return " ".join(text.split())


def _pick_normaliser() -> Callable[[str], str]:
    try:
        from newsgen.extract.links import normalise_headline  # noqa: F401 (the reference)
    except ImportError:
        return _normalise
    return _fast_normalise


normalise_headline = _pick_normaliser()


def headline_table(articles: Sequence[Article], order: Sequence[int]) -> dict[str, list[int]]:
    """Normalised headline → article ids, newest first (the newest wins a duplicate)."""
    table: dict[str, list[int]] = {}
    for i in order:
        table.setdefault(normalise_headline(articles[i].title), []).append(i)
    return table


def resolve(
    article_id: int, article: Article, table: dict[str, list[int]]
) -> tuple[tuple[ReadMore, ...], list[Diagnostic]]:
    """Each related title linked to the newest other article with that headline, or kept as text."""
    links: list[ReadMore] = []
    found: list[Diagnostic] = []
    for title in article.related_titles:
        candidates = table.get(normalise_headline(title), [])
        target = next((c for c in candidates if c != article_id), None)
        links.append(ReadMore(title, target))
        if target is None:
            found.append(
                warning(
                    article.source.path,
                    None,
                    "read-more-unresolved",
                    f"'Read more: {title}' matches no article headline",
                    "it is shown as plain text; check the headline's wording",
                )
            )
    return tuple(links), found
