"""The site index: every cross-article decision, as frozen values the render plan reads.

Articles are referred to by id, their position in the sequence given to `build_index`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgen.index.sentences import mention_sentence
from newsgen.model import Article, ArticleMention, Entity, quicken_module


@dataclass(frozen=True, slots=True)
class ReadMore:
    """One `Read more:` line: its text, and the article it names when one matched."""

    title: str
    target: int | None


@dataclass(frozen=True, slots=True)
class IndexedArticle:
    """An article with its final slug, URL and links to other articles; `entity_names` maps
    its mention names and quote speakers to entity ids (from the resolution)."""

    id: int
    article: Article
    slug: str
    dir: str
    section: str
    tag_slugs: tuple[str, ...]
    read_more: tuple[ReadMore, ...]
    related: tuple[int, ...]
    previous: int | None
    next: int | None
    entity_ids: tuple[int, ...]
    entity_names: dict[str, int]


@dataclass(frozen=True, slots=True)
class Section:
    name: str
    dir: str
    article_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Tag:
    slug: str
    name: str
    dir: str
    article_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class MonthArchive:
    year: int
    month: int
    dir: str
    article_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class YearArchive:
    year: int
    dir: str
    months: tuple[MonthArchive, ...]
    article_count: int


@dataclass(frozen=True, slots=True)
class EntityMentionRef:
    """An article mentioning an entity, and its first mention of it. The sentence quoted is
    found from these when the page is rendered, in the render workers: at 100,000 articles,
    finding all 613,000 of them took about 4 s of the index's one process, and holding them
    to the end of the build about 40 MB."""

    article_id: int
    article: Article = field(compare=False, repr=False)
    mention: ArticleMention | None

    @property
    def sentence(self) -> str:
        """The sentence holding the mention (empty when none is found)."""
        return mention_sentence(self.article, self.mention)


@dataclass(frozen=True, slots=True)
class AttributedQuote:
    article_id: int
    text: str


@dataclass(frozen=True, slots=True)
class EntityPageData:
    """What an entity page shows: its articles newest first, co-mentions, and quotes."""

    entity: Entity
    dir: str
    mentions: tuple[EntityMentionRef, ...]
    co_mentioned: tuple[tuple[int, int], ...]
    quotes: tuple[AttributedQuote, ...]


@dataclass(frozen=True, slots=True)
class SiteIndex:
    """The whole site's structure; `entity_pages` maps entity id → page data (only entities
    with enough articles); `entities` is the full resolution list (ids index it)."""

    articles: tuple[IndexedArticle, ...]
    newest_first: tuple[int, ...]
    sections: tuple[Section, ...]
    tags: tuple[Tag, ...]
    years: tuple[YearArchive, ...]
    undated: tuple[int, ...]
    entities: tuple[Entity, ...]
    entity_pages: dict[int, EntityPageData]


quicken_module(globals())  # a quicker `__init__` (see `newsgen.model.quicken`)
