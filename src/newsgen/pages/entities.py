"""Entity indexes (A–Z with counts, most mentioned first) and paginated entity pages."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterator, Sequence

from slugify import slugify

from newsgen.index.model import EntityMentionRef, EntityPageData
from newsgen.pages.common import KIND_LABELS, Page, Plan, chunks, fixed, key, pagination
from newsgen.pages.context import (
    CountLink,
    EntityIndexPage,
    EntityMentionView,
    EntityPage,
    LetterGroup,
    Link,
    QuoteView,
)

SPLIT_ABOVE = 500
MOST_MENTIONED = 20
QUOTES_SHOWN = 10


def initial(name: str) -> str:
    """`A`–`Z` by the name's first letter transliterated (`Ø` -> `O`, `Ł` -> `L`); `#` otherwise."""
    first = slugify(name.strip()[:1])[:1]
    return first.upper() if first.isascii() and first.isalpha() else "#"


def _letter_groups(
    plan: Plan, kind: str, entries: list[tuple[EntityPageData, CountLink]], split: bool
) -> tuple[LetterGroup, ...]:
    by_letter: dict[str, list[CountLink]] = defaultdict(list)
    for data, link in sorted(entries, key=lambda e: (e[0].entity.name.casefold(), e[0].entity.id)):
        by_letter[initial(data.entity.name)].append(link)
    groups = []
    for letter in sorted(by_letter):
        slug = "other" if letter == "#" else letter.lower()
        href = plan.urls.href(plan.urls.entity_letter_dir(kind, slug)) if split else ""
        groups.append(LetterGroup(letter, f"letter-{slug}", href, tuple(by_letter[letter])))
    return tuple(groups)


def entity_index_pages(plan: Plan, kind: str) -> Iterator[Page]:
    """The kind's index; above `SPLIT_ABOVE` entities each letter also gets its own page."""
    entries = [
        (data, CountLink(data.entity.name, plan.urls.href(data.dir), len(data.mentions)))
        for data in plan.index.entity_pages.values()
        if data.entity.kind == kind
    ]
    top = sorted(entries, key=lambda e: (-e[1].count, e[0].entity.name.casefold()))
    split = len(entries) > SPLIT_ABOVE
    groups = _letter_groups(plan, kind, entries, split)
    label = KIND_LABELS[kind]
    index_dir = plan.urls.entity_index_dir(kind)
    if split:  # the index links to letter pages and lists no names itself
        shown = tuple(LetterGroup(g.letter, g.anchor, g.href, ()) for g in groups)
    else:
        shown = groups
    context = EntityIndexPage(
        plan.site,
        label,
        plan.urls.absolute(index_dir),
        kind,
        tuple(link for _, link in top[:MOST_MENTIONED]),
        shown,
        None,
    )
    yield plan.html_page(index_dir, "entity_index.html", fixed(context), plan.digest(context))
    if not split:
        return
    back = Link(f"All {label.lower()}", plan.urls.href(index_dir))
    for group in groups:
        letter_dir = plan.urls.entity_letter_dir(kind, group.anchor.removeprefix("letter-"))
        context = EntityIndexPage(
            plan.site,
            f"{label}: {group.letter}",
            plan.urls.absolute(letter_dir),
            kind,
            (),
            (group,),
            back,
        )
        yield plan.html_page(letter_dir, "entity_index.html", fixed(context), plan.digest(context))


def _entity_context(
    plan: Plan, data: EntityPageData, co: tuple[CountLink, ...], number: int, total: int,
    part: Sequence[int],
) -> EntityPage:  # fmt: skip
    entity = data.entity
    label = KIND_LABELS[entity.kind]
    page_dir = plan.urls.page_dir(data.dir, number)
    return EntityPage(
        site=plan.site,
        title=entity.name if number == 1 else f"{entity.name} (page {number})",
        canonical=plan.urls.absolute(page_dir),
        kind=entity.kind,
        kind_label=label,
        index_link=Link(label, plan.urls.href(plan.urls.entity_index_dir(entity.kind))),
        description=entity.description,
        aliases=entity.aliases,
        article_count=len(data.mentions),
        mentions=tuple(
            EntityMentionView(plan.refs[data.mentions[k].article_id], data.mentions[k].sentence)
            for k in part
        ),
        co_mentioned=co,
        quotes=tuple(
            QuoteView(q.text, plan.refs[q.article_id]) for q in data.quotes[:QUOTES_SHOWN]
        ),
        pagination=pagination(plan.urls, data.dir, number, total),
    )


def entity_pages(plan: Plan, data: EntityPageData) -> Iterator[Page]:
    """An entity's paginated articles with the sentence naming it; quotes and co-mentions.

    Fingerprints digest ref digests and, for each sentence, what it is read from: the
    article's file and settings (like its own page's fingerprint) and the mention's place.
    Contexts, sentences included, are built only to render.
    """
    entity = data.entity
    co = tuple(
        CountLink(
            plan.index.entities[eid].name,
            plan.entity_links[eid].href if eid in plan.entity_links else "",
            count,
        )
        for eid, count in data.co_mentioned
    )
    quotes = tuple((q.text, plan.ref_key(q.article_id)) for q in data.quotes[:QUOTES_SHOWN])
    shared = key(
        plan.site_key, entity.name, entity.kind, entity.description, entity.aliases,
        len(data.mentions), co, quotes,
    )  # fmt: skip
    pages = chunks(range(len(data.mentions)), plan.config.per_page)
    mentions = data.mentions
    for number, part in enumerate(pages, start=1):
        shown = tuple(_mention_key(plan, mentions[k]) for k in part)
        fingerprint = key("entity", shared, data.dir, number, len(pages), shown)
        make = functools.partial(_entity_context, plan, data, co, number, len(pages), part)
        yield plan.html_page(plan.urls.page_dir(data.dir, number), "entity.html", make, fingerprint)


def _mention_key(plan: Plan, ref: EntityMentionRef) -> tuple[object, ...]:
    """What an entity page's line for `ref` shows depends on: the article's ref, and its
    sentence's inputs (the file's bytes and path; the settings are in every fingerprint)."""
    source, mention = ref.article.source, ref.mention
    place = (mention.name, mention.block, mention.start, mention.end) if mention else None
    return plan.ref_key(ref.article_id), source.sha256, source.path, place
