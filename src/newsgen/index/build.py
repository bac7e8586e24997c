"""`build_index`: every cross-article decision in one linear pass per concern."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from newsgen.config import SiteConfig
from newsgen.diagnostics import Diagnostic
from newsgen.index import entities, readmore, related, structure
from newsgen.index.model import IndexedArticle, Section, SiteIndex
from newsgen.model import Article, EntityResolution
from newsgen.urls import UrlScheme


def reserved_dirs(urls: UrlScheme) -> set[str]:
    """Site pages an article must not take over."""
    fixed = {"", urls.tags_index_dir(), urls.undated_dir(), urls.search_dir()}
    return fixed | {urls.entity_index_dir(kind) for kind in entities.PAGE_KINDS}


def _neighbours(section_list: Sequence[Section], count: int) -> list[tuple[int | None, int | None]]:
    """(previous = older, next = newer) within each section."""
    result: list[tuple[int | None, int | None]] = [(None, None)] * count
    for section in section_list:
        ids = section.article_ids
        for k, i in enumerate(ids):
            newer = ids[k - 1] if k > 0 else None
            older = ids[k + 1] if k + 1 < len(ids) else None
            result[i] = (older, newer)
    return result


def build_index(
    articles: Sequence[Article], resolution: EntityResolution | None, config: SiteConfig
) -> tuple[SiteIndex, list[Diagnostic]]:
    """The site index of `articles` (given sorted by source path) and its warnings."""
    urls = UrlScheme(config)
    diagnostics: list[Diagnostic] = []
    slugs, dirs, found = structure.unique_dirs(articles, urls, reserved_dirs(urls))
    diagnostics += found
    order = structure.newest_first(articles)
    years, undated = structure.archives(articles, order, urls)
    taken = reserved_dirs(urls) | {y.dir for y in years}
    names, section_dirs = structure.section_names(articles, config, urls, taken)
    section_list = structure.sections(order, names, section_dirs)
    tag_slugs = [structure.tag_slugs(a) for a in articles]
    per_article = resolution.per_article if resolution else tuple({} for _ in articles)
    entity_ids = [entities.entity_ids_of(a, per_article[i]) for i, a in enumerate(articles)]
    keys: list[list[tuple[str, Hashable]]] = [
        [("tag", t) for t in tag_slugs[i]]
        + [("entity", e) for e in entity_ids[i]]
        + [("section", names[i])]
        for i in range(len(articles))
    ]
    related_lists = related.related_ids(keys, order, config.related_count)
    neighbours = _neighbours(section_list, len(articles))
    table = readmore.headline_table(articles, order)
    indexed: list[IndexedArticle] = []
    for i, article in enumerate(articles):
        links, found = readmore.resolve(i, article, table)
        diagnostics += found
        previous, following = neighbours[i]
        indexed.append(
            IndexedArticle(
                i, article, slugs[i], dirs[i], names[i], tag_slugs[i], links,
                related_lists[i], previous, following, entity_ids[i], per_article[i],
            )
        )
    pages = (
        entities.entity_pages(
            articles, order, entity_ids, resolution, config.entity_min_articles, urls
        )
        if resolution
        else {}
    )
    index = SiteIndex(
        articles=tuple(indexed),
        newest_first=tuple(order),
        sections=section_list,
        tags=structure.tags(articles, order, tag_slugs, urls),
        years=years,
        undated=undated,
        entities=resolution.entities if resolution else (),
        entity_pages=pages,
    )
    return index, diagnostics
