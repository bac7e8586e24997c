"""The data that crosses stage boundaries: frozen, slotted dataclasses and nothing else (plus
`quicken`, which gives them, and the other stages' dataclasses, a quicker `__init__`).

Per-file values (`Article` and what it holds) are pure functions of one file's bytes and the
settings that shape reading, so they can be cached and computed in parallel. Cross-article
values (URLs, unique slugs, resolved links, canonical entities) live in the site index.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import types
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

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
    # Also for that step, also made by `annotate_article`: (surface, name) of each mention
    # written as an acronym of its name (most articles have none).
    acronyms: tuple[tuple[str, str], ...] = ()


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


_T = TypeVar("_T")


def quicken(cls: type[_T]) -> type[_T]:
    """`cls` (a frozen, slotted dataclass) with an `__init__` about twice as quick.

    The generated `__init__` of a frozen dataclass stores each field through
    `object.__setattr__`, looked up again for every field. A 20,000-article build makes about
    1.2 million mentions, paragraphs and quotes in its workers, and makes them again when the
    parent unpickles the workers' articles: seconds of a cold build. This `__init__` stores
    through the fields' slot descriptors instead. Parameters, defaults and frozenness are the
    dataclass's own; a class it cannot match exactly (a default factory, `__post_init__`,
    init-only or keyword-only fields) keeps the generated `__init__`.
    """
    params = dataclasses.fields(cls)  # type: ignore[arg-type]
    plain = all(
        f.init and not f.kw_only and f.default_factory is dataclasses.MISSING for f in params
    )
    special = hasattr(cls, "__post_init__") or "self" in {f.name for f in params}
    if not (plain and cls.__dataclass_params__.frozen and hasattr(cls, "__slots__")) or special:  # type: ignore[attr-defined]
        return cls
    slots = [getattr(cls, f.name, None) for f in params]  # inherited fields' slots too
    if not all(isinstance(slot, types.MemberDescriptorType) for slot in slots):
        return cls
    scope: dict[str, Any] = {}
    signature, body = [], []
    for i, (f, slot) in enumerate(zip(params, slots)):
        scope[f"_set{i}"] = slot.__set__
        if f.default is dataclasses.MISSING:
            signature.append(f.name)
        else:
            scope[f"_default{i}"] = f.default
            signature.append(f"{f.name}=_default{i}")
        body.append(f"    _set{i}(self, {f.name})\n")
    exec(f"def __init__(self, {', '.join(signature)}):\n{''.join(body) or '    pass'}\n", scope)
    init = scope["__init__"]
    if _parameters(init) != _parameters(cls.__init__):
        return cls  # something dataclasses does that this does not: keep theirs
    init.__annotations__ = cls.__init__.__annotations__
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[misc]
    return cls


def _parameters(function: Any) -> list[tuple[str, Any, Any]]:
    return [(p.name, p.default, p.kind) for p in inspect.signature(function).parameters.values()]


def quicken_module(namespace: dict[str, Any]) -> None:
    """`quicken` the dataclasses a module defines (pass its `globals()`)."""
    name = namespace["__name__"]
    for value in list(namespace.values()):
        if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == name:
            quicken(value)


quicken_module(globals())
