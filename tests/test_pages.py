"""The render plan: which pages exist, pagination, fingerprints, and the span markup helper."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html.parser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgen.config import SiteConfig
from newsgen.index import build_index
from newsgen.model import (
    Article,
    ArticleMention,
    Entity,
    EntityResolution,
    Paragraph,
    Quote,
    SourceInfo,
)
from newsgen.pages import Page, Span, machine, markup_spans, plan_pages
from newsgen.pages.context import ArticlePage, ListPage
from newsgen.pages.markup import nested_spans

D1, D2, D3 = dt.date(2024, 12, 30), dt.date(2025, 1, 5), dt.date(2025, 2, 11)
TEXT = 'Mayor Ilsa Vantree said "the bridge is ready" in Corvale.'


def art(path: str, title: str, date: dt.date | None = None, **fields: object) -> Article:
    source = SourceInfo(f"content/{path}", "text", "utf-8", f"sha-{path}")
    return Article(source, title, date=date, **fields)  # type: ignore[arg-type]


def fixture_articles() -> list[Article]:
    mentions = (
        ArticleMention("Ilsa Vantree", "person", 0, 6, 18),
        ArticleMention("Corvale", "place", 0, 49, 56),
    )
    quote = Quote('"the bridge is ready"', "Ilsa Vantree", 0, 24, 45)
    body = (Paragraph(TEXT),)
    return [
        art(
            "a.txt",
            "Bridge opens",
            D1,
            section="local",
            tags=("Tolls",),
            blocks=body,
            mentions=mentions,
            quotes=(quote,),
            summary="The bridge opened.",
        ),
        art(
            "b.txt",
            "Tolls rise",
            D2,
            section="local",
            tags=("Tolls",),
            blocks=body,
            mentions=mentions,
        ),
        art("c.txt", "Ferry strike", D3, section="world"),
        art("d.txt", "Old letter", None, section="world"),
    ]


def resolution_for(articles: list[Article]) -> EntityResolution:
    entities = (
        Entity(0, "Ilsa Vantree", "person", "ilsa-vantree"),
        Entity(1, "Corvale", "place", "corvale"),
    )
    names = {"Ilsa Vantree": 0, "Corvale": 1}
    return EntityResolution(entities, tuple(names for _ in articles))


def plan(articles: list[Article], config: SiteConfig | None = None) -> dict[str, Page]:
    config = config or SiteConfig(base_url="https://example.org/")
    index, _ = build_index(articles, resolution_for(articles), config)
    return {page.output_path: page for page in plan_pages(index, config)}


def test_every_expected_page_is_planned() -> None:
    pages = plan(fixture_articles())
    assert set(pages) == {
        "index.html",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "feed.xml",
        "2024/12/30/bridge-opens/index.html",
        "2025/01/05/tolls-rise/index.html",
        "2025/02/11/ferry-strike/index.html",
        "undated/old-letter/index.html",
        "local/index.html",
        "local/feed.xml",
        "world/index.html",
        "world/feed.xml",
        "tags/index.html",
        "tags/tolls/index.html",
        "2024/index.html",
        "2024/12/index.html",
        "2025/index.html",
        "2025/01/index.html",
        "2025/02/index.html",
        "undated/index.html",
        "people/index.html",
        "organizations/index.html",
        "places/index.html",
        "people/ilsa-vantree/index.html",
        "places/corvale/index.html",
        "search/index.html",
        "search/index-1.json",
    }
    assert pages["2024/12/30/bridge-opens/index.html"].template == "article.html"
    assert pages["feed.xml"].template == "feed.xml"


def test_pagination_numbers_and_hrefs() -> None:
    articles = [art(f"{n}.txt", f"Story {n}", D1 + dt.timedelta(days=n)) for n in range(5)]
    config = SiteConfig(base_url="/archive/", per_page=2)
    pages = plan(articles, config)
    first, second, third = (
        pages[p].context for p in ("index.html", "page/2/index.html", "page/3/index.html")
    )
    assert [len(c.articles) for c in (first, second, third)] == [2, 2, 1]
    assert (second.pagination.number, second.pagination.total) == (2, 3)
    assert second.pagination.prev_href == "/archive/"
    assert second.pagination.next_href == "/archive/page/3/"
    assert first.pagination.prev_href is None and third.pagination.next_href is None
    assert [(p.number, p.href) for p in third.pagination.hrefs] == [
        (1, "/archive/"),
        (2, "/archive/page/2/"),
        (3, "/archive/page/3/"),
    ]
    assert [a.title for a in first.articles] == ["Story 4", "Story 3"]
    assert "news/page/3/index.html" in pages


def test_article_context_links_entities_once_and_marks_quotes() -> None:
    pages = plan(fixture_articles())
    page = pages["2024/12/30/bridge-opens/index.html"].context
    assert isinstance(page, ArticlePage)
    html = page.body[0].html
    assert html.count('<a href="/people/ilsa-vantree/">Ilsa Vantree</a>') == 1
    assert '<q class="quote" data-speaker="Ilsa Vantree">"the bridge is ready"</q>' in html
    assert [(g.label, [link.text for link in g.links]) for g in page.entity_groups] == [
        ("People", ["Ilsa Vantree"]),
        ("Places", ["Corvale"]),
    ]
    assert page.canonical == "https://example.org/2024/12/30/bridge-opens/"
    assert page.next is not None and page.next.title == "Tolls rise"


def test_entity_links_can_be_switched_off() -> None:
    config = SiteConfig(link_entities=False)
    page = plan(fixture_articles(), config)["2024/12/30/bridge-opens/index.html"].context
    assert "<a " not in page.body[0].html


def test_fingerprints_are_stable_for_the_same_input() -> None:
    first = {p: page.fingerprint for p, page in plan(fixture_articles()).items()}
    second = {p: page.fingerprint for p, page in plan(fixture_articles()).items()}
    assert first == second
    assert all(len(fp) == 32 and int(fp, 16) >= 0 for fp in first.values())


def test_fingerprints_change_when_and_only_when_the_context_changes() -> None:
    before = plan(fixture_articles())
    articles = fixture_articles()
    articles[2] = dataclasses.replace(articles[2], title="Ferry strike ends")
    after = plan(articles)
    changed = {p for p in before if p in after and before[p].fingerprint != after[p].fingerprint}
    context_changed = {p for p in before if p in after and before[p].context != after[p].context}
    assert "world/index.html" in changed and "index.html" in changed
    assert "tags/tolls/index.html" not in changed
    assert changed == context_changed


def test_body_edit_changes_only_that_article_page_and_search_shards_not_lists() -> None:
    before = plan(fixture_articles())
    articles = fixture_articles()
    source = dataclasses.replace(articles[2].source, sha256="sha-edited")
    articles[2] = dataclasses.replace(articles[2], source=source, blocks=(Paragraph("New text."),))
    after = plan(articles)
    changed = {p for p in before if before[p].fingerprint != after[p].fingerprint}
    assert changed == {"2025/02/11/ferry-strike/index.html"}


def test_list_pages_carry_typed_refs() -> None:
    home = plan(fixture_articles())["index.html"].context
    assert isinstance(home, ListPage)
    ref = home.articles[0]
    assert (ref.title, ref.href, ref.date_iso, ref.section.text) == (
        "Ferry strike",
        "/2025/02/11/ferry-strike/",
        "2025-02-11",
        "World",
    )


def test_large_outputs_are_split(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(machine, "SITEMAP_LIMIT", 10)
    monkeypatch.setattr(machine, "SHARD_SIZE", 3)
    pages = plan(fixture_articles())
    assert pages["sitemap.xml"].template == "sitemap_index.xml"
    parts = [p for p in pages if p.startswith("sitemap-")]
    assert len(parts) == len(pages["sitemap.xml"].context.parts) >= 3
    assert [p for p in pages if p.startswith("search/index-")] == [
        "search/index-1.json",
        "search/index-2.json",
    ]
    assert pages["search/index.html"].context.shards == (
        "/search/index-2.json",
        "/search/index-1.json",
    )
    newest = [e.title for e in pages["search/index-2.json"].context.entries]
    older = [e.title for e in pages["search/index-1.json"].context.entries]
    assert (newest, older) == (["Ferry strike"], ["Tolls rise", "Bridge opens", "Old letter"])


def test_large_entity_index_gets_letter_pages() -> None:
    names = [f"{chr(65 + n % 3)}name {n:03d}" for n in range(501)]
    mentions = tuple(ArticleMention(name, "person", -1, 0, 1) for name in names)
    articles = [art("a.txt", "A", D1, mentions=mentions)]
    entities = tuple(Entity(n, name, "person", f"p{n}") for n, name in enumerate(names))
    resolution = EntityResolution(entities, ({name: n for n, name in enumerate(names)},))
    config = SiteConfig(entity_min_articles=1)
    index, _ = build_index(articles, resolution, config)
    pages = {p.output_path: p for p in plan_pages(index, config)}
    letters = sorted(p for p in pages if p.startswith("people/by-letter-"))
    assert letters == [f"people/by-letter-{c}/index.html" for c in "abc"]
    assert sum(len(pages[p].context.letters[0].entities) for p in letters) == 501
    assert all(not g.entities for g in pages["people/index.html"].context.letters)


def test_markup_spans_escape_nest_and_drop_crossing_spans() -> None:
    text = 'He said "A <b> & Bob" in Corvale.'
    spans = [
        Span(8, 21, "q"),
        Span(17, 20, "a", (("href", '/p/"bob"/'),)),
        Span(12, 25, "em"),
        Span(25, 32, "a", (("href", "/places/corvale/"),)),
        Span(30, 99, "b"),
    ]
    assert markup_spans(text, spans) == (
        'He said <q>"A &lt;b&gt; &amp; <a href="/p/&#34;bob&#34;/">Bob</a>"</q> in '
        '<a href="/places/corvale/">Corvale</a>.'
    )
    assert markup_spans("<x>", []) == "&lt;x&gt;"


class _TextOnly(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.depth = 0
        self.max_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.depth += 1
        self.max_depth = max(self.max_depth, self.depth)

    def handle_endtag(self, tag: str) -> None:
        self.depth -= 1
        assert self.depth >= 0

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab <>&\"'é"), max_size=30),
    bounds=st.lists(st.tuples(st.integers(-2, 32), st.integers(-2, 32)), max_size=6),
)
def test_markup_spans_keeps_the_text_and_balanced_tags(
    text: str, bounds: list[tuple[int, int]]
) -> None:
    spans = [Span(a, b, "em", (("title", text),)) for a, b in bounds]
    out = markup_spans(text, spans)
    parser = _TextOnly()
    parser.feed(out)
    parser.close()
    assert "".join(parser.text) == text
    assert parser.depth == 0
    assert out.count("<em") == len(nested_spans(text, spans))


def test_spans_with_unsafe_tag_names_are_dropped() -> None:
    spans = [Span(0, 1, "img src=x onerror=alert(1)"), Span(0, 1, "a", (('on"x', "y"),))]
    assert markup_spans("ab", spans) == "ab"


def test_renaming_an_entity_without_a_page_changes_the_article_fingerprint() -> None:
    articles = fixture_articles()[:1]
    config = SiteConfig(entity_min_articles=5)
    index, _ = build_index(articles, resolution_for(articles), config)
    before = {p.output_path: p.fingerprint for p in plan_pages(index, config)}
    renamed = resolution_for(articles)
    entities = (renamed.entities[0], dataclasses.replace(renamed.entities[1], name="Corvale City"))
    index, _ = build_index(articles, EntityResolution(entities, renamed.per_article), config)
    after = {p.output_path: p.fingerprint for p in plan_pages(index, config)}
    assert {p for p in before if before[p] != after[p]} == {"2024/12/30/bridge-opens/index.html"}


def test_output_paths_are_unique_even_with_awkward_names() -> None:
    articles = [
        art("a.txt", "Page", D1, section="tags"),
        art("b.txt", "Search", None, section="search"),
        art("c.txt", "Tags", None, section="2024"),
        art("d.txt", "People", D1, section="people"),
    ]
    pages = list(plan_pages(build_index(articles, None, SiteConfig())[0], SiteConfig()))
    paths = [p.output_path for p in pages]
    assert len(paths) == len(set(paths))


def test_markdown_blocks_pass_through_but_a_second_h1_becomes_h2() -> None:
    from newsgen.model import HtmlBlock

    blocks = (
        HtmlBlock("<p>Safe <em>html</em></p>", "Safe html"),
        HtmlBlock("<h1>Part 2</h1>", "Part 2", 1),
    )
    page = plan([art("a.md", "A", D1, blocks=blocks)])["2024/12/30/a/index.html"].context
    assert [(b.kind, b.html) for b in page.body] == [
        ("html", "<p>Safe <em>html</em></p>"),
        ("h2", "Part 2"),
    ]


def test_no_feed_link_when_feeds_are_off() -> None:
    pages = plan(fixture_articles(), SiteConfig(feed_limit=0))
    assert not [p for p in pages if p.endswith("feed.xml")]
    assert pages["index.html"].context.site.feed_href is None
    assert pages["local/index.html"].context.feed_href is None


def test_contexts_are_built_only_for_pages_that_are_rendered(monkeypatch) -> None:
    """Fingerprinting the whole plan builds no article body; asking for a context builds one."""
    from newsgen.pages import article as article_module

    built: list[str] = []
    real = article_module.body_blocks

    def counting_body(a: Article, names: dict[str, int], plan: object) -> object:
        built.append(a.title)
        return real(a, names, plan)  # type: ignore[arg-type]

    monkeypatch.setattr(article_module, "body_blocks", counting_body)
    pages = plan(fixture_articles())
    assert all(p.fingerprint for p in pages.values()) and built == []
    page = pages["2024/12/30/bridge-opens/index.html"].context
    assert built == ["Bridge opens"] and 'class="quote"' in page.body[0].html


def test_neighbour_title_change_reaches_the_article_fingerprint() -> None:
    """An article's page shows its neighbours' titles: renaming one refingerprints it."""
    before = plan(fixture_articles())
    articles = fixture_articles()
    articles[1] = dataclasses.replace(articles[1], title="Tolls rise again")
    after = plan(articles)
    page = "2024/12/30/bridge-opens/index.html"
    assert before[page].context.next.title == "Tolls rise"
    assert before[page].fingerprint != after[page].fingerprint
    assert after[page].context.next.title == "Tolls rise again"


def test_entity_index_letters_transliterate_initials() -> None:
    from newsgen.pages.entities import initial

    assert [initial(n) for n in ("Ølstrand", "Łucja Wróbel", "Émile", "Adam")] == ["O", "L", "E", "A"]
    assert initial("1st Battalion") == "#"
