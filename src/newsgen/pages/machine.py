"""Files for machines and the search box: Atom feeds, sitemap, robots.txt, search shards, 404."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial

from newsgen.pages.common import Page, Plan, fixed, key
from newsgen.pages.context import (
    FeedEntry,
    FeedPage,
    NotFoundPage,
    RobotsPage,
    SearchEntry,
    SearchPage,
    SearchShard,
    SitemapIndexPage,
    SitemapPage,
    SitemapUrl,
)

SITEMAP_LIMIT = 50_000
SHARD_SIZE = 2_000


def _page(plan: Plan, path: str, template: str, context: object) -> Page:
    return Page(path, template, fixed(context), plan.digest(context))


def _plain_page(path: str, template: str, context: object) -> Page:
    """A page whose context holds no shared refs: its `repr` digests fast."""
    return Page(path, template, fixed(context), key(context))


def _rows_page(
    path: str, template: str, make: Callable[[], object], rows: tuple[tuple[str, ...], ...]
) -> Page:
    """A page of many small entries, given as the plain tuples its entries are made from: the
    tuples' `repr` is the fingerprint (a dataclass's `repr` is Python code, run per entry), and
    the context is made only if the page is rendered."""
    return Page(path, template, make, key(template, rows))


def feed_path(list_dir: str) -> str:
    return f"{list_dir}feed.xml"


def feed_page(plan: Plan, list_dir: str, title: str, ids: Sequence[int]) -> Page | None:
    """The Atom feed of a list's latest dated articles; None when it has none (Atom needs dates)."""
    dated = [i for i in ids[: plan.config.feed_limit] if plan.refs[i].date]  # undated sort last
    if not dated:
        return None
    entries = tuple(
        FeedEntry(
            ref.title,
            plan.urls.absolute(plan.index.articles[i].dir),
            f"{ref.date_iso}T00:00:00Z",
            ref.summary,
            ref.section.text,
        )
        for i in dated
        for ref in (plan.refs[i],)
    )
    path = plan.urls.file_path(feed_path(list_dir))
    context = FeedPage(
        title=title,
        feed_id=plan.urls.absolute(path),
        self_url=plan.urls.absolute(path),
        site_url=plan.urls.absolute(list_dir),
        updated=max(e.updated for e in entries),
        author=plan.config.title,
        entries=entries,
        language=plan.config.language,
    )
    return _plain_page(path, "feed.xml", context)


def sitemap_pages(plan: Plan, urls: Sequence[tuple[str, str]]) -> Iterator[Page]:
    """`sitemap.xml`, or a sitemap index over `sitemap-<n>.xml` parts above 50,000 URLs; `urls`
    are the (loc, lastmod) of each `SitemapUrl`."""
    if len(urls) <= SITEMAP_LIMIT:
        yield _sitemap_page("sitemap.xml", tuple(urls))
        return
    parts = []
    for n, start in enumerate(range(0, len(urls), SITEMAP_LIMIT), start=1):
        path = f"sitemap-{n}.xml"
        parts.append(plan.urls.absolute(path))
        yield _sitemap_page(path, tuple(urls[start : start + SITEMAP_LIMIT]))
    yield _page(plan, "sitemap.xml", "sitemap_index.xml", SitemapIndexPage(tuple(parts)))


def _sitemap_page(path: str, urls: tuple[tuple[str, str], ...]) -> Page:
    return _rows_page(path, "sitemap.xml", partial(_sitemap, urls), urls)


def _sitemap(urls: tuple[tuple[str, str], ...]) -> SitemapPage:
    return SitemapPage(tuple(SitemapUrl(*url) for url in urls))


def robots_page(plan: Plan) -> Page:
    return _page(plan, "robots.txt", "robots.txt", RobotsPage(plan.urls.absolute("sitemap.xml")))


def search_pages(plan: Plan) -> Iterator[Page]:
    """The search page and the JSON shards its script loads, newest shard first.

    Shards are cut from the oldest article up, so a new article changes only the newest shard
    (and an incremental build rewrites one small file, not the whole index).
    """
    oldest_first = plan.index.newest_first[::-1]
    shard_paths = []
    for n, start in enumerate(range(0, len(oldest_first), SHARD_SIZE), start=1):
        path = f"{plan.urls.search_dir()}index-{n}.json"
        shard_paths.append(plan.urls.href(path))
        rows = tuple(
            (r.title, r.href, r.date_iso, r.section.text, r.summary)
            for r in plan.pick(oldest_first[start : start + SHARD_SIZE][::-1])
        )
        yield _rows_page(path, "search_index.json", partial(_search_shard, rows), rows)
    search_dir = plan.urls.search_dir()
    newest_shard_first = tuple(reversed(shard_paths))
    context = SearchPage(plan.site, "Search", plan.urls.absolute(search_dir), newest_shard_first)
    yield plan.html_page(search_dir, "search.html", fixed(context), plan.digest(context))


def _search_shard(rows: tuple[tuple[str, str, str, str, str], ...]) -> SearchShard:
    return SearchShard(tuple(SearchEntry(*row) for row in rows))


def not_found_page(plan: Plan) -> Page:
    context = NotFoundPage(plan.site, "Page not found", plan.pick(plan.index.newest_first[:5]))
    return _page(plan, "404.html", "404.html", context)
