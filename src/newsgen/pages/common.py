"""What every page builder shares: refs to articles, the site frame, pagination, fingerprints."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsgen.config import SiteConfig
from newsgen.index.model import IndexedArticle, SiteIndex, Tag
from newsgen.model import quicken_module
from newsgen.pages.context import ArticleRef, Link, PageLink, Pagination, SiteInfo
from newsgen.urls import UrlScheme

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
KIND_LABELS = {"person": "People", "organization": "Organizations", "place": "Places"}
PAGINATION_WINDOW = 3


@dataclass(frozen=True, slots=True)
class Page:
    """One output file: where it goes, which template, what it shows, and a digest of that.

    The context is built on demand (`make_context`): an incremental build renders few pages,
    and building every page's context only to compare fingerprints would cost most of it.
    """

    output_path: str
    template: str
    make_context: Callable[[], Any]
    fingerprint: str

    @property
    def context(self) -> Any:
        return self.make_context()


def fixed(context: Any) -> Callable[[], Any]:
    """A context already built, as a `make_context` (a partial, so the page can be pickled)."""
    return functools.partial(_given, context)


def _given(context: Any) -> Any:
    return context


def key(*parts: object) -> str:
    """A short digest of small plain values (strings, numbers, tuples of them, dates, None):
    their `repr` is a deterministic, C-speed encoding."""
    return _hex(repr(parts))


def _hex(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _encode(value: object, shared: dict[int, tuple[object, str]]) -> str:
    """A deterministic text form of a context value; nested dataclasses reduce to digests.

    Refs that many pages share (article refs, the site frame) are encoded once into `shared`:
    object id → (the object, kept alive so the id stays its own; its digest).
    """
    if isinstance(value, tuple):
        return "(" + ",".join(_encode(v, shared) for v in value) + ")"
    if isinstance(value, dt.date):
        return value.isoformat()
    names = getattr(type(value), "__dataclass_fields__", None)
    if names is None:
        return repr(value)
    is_shared = isinstance(value, (ArticleRef, SiteInfo))
    if is_shared and id(value) in shared:
        return shared[id(value)][1]
    fields = ",".join(_encode(getattr(value, n), shared) for n in names)
    text = _hex(f"{type(value).__name__}({fields})")
    if is_shared:
        shared[id(value)] = (value, text)
    return text


def digest(*parts: object) -> str:
    """A short hex digest of small values (refs and hashes, never whole articles)."""
    return _hex(_encode(parts, {}))


def date_label(date: dt.date | None) -> str:
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}" if date else "Undated"


@dataclass(frozen=True, slots=True)
class Plan:
    """The index with its URLs worked out once: article refs, section links, the site frame."""

    index: SiteIndex
    config: SiteConfig
    urls: UrlScheme
    refs: tuple[ArticleRef, ...]
    site: SiteInfo
    entity_links: dict[int, Link]
    tags_by_slug: dict[str, Tag]
    ref_keys: tuple[str, ...] = ()
    site_key: str = ""
    shared_digests: dict[int, tuple[object, str]] = dataclasses.field(default_factory=dict)
    tag_links: dict[str, Link] = dataclasses.field(default_factory=dict)  # slug → link, made once

    def digest(self, *parts: object) -> str:
        """`digest`, with the plan's shared refs encoded once."""
        return _hex(_encode(parts, self.shared_digests))

    def html_page(
        self, dir_path: str, template: str, make: Callable[[], Any], fingerprint: str
    ) -> Page:
        return Page(self.urls.output_file(dir_path), template, make, fingerprint)

    def ref_key(self, article_id: int | None) -> str:
        return "" if article_id is None else self.ref_keys[article_id]

    def keys_of(self, ids: Sequence[int]) -> tuple[str, ...]:
        """The refs' digests: what a list of articles shows, without building it."""
        keys = self.ref_keys
        return tuple(keys[i] for i in ids)

    def tags_of(self, item: IndexedArticle) -> tuple[Tag, ...]:
        return tuple(self.tags_by_slug[s] for s in item.tag_slugs)

    def tag_links_of(self, item: IndexedArticle) -> tuple[Link, ...]:
        """The article's tag links; each tag's href is quoted once per build, not per article."""
        links = self.tag_links
        for slug in item.tag_slugs:
            if slug not in links:
                tag = self.tags_by_slug[slug]
                links[slug] = Link(tag.name, self.urls.href(tag.dir))
        return tuple(links[s] for s in item.tag_slugs)

    def pick(self, ids: Sequence[int]) -> tuple[ArticleRef, ...]:
        return tuple(self.refs[i] for i in ids)


def section_label(name: str) -> str:
    """`local` → `Local`; a name with capitals is kept as written."""
    return name.replace("-", " ").title() if name.islower() else name


def article_refs(index: SiteIndex, urls: UrlScheme) -> tuple[ArticleRef, ...]:
    """One shared ref per article (by id), so list pages hold pointers, not copies."""
    sections = {s.name: Link(section_label(s.name), urls.href(s.dir)) for s in index.sections}
    refs = []
    for item in index.articles:
        a = item.article
        refs.append(
            ArticleRef(
                a.title,
                urls.href(item.dir),
                a.date,
                a.date.isoformat() if a.date else "",
                date_label(a.date),
                sections[item.section],
                a.summary or a.standfirst or "",
            )
        )
    return tuple(refs)


def pagination(urls: UrlScheme, list_dir: str, number: int, total: int) -> Pagination:
    """Page `number` of `total` with hrefs for the first, last and nearby pages."""
    near = range(max(1, number - PAGINATION_WINDOW), min(total, number + PAGINATION_WINDOW) + 1)
    shown = sorted({1, total, *near})
    return Pagination(
        number,
        total,
        urls.href(urls.page_dir(list_dir, number - 1)) if number > 1 else None,
        urls.href(urls.page_dir(list_dir, number + 1)) if number < total else None,
        tuple(PageLink(n, urls.href(urls.page_dir(list_dir, n))) for n in shown),
    )


def chunks(ids: Sequence[int], size: int) -> list[Sequence[int]]:
    """`ids` in pages of `size`; an empty list is still one (empty) page."""
    size = max(1, size)
    return [ids[k : k + size] for k in range(0, len(ids), size)] or [ids[:0]]


quicken_module(globals())  # a quicker `__init__` (see `newsgen.model.quicken`)
