"""Date precedence: front matter > path > dateline (year known elsewhere) > text; never mtime."""

import datetime as dt
from pathlib import Path

import pytest

from newsgen.extract.dates import (
    date_from_path,
    date_in_text,
    dateline_date,
    parse_date_value,
    strip_dateline,
)
from newsgen.loader import load_article
from newsgen.model import ReadSettings

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
D = dt.date


def load(rel: str, text: str):  # type: ignore[no-untyped-def]
    return load_article(rel, text.encode(), ReadSettings())


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("world/2025-04-16-talks.txt", D(2025, 4, 16)),
        ("2025/04/16/talks.txt", D(2025, 4, 16)),
        ("world/2025/04/16/talks.md", D(2025, 4, 16)),
        ("2025/04/talks.txt", None),
        ("2025-02-30-bad.txt", None),
        ("talks-20250416.txt", None),
    ],
)
def test_date_from_path(path: str, expected: D | None) -> None:
    assert date_from_path(path) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Wednesday, April 16, 2025 (AP)", D(2025, 4, 16)),
        ("held 16 April 2025 in Tarnby", D(2025, 4, 16)),
        ("dated 2025-04-16.", D(2025, 4, 16)),
        ("on Sept. 3, 2024 and later", D(2024, 9, 3)),
        ("February 30, 2024 then March 1, 2024", D(2024, 3, 1)),
        ("in April 2025", None),
        ("April 16", None),
    ],
)
def test_date_in_text(text: str, expected: D | None) -> None:
    assert date_in_text(text) == expected


def test_dateline_needs_a_year() -> None:
    line = "TARNBY, April 16 (Northwire) - Prices rose."
    assert dateline_date(line, 2024) == D(2024, 4, 16)
    assert dateline_date(line, None) is None
    assert dateline_date("Prices rose in Tarnby, April 16 - x", 2024) is None
    with_year = "VARNO, Kestland, Oct. 18, 2023 (Northwire) - Boats were seized."
    assert dateline_date(with_year, None) == D(2023, 10, 18)
    assert dateline_date("TARNBY, February 30 - x", 2024) is None


def test_parse_date_value() -> None:
    assert parse_date_value(D(2025, 1, 2)) == D(2025, 1, 2)
    assert parse_date_value(dt.datetime(2025, 1, 2, 10, 0)) == D(2025, 1, 2)
    assert parse_date_value("2025-01-02T10:00:00Z") == D(2025, 1, 2)
    assert parse_date_value("2 January 2025") == D(2025, 1, 2)
    assert parse_date_value("2025-02-30") is None
    assert parse_date_value(20250102) is None


BODY = "Head\n-\nTARNBY, May 5 (Northwire) - Prices rose on March 1, 2024 in the port.\nMore.\n"


def test_precedence_front_matter_first() -> None:
    article = load("2023-01-01-x.txt", "---\ndate: 2022-06-30\n---\n" + BODY).article
    assert article is not None
    assert (article.date, article.date_source) == (D(2022, 6, 30), "front matter")


def test_precedence_path_over_text() -> None:
    article = load("2023-01-01-x.txt", BODY).article
    assert article is not None
    assert (article.date, article.date_source) == (D(2023, 1, 1), "path")


def test_dateline_takes_year_from_path() -> None:
    article = load("2021/05/x.txt", BODY).article
    assert article is not None
    assert (article.date, article.date_source) == (D(2021, 5, 5), "dateline")


def test_dateline_takes_year_from_text() -> None:
    article = load("x.txt", BODY).article
    assert article is not None
    assert (article.date, article.date_source) == (D(2024, 5, 5), "dateline")


def test_dateline_fixture_with_year_folder() -> None:
    data = (FIXTURES / "dateline.txt").read_bytes()
    article = load_article("2025/dateline.txt", data, ReadSettings()).article
    assert article is not None
    assert (article.date, article.date_source) == (D(2025, 9, 9), "dateline")
    assert article.section == "news"  # a year folder is not a section


def test_text_date_from_caption() -> None:
    data = (FIXTURES / "wire-line-layout.txt").read_bytes()
    article = load_article("x.txt", data, ReadSettings()).article
    assert article is not None
    assert (article.date, article.date_source) == (D(2025, 3, 4), "text")


def test_text_date_only_in_first_three_paragraphs() -> None:
    text = "Head\nOne.\nTwo.\nThree.\nFour on June 1, 2020.\n"
    result = load("x.txt", text)
    assert result.article is not None and result.article.date is None
    assert result.article.date_source == ""
    assert [d.code for d in result.diagnostics] == ["undated"]


def test_invalid_front_matter_date_falls_back() -> None:
    result = load("2023-01-01-x.txt", "---\ndate: 2023-02-30\n---\n" + BODY)
    assert result.article is not None and result.article.date_source == "path"
    assert [d.code for d in result.diagnostics] == ["front-matter-key"]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("TARNBY (Northwire) - Prices rose.", "Prices rose."),
        ("VARNO, Kestland, Oct. 18, 2023 (Northwire) — boats were seized.", "Boats were seized."),
        ("NATO - the alliance met.", "NATO - the alliance met."),
        ("Prices rose in TARNBY - again.", "Prices rose in TARNBY - again."),
    ],
)
def test_strip_dateline(paragraph: str, expected: str) -> None:
    assert strip_dateline(paragraph) == expected
