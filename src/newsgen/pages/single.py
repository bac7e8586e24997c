"""One article's page without the rest of the site: the quick path of an incremental build.

After a full build `plan_tables` exports what any article page reads from the plan (its
indexed entry, the refs, entities and tags it links to, the site frame) as keyed rows; when an
edit leaves an article's `shared_view` unchanged, `lone_article_pages` rebuilds that article's
page from those rows alone, exactly as `plan_pages` would have made it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from newsgen.config import SiteConfig
from newsgen.index.model import IndexedArticle, SiteIndex
from newsgen.model import Article
from newsgen.pages.article import article_page
from newsgen.pages.common import Page, Plan
from newsgen.pages.plan import make_plan
from newsgen.urls import UrlScheme

Row = tuple[str, str, Any]  # (table, key, value)
Fetch = Callable[[str, list[str]], Mapping[str, Any]]  # (table, keys) → the rows found


def plan_tables(index: SiteIndex, config: SiteConfig) -> Iterator[Row]:
    """Every row a lone article page may need: `item` by source path (without the article),
    `ref` and `entity` by id, `tag` by slug, and the `site` frame."""
    plan = make_plan(index, config)
    yield "site", "", (plan.site, plan.site_key)
    for item in index.articles:
        yield "item", item.article.source.path, dataclasses.replace(item, article=None)
    for i, ref in enumerate(plan.refs):
        yield "ref", str(i), (ref, plan.ref_keys[i])
    for eid, entity in enumerate(index.entities):
        page = index.entity_pages.get(eid)
        if page is not None:  # its page's place, not its contents
            page = dataclasses.replace(page, mentions=(), co_mentioned=(), quotes=())
        yield "entity", str(eid), (entity, plan.entity_links.get(eid), page)
    for tag in index.tags:
        yield "tag", tag.slug, dataclasses.replace(tag, article_ids=())


def _ids(item: IndexedArticle) -> tuple[set[int], set[int]]:
    """The articles and entities the page of `item` refers to."""
    articles = {item.id, *item.related}
    articles.update(i for i in (item.previous, item.next) if i is not None)
    articles.update(r.target for r in item.read_more if r.target is not None)
    return articles, {*item.entity_ids, *item.entity_names.values()}


def lone_article_pages(fetch: Fetch, article: Article, config: SiteConfig) -> list[Page] | None:
    """The pages of `article` (in a site whose index is otherwise unchanged), or None when the
    rows do not know it."""
    stored = fetch("item", [article.source.path]).get(article.source.path)
    site = fetch("site", [""]).get("")
    if stored is None or site is None:
        return None
    item = dataclasses.replace(stored, article=article)
    article_ids, entity_ids = _ids(item)
    refs = {int(k): v for k, v in fetch("ref", [str(i) for i in article_ids]).items()}
    entities = {int(k): v for k, v in fetch("entity", [str(e) for e in entity_ids]).items()}
    tags = fetch("tag", list(item.tag_slugs))
    if len(refs) < len(article_ids) or len(entities) < len(entity_ids) or len(tags) < len(item.tag_slugs):
        return None
    index = SiteIndex(
        articles=(),
        newest_first=(),
        sections=(),
        tags=tuple(tags.values()),
        years=(),
        undated=(),
        entities={eid: entity for eid, (entity, _link, _page) in entities.items()},  # type: ignore[arg-type]
        entity_pages={eid: page for eid, (_e, _l, page) in entities.items() if page is not None},
    )
    plan = Plan(
        index=index,
        config=config,
        urls=UrlScheme(config),
        refs={i: ref for i, (ref, _key) in refs.items()},  # type: ignore[arg-type]
        site=site[0],
        entity_links={eid: link for eid, (_e, link, _p) in entities.items() if link is not None},
        tags_by_slug=dict(tags),
        ref_keys={i: key for i, (_ref, key) in refs.items()},  # type: ignore[arg-type]
        site_key=site[1],
    )
    return [article_page(item, plan)]
