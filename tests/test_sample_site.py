"""End to end: the repository's own sample site builds, validates and links up, at / and at a sub-path."""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser
import html5lib
import pytest

from newsgen.build import BuildOptions, build
from sitecheck import broken_links

REPO = Path(__file__).resolve().parents[1]


def copy_sample_site(dest: Path) -> Path:
    """The sample site without any build output or cache, so tests never write into the repo."""
    site = dest / "site"
    shutil.copytree(REPO / "content", site / "content")
    if (REPO / "newsgen.yaml").exists():
        shutil.copy(REPO / "newsgen.yaml", site / "newsgen.yaml")
    if (REPO / "entities.yaml").exists():
        shutil.copy(REPO / "entities.yaml", site / "entities.yaml")
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    site = copy_sample_site(tmp_path_factory.mktemp("sample"))
    result = build(site, BuildOptions(output_dir=str(site / "build"), quiet=True, jobs=1))
    return site / "build", result


@pytest.fixture(scope="module")
def built_subpath(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = copy_sample_site(tmp_path_factory.mktemp("subpath"))
    out = site / "public"
    options = BuildOptions(output_dir=str(out), base_url="https://example.org/archive/", quiet=True)
    result = build(site, options)
    assert result.exit_code == 0, [d.format() for d in result.diagnostics]
    return out


def test_sample_site_builds_without_errors(built: tuple[Path, object]) -> None:
    out, result = built
    errors = [d.format() for d in result.diagnostics if d.severity == "error"]
    assert errors == []
    assert result.exit_code == 0
    assert (out / "index.html").is_file()


def test_every_article_has_a_page(built: tuple[Path, object]) -> None:
    out, result = built
    article_pages = [p for p in out.rglob("index.html") if 'property="og:type" content="article"' in p.read_text("utf-8")]
    sources = [p for p in (REPO / "content").rglob("*") if p.suffix in (".txt", ".md")]
    drafts = [p for p in sources if "draft: true" in p.read_text("utf-8", errors="replace")[:600]]
    assert len(article_pages) == len(sources) - len(drafts)


def test_every_internal_link_resolves(built: tuple[Path, object]) -> None:
    out, _ = built
    assert broken_links(out, "/") == []


def test_every_internal_link_resolves_under_a_sub_path(built_subpath: Path) -> None:
    assert broken_links(built_subpath, "/archive/") == []
    home = (built_subpath / "index.html").read_text("utf-8")
    assert 'href="/archive/' in home
    assert 'href="/2' not in home  # no link escapes the sub-path


def test_pages_are_well_formed_html(built: tuple[Path, object]) -> None:
    out, _ = built
    parser = html5lib.HTMLParser(strict=True)
    for page in sorted(out.rglob("*.html")):
        try:
            parser.parse(page.read_bytes())
        except Exception as exc:  # html5lib raises ParseError subclasses with the position
            pytest.fail(f"{page.relative_to(out)}: {exc}")


def test_feeds_parse(built: tuple[Path, object]) -> None:
    out, _ = built
    feeds = sorted(out.rglob("*.xml"))
    atom = [f for f in feeds if b"<feed" in f.read_bytes()[:500]]
    assert atom, "no Atom feed written"
    for feed_file in atom:
        parsed = feedparser.parse(feed_file.read_bytes())
        assert not parsed.bozo, f"{feed_file}: {parsed.get('bozo_exception')}"
        assert parsed.entries


def test_output_is_deterministic(tmp_path: Path, built: tuple[Path, object]) -> None:
    out, _ = built
    site = copy_sample_site(tmp_path)
    again = site / "build"
    build(site, BuildOptions(output_dir=str(again), quiet=True, jobs=2))
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
