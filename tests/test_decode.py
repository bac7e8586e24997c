"""Decoding: UTF-8 with or without BOM, cp1252 fallback, binary refusal, line endings."""

import hashlib
from pathlib import Path

import pytest

from newsgen.loader import load_article
from newsgen.loader.decode import decode
from newsgen.model import ReadSettings

FIXTURES = Path(__file__).parent / "fixtures" / "articles"


def test_utf8_plain() -> None:
    decoded, found = decode("Grüße aus Tarnby\n".encode(), "content/a.txt")
    assert decoded is not None and found == []
    assert decoded.text == "Grüße aus Tarnby\n"
    assert decoded.encoding == "utf-8"


def test_bom_and_crlf_fixture() -> None:
    data = (FIXTURES / "bom-crlf.txt").read_bytes()
    result = load_article("bom-crlf.txt", data, ReadSettings())
    article = result.article
    assert article is not None and result.diagnostics == ()
    assert article.source.encoding == "utf-8-sig"
    assert article.title == "Museum in Halden opens a «winter garden» wing"
    assert not article.title.startswith("\ufeff")
    assert [b.text for b in article.blocks][1] == (
        "Curator Britt Anand said the wing would stay open every day."
    )
    assert article.source.sha256 == hashlib.sha256(data).hexdigest()


def test_cp1252_fixture_warns_with_first_bad_line() -> None:
    data = (FIXTURES / "cp1252.txt").read_bytes()
    result = load_article("cp1252.txt", data, ReadSettings())
    assert result.article is not None
    assert result.article.source.encoding == "cp1252"
    assert result.article.title.startswith("Café owners")
    assert "“double”" in result.article.blocks[1].text  # type: ignore[union-attr]
    (warning,) = [d for d in result.diagnostics if d.code == "encoding-fallback"]
    assert warning.severity == "warning"
    assert warning.path == "content/cp1252.txt" and warning.line == 1


def test_cp1252_bad_line_is_counted_across_line_endings() -> None:
    data = b"Plain headline\r\nsecond line\rthird line caf\xe9\n"
    decoded, found = decode(data, "content/x.txt")
    assert decoded is not None and decoded.encoding == "cp1252"
    assert decoded.text.endswith("café\n")
    assert found[0].line == 3
    assert found[0].format().startswith("content/x.txt:3: warning[encoding-fallback]")


def test_cp1252_undefined_bytes_do_not_fail() -> None:
    decoded, _ = decode(b"Headline\nA \x81 odd byte and caf\xe9 text here\n", "content/x.txt")
    assert decoded is not None and "caf\u00e9" in decoded.text


def test_binary_fixture_is_an_error() -> None:
    result = load_article("binary.txt", (FIXTURES / "binary.txt").read_bytes(), ReadSettings())
    assert result.article is None
    assert [(d.severity, d.code, d.path) for d in result.diagnostics] == [
        ("error", "binary-file", "content/binary.txt")
    ]


def test_mostly_non_text_without_nul_is_binary() -> None:
    data = bytes(range(0x80, 0x100)) * 20
    decoded, found = decode(data, "content/x.txt")
    assert decoded is None and found[0].code == "binary-file"


def test_control_characters_are_binary() -> None:
    decoded, found = decode(b"\x01\x02\x03\x04 ab" * 50, "content/x.txt")
    assert decoded is None and found[0].code == "binary-file"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_give_the_same_article(newline: str) -> None:
    lines = ["Heading line", "Standfirst here.", "-", "First para.", "Second para.", ""]
    text = newline.join(lines)
    article = load_article("x.txt", text.encode(), ReadSettings()).article
    assert article is not None
    assert article.title == "Heading line" and article.standfirst == "Standfirst here."
    texts = [b.text for b in article.blocks]  # type: ignore[union-attr]
    assert texts == ["First para.", "Second para."]
    assert [b.line for b in article.blocks] == [4, 5]  # type: ignore[union-attr]


def test_empty_file_is_empty_article() -> None:
    result = load_article("x.txt", b"", ReadSettings())
    assert result.article is None
    assert [d.code for d in result.diagnostics] == ["empty-article"]


@pytest.mark.parametrize("letter", ["a", "é"])
@pytest.mark.parametrize("control", ["\x01", "\x7f", "\x85"])
def test_a_tenth_of_controls_is_still_text(letter: str, control: str) -> None:
    # ASCII text is counted by deleting bytes, other text by a regex: the threshold is one.
    def text_of(controls: int) -> bytes:
        return (control * controls + letter * (100 - controls)).encode("utf-8")

    assert decode(text_of(10), "content/x.txt")[0] is not None
    assert decode(text_of(11), "content/x.txt")[0] is None
