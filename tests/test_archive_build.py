"""A messy plain-text archive builds: mixed layouts, files that are not UTF-8, no front matter.

The archive comes from the benchmark generator (invented news); a share of its files is
re-encoded as cp1252 and another share rewritten in the blank-line, hard-wrapped layout.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from newsgen.build import BuildOptions, build
from sitecheck import broken_links

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import generate as gen  # noqa: E402

ARTICLES = 240


def rewrap_blank_line_layout(text: str) -> str:
    """Headline, blank line, then paragraphs hard-wrapped at 60 columns and separated by blank lines."""
    lines = [line for line in text.splitlines() if line.strip()]
    blocks = [lines[0]] + [textwrap.fill(line, 60) for line in lines[1:]]
    return "\n\n".join(blocks) + "\n"


def messy_archive(site: Path) -> list[Path]:
    gen.generate(site, ARTICLES, seed=7)
    files = sorted((site / "content").rglob("*.txt"))
    for number, path in enumerate(files):
        text = path.read_text(encoding="utf-8")
        if number % 5 == 0:
            text = rewrap_blank_line_layout(text)
        if number % 7 == 0:
            # A typical legacy file: Windows line endings and a cp1252 byte for the accented name.
            separator = "\n" if number % 5 else "\n\n"
            text = text.rstrip("\n") + separator + "Zoë Ferrández contributed reporting.\n"
            text = text.replace("\n", "\r\n")
            path.write_bytes(text.encode("cp1252", errors="replace"))
        else:
            path.write_text(text, encoding="utf-8")
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object, list[Path]]:
    site = tmp_path_factory.mktemp("archive")
    files = messy_archive(site)
    result = build(site, BuildOptions(output_dir=str(site / "build"), quiet=True))
    return site / "build", result, files


def test_messy_archive_builds_with_exit_0(built: tuple[Path, object, list[Path]]) -> None:
    _, result, files = built
    assert result.exit_code == 0, [d.format() for d in result.diagnostics if d.severity == "error"]
    fallbacks = {d.path for d in result.diagnostics if d.code == "encoding-fallback"}
    assert len(fallbacks) == len(files[::7])


def test_every_article_gets_a_page(built: tuple[Path, object, list[Path]]) -> None:
    out, result, files = built
    pages = [p for p in out.rglob("index.html") if b'content="article"' in p.read_bytes()]
    assert result.articles == len(files)
    assert len(pages) == len(files)


def test_every_internal_link_resolves(built: tuple[Path, object, list[Path]]) -> None:
    out, _, _ = built
    assert broken_links(out, "/") == []


def test_cp1252_text_is_decoded_not_mangled(built: tuple[Path, object, list[Path]]) -> None:
    out, _, _ = built
    pages = [p.read_text("utf-8") for p in out.rglob("index.html") if b"Ferr" in p.read_bytes()]
    assert pages and all("Zoë Ferrández" in page for page in pages)
