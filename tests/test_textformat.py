"""The plain-text format: headline, standfirst, caption, layout, subheadings, Read-more lines."""

from pathlib import Path

import pytest

from newsgen.extract.captions import split_caption
from newsgen.extract.links import read_more_title
from newsgen.loader import load_article
from newsgen.loader.textformat import parse_text
from newsgen.model import Image, Paragraph, ReadSettings, Subheading

FIXTURES = Path(__file__).parent / "fixtures" / "articles"


def fixture(name: str):  # type: ignore[no-untyped-def]
    return parse_text((FIXTURES / name).read_text(encoding="utf-8"))


def texts(parsed) -> list[str]:  # type: ignore[no-untyped-def]
    return [b.text for b in parsed.blocks]


def test_wire_file_structure() -> None:
    parsed = fixture("wire-line-layout.txt")
    assert parsed.title == "Velmora ferry line reopens after winter storms"
    assert parsed.title_line == 1
    assert parsed.standfirst is not None and parsed.standfirst.startswith("Northwind Ferries")
    assert parsed.image == Image(
        "A Northwind Ferries vessel leaves the harbour in Velmora, Tuesday, March 4, 2025",
        "Reuters/Ines Barrow",
    )
    assert parsed.subheadings == ("Timetable changes ahead",)
    assert parsed.related_titles == ("Storm damage closes Tarnby piers for winter",)
    assert len(parsed.blocks) == 11
    assert isinstance(parsed.blocks[5], Subheading) and parsed.blocks[5].line == 10
    assert not any("Read more" in t for t in texts(parsed))


def test_two_line_standfirst_and_blank_lines_around() -> None:
    parsed = fixture("standfirst-two-lines.txt")
    assert parsed.standfirst == (
        "A warm February brought blossom three weeks early across the valley. "
        "Growers fear a late frost could still ruin the crop."
    )
    assert texts(parsed)[0].startswith("Apple growers")
    assert len(parsed.blocks) == 2
    assert parsed.related_titles == ("Frost nets sell out in Halden Vale",)


def test_no_separator_means_no_standfirst() -> None:
    parsed = fixture("no-standfirst.txt")
    assert parsed.standfirst is None
    assert parsed.image is None
    assert len(parsed.blocks) == 3 and all(isinstance(b, Paragraph) for b in parsed.blocks)


def test_three_lines_before_separator_are_not_a_standfirst() -> None:
    parsed = parse_text("Head\nOne line.\nTwo line.\nThree line.\n-\nBody here.\nMore body.\n")
    assert parsed.standfirst is None
    assert texts(parsed) == ["One line.", "Two line.", "Three line.", "Body here.", "More body."]


@pytest.mark.parametrize("separator", ["-", "--", "—", "–"])
def test_separator_styles(separator: str) -> None:
    parsed = parse_text(f"Head\nThe standfirst.\n{separator}\nBody one.\nBody two.\n")
    assert parsed.standfirst == "The standfirst."
    assert texts(parsed) == ["Body one.", "Body two."]


def test_blank_line_layout_joins_wrapped_lines() -> None:
    parsed = fixture("blank-line-wrapped.txt")
    assert texts(parsed)[0] == (
        "Two years of tram works have left Kessel Street shopkeepers split "
        "between hope for new customers and anger at months of lost trade."
    )
    assert parsed.blocks[1].line == 6  # type: ignore[union-attr]
    assert parsed.subheadings == ("Shop owners speak out",)
    assert texts(parsed)[3].startswith('"We have lost a third')  # an unwrapped paragraph
    assert parsed.related_titles == ("Kessel Street tram line delayed again",)
    assert len(parsed.blocks) == 5


def test_line_layout_with_stray_blank_line_keeps_lines_apart() -> None:
    body = (
        "Head\n\nFirst paragraph is a whole sentence on one line.\n"
        "Second paragraph is also a sentence.\n\nThird paragraph closes the file.\n"
        "Fourth one, the last.\n"
    )
    assert len(parse_text(body).blocks) == 4


@pytest.mark.parametrize(
    ("line", "is_sub"),
    [
        ("Talks resume next week", True),
        ("Talks resume next week.", False),
        ("Why talks resume?", False),
        ('"Talks resume next week"', False),
        ("one two three four five six seven eight nine ten eleven", False),
        ("Officials in Tarnby, Velmora and Halden", True),
    ],
)
def test_subheading_rules(line: str, is_sub: bool) -> None:
    parsed = parse_text(f"Head\nFirst paragraph here.\n{line}\nLast paragraph here.\n")
    assert isinstance(parsed.blocks[1], Subheading) is is_sub


def test_short_first_or_last_line_is_not_a_subheading() -> None:
    parsed = parse_text("Head\nShort opener\nA full paragraph.\nShort closer\n")
    assert parsed.subheadings == ()


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Harbour cranes replaced",
        "READ MORE: Harbour cranes replaced",
        "Read more - Harbour cranes replaced",
        "Related: Harbour cranes replaced",
        "Read more: “Harbour cranes replaced”",
    ],
)
def test_read_more_variants(line: str) -> None:
    parsed = parse_text(f"Head\nA paragraph.\n{line}\nAnother paragraph.\n")
    assert parsed.related_titles == ("Harbour cranes replaced",)
    assert texts(parsed) == ["A paragraph.", "Another paragraph."]


@pytest.mark.parametrize(
    ("paragraph", "caption", "credit"),
    [
        ("Boats at dawn in Tarnby (AP)", "Boats at dawn in Tarnby", "AP"),
        ("Boats at dawn (Reuters/Jane Doe)", "Boats at dawn", "Reuters/Jane Doe"),
        ("Boats at dawn (AFP via Getty Images)", "Boats at dawn", "AFP via Getty Images"),
        ("Boats at dawn (Photo: Jane Doe)", "Boats at dawn", "Jane Doe"),
        ("Photo: Boats at dawn", "Boats at dawn", None),
    ],
)
def test_caption_credits(paragraph: str, caption: str, credit: str | None) -> None:
    assert split_caption(paragraph) == Image(caption, credit)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The rules come from the Securities and Exchange Commission (SEC).",
        "He said it was fine (and he meant it)",
        "Talks were held (in the town hall of Tarnby on a rainy Monday evening)",
        "A plain paragraph without any credit.",
    ],
)
def test_not_captions(paragraph: str) -> None:
    assert split_caption(paragraph) is None


def test_acronym_fixture_keeps_first_paragraph() -> None:
    parsed = fixture("acronym-not-credit.txt")
    assert parsed.image is None
    assert texts(parsed)[0] == "The fine was imposed by the Coastal Markets Authority (CMA)"


def test_photo_prefix_fixture() -> None:
    parsed = fixture("caption-photo-prefix.txt")
    assert parsed.image == Image(
        "Stalls lit by lanterns on the first evening of the market", "Teo Marsh"
    )
    assert texts(parsed)[0].startswith("The night market")


def test_caption_without_separator_is_first_paragraph() -> None:
    parsed = parse_text("Head\nA quay at night (Northwire)\nBody text.\n")
    assert parsed.image == Image("A quay at night", "Northwire")
    assert texts(parsed) == ["Body text."]


def test_no_headline() -> None:
    assert parse_text("\n  \n\n").title is None
    result = load_article("x.txt", b"\n \n", ReadSettings())
    assert result.article is None and result.diagnostics[0].code == "empty-article"


def test_crosshead_directly_above_wrapped_paragraph() -> None:
    body = (
        "Head\n\nFirst paragraph is wrapped over\ntwo lines of text here.\n\n"
        "Crosshead here\nThe paragraph under the crosshead is\nwrapped at about forty "
        "characters, so\nit spans three lines.\n\nLast paragraph.\n"
    )
    parsed = parse_text(body)
    assert parsed.subheadings == ("Crosshead here",)
    assert texts(parsed)[2] == (
        "The paragraph under the crosshead is wrapped at about forty characters, so "
        "it spans three lines."
    )
    assert [b.line for b in parsed.blocks] == [3, 6, 7, 11]  # type: ignore[union-attr]


def test_parenthesis_before_a_full_stop_is_not_a_credit() -> None:
    assert split_caption("The talks were held in Tarnby (Velmora).") is None
    assert split_caption("Boats in Tarnby harbour (AP Photo/Jane Doe)") == Image(
        "Boats in Tarnby harbour", "AP Photo/Jane Doe"
    )


def test_whitespace_inside_lines_is_collapsed() -> None:
    parsed = parse_text("Head  with\ttabs\nBody   text here.\n")
    assert parsed.title == "Head with tabs"
    assert texts(parsed) == ["Body text here."]


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("  Read more: Harbour", "Harbour"),
        ("ſee also: Harbour", "Harbour"),  # the case-insensitive regex reads ſ as s
        ("\tRelated - Harbour", "Harbour"),
        ("Readers said more", None),
        ("", None),
        ("Xread more: Harbour", None),
    ],
)
def test_read_more_title_first_character(line: str, title: str | None) -> None:
    assert read_more_title(line) == title


def test_read_more_split_over_wrapped_lines() -> None:
    parsed = parse_text(
        "Head\n\nA paragraph that is wrapped\nover two lines.\n\nRead more\n: Harbour\n\nEnd.\n"
    )
    assert parsed.related_titles == ("Harbour",)
