"""`plan_pages`: every page of the site, in a stable order, with its context and fingerprint."""

from __future__ import annotations

from collections.abc import Iterator

from newsgen.config import SiteConfig
from newsgen.index.model import SiteIndex
from newsgen.pages import entities, lists, machine
from newsgen.pages.article import article_page
from newsgen.pages.common import KIND_LABELS, Page, Plan, article_refs, key, section_label
from newsgen.pages.context import Link, SiteInfo
from newsgen.urls import UrlScheme


def _site_info(index: SiteIndex, config: SiteConfig, urls: UrlScheme, has_feed: bool) -> SiteInfo:
    nav = [Link("Home", urls.href(""))]
    nav += [Link(section_label(s.name), urls.href(s.dir)) for s in index.sections]
    nav.append(Link("Tags", urls.href(urls.tags_index_dir())))
    nav += [Link(label, urls.href(urls.entity_index_dir(k))) for k, label in KIND_LABELS.items()]
    archive = [Link(str(y.year), urls.href(y.dir)) for y in index.years]
    if index.undated:
        archive.append(Link("Undated", urls.href(urls.undated_dir())))
    return SiteInfo(
        title=config.title,
        description=config.description,
        language=config.language,
        home_href=urls.href(""),
        static_href=urls.href("static/"),
        search_href=urls.href(urls.search_dir()),
        feed_href=urls.href("feed.xml") if has_feed else None,
        nav=tuple(nav),
        archive_links=tuple(archive),
    )


_LAST_PLAN: list[tuple[SiteIndex, SiteConfig, Plan]] = []  # see `make_plan`


def make_plan(index: SiteIndex, config: SiteConfig) -> Plan:
    """Refs and the site frame, computed once for all pages (and kept until `forget_plan`, so
    `pages.single.plan_tables` can export the plan the pages were made from)."""
    if _LAST_PLAN and _LAST_PLAN[0][0] is index and _LAST_PLAN[0][1] == config:
        return _LAST_PLAN[0][2]
    plan = _new_plan(index, config)
    _LAST_PLAN[:] = [(index, config, plan)]
    return plan


def forget_plan() -> None:
    """Drop the kept plan (and the index it holds)."""
    _LAST_PLAN.clear()


def _new_plan(index: SiteIndex, config: SiteConfig) -> Plan:
    urls = UrlScheme(config)
    order = index.newest_first
    first_dated = bool(order) and index.articles[order[0]].article.date is not None
    has_feed = first_dated and config.feed_limit > 0
    entity_links = {
        eid: Link(data.entity.name, urls.href(data.dir)) for eid, data in index.entity_pages.items()
    }
    refs = article_refs(index, urls)
    site = _site_info(index, config, urls, has_feed)
    return Plan(
        index=index,
        config=config,
        urls=urls,
        refs=refs,
        site=site,
        entity_links=entity_links,
        tags_by_slug={t.slug: t for t in index.tags},
        ref_keys=tuple(key(ref) for ref in refs),
        site_key=key(site),
    )


def _feeds(plan: Plan) -> tuple[list[Page], dict[str, str]]:
    """The site feed and one per section; section name → feed href for the section pages."""
    pages = []
    hrefs: dict[str, str] = {}
    site_feed = machine.feed_page(plan, "", plan.config.title, plan.index.newest_first)
    if site_feed:
        pages.append(site_feed)
    for section in plan.index.sections:
        title = f"{plan.config.title}: {section.name}"
        feed = machine.feed_page(plan, section.dir, title, section.article_ids)
        if feed:
            pages.append(feed)
            hrefs[section.name] = plan.urls.href(feed.output_path)
    return pages, hrefs


def _site_pages(plan: Plan, section_feeds: dict[str, str]) -> Iterator[Page]:
    yield from lists.home_pages(plan)
    for item in plan.index.articles:
        yield article_page(item, plan)
    yield from lists.section_pages(plan, section_feeds)
    yield from lists.tag_pages(plan)
    yield from lists.archive_pages(plan)
    for kind in KIND_LABELS:
        yield from entities.entity_index_pages(plan, kind)
    for eid in sorted(plan.index.entity_pages):
        yield from entities.entity_pages(plan, plan.index.entity_pages[eid])
    yield from machine.search_pages(plan)


def plan_pages(index: SiteIndex, config: SiteConfig) -> Iterator[Page]:
    """Every page; the sitemap (built from the HTML pages seen) comes last."""
    plan = make_plan(index, config)
    lastmod = {item.dir: plan.refs[item.id].date_iso for item in index.articles}
    sitemap: list[tuple[str, str]] = []  # (loc, lastmod) of each `SitemapUrl`
    feeds, section_feeds = _feeds(plan)
    for page in _site_pages(plan, section_feeds):
        if page.output_path.endswith("index.html"):
            page_dir = page.output_path.removesuffix("index.html")
            sitemap.append((plan.urls.absolute(page_dir), lastmod.get(page_dir, "")))
        yield page
    yield from feeds
    yield machine.not_found_page(plan)
    yield machine.robots_page(plan)
    yield from machine.sitemap_pages(plan, sitemap)
