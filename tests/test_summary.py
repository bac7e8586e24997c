"""Summary choice and trimming, word counts and reading time."""

from newsgen.extract.summary import count_words, pick_summary, reading_minutes, trim
from newsgen.loader import load_article
from newsgen.model import ReadSettings


def test_trim_at_word_boundary() -> None:
    text = " ".join(["harbour"] * 60)
    trimmed = trim(text)
    assert trimmed.endswith("harbour…")
    assert len(trimmed) <= 201
    assert trim("short  text\nhere") == "short text here"


def test_trim_long_word() -> None:
    assert trim("x" * 500) == "x" * 200 + "…"


def test_pick_summary_precedence() -> None:
    assert pick_summary("From front matter.", "Standfirst.", "First.") == "From front matter."
    assert pick_summary(None, "Standfirst.", "First.") == "Standfirst."
    assert pick_summary(None, None, "First.") == "First."
    assert pick_summary(None, None, None) == ""


def test_reading_minutes() -> None:
    assert reading_minutes(0) == 1
    assert reading_minutes(460) == 2
    assert reading_minutes(1000) == 4
    assert count_words(["one two", "three"]) == 3


def test_article_counts_body_and_standfirst_not_headline() -> None:
    text = "Many words in the headline\nFour word stand first.\n-\nOne two three.\nFour five.\n"
    article = load_article("x.txt", text.encode(), ReadSettings()).article
    assert article is not None
    assert article.word_count == 4 + 3 + 2
    assert article.reading_minutes == 1
    assert article.summary == "Four word stand first."


def test_summary_from_first_paragraph_when_no_standfirst() -> None:
    long_para = "Tarnby " * 80
    article = load_article("x.txt", f"Head\n{long_para}\n".encode(), ReadSettings()).article
    assert article is not None
    assert article.summary.endswith("…") and len(article.summary) <= 201


def test_summary_drops_the_wire_dateline() -> None:
    text = "Head\nTARNBY, May 5 (Northwire) - Prices rose again.\nMore.\n"
    article = load_article("x.txt", text.encode(), ReadSettings()).article
    assert article is not None and article.summary == "Prices rose again."
    assert article.blocks[0].text.startswith("TARNBY, May 5")  # type: ignore[union-attr]
