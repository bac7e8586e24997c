"""The article page: body with quotes and entity links in place, links around it, JSON-LD."""

from __future__ import annotations

import functools
import json
from collections import defaultdict

from markupsafe import Markup

from newsgen.index.model import IndexedArticle
from newsgen.model import Article, ArticleMention, HtmlBlock, Image, Subheading
from newsgen.pages.common import KIND_LABELS, Page, Plan, key
from newsgen.pages.context import (
    ArticlePage,
    BodyBlock,
    EntityGroup,
    ImageView,
    Link,
    ReadMoreView,
)
from newsgen.pages.markup import Span, markup_spans


def _spans_by_block(article: Article, names: dict[str, int], plan: Plan) -> dict[int, list[Span]]:
    """Quote spans, and a link on each linked entity's first mention in the body."""
    spans: dict[int, list[Span]] = defaultdict(list)
    for quote in article.quotes:
        speaker = (("data-speaker", quote.speaker),) if quote.speaker else ()
        attrs = (("class", "quote"), *speaker)
        spans[quote.block].append(Span(quote.start, quote.end, "q", attrs))
    if not plan.config.link_entities:
        return spans
    links = plan.entity_links
    for block, start, _, mention, eid in sorted(_first_mentions(article, names, links).values()):
        attrs = (("href", links[eid].href),)
        spans[block].append(Span(start, mention.end, "a", attrs))
    return spans


def _first_mentions(
    article: Article, names: dict[str, int], links: dict[int, Link]
) -> dict[int, tuple[int, int, int, ArticleMention, int]]:
    """Entity id → (block, start, order, mention, id) of its first body mention, if it has a page.

    The earliest by (block, start), the first listed on a tie: what a stable sort of every
    mention would meet first, without sorting the (many more) mentions that link nothing.
    """
    first: dict[int, tuple[int, int, int, ArticleMention, int]] = {}
    linked = {name: eid for name, eid in names.items() if eid in links}  # a few per article
    if not linked:
        return first
    for order, mention in enumerate(article.mentions):
        eid = linked.get(mention.name)
        if eid is None or mention.block < 0:
            continue
        seen = first.get(eid)
        if seen is None or (mention.block, mention.start) < (seen[0], seen[1]):
            first[eid] = (mention.block, mention.start, order, mention, eid)
    return first


def body_blocks(article: Article, names: dict[str, int], plan: Plan) -> tuple[BodyBlock, ...]:
    """Each block as escaped HTML with its spans; Markdown blocks as the sanitised HTML they are."""
    spans = _spans_by_block(article, names, plan)
    none: list[Span] = []
    blocks = []
    for k, block in enumerate(article.blocks):
        kind = type(block)
        if kind is HtmlBlock:
            if block.heading == 1:  # type: ignore[union-attr]
                # the page's one h1 is the headline: a further `# ` heading becomes a subheading
                blocks.append(BodyBlock("h2", markup_spans(block.text, none)))
            else:
                blocks.append(BodyBlock("html", block.html))  # type: ignore[union-attr]
        else:
            tag = "h2" if kind is Subheading else "p"
            blocks.append(BodyBlock(tag, markup_spans(block.text, spans.get(k, none))))
    return tuple(blocks)


_BODY_WRAP = {"html": ("", "\n"), "h2": ("<h2>", "</h2>\n"), "p": ("<p>", "</p>\n")}


def body_html(blocks: tuple[BodyBlock, ...]) -> Markup:
    """The blocks as the theme shows them, joined once in Python: a template loop would look
    up three attributes and compare kinds for every paragraph of every article."""
    wrap = _BODY_WRAP
    pieces = []
    for block in blocks:
        opening, closing = wrap[block.kind]
        pieces.append(opening + block.html + closing)
    return Markup("".join(pieces))


def image_view(image: Image | None, plan: Plan) -> ImageView | None:
    """The figure; `src` only when it points at the web or at a path under the site."""
    if image is None:
        return None
    src = image.src or ""
    if src.startswith("/"):
        src = plan.urls.href(src)
    elif not src.startswith(("https://", "http://")):
        src = ""
    return ImageView(image.caption, image.credit or "", src, image.alt or image.caption)


def entity_groups(item: IndexedArticle, plan: Plan) -> tuple[EntityGroup, ...]:
    """The article's entities that have pages, by kind (people, organizations, places) and name."""
    by_kind: dict[str, list[Link]] = defaultdict(list)
    for eid in item.entity_ids:
        if eid in plan.entity_links:
            by_kind[plan.index.entities[eid].kind].append(plan.entity_links[eid])
    return tuple(
        EntityGroup(label, tuple(sorted(by_kind[kind], key=lambda link: link.text)))
        for kind, label in KIND_LABELS.items()
        if by_kind.get(kind)
    )


_JSON = json.JSONEncoder(ensure_ascii=False)  # what `json.dumps(data, ensure_ascii=False)` makes


def json_ld(
    item: IndexedArticle, canonical: str, section: Link, image_shown: ImageView | None, plan: Plan
) -> str:
    """NewsArticle structured data, safe inside a `<script>` element."""
    a = item.article
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "url": canonical,
        "mainEntityOfPage": canonical,
        "articleSection": section.text,
        "keywords": list(a.tags),
        "wordCount": a.word_count,
    }
    if a.date:
        data["datePublished"] = a.date.isoformat()
    if a.standfirst:
        data["description"] = a.standfirst
    if a.author:
        data["author"] = {"@type": "Person", "name": a.author}
    if a.image:
        image = {"@type": "ImageObject", "caption": a.image.caption}
        if a.image.credit:
            image["creditText"] = a.image.credit
        if image_shown and image_shown.src:
            image["url"] = image_shown.src
        data["image"] = image
    mentions = _mentions(item, plan)
    data["mentions"] = mentions
    about = _about(item, mentions)
    if about:
        data["about"] = about
    text = _JSON.encode(data)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _mentions(item: IndexedArticle, plan: Plan) -> list[dict[str, str]]:
    """schema.org things for the article's entities, with their page when they have one."""
    types = {"person": "Person", "organization": "Organization", "place": "Place"}
    found = []
    for eid in item.entity_ids:
        entity = plan.index.entities[eid]
        entry = {"@type": types.get(entity.kind, "Thing"), "name": entity.name}
        link = plan.entity_links.get(eid)
        if link is not None:  # its href is `urls.href` of the entity's dir: absolute() unquoted
            entry["url"] = plan.urls.origin + link.href
        found.append(entry)
    return found


def _about(item: IndexedArticle, mentions: list[dict[str, str]]) -> list[dict[str, str]]:
    """The entities named in the headline: what the article is about."""
    in_title = {
        item.entity_names[m.name]
        for m in item.article.mentions
        if m.block == -1 and m.name in item.entity_names
    }
    return [entry for eid, entry in zip(item.entity_ids, mentions) if eid in in_title]


def article_fingerprint(item: IndexedArticle, plan: Plan) -> str:
    """What the page shows, from small inputs: the file's sha256 and the refs around it.

    The body and JSON-LD are functions of the file, the links listed here and the names of
    every entity it mentions (curation can rename one that has no page).
    """
    a = item.article
    entities = plan.index.entities
    links = plan.entity_links

    def entity(eid: int) -> tuple[str, str, str | None]:
        link = links.get(eid)
        return entities[eid].name, entities[eid].kind, link.href if link is not None else None

    return key(
        a.source.sha256,
        a.source.path,
        item.dir,
        plan.site_key,
        plan.ref_key(item.id),
        tuple((t.name, t.dir) for t in plan.tags_of(item)),
        tuple(entity(e) for e in item.entity_ids),
        tuple((name, entity(e)) for name, e in item.entity_names.items()),
        tuple((r.title, plan.ref_key(r.target)) for r in item.read_more),
        plan.keys_of(item.related),
        plan.ref_key(item.previous),
        plan.ref_key(item.next),
    )


def article_context(item: IndexedArticle, plan: Plan) -> ArticlePage:
    """The full context, body and JSON-LD included (built only for pages to render)."""
    a = item.article
    ref = plan.refs[item.id]
    canonical = plan.urls.origin + ref.href  # `urls.absolute(item.dir)`, quoted once in refs
    image = image_view(a.image, plan)
    body = body_blocks(a, item.entity_names, plan)
    return ArticlePage(
        site=plan.site,
        title=a.title,
        canonical=canonical,
        description=a.standfirst or a.summary or "",
        standfirst=a.standfirst or "",
        date_iso=ref.date_iso,
        date_label=ref.date_label,
        section=ref.section,
        author=a.author or "",
        image=image,
        body=body,
        body_html=body_html(body),
        tags=plan.tag_links_of(item),
        entity_groups=entity_groups(item, plan),
        read_more=tuple(
            ReadMoreView(r.title, plan.refs[r.target].href if r.target is not None else "")
            for r in item.read_more
        ),
        related=plan.pick(item.related),
        previous=plan.refs[item.previous] if item.previous is not None else None,
        next=plan.refs[item.next] if item.next is not None else None,
        word_count=a.word_count,
        reading_minutes=a.reading_minutes,
        json_ld=json_ld(item, canonical, ref.section, image, plan),
    )


def article_page(item: IndexedArticle, plan: Plan) -> Page:
    """The page of one article; its context is built only when it is rendered."""
    make = functools.partial(article_context, item, plan)
    return plan.html_page(item.dir, "article.html", make, article_fingerprint(item, plan))
