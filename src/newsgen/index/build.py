"""`build_index`: every cross-article decision in one linear pass per concern."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from newsgen.config import SiteConfig
from newsgen.diagnostics import Diagnostic
from newsgen.index import entities, readmore, related, structure
from newsgen.index.background import Background, worth_forking
from newsgen.index.model import EntityPageData, IndexedArticle, Section, SiteIndex
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


def _related_keys(
    tag_slugs: Sequence[tuple[str, ...]],
    entity_ids: Sequence[tuple[int, ...]],
    names: Sequence[str],
) -> list[list[tuple[str, Hashable]]]:
    """What two articles can share: tags, entities, their section."""
    return [
        [("tag", t) for t in tag_slugs[i]]
        + [("entity", e) for e in entity_ids[i]]
        + [("section", names[i])]
        for i in range(len(names))
    ]


def build_index(
    articles: Sequence[Article],
    resolution: EntityResolution | None,
    config: SiteConfig,
    jobs: int | None = 1,
) -> tuple[SiteIndex, list[Diagnostic]]:
    """The site index of `articles` (given sorted by source path) and its warnings; with more
    than one job, related articles are found in a forked child beside the entity pages."""
    urls = UrlScheme(config)
    order = structure.newest_first(articles)
    years, undated = structure.archives(articles, order, urls)
    taken = reserved_dirs(urls) | {y.dir for y in years}
    names, section_dirs = structure.section_names(articles, config, urls, taken)
    section_list = structure.sections(order, names, section_dirs)
    tag_slugs = [structure.tag_slugs(a) for a in articles]
    per_article = resolution.per_article if resolution else tuple({} for _ in articles)
    firsts = [entities.first_mentions(a, per_article[i]) for i, a in enumerate(articles)]
    entity_ids = [tuple(found) for found in firsts]
    keys = _related_keys(tag_slugs, entity_ids, names)
    related_job = Background(related.related_ids, (keys, order, config.related_count),
                             worth_forking(jobs, len(articles)))  # fmt: skip
    # What related articles do not need is done while the child finds them.
    slugs, dirs, diagnostics = structure.unique_dirs(articles, urls, reserved_dirs(urls))
    neighbours = _neighbours(section_list, len(articles))
    table = readmore.headline_table(articles, order)
    read_more = [readmore.resolve(i, article, table) for i, article in enumerate(articles)]
    pages: dict[int, EntityPageData] = {}
    if resolution:
        min_articles = config.entity_min_articles
        pages = entities.entity_pages(articles, order, firsts, resolution, min_articles, urls)
    related_lists = related_job.result()
    indexed: list[IndexedArticle] = []
    for i, article in enumerate(articles):
        links, found = read_more[i]
        diagnostics += found
        indexed.append(
            IndexedArticle(
                i,
                article,
                slugs[i],
                dirs[i],
                names[i],
                tag_slugs[i],
                links,
                related_lists[i],
                *neighbours[i],
                entity_ids[i],
                per_article[i],
            )
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
