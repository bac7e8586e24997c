"""load_article end to end: paths, sections, slugs, tags, drafts, discovery, hostile input."""

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgen.loader import LoadResult, discover, load_article
from newsgen.model import Article, Paragraph, ReadSettings, Subheading

FIXTURES = Path(__file__).parent / "fixtures" / "articles"


def test_every_fixture_loads_deterministically() -> None:
    for path in sorted(FIXTURES.iterdir()):
        data = path.read_bytes()
        first = load_article("desk/" + path.name, data, ReadSettings())
        assert isinstance(first, LoadResult)
        assert first == load_article("desk/" + path.name, data, ReadSettings())
        for d in first.diagnostics:
            assert d.path == "content/desk/" + path.name
        if first.article is not None:
            assert first.article.source.path == "content/desk/" + path.name
            assert first.article.mentions == ()


def test_section_slug_and_paths() -> None:
    text = "Ærøskøbing harbour gets a new crane — “finally”\nBody text here.\n"
    article = load_article("World News/x.txt", text.encode(), ReadSettings()).article
    assert article is not None
    assert article.section == "world-news"
    assert article.slug == "aeroskobing-harbour-gets-a-new-crane-finally"
    top = load_article("x.txt", text.encode(), ReadSettings(default_section="general")).article
    assert top is not None and top.section == "general"


def test_long_slug_cut_at_word_boundary() -> None:
    headline = " ".join(["harbourmaster"] * 20)
    article = load_article("x.txt", f"{headline}\nBody.\n".encode(), ReadSettings()).article
    assert article is not None
    assert len(article.slug) <= 80 and article.slug.endswith("harbourmaster")


def test_slug_falls_back_when_headline_has_no_letters() -> None:
    article = load_article("x.txt", "!!! ???\nBody.\n".encode(), ReadSettings()).article
    assert article is not None
    assert article.slug == "article-" + article.source.sha256[:8]


def test_draft_flag() -> None:
    data = (FIXTURES / "front-matter.txt").read_bytes()
    article = load_article("x.txt", data, ReadSettings()).article
    assert article is not None and article.draft is True


def test_wire_fixture_article() -> None:
    data = (FIXTURES / "wire-line-layout.txt").read_bytes()
    article = load_article("city/wire-line-layout.txt", data, ReadSettings()).article
    assert isinstance(article, Article)
    assert article.section == "city"
    assert article.image is not None and article.image.credit == "Reuters/Ines Barrow"
    assert [q.speaker for q in article.quotes] == [
        "Quill", "Oskar Lindqvist", "Lindqvist", "Lindqvist",
    ]  # fmt: skip
    assert article.summary == article.standfirst


def test_discover(tmp_path: Path) -> None:
    (tmp_path / "world" / "2025").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for name in [
        "b.txt", "a.md", "c.markdown", "d.text", "notes.rst", "e.txt~", ".f.txt", "g.txt.swp",
        "world/2025/h.TXT", ".hidden/i.txt",
    ]:  # fmt: skip
        (tmp_path / name).write_text("Headline\n")
    assert discover(tmp_path) == ["a.md", "b.txt", "c.markdown", "d.text", "world/2025/h.TXT"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_discover_symlinks_stay_inside(tmp_path: Path) -> None:
    content, outside = tmp_path / "content", tmp_path / "outside"
    content.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("Headline\n")
    (content / "real.txt").write_text("Headline\n")
    (content / "in-link.txt").symlink_to(content / "real.txt")
    (content / "out-link.txt").symlink_to(outside / "secret.txt")
    (content / "out-dir").symlink_to(outside, target_is_directory=True)
    (content / "loop").symlink_to(content, target_is_directory=True)
    assert discover(content) == ["in-link.txt", "real.txt"]


def test_discover_missing_folder(tmp_path: Path) -> None:
    assert discover(tmp_path / "nope") == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash(data: bytes) -> None:
    for name in ("x.txt", "x.md"):
        assert isinstance(load_article(name, data, ReadSettings()), LoadResult)


_yaml_value = st.recursive(
    st.one_of(st.text(max_size=20), st.integers(), st.booleans(), st.none(), st.dates()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
_keys = st.sampled_from(
    "title date slug section tags summary standfirst image author draft x".split()
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_keys, _yaml_value, max_size=6), st.text(max_size=400))
def test_random_front_matter_and_text_never_crash(front: dict[str, object], body: str) -> None:
    import yaml

    text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body
    for name in ("x.txt", "x.md"):
        result = load_article(name, text.encode("utf-8", "surrogatepass"), ReadSettings())
        assert isinstance(result, LoadResult)


_YAMLISH = st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#%@`\n \t?,.0129")), max_size=200)


@settings(max_examples=150, deadline=None)
@given(_YAMLISH, st.sampled_from(["x.txt", "x.md"]))
def test_yaml_shaped_noise_never_crashes(front: str, name: str) -> None:
    text = f"---\n{front}\n---\nHeadline\nBody.\n"
    result = load_article(name, text.encode(), ReadSettings())
    assert isinstance(result, LoadResult)
    if result.article is None:
        assert result.diagnostics[-1].severity == "error"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab "“”,.:-\n\r(AP)Said he Photo Read more:')), max_size=600))
def test_quote_and_caption_shaped_noise_never_crashes(text: str) -> None:
    assert isinstance(load_article("x.txt", text.encode(), ReadSettings()), LoadResult)


def test_one_megabyte_single_line_is_fast() -> None:
    line = ('"Quote ' + "word " * 30 + '," said Anna Berg, (AP) April 16, 2025 ') * 4000
    data = ("Headline\n" + line[:1_000_000] + "\n").encode()
    started = time.perf_counter()
    result = load_article("x.txt", data, ReadSettings())
    assert result.article is not None and len(result.article.blocks) == 1
    assert time.perf_counter() - started < 20


def test_fifty_thousand_lines_are_fast() -> None:
    line = 'Paragraph {} says "something long enough to be a quote," he said.'
    lines = [line.format(i) for i in range(50_000)]
    data = ("Headline\n" + "\n".join(lines) + "\n").encode()
    started = time.perf_counter()
    result = load_article("x.txt", data, ReadSettings())
    assert result.article is not None and len(result.article.blocks) == 50_000
    assert time.perf_counter() - started < 30


def test_pathological_regex_inputs_are_fast() -> None:
    nasty = [
        "A" * 50_000 + " said:",
        "TARNBY" + " ," * 20_000,
        "(" + "Aa " * 20_000,
        '"' + " x" * 30_000 + ', ' + "B " * 10_000,
        "Read more:" + " " * 50_000,
        '"a b" ' * 50_000,
    ]
    started = time.perf_counter()
    for text in nasty:
        assert load_article("x.txt", f"Head\n{text}\nEnd.\n".encode(), ReadSettings()).article
    assert time.perf_counter() - started < 20


_LINES = st.lists(
    st.sampled_from(
        ["", "-", "Short crosshead", "A full sentence of body text.", '"A quoted line of words," Berg said.',
         "Read more: Another story", "Photo: A quay (Northwire)", "wrapped line without an end",
         "TARNBY, May 5 (Northwire) - Prices rose.", "   ", '"Open quote over paragraphs']
    ),
    max_size=30,
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(_LINES, st.sampled_from(["\n", "\r\n", "\r"]))
def test_structure_invariants(lines: list[str], newline: str) -> None:
    text = newline.join(["Headline", *lines])
    article = load_article("x.txt", text.encode(), ReadSettings()).article
    assert article is not None and article.title == "Headline"
    numbers = [b.line for b in article.blocks]  # type: ignore[union-attr]
    assert numbers == sorted(numbers) and all(n >= 2 for n in numbers)
    assert all(b.text.strip() for b in article.blocks)  # type: ignore[union-attr]
    assert not any(b.text.startswith("Read more") for b in article.blocks)  # type: ignore[union-attr]
    assert len(article.subheadings) == sum(isinstance(b, Subheading) for b in article.blocks)
    for quote in article.quotes:
        assert 0 <= quote.block < len(article.blocks)
        assert isinstance(article.blocks[quote.block], Paragraph)
    assert article.reading_minutes >= 1


def test_diagnostics_name_the_configured_content_folder() -> None:
    from newsgen.loader import load_article
    from newsgen.model import ReadSettings

    result = load_article("world/x.txt", b"\x00\x01binary", ReadSettings(content_dir="articles"))
    assert result.article is None
    assert result.diagnostics[0].path == "articles/world/x.txt"
