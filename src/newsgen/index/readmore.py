"""`Read more:` lines resolved against every headline of the archive."""

from __future__ import annotations

from collections.abc import Sequence

from newsgen.diagnostics import Diagnostic, warning
from newsgen.extract.links import normalise_headline
from newsgen.index.model import ReadMore
from newsgen.model import Article


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
