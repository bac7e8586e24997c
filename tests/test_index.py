"""The site index: slugs, ordering, archives, tags, Read more, related, prev/next, entities."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st
from slugify import slugify

from newsgen.config import SiteConfig
from newsgen.index import build_index, related
from newsgen.index import sentences as sentences_module
from newsgen.index.sentences import sentence_at
from newsgen.index.structure import base_slug
from newsgen.model import (
    Article,
    ArticleMention,
    Entity,
    EntityResolution,
    Paragraph,
    Quote,
    SourceInfo,
)


def art(path: str, title: str, date: dt.date | None = None, **fields: object) -> Article:
    source = SourceInfo(f"content/{path}", "text", "utf-8", f"sha-{path}")
    return Article(source, title, date=date, **fields)  # type: ignore[arg-type]


D1, D2, D3 = dt.date(2024, 12, 30), dt.date(2025, 1, 5), dt.date(2025, 2, 11)


def test_colliding_slugs_get_suffixes_in_source_order_and_warn_naming_both_files() -> None:
    articles = [
        art("a.txt", "Bridge opens", D1),
        art("b.txt", "Bridge Opens!", D1),
        art("c.txt", "Other", D1, slug="bridge-opens"),
        art("d.txt", "Bridge opens", D2),
    ]
    index, diagnostics = build_index(articles, None, SiteConfig())
    assert [a.slug for a in index.articles] == [
        "bridge-opens",
        "bridge-opens-2",
        "bridge-opens-3",
        "bridge-opens",
    ]
    assert index.articles[1].dir == "2024/12/30/bridge-opens-2/"
    assert [d.format() for d in diagnostics] == [
        (
            "content/b.txt: warning[slug-collision]: slug 'bridge-opens' is already used by "
            "content/a.txt; content/b.txt gets 'bridge-opens-2' "
            "(hint: set a distinct `slug:` in the front matter to choose the URL)"
        ),
        (
            "content/c.txt: warning[slug-collision]: slug 'bridge-opens' is already used by "
            "content/a.txt; content/c.txt gets 'bridge-opens-3' "
            "(hint: set a distinct `slug:` in the front matter to choose the URL)"
        ),
    ]


def test_article_cannot_take_a_site_page_url() -> None:
    config = SiteConfig()
    index, diagnostics = build_index([art("a.txt", "Tags", None)], None, config)
    assert index.articles[0].dir == "undated/tags/"
    config_clash = SiteConfig(urls=type(config.urls)(undated_article="{slug}/"))
    index, diagnostics = build_index([art("a.txt", "Tags", None)], None, config_clash)
    assert index.articles[0].dir == "tags-2/"
    assert diagnostics[0].code == "slug-collision"


def test_newest_first_then_title_then_path_with_undated_last() -> None:
    articles = [
        art("z.txt", "Beta", D2),
        art("y.txt", "Alpha", D2),
        art("x.txt", "Undated B", None),
        art("w.txt", "Old", D1),
        art("v.txt", "Undated A", None),
        art("u.txt", "Alpha", D2),
        art("t.txt", "New", D3),
    ]
    index, _ = build_index(articles, None, SiteConfig())
    titles = [(articles[i].title, articles[i].source.path) for i in index.newest_first]
    assert titles == [
        ("New", "content/t.txt"),
        ("Alpha", "content/u.txt"),
        ("Alpha", "content/y.txt"),
        ("Beta", "content/z.txt"),
        ("Old", "content/w.txt"),
        ("Undated A", "content/v.txt"),
        ("Undated B", "content/x.txt"),
    ]
    assert index.undated == (4, 2)


def test_year_and_month_archives_newest_first() -> None:
    articles = [
        art("a.txt", "A", D1),
        art("b.txt", "B", D2),
        art("c.txt", "C", D3),
        art("d.txt", "D", dt.date(2025, 1, 20)),
    ]
    index, _ = build_index(articles, None, SiteConfig())
    assert [(y.year, y.dir, y.article_count) for y in index.years] == [
        (2025, "2025/", 3),
        (2024, "2024/", 1),
    ]
    months = [(m.month, m.dir, m.article_ids) for m in index.years[0].months]
    assert months == [(2, "2025/02/", (2,)), (1, "2025/01/", (3, 1))]


def test_sections_default_and_tags_merge_by_slug() -> None:
    articles = [
        art("a.txt", "A", D1, section="World", tags=("Harbour Works", "harbour works", "Tolls")),
        art("b.txt", "B", D2, tags=("harbour-works",)),
        art("c.txt", "C", D3, section="World", tags=("!!!",)),
    ]
    index, _ = build_index(articles, None, SiteConfig(default_section="local"))
    assert [(s.name, s.dir, s.article_ids) for s in index.sections] == [
        ("local", "local/", (1,)),
        ("World", "world/", (2, 0)),
    ]
    assert [(t.slug, t.name, t.dir, t.article_ids) for t in index.tags] == [
        ("harbour-works", "Harbour Works", "tags/harbour-works/", (1, 0)),
        ("tolls", "Tolls", "tags/tolls/", (0,)),
    ]
    assert index.articles[0].tag_slugs == ("harbour-works", "tolls")


def test_read_more_matches_across_case_punctuation_and_quote_styles() -> None:
    articles = [
        art("a.txt", 'Council says "no" to the U.S.-style toll bridge', D1),
        art(
            "b.txt",
            "Ferry strike ends",
            D2,
            related_titles=(
                "council says ‘no’ to the U.S. style toll bridge.",
                "A headline nobody wrote",
            ),
        ),
    ]
    index, diagnostics = build_index(articles, None, SiteConfig())
    read_more = index.articles[1].read_more
    assert [(r.title, r.target) for r in read_more] == [
        ("council says ‘no’ to the U.S. style toll bridge.", 0),
        ("A headline nobody wrote", None),
    ]
    assert [d.format() for d in diagnostics] == [
        (
            "content/b.txt: warning[read-more-unresolved]: 'Read more: A headline nobody wrote' "
            "matches no article headline "
            "(hint: it is shown as plain text; check the headline's wording)"
        )
    ]


def test_read_more_never_points_at_the_article_itself() -> None:
    articles = [art("a.txt", "Same words", D1, related_titles=("Same words",))]
    index, diagnostics = build_index(articles, None, SiteConfig())
    assert index.articles[0].read_more[0].target is None
    assert diagnostics[0].code == "read-more-unresolved"


def test_related_prefers_shared_tags_then_section_and_respects_count() -> None:
    articles = [
        art("a.txt", "A", D1, tags=("tolls", "ferries"), section="world"),
        art("b.txt", "B", D2, tags=("tolls", "ferries"), section="sport"),
        art("c.txt", "C", D2, tags=("tolls",), section="sport"),
        art("d.txt", "D", D3, section="world"),
        art("e.txt", "E", D3, section="culture"),
    ]
    index, _ = build_index(articles, None, SiteConfig(related_count=3))
    assert index.articles[0].related == (1, 2, 3)
    index, _ = build_index(articles, None, SiteConfig(related_count=1))
    assert index.articles[0].related == (1,)
    assert index.articles[4].related == ()


def test_related_over_a_very_common_tag_stays_near_in_time() -> None:
    base = dt.date(2020, 1, 1)
    articles = [
        art(f"{n:04d}.txt", f"Story {n:04d}", base + dt.timedelta(days=n), tags=("city",))
        for n in range(600)
    ]
    index, _ = build_index(articles, None, SiteConfig(related_count=2))
    assert set(index.articles[300].related) == {299, 301}


def test_previous_is_older_and_next_is_newer_within_the_section() -> None:
    articles = [
        art("a.txt", "A", D1, section="world"),
        art("b.txt", "B", D2, section="sport"),
        art("c.txt", "C", D2, section="world"),
        art("d.txt", "D", D3, section="world"),
    ]
    index, _ = build_index(articles, None, SiteConfig())
    c = index.articles[2]
    assert (c.previous, c.next) == (0, 3)
    assert (index.articles[0].previous, index.articles[0].next) == (None, 2)
    assert (index.articles[1].previous, index.articles[1].next) == (None, None)


def _entity_fixture() -> tuple[list[Article], EntityResolution]:
    text_a = "Mayor Ilsa Vantree opened the bridge. The Harbour Guild objected."
    text_b = "Tolls rose. Vantree defended them in Corvale on Monday. Nobody else spoke."
    a = art(
        "a.txt",
        "Bridge opens",
        D1,
        blocks=(Paragraph(text_a),),
        mentions=(
            ArticleMention("Ilsa Vantree", "person", 0, 6, 18),
            ArticleMention("Harbour Guild", "organization", 0, 42, 55),
        ),
        quotes=(Quote('"We are ready"', "Ilsa Vantree", 0, 0, 0),),
    )
    b = art(
        "b.txt",
        "Tolls rise",
        D2,
        blocks=(Paragraph(text_b),),
        mentions=(
            ArticleMention("Ilsa Vantree", "person", 0, 21, 28),
            ArticleMention("Corvale", "place", 0, 45, 52),
            ArticleMention("Harbour Guild", "organization", -1, 0, 5),
        ),
        quotes=(Quote('"Fair price"', "Ilsa Vantree"), Quote('"Too dear"', "Harbour Guild")),
    )
    entities = (
        Entity(0, "Ilsa Vantree", "person", "ilsa-vantree"),
        Entity(1, "Harbour Guild", "organization", "harbour-guild"),
        Entity(2, "Corvale", "place", "corvale"),
    )
    names = {"Ilsa Vantree": 0, "Harbour Guild": 1, "Corvale": 2}
    return [a, b], EntityResolution(entities, (names, names))


def test_entity_pages_need_min_articles_and_hold_sentences_newest_first() -> None:
    articles, resolution = _entity_fixture()
    index, _ = build_index(articles, resolution, SiteConfig(entity_min_articles=2))
    assert sorted(index.entity_pages) == [0, 1]
    person = index.entity_pages[0]
    assert person.dir == "people/ilsa-vantree/"
    assert [(m.article_id, m.sentence) for m in person.mentions] == [
        (1, "Vantree defended them in Corvale on Monday."),
        (0, "Mayor Ilsa Vantree opened the bridge."),
    ]
    assert index.articles[1].entity_ids == (0, 2, 1)


def test_entity_co_mentions_and_quotes_attributed_to_people_only() -> None:
    articles, resolution = _entity_fixture()
    index, _ = build_index(articles, resolution, SiteConfig(entity_min_articles=1))
    person = index.entity_pages[0]
    assert person.co_mentioned == ((1, 2), (2, 1))
    assert [(q.article_id, q.text) for q in person.quotes] == [
        (1, '"Fair price"'),
        (0, '"We are ready"'),
    ]
    assert index.entity_pages[1].quotes == ()
    place = index.entity_pages[2]
    assert place.mentions[0].sentence == "Vantree defended them in Corvale on Monday."


def test_section_spellings_merge_and_site_page_urls_are_not_taken() -> None:
    articles = [
        art("a.txt", "A", D1, section="World"),
        art("b.txt", "B", D2, section="world"),
        art("c.txt", "C", D3, section="Tags"),
        art("d.txt", "D", D3, section="2025"),
    ]
    index, _ = build_index(articles, None, SiteConfig())
    assert [(s.name, s.dir, s.article_ids) for s in index.sections] == [
        ("2025", "2025-section/", (3,)),
        ("Tags", "tags-section/", (2,)),
        ("World", "world/", (1, 0)),
    ]
    assert index.articles[1].section == "World"


@settings(max_examples=150, deadline=None)
@given(
    keys=st.lists(
        st.lists(
            st.sampled_from(
                [
                    ("tag", "a"),
                    ("tag", "b"),
                    ("entity", 1),
                    ("entity", 2),
                    ("section", "x"),
                    ("section", "y"),
                ]
            ),
            unique=True,
            max_size=4,
        ),
        min_size=1,
        max_size=10,
    ),
    seed=st.randoms(use_true_random=False),
    count=st.integers(0, 4),
)
def test_related_matches_a_brute_force_ranking_on_small_archives(
    keys: list[list[tuple[str, object]]], seed: random.Random, count: int
) -> None:
    order = list(range(len(keys)))
    seed.shuffle(order)
    rank = {article: r for r, article in enumerate(order)}
    expected = []
    for i, own in enumerate(keys):
        scored = []
        for j, other in enumerate(keys):
            score = sum(related.WEIGHTS[k[0]] for k in set(own) & set(other))
            if j != i and score:
                scored.append((-score, abs(rank[j] - rank[i]), rank[j], j))
        expected.append(tuple(j for *_, j in sorted(scored)[:count]))
    assert related.related_ids(keys, order, count) == expected


def test_entity_sentence_found_by_name_when_a_mention_has_no_offsets() -> None:
    from newsgen.model import HtmlBlock

    block = HtmlBlock("<p>x</p>", "The vote was close. Ilsa Vantree abstained. Then lunch.")
    articles = [
        art(
            f"{n}.md",
            f"T{n}",
            D1,
            blocks=(block,),
            mentions=(ArticleMention("Ilsa Vantree", "person", 0, -1, -1),),
        )
        for n in range(2)
    ]
    entities = (Entity(0, "Ilsa Vantree", "person", "ilsa-vantree"),)
    names = {"Ilsa Vantree": 0}
    index, _ = build_index(articles, EntityResolution(entities, (names, names)), SiteConfig())
    assert index.entity_pages[0].mentions[0].sentence == "Ilsa Vantree abstained."


def test_mention_span_uses_offsets_or_else_the_first_place_of_the_name() -> None:
    from newsgen.index.sentences import mention_span

    text = "Orla Quist met Quist. Quist left."
    assert mention_span(text, ArticleMention("Quist", "person", 0, 15, 20)) == (15, 20)
    assert mention_span(text, ArticleMention("Quist", "person", 0, -1, -1)) == (5, 10)
    assert mention_span(text, ArticleMention("Benno Ark", "person", 0, -1, -1)) == (-1, -1)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_read_more_keys_match_the_extractors_normaliser(title: str) -> None:
    """The headline key translated in C equals folding character by character, and the index
    keys headlines with that one function."""
    import unicodedata

    from newsgen.extract.links import _fold, normalise_headline
    from newsgen.index import readmore

    text = unicodedata.normalize("NFKC", title).casefold()
    assert normalise_headline(title) == " ".join("".join(_fold(c) for c in text).split())
    assert readmore.normalise_headline is normalise_headline
    assert normalise_headline('Gaza talks — "progress" made') == "gaza talks progress made"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(-4, 3), st.integers(0, 50)), max_size=12))
def test_reading_order_is_body_then_standfirst_caption_title(places: list[tuple[int, int]]) -> None:
    from newsgen.index.entities import _reading_order, in_reading_order

    mentions = [ArticleMention(f"N{k}", "person", block, start, start + 1)
                for k, (block, start) in enumerate(places)]  # fmt: skip
    assert in_reading_order(mentions) == sorted(mentions, key=_reading_order)


def test_block_text_reaches_read_more_headlines() -> None:
    from newsgen.index.sentences import block_text
    from newsgen.model import Article, SourceInfo

    article = Article(
        source=SourceInfo("content/a.txt", "text", "utf-8", "0" * 64),
        title="Headline",
        related_titles=("First related", "Second related"),
    )
    assert block_text(article, -4) == "First related"
    assert block_text(article, -5) == "Second related"
    assert block_text(article, -6) == ""


def test_related_found_in_a_forked_child_equal_those_found_in_process(monkeypatch) -> None:
    from newsgen.index import background

    rng = random.Random(7)
    articles = [
        art(f"{i:03}.txt", f"Story {i}", D1 + dt.timedelta(days=rng.randrange(60)),
            tags=tuple(rng.sample(["roads", "ports", "rail", "schools", "water"], 2)))
        for i in range(60)
    ]  # fmt: skip
    alone, _ = build_index(articles, None, SiteConfig())
    monkeypatch.setattr(background, "FORK_FROM", 10)
    assert background.worth_forking(2, len(articles)) and not background.worth_forking(1, len(articles))
    forked, _ = build_index(articles, None, SiteConfig(), jobs=2)
    assert forked == alone
    assert any(item.related for item in forked.articles)


def test_a_failure_in_the_forked_child_reaches_the_caller() -> None:
    from newsgen.index.background import Background

    def boom() -> None:
        raise ValueError("related exploded")

    job = Background(boom, (), forked=True)
    try:
        job.result()
    except ValueError as exc:
        assert "related exploded" in str(exc)
    else:
        raise AssertionError("the child's error was lost")


def _sentence_by_scanning(text: str, start: int, end: int) -> str:
    """`sentence_at` as first written: every sentence end from the text's start."""
    if not 0 <= start < end <= len(text):
        return ""
    begin = 0
    for match in sentences_module._SENTENCE_END.finditer(text, 0, start):
        begin = match.end()
    stop = sentences_module._SENTENCE_END.search(text, end)
    return text[begin : stop.start() + 1 if stop else len(text)].strip()


@given(
    st.text(alphabet="ab .!?\"')”’\n", max_size=40),
    st.integers(min_value=-1, max_value=41),
    st.integers(min_value=0, max_value=42),
)
@settings(max_examples=600, deadline=None)
def test_sentence_at_finds_the_sentence_start_backwards(text: str, start: int, size: int) -> None:
    end = start + size
    assert sentence_at(text, start, end) == _sentence_by_scanning(text, start, end)


@given(st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True))
@settings(max_examples=300, deadline=None)
def test_a_slug_already_made_is_its_own_slug(slug: str) -> None:
    """`base_slug` keeps such a slug without calling `slugify`: it must be what slugify gives."""
    assert slugify(slug) == slug
    assert base_slug(art("x.txt", "T", slug=slug)) == slug


def test_base_slug_slugifies_other_slugs_and_titles() -> None:
    assert base_slug(art("x.txt", "T", slug="Ärger im Hafen")) == "arger-im-hafen"
    assert base_slug(art("x.txt", "Port Fees Rise", slug="--")) == "port-fees-rise"
    assert base_slug(art("x.txt", "!!", slug="")) == "article"
