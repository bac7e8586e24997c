"""Markdown bodies: HTML blocks with plain text, sanitising, and the same derived metadata."""

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from newsgen.loader import load_article
from newsgen.loader.markdownformat import parse_markdown, render_markdown, split_html
from newsgen.model import HtmlBlock, ReadSettings

FIXTURES = Path(__file__).parent / "fixtures" / "articles"


def load_fixture(settings: ReadSettings = ReadSettings()):  # type: ignore[no-untyped-def]
    data = (FIXTURES / "markdown-article.md").read_bytes()
    return load_article("culture/markdown-article.md", data, settings)


def test_metadata_from_markdown() -> None:
    result = load_fixture()
    article = result.article
    assert article is not None and result.diagnostics == ()
    assert article.source.format == "markdown"
    assert article.title == "Choir fills the customs hall"
    assert article.standfirst == (
        "The Velmora choir sang in the old customs hall for the first time."
    )
    assert article.date == dt.date(2025, 6, 1)
    assert article.section == "culture"
    assert article.tags == ("music", "Velmora")
    assert article.subheadings == ("A hall brought back", "What comes next")
    assert article.related_titles == ("Customs hall restoration finished",)
    assert [(q.speaker, q.block) for q in article.quotes] == [("Anneli Strand", 2)]
    assert all(isinstance(b, HtmlBlock) for b in article.blocks)
    assert not any(b.heading == 1 for b in article.blocks)  # type: ignore[union-attr]


def test_quote_offsets_index_block_text() -> None:
    article = load_fixture().article
    assert article is not None
    quote = article.quotes[0]
    block = article.blocks[quote.block]
    assert isinstance(block, HtmlBlock)
    assert block.text[quote.start : quote.end].startswith("“We waited eleven years")


def test_raw_html_is_sanitised_unless_allowed() -> None:
    safe = load_fixture().article
    assert safe is not None
    assert not any("<script" in b.html for b in safe.blocks)  # type: ignore[union-attr]
    raw = load_fixture(ReadSettings(allow_raw_html=True)).article
    assert raw is not None
    assert any("<script" in b.html for b in raw.blocks)  # type: ignore[union-attr]


def test_extensions_render() -> None:
    parsed = parse_markdown(
        "Some text[^n] -- with 'quotes'.\n\n[^n]: Note.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "```\ncode <b>\n```\n\nStyled\n{: .lead }\n",
        allow_raw_html=False,
    )
    html = "".join(b.html for b in parsed.blocks)
    assert "<table>" in html and "&lt;b&gt;" in html and "&ndash;" not in html
    assert "–" in html and "‘quotes’" in html
    assert 'class="lead"' in html and 'class="footnote"' in html


def test_title_from_front_matter_wins_and_first_heading_stays() -> None:
    text = "---\ntitle: From front matter\n---\n## Body heading\n\nA paragraph.\n"
    article = load_article("a.md", text.encode(), ReadSettings()).article
    assert article is not None
    assert article.title == "From front matter"
    assert article.subheadings == ("Body heading",)
    assert article.summary == "A paragraph."


def test_markdown_without_title_is_empty_article() -> None:
    result = load_article("a.md", b"Just a paragraph.\n", ReadSettings())
    assert result.article is None and result.diagnostics[0].code == "empty-article"


def test_deterministic() -> None:
    data = (FIXTURES / "markdown-article.md").read_bytes()
    first = load_article("x.md", data, ReadSettings())
    assert load_article("x.md", data, ReadSettings()) == first


def test_split_html_top_level_elements() -> None:
    blocks = split_html(
        "<p>a <em>b</em></p>\n<hr>\n<h2 id='x'>T&amp;C</h2><ul><li>one</li><li>two</li></ul>"
    )
    assert [b.html for b in blocks] == [
        "<p>a <em>b</em></p>",
        "<hr>",
        "<h2 id='x'>T&amp;C</h2>",
        "<ul><li>one</li><li>two</li></ul>",
    ]
    assert [b.text for b in blocks] == ["a b", "", "T&C", "one two"]
    assert [b.heading for b in blocks] == [0, 0, 2, 0]


def test_text_of_removed_tags_is_kept_as_a_paragraph() -> None:
    parsed = parse_markdown("<section>Harbour <b>news</b> & more</section>\n\nAfter.\n", False)
    assert [(b.html, b.text) for b in parsed.blocks] == [
        ("<p>Harbour <b>news</b> &amp; more</p>", "Harbour news & more"),
        ("<p>After.</p>", "After."),
    ]


def test_allowed_raw_script_is_its_own_block_without_text() -> None:
    parsed = parse_markdown('Before.\n\n<script>var said = "x";</script>\n\nAfter.\n', True)
    assert [b.text for b in parsed.blocks] == ["Before.", "", "After."]
    assert parsed.blocks[1].html == '<script>var said = "x";</script>'


def test_nothing_carries_over_from_one_article_to_the_next() -> None:
    """One converter serves every article: footnotes, their numbers and link definitions of
    one article must not show in the next."""
    first = "Harbour fees rose.[^fees]\n\n[^fees]: Set by the port board.\n\n[board]: https://example.org/board"
    second = "Ferry times changed.[^times] See the [board].\n\n[^times]: From 1 May."
    alone = render_markdown(second, allow_raw_html=False)
    render_markdown(first, allow_raw_html=False)
    after = render_markdown(second, allow_raw_html=False)
    assert after == alone
    assert 'href="#fn:times"' in after and "port board" not in after
    assert "https://example.org/board" not in after and "[board]" in after


def test_threads_convert_alike() -> None:
    """Each thread has its own converter: texts converted at once in several threads come out
    as they do one by one."""
    texts = [f"Note {i}.[^n{i}]\n\n[^n{i}]: Footnote {i} *here*." for i in range(40)]
    alone = [render_markdown(t, allow_raw_html=False) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda t: render_markdown(t, allow_raw_html=False), texts * 5))
    assert together == alone * 5
