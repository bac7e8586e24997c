"""Checks on the sample articles in `content/` themselves, independent of newsgen's modules.

The sample site doubles as a demonstration of every input rule, so these tests keep it honest:
it must go on containing the cases the docs promise (undated, layouts, Read more, drafts...).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import yaml

CONTENT = Path(__file__).resolve().parents[1] / "content"
ARTICLES = sorted(p for p in CONTENT.rglob("*") if p.is_file())

_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?"
    r"|Aug(?:ust|\.)?|Sep(?:tember|t?\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
FULL_DATE_IN_TEXT = re.compile(_MONTH + r" \d{1,2}, \d{4}\b")
ISO_DATE_IN_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-")
DATE_FOLDERS = re.compile(r"/\d{4}/\d{2}/\d{2}/")
YEAR_FOLDER = re.compile(r"/(?:19|20)\d{2}/")
# A wire dateline has a month and day but no year: `CITY, Country, March 3 (Agency) -`.
DATELINE = re.compile(
    r"^[A-Z]{3,}[A-Za-z ,.'-]*, " + _MONTH + r" \d{1,2} (?:\([^()]+\) )?[-–—] ", re.MULTILINE
)
READ_MORE = re.compile(r"^Read more:\s*(.+?)\s*$", re.MULTILINE)


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """(front matter mapping, body); an empty mapping when the file has none."""
    match = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
    if not match:
        return {}, text
    meta = yaml.safe_load(match.group(1))
    assert isinstance(meta, dict)
    return meta, text[match.end() :]


def headline(path: Path) -> str:
    meta, body = split_front_matter(read(path))
    if "title" in meta:
        return str(meta["title"])
    return next(line.strip() for line in body.splitlines() if line.strip())


def normalise(title: str) -> str:
    """Case, quote marks and punctuation folded away; letters (accents kept) and digits stay."""
    folded = unicodedata.normalize("NFC", title).casefold()
    words = re.sub(r"[^\w\s]", "", folded)
    return " ".join(words.split())


def has_date(path: Path) -> bool:
    rel = "/" + path.relative_to(CONTENT).as_posix()
    meta, body = split_front_matter(read(path))
    return (
        "date" in meta
        or bool(ISO_DATE_IN_NAME.match(path.name))
        or bool(DATE_FOLDERS.search(rel))
        or bool(FULL_DATE_IN_TEXT.search(body))
        or bool(YEAR_FOLDER.search(rel) and DATELINE.search(body))
    )


def body_lines(path: Path) -> list[str]:
    """The lines after the front matter and the headline block (up to a `-` separator if any)."""
    _, body = split_front_matter(read(path))
    lines = body.strip("\n").splitlines()
    separators = ("-", "--", "–", "—")
    separator = next((i for i, line in enumerate(lines[:4]) if line.strip() in separators), 0)
    return lines[separator + 1 :]


def is_blank_line_layout(path: Path) -> bool:
    """Paragraphs separated by blank lines, with at least one paragraph hard-wrapped."""
    paragraphs = "\n".join(body_lines(path)).strip().split("\n\n")
    return len(paragraphs) > 3 and any(p.count("\n") >= 1 for p in paragraphs)


def is_line_per_paragraph(path: Path) -> bool:
    lines = body_lines(path)
    return len(lines) > 5 and all(line.strip() for line in lines)


def test_only_article_files_in_content() -> None:
    assert ARTICLES, "no sample content found"
    assert [p.name for p in ARTICLES if p.suffix not in (".txt", ".md")] == []


def test_enough_articles_in_both_formats_and_sections() -> None:
    suffixes = Counter(p.suffix for p in ARTICLES)
    sections = {p.relative_to(CONTENT).parts[0] for p in ARTICLES}
    assert len(ARTICLES) >= 15
    assert suffixes[".txt"] >= 10 and suffixes[".md"] >= 3
    assert len(sections) >= 4


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_every_file_is_utf8_with_a_headline(path: Path) -> None:
    text = read(path)  # raises on anything that is not UTF-8
    assert "\ufffd" not in text
    assert headline(path)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_articles_are_news_length(path: Path) -> None:
    _, body = split_front_matter(read(path))
    assert 200 <= len(body.split()) <= 600


def test_exactly_one_article_is_undated() -> None:
    undated = [p.name for p in ARTICLES if not has_date(p)]
    assert len(undated) == 1, undated


def test_dates_are_given_in_every_supported_way() -> None:
    rels = ["/" + p.relative_to(CONTENT).as_posix() for p in ARTICLES]
    assert any(ISO_DATE_IN_NAME.match(p.name) for p in ARTICLES)
    assert any(DATE_FOLDERS.search(rel) for rel in rels)
    assert any("date" in split_front_matter(read(p))[0] for p in ARTICLES)
    assert any(FULL_DATE_IN_TEXT.search(split_front_matter(read(p))[1]) for p in ARTICLES)
    datelines = [p for p in ARTICLES if DATELINE.search(read(p))]
    assert datelines, "no wire dateline like 'CITY, Country, March 3 (Agency) -'"
    assert all(YEAR_FOLDER.search("/" + p.relative_to(CONTENT).as_posix()) for p in datelines)


def test_both_paragraph_layouts_are_present() -> None:
    texts = [p for p in ARTICLES if p.suffix == ".txt"]
    assert any(is_blank_line_layout(p) for p in texts)
    assert any(is_line_per_paragraph(p) for p in texts)


def test_read_more_links_resolve_but_one() -> None:
    by_title = {normalise(headline(p)): p for p in ARTICLES}
    links = [(p, target) for p in ARTICLES for target in READ_MORE.findall(read(p))]
    unresolved = [target for _, target in links if normalise(target) not in by_title]
    assert len(links) >= 6
    assert len(unresolved) == 1, unresolved
    assert all(by_title.get(normalise(t)) != p for p, t in links), "an article links to itself"
    varied = [t for _, t in links if normalise(t) in by_title and t not in map(headline, ARTICLES)]
    assert len(varied) >= 3, "Read more lines should differ from headlines in case or punctuation"


def test_same_headline_in_two_sections_and_a_non_ascii_headline() -> None:
    sections_by_title: dict[str, set[str]] = {}
    for path in ARTICLES:
        section = path.relative_to(CONTENT).parts[0]
        sections_by_title.setdefault(normalise(headline(path)), set()).add(section)
    assert any(len(sections) >= 2 for sections in sections_by_title.values())
    assert any(not headline(p).isascii() for p in ARTICLES)


def test_one_draft_and_markdown_showcases() -> None:
    drafts = [p for p in ARTICLES if split_front_matter(read(p))[0].get("draft") is True]
    markdown = [read(p) for p in ARTICLES if p.suffix == ".md"]
    assert len(drafts) == 1
    assert any(re.search(r"^\|.*\|$", md, re.M) and "[^" in md for md in markdown)
    assert any("<script>" in md for md in markdown)


MAIN_ENTITIES = (
    "Adaeze Okonkwo", "Zoë Brännström", "José Núñez", "Łucja Wróbel", "Søren Ødegård",
    "Tobias Renwick", "Priya Castellano", "Ines Halloran", "Marcus Obi", "Felix Amadi",
    "Halcyon Freight", "Bank of Maranthe", "Dockworkers' Federation", "Caldwick Observatory",
    "University of Port Ellery", "Port Ellery Philharmonic", "Meridian Solar",
    "Kestrava", "Maranthe", "Port Ellery", "Caldwick", "Varno", "Ølstrand", "Sallow Strait",
)  # fmt: skip


@pytest.mark.parametrize("name", MAIN_ENTITIES)
def test_main_entities_recur_across_articles(name: str) -> None:
    """Entity pages need a name in two published articles."""
    published = [read(p) for p in ARTICLES if not split_front_matter(read(p))[0].get("draft")]
    assert sum(name in text for text in published) >= 2
