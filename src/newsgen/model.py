"""The data that crosses stage boundaries: frozen, slotted dataclasses and nothing else.

Per-file values (`Article` and what it holds) are pure functions of one file's bytes and the
settings that shape reading, so they can be cached and computed in parallel. Cross-article
values (URLs, unique slugs, resolved links, canonical entities) live in the site index.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

EntityKind = Literal["person", "organization", "place", "other"]
ENTITY_KINDS: tuple[EntityKind, ...] = ("person", "organization", "place", "other")


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where an article came from: `path` is relative to the site root, with `/` separators."""

    path: str
    format: Literal["text", "markdown"]
    encoding: str
    sha256: str


@dataclass(frozen=True, slots=True)
class Image:
    """A photo: `caption` text and `credit` (`AP`, `Reuters/Jane Doe`); `src` only from front matter."""

    caption: str
    credit: str | None = None
    src: str | None = None
    alt: str | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph of plain text; `line` is its first line in the source file (1-based)."""

    text: str
    line: int = 0


@dataclass(frozen=True, slots=True)
class Subheading:
    """A short crosshead line standing between paragraphs."""

    text: str
    line: int = 0


@dataclass(frozen=True, slots=True)
class HtmlBlock:
    """Already-sanitised HTML (from a Markdown body); rendered as is.

    `text` is its plain text (what quotes, mentions and summaries are found in; quote and mention
    offsets index it); `heading` is the heading level (2 for `<h2>`), 0 for other elements.
    """

    html: str
    text: str = ""
    heading: int = 0


Block = Paragraph | Subheading | HtmlBlock


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote and who said it.

    `block` indexes `Article.blocks`; `start`/`end` are character offsets of the quoted text
    (quote marks included) in that block's text, so the renderer can mark it up in place.
    A quote spanning several paragraphs is recorded on its first paragraph with `end` at the
    end of that paragraph, and `text` holds the whole quote.
    """

    text: str
    speaker: str | None
    block: int = -1
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Mention:
    """A name found in text: `text[start:end]` of the text it was found in, and its kind."""

    start: int
    end: int
    text: str
    kind: EntityKind


@dataclass(frozen=True, slots=True)
class ArticleMention:
    """A mention placed in an article: `block` indexes `Article.blocks` (-1 title, -2 standfirst,
    -3 caption); `name` is the canonical name within this article (short forms joined)."""

    name: str
    kind: EntityKind
    block: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """Everything newsgen read and derived from one content file, before any cross-article work."""

    source: SourceInfo
    title: str
    standfirst: str | None = None
    date: dt.date | None = None
    date_source: str = ""
    section: str = ""
    tags: tuple[str, ...] = ()
    slug: str = ""
    summary: str = ""
    author: str | None = None
    draft: bool = False
    image: Image | None = None
    blocks: tuple[Block, ...] = ()
    subheadings: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    related_titles: tuple[str, ...] = ()
    mentions: tuple[ArticleMention, ...] = ()
    word_count: int = 0
    reading_minutes: int = 0
    extra: tuple[tuple[str, str], ...] = field(default=())
    # Per article-local name, the counts of the cues around its mentions (see
    # `newsgen.entities.evidence.article_cues`), in first-mention order; computed once per
    # file by `annotate_article` so the archive-wide step does not redo it on every build.
    entity_cues: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class ReadSettings:
    """The settings that shape reading one file; part of every cached article's key."""

    allow_raw_html: bool = False
    default_section: str = "news"
    content_dir: str = "content"


@dataclass(frozen=True, slots=True)
class Entity:
    """One canonical entity of the archive, as decided across all articles (and entities.yaml).

    `id` indexes `EntityResolution.entities`; `slug` is unique within its kind.
    """

    id: int
    name: str
    kind: EntityKind
    slug: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    article_count: int = 0
    mention_count: int = 0


@dataclass(frozen=True, slots=True)
class EntityResolution:
    """The archive-wide entity decisions the site index needs.

    `per_article[i]` maps the article-local canonical names of `articles[i]` (the `name` of its
    `ArticleMention`s and its quotes' speakers) to entity ids; names mapped to no entity (ignored,
    or merged away) are absent.
    """

    entities: tuple[Entity, ...]
    per_article: tuple[dict[str, int], ...]
