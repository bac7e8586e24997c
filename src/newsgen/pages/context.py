"""The typed values templates receive as `page`: small refs and one context class per page kind.

Templates get these and nothing else (no functions that query the site), so a page's inputs are
exactly its context and its fingerprint can be computed before rendering.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from newsgen.model import quicken_module


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True, slots=True)
class CountLink:
    """A name with a count (tags, entities, months); `href` is '' when it has no page."""

    text: str
    href: str
    count: int


@dataclass(frozen=True, slots=True)
class ArticleRef:
    title: str
    href: str
    date: dt.date | None
    date_iso: str
    date_label: str
    section: Link
    summary: str


@dataclass(frozen=True, slots=True)
class PageLink:
    number: int
    href: str


@dataclass(frozen=True, slots=True)
class Pagination:
    """Page `number` of `total`; `hrefs` is a window of nearby pages (plus first and last)."""

    number: int
    total: int
    prev_href: str | None
    next_href: str | None
    hrefs: tuple[PageLink, ...]


@dataclass(frozen=True, slots=True)
class SiteInfo:
    """What every HTML page shows around its content: title, navigation, asset paths."""

    title: str
    description: str
    language: str
    home_href: str
    static_href: str
    search_href: str
    feed_href: str | None
    nav: tuple[Link, ...]
    archive_links: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class ListPage:
    """Home, section, tag, month and undated pages: a paginated list of articles."""

    site: SiteInfo
    title: str
    heading: str
    intro: str
    canonical: str
    articles: tuple[ArticleRef, ...]
    pagination: Pagination
    feed_href: str | None


@dataclass(frozen=True, slots=True)
class YearPage:
    site: SiteInfo
    title: str
    canonical: str
    months: tuple[CountLink, ...]


@dataclass(frozen=True, slots=True)
class TagsIndexPage:
    site: SiteInfo
    title: str
    canonical: str
    tags: tuple[CountLink, ...]


@dataclass(frozen=True, slots=True)
class LetterGroup:
    """Entities under one initial; `href` is the letter's own page when the index is split."""

    letter: str
    anchor: str
    href: str
    entities: tuple[CountLink, ...]


@dataclass(frozen=True, slots=True)
class EntityIndexPage:
    site: SiteInfo
    title: str
    canonical: str
    kind: str
    most_mentioned: tuple[CountLink, ...]
    letters: tuple[LetterGroup, ...]
    index_link: Link | None


@dataclass(frozen=True, slots=True)
class EntityMentionView:
    article: ArticleRef
    sentence: str


@dataclass(frozen=True, slots=True)
class QuoteView:
    text: str
    article: ArticleRef


@dataclass(frozen=True, slots=True)
class EntityPage:
    site: SiteInfo
    title: str
    canonical: str
    kind: str
    kind_label: str
    index_link: Link
    description: str
    aliases: tuple[str, ...]
    article_count: int
    mentions: tuple[EntityMentionView, ...]
    co_mentioned: tuple[CountLink, ...]
    quotes: tuple[QuoteView, ...]
    pagination: Pagination


@dataclass(frozen=True, slots=True)
class BodyBlock:
    """A body block as escaped HTML: `kind` is `p`, `h2` or `html` (sanitised Markdown)."""

    kind: str
    html: str


@dataclass(frozen=True, slots=True)
class ImageView:
    caption: str
    credit: str
    src: str
    alt: str


@dataclass(frozen=True, slots=True)
class ReadMoreView:
    """A `Read more:` headline; `href` is '' when no article matched (shown as text)."""

    title: str
    href: str


@dataclass(frozen=True, slots=True)
class EntityGroup:
    label: str
    links: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class ArticlePage:
    site: SiteInfo
    title: str
    canonical: str
    description: str
    standfirst: str
    date_iso: str
    date_label: str
    section: Link
    author: str
    image: ImageView | None
    body: tuple[BodyBlock, ...]
    body_html: Markup  # `body` as the theme shows it (`p`, `h2` and `html` blocks joined)
    tags: tuple[Link, ...]
    entity_groups: tuple[EntityGroup, ...]
    read_more: tuple[ReadMoreView, ...]
    related: tuple[ArticleRef, ...]
    previous: ArticleRef | None
    next: ArticleRef | None
    word_count: int
    reading_minutes: int
    json_ld: str


@dataclass(frozen=True, slots=True)
class SearchPage:
    site: SiteInfo
    title: str
    canonical: str
    shards: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SearchEntry:
    title: str
    url: str
    date: str
    section: str
    summary: str


@dataclass(frozen=True, slots=True)
class SearchShard:
    entries: tuple[SearchEntry, ...]


@dataclass(frozen=True, slots=True)
class NotFoundPage:
    site: SiteInfo
    title: str
    latest: tuple[ArticleRef, ...]


@dataclass(frozen=True, slots=True)
class FeedEntry:
    title: str
    url: str
    updated: str
    summary: str
    section: str


@dataclass(frozen=True, slots=True)
class FeedPage:
    title: str
    feed_id: str
    self_url: str
    site_url: str
    updated: str
    author: str
    entries: tuple[FeedEntry, ...]
    language: str = "en"


@dataclass(frozen=True, slots=True)
class SitemapUrl:
    loc: str
    lastmod: str


@dataclass(frozen=True, slots=True)
class SitemapPage:
    urls: tuple[SitemapUrl, ...]


@dataclass(frozen=True, slots=True)
class SitemapIndexPage:
    parts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RobotsPage:
    sitemap_url: str


quicken_module(globals())  # a quicker `__init__` (see `newsgen.model.quicken`)
