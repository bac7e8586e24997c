"""Unique slugs and URLs, the newest-first order, sections, tags and date archives."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from slugify import slugify

from newsgen.config import SiteConfig
from newsgen.diagnostics import Diagnostic, warning
from newsgen.index.model import MonthArchive, Section, Tag, YearArchive
from newsgen.model import Article
from newsgen.urls import UrlScheme, cached_slug


# What `slugify` gives back unchanged: the slug the loader made (most articles) is used as it is.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def base_slug(article: Article) -> str:
    if _SLUG.fullmatch(article.slug):
        return article.slug
    return slugify(article.slug) or slugify(article.title) or "article"


def unique_dirs(
    articles: Sequence[Article], urls: UrlScheme, reserved: set[str]
) -> tuple[list[str], list[str], list[Diagnostic]]:
    """(slugs, dirs, warnings): a taken URL gets `-2`, `-3`… in source order."""
    owner: dict[str, str] = {d: "" for d in reserved}
    slugs: list[str] = []
    dirs: list[str] = []
    found: list[Diagnostic] = []
    for article in articles:
        wanted = base_slug(article)
        first_path = urls.article_dir(article.date, wanted)
        slug, path = wanted, first_path
        n = 1
        while path in owner:
            n += 1
            slug = f"{wanted}-{n}"
            path = urls.article_dir(article.date, slug)
        if n > 1:
            found.append(_collision(article, wanted, slug, owner.get(first_path)))
        owner[path] = article.source.path
        slugs.append(slug)
        dirs.append(path)
    return slugs, dirs, found


def _collision(article: Article, wanted: str, slug: str, first: str | None) -> Diagnostic:
    other = first or "a site page"
    return warning(
        article.source.path,
        None,
        "slug-collision",
        f"slug '{wanted}' is already used by {other}; {article.source.path} gets '{slug}'",
        "set a distinct `slug:` in the front matter to choose the URL",
    )


def newest_first(articles: Sequence[Article]) -> list[int]:
    """Date descending, then title, then path; undated articles last (by title, then path)."""

    def key(i: int) -> tuple[int, int, str, str]:
        a = articles[i]
        if a.date is None:
            return (1, 0, a.title, a.source.path)
        return (0, -a.date.toordinal(), a.title, a.source.path)

    return sorted(range(len(articles)), key=key)


def section_names(
    articles: Sequence[Article], config: SiteConfig, urls: UrlScheme, taken: set[str]
) -> tuple[list[str], dict[str, str]]:
    """(each article's section name, name → dir): spellings sharing a URL merge into the first
    one met in source order; a section whose URL is a site page's gets `-section` appended."""
    first_by_dir: dict[str, str] = {}
    names = []
    for article in articles:
        name = article.section.strip() or config.default_section
        names.append(first_by_dir.setdefault(urls.section_dir(name), name))
    dirs = {}
    for section_dir, name in first_by_dir.items():
        dirs[name] = urls.section_dir(name + "-section") if section_dir in taken else section_dir
    return names, dirs


def sections(
    order: Sequence[int], names: Sequence[str], dirs: dict[str, str]
) -> tuple[Section, ...]:
    """Sections by name (case-insensitive order), each with its articles newest first."""
    by_name: dict[str, list[int]] = defaultdict(list)
    for i in order:
        by_name[names[i]].append(i)
    ordered = sorted(by_name.items(), key=lambda item: (item[0].casefold(), item[0]))
    return tuple(Section(name, dirs[name], tuple(ids)) for name, ids in ordered)


def tag_slugs(article: Article) -> tuple[str, ...]:
    """The article's tag slugs, deduplicated, in the order written."""
    seen: dict[str, None] = {}
    for tag in article.tags:
        slug = cached_slug(tag)
        if slug:
            seen.setdefault(slug)
    return tuple(seen)


def tags(
    articles: Sequence[Article],
    order: Sequence[int],
    slugs: Sequence[tuple[str, ...]],
    urls: UrlScheme,
) -> tuple[Tag, ...]:
    """Tag pages; the display name is the first spelling met in source order."""
    names: dict[str, str] = {}
    for article in articles:
        for tag in article.tags:
            names.setdefault(cached_slug(tag), tag.strip())
    ids: dict[str, list[int]] = defaultdict(list)
    for i in order:
        for slug in slugs[i]:
            ids[slug].append(i)
    return tuple(
        Tag(slug, names[slug], urls.tag_dir(slug), tuple(ids[slug])) for slug in sorted(ids)
    )


def archives(
    articles: Sequence[Article], order: Sequence[int], urls: UrlScheme
) -> tuple[tuple[YearArchive, ...], tuple[int, ...]]:
    """(years newest first with their months, undated ids)."""
    months: dict[tuple[int, int], list[int]] = defaultdict(list)
    undated: list[int] = []
    for i in order:
        date = articles[i].date
        if date is None:
            undated.append(i)
        else:
            months[(date.year, date.month)].append(i)
    by_year: dict[int, list[MonthArchive]] = defaultdict(list)
    for (year, month), ids in sorted(months.items(), reverse=True):
        by_year[year].append(MonthArchive(year, month, urls.month_dir(year, month), tuple(ids)))
    years = tuple(
        YearArchive(y, urls.year_dir(y), tuple(ms), sum(len(m.article_ids) for m in ms))
        for y, ms in by_year.items()
    )
    return years, tuple(undated)
