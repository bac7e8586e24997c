"""The stable JSON view of one article (`newsgen inspect`, tests, tooling).

Keys, always all present, in this order:
  title          str
  standfirst     str or null
  summary        str
  date           "YYYY-MM-DD" (ISO 8601) or null
  section        str (a slug)
  slug           str
  url            str or null (the article's URL, given by the caller)
  tags           list of str
  image          {"caption": str, "credit": str or null} or null
  subheadings    list of str
  related        list of {"title": str, "url": str or null}; url null when unresolved
  quotes         list of {"text": str, "speaker": str or null}
  entities       list of {"name": str, "type": str, "count": int}
  word_count     int
  reading_minutes int
  source         {"path": str, "format": "text" or "markdown", "encoding": str}
  warnings       list of str, each a diagnostic's one-line form
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsgen.diagnostics import Diagnostic
from newsgen.model import Article

KEYS = (
    "title", "standfirst", "summary", "date", "section", "slug", "url", "tags", "image",
    "subheadings", "related", "quotes", "entities", "word_count", "reading_minutes", "source",
    "warnings",
)  # fmt: skip


def article_json(
    article: Article,
    url: str | None,
    entities: list[dict[str, Any]] | None = None,
    warnings: Sequence[Diagnostic] = (),
    related_urls: Sequence[str | None] | None = None,
) -> dict[str, Any]:
    """The JSON-ready dict of `article`; `related_urls[i]` is the URL of `related_titles[i]`."""
    image = article.image
    return {
        "title": article.title,
        "standfirst": article.standfirst,
        "summary": article.summary,
        "date": article.date.isoformat() if article.date else None,
        "section": article.section,
        "slug": article.slug,
        "url": url,
        "tags": list(article.tags),
        "image": {"caption": image.caption, "credit": image.credit} if image else None,
        "subheadings": list(article.subheadings),
        "related": _related(article.related_titles, related_urls),
        "quotes": [{"text": q.text, "speaker": q.speaker} for q in article.quotes],
        "entities": [_entity(e) for e in entities or []],
        "word_count": article.word_count,
        "reading_minutes": article.reading_minutes,
        "source": {
            "path": article.source.path,
            "format": article.source.format,
            "encoding": article.source.encoding,
        },
        "warnings": [d.format() for d in warnings],
    }


def _related(
    titles: Sequence[str], urls: Sequence[str | None] | None
) -> list[dict[str, str | None]]:
    urls = urls or ()
    return [
        {"title": title, "url": urls[i] if i < len(urls) else None}
        for i, title in enumerate(titles)
    ]


def _entity(entity: dict[str, Any]) -> dict[str, Any]:
    """Only the documented keys; `type` may be given as `kind`."""
    kind = entity.get("type", entity.get("kind"))
    return {"name": entity.get("name"), "type": kind, "count": int(entity.get("count", 0))}
