"""Quotes and speakers: attribution styles, scare quotes, multi-paragraph quotes, pronouns."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgen.extract.quotes import find_quotes, quote_spans
from newsgen.extract.speakers import clean_name
from newsgen.loader import load_article
from newsgen.model import Paragraph, ReadSettings, Subheading

FIXTURES = Path(__file__).parent / "fixtures" / "articles"


def speakers_of(*paragraphs: str) -> list[str | None]:
    return [q.speaker for q in find_quotes([Paragraph(p) for p in paragraphs])]


@pytest.mark.parametrize(
    "paragraph",
    [
        '"We will reopen the pier before the summer season starts," Quill said.',
        "“We will reopen the pier before the summer season starts,” Quill said.",
        '"We will reopen the pier before the summer season starts," said Quill.',
        'Quill said: "We will reopen the pier before the summer season starts."',
        'Quill added, "We will reopen the pier before the summer season starts."',
        '"We will reopen the pier before the summer season starts", Quill told reporters.',
        '"Will we reopen the pier before the summer season starts?" Quill asked.',
    ],
)
def test_attribution_styles(paragraph: str) -> None:
    (quote,) = find_quotes([Paragraph(paragraph)])
    assert quote.speaker == "Quill"
    assert quote.text.startswith("We will reopen") or quote.text.startswith("Will we")
    assert paragraph[quote.start] in "\"“" and paragraph[quote.end - 1] in "\"”"
    assert quote.text in paragraph


def test_according_to_is_not_a_quote() -> None:
    assert speakers_of('"Ferry demand rose by a fifth last year," according to a report.') == []


def test_scare_quotes_are_not_quotes() -> None:
    assert speakers_of('He called it a "humanitarian act" and praised “Velmora” for it.') == []


def test_unattributed_quote_inside_prose_is_not_a_quote() -> None:
    assert speakers_of('The sign read "no entry for anyone after nine tonight" on the gate.') == []


def test_titles_stripped_and_non_names_none() -> None:
    assert speakers_of(
        '"The harbour will stay open through the whole winter," said Harbour Master Mara Quill.',
        '"The harbour will close early on the holiday weekend," the source added.',
        '"The harbour budget has been cut in half this year," officials said.',
    ) == ["Mara Quill", None, None]


def test_pronoun_resolves_to_last_speaker() -> None:
    assert speakers_of(
        '"We have repaired two of the three damaged cranes," Brick said.',
        '"The third one will take until the end of spring," he said.',
    ) == ["Brick", "Brick"]


def test_pronoun_resolves_to_name_in_previous_paragraph() -> None:
    assert speakers_of(
        "Council member Petra Voss visited the site on Monday.",
        '"The library needs more study rooms before the exams," she said.',
    ) == ["Petra Voss"]


def test_bare_quote_paragraph_after_introduction() -> None:
    assert speakers_of(
        "Opposition leader Jonas Brick said:",
        '"This budget forgets the harbour district entirely."',
    ) == ["Jonas Brick"]


def test_multi_paragraph_quote_fixture() -> None:
    data = (FIXTURES / "multi-paragraph-quote.txt").read_bytes()
    article = load_article("x.txt", data, ReadSettings()).article
    assert article is not None
    first, second = article.quotes
    assert first.speaker == "Rask" and second.speaker == "Jonas Brick"
    assert first.block == 1 and first.start == 0
    assert first.end == len(article.blocks[1].text)  # type: ignore[union-attr]
    assert first.text.startswith("The first thing we will do")
    assert "every spare coin" in first.text and first.text.endswith("those two needs")


def test_multi_paragraph_quote_stops_at_subheading() -> None:
    blocks = [
        Paragraph('"The first part of the plan covers every school roof in town'),
        Subheading("Later steps"),
        Paragraph('"A new quote that is long enough to count here," Voss said.'),
    ]
    quotes = find_quotes(blocks)
    assert [(q.block, q.speaker) for q in quotes] == [(0, None), (2, "Voss")]


def test_second_quote_in_same_paragraph_keeps_speaker() -> None:
    quotes = find_quotes(
        [Paragraph('"We are ready to start the works," Quill said. "The cranes arrive in May."')]
    )
    assert [q.speaker for q in quotes] == ["Quill", "Quill"]


def test_quote_spans_pair_marks() -> None:
    spans = quote_spans('a "b" c “d” e "f')
    found = [(s.start, s.end, s.closed) for s in spans]
    assert found == [(2, 5, True), (8, 11, True), (14, 16, False)]


def test_clean_name() -> None:
    assert clean_name("Russian President Olav Brandt") == "Olav Brandt"
    assert clean_name("choir director Anneli Strand") == "Anneli Strand"
    assert clean_name("the minister") is None
    assert clean_name("Prime Minister") is None


def test_pronoun_prefers_subject_in_same_paragraph() -> None:
    assert speakers_of(
        '"The harbour needs a new crane before the winter storms," said Anna Berg.',
        'Dr Lund said the old cranes were safe. "They have years of work left," she said.',
        'Ms Holt rejected that. "Nobody believes those cranes will last," she said.',
        'Asked about costs, Voss was careful. "The numbers come next month, not before," he said.',
        'Okonkwo, who toured the quay with Berg, said little. "We will see the plans," she said.',
    ) == ["Anna Berg", "Lund", "Holt", "Voss", "Okonkwo"]


def test_name_after_verb_with_description() -> None:
    assert speakers_of(
        '"The lantern took us three weeks to build," said sixteen-year-old Mira Sand, a builder.',
        '"The camera was paid for by cake sales and walks," said the club\'s chair, Martin Sefa.',
        '"The line opens again in the spring of next year," said on Tuesday that the Port Office.',
    ) == ["Mira Sand", "Martin Sefa", None]


def test_possessive_is_not_a_speaker() -> None:
    assert speakers_of(
        '"This budget was a mistake from the very first page," Lena Fold’s adviser said.'
    ) == [None]


def test_introduction_with_words_after_the_verb() -> None:
    assert speakers_of(
        "Brick told a packed hall in Tarnby:",
        '"This budget forgets the harbour district entirely."',
    ) == ["Brick"]


_PIECES = st.sampled_from(
    ['"', "“", "”", "«", "»", ",", ".", " said ", " he ", " she said", "Anna Berg", " the source",
     " according to ", ":", "word ", "Some more words here ", "\n"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=25).map("".join), max_size=6))
def test_quote_offsets_always_point_into_their_block(paragraphs: list[str]) -> None:
    blocks = [Paragraph(p) for p in paragraphs]
    for quote in find_quotes(blocks):
        text = blocks[quote.block].text
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start] in "\"“«„‘"
        assert len(quote.text.split()) >= 2


def test_stray_unclosed_mark_in_prose_is_not_a_quote() -> None:
    assert speakers_of('The council called it a "fair deal for the harbour and the town.') == []
    assert speakers_of('"A quote whose closing mark was forgotten by the writer.') == [None]


def test_single_curly_quotes_when_no_double_marks() -> None:
    paragraphs = [
        "‘The players’ union has not been asked about Sunday matches at all,’ said Ada Marlow.",
        "Kestrava’s minister called it ‘seizing’ boats, and Berg’s staff agreed.",
    ]
    quotes = find_quotes([Paragraph(p) for p in paragraphs])
    assert [(q.speaker, q.block) for q in quotes] == [("Ada Marlow", 0)]
    assert quotes[0].text.startswith("The players’ union has not")
