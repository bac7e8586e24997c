"""Paginated article lists (home, sections, tags, months, undated) and the tag and year indexes."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence

from newsgen.pages.common import MONTHS, Page, Plan, chunks, fixed, key, pagination
from newsgen.pages.context import CountLink, ListPage, TagsIndexPage, YearPage


def _list_context(
    plan: Plan, list_dir: str, number: int, total: int, part: Sequence[int], heading: str,
    intro: str, feed_href: str | None,
) -> ListPage:  # fmt: skip
    page_dir = plan.urls.page_dir(list_dir, number)
    return ListPage(
        site=plan.site,
        title=heading if number == 1 else f"{heading} (page {number})",
        heading=heading,
        intro=intro,
        canonical=plan.urls.absolute(page_dir),
        articles=plan.pick(part),
        pagination=pagination(plan.urls, list_dir, number, total),
        feed_href=feed_href,
    )


def list_pages(
    plan: Plan,
    list_dir: str,
    ids: Sequence[int],
    heading: str,
    intro: str = "",
    feed_href: str | None = None,
) -> Iterator[Page]:
    """`ids` split into pages of `per_page` under `list_dir` (`page/2/`, `page/3/`…).

    A page's fingerprint digests its articles' ref digests, never the built context.
    """
    pages = chunks(ids, plan.config.per_page)
    total = len(pages)
    for number, part in enumerate(pages, start=1):
        fingerprint = key(
            "list", plan.site_key, list_dir, number, total, heading, intro, feed_href,
            plan.keys_of(part),
        )  # fmt: skip
        make = functools.partial(
            _list_context, plan, list_dir, number, total, part, heading, intro, feed_href
        )
        yield plan.html_page(plan.urls.page_dir(list_dir, number), "list.html", make, fingerprint)


def home_pages(plan: Plan) -> Iterator[Page]:
    yield from list_pages(
        plan, "", plan.index.newest_first, "Latest", plan.config.description, plan.site.feed_href
    )


def section_pages(plan: Plan, feeds: dict[str, str]) -> Iterator[Page]:
    for section in plan.index.sections:
        name = plan.refs[section.article_ids[0]].section.text
        feed = feeds.get(section.name)
        yield from list_pages(plan, section.dir, section.article_ids, name, "", feed)


def tag_pages(plan: Plan) -> Iterator[Page]:
    """The tags index (with counts) and each tag's paginated list."""
    tags = tuple(
        CountLink(t.name, plan.urls.href(t.dir), len(t.article_ids)) for t in plan.index.tags
    )
    index_dir = plan.urls.tags_index_dir()
    context = TagsIndexPage(plan.site, "Tags", plan.urls.absolute(index_dir), tags)
    yield plan.html_page(index_dir, "tags.html", fixed(context), plan.digest(context))
    for tag in plan.index.tags:
        yield from list_pages(plan, tag.dir, tag.article_ids, f"Tag: {tag.name}")


def archive_pages(plan: Plan) -> Iterator[Page]:
    """Year pages (months with counts), month lists and the undated list."""
    for year in plan.index.years:
        months = tuple(
            CountLink(f"{MONTHS[m.month - 1]} {m.year}", plan.urls.href(m.dir), len(m.article_ids))
            for m in year.months
        )
        context = YearPage(plan.site, f"{year.year}", plan.urls.absolute(year.dir), months)
        yield plan.html_page(year.dir, "year.html", fixed(context), plan.digest(context))
        for month in year.months:
            heading = f"{MONTHS[month.month - 1]} {month.year}"
            yield from list_pages(plan, month.dir, month.article_ids, heading)
    if plan.index.undated:
        yield from list_pages(plan, plan.urls.undated_dir(), plan.index.undated, "Undated articles")
