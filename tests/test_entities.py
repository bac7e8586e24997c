"""Entity finding and article-level canonical names, on invented articles."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgen.entities import annotate_article, features, find_mentions
from newsgen.entities.names import (
    acronym_after,
    join_short_forms,
    person_name_span,
    strip_possessive,
)
from newsgen.model import Article, HtmlBlock, Image, Paragraph, Quote, SourceInfo, Subheading

# An invented wire story in the shape newsrooms send: headline, standfirst, caption, paragraphs.
HEADLINE = (
    "Kerrigan welcomes Northfield Alliance deal that frees Canadian-Norwegian surveyor held near "
    "Varnholt"
)
STANDFIRST = (
    "Norwegian Prime Minister Ingrid Kerrigan welcomed a deal with the Northfield Alliance under "
    "which surveyor Tomas Velikov left the Ardent Valley, where he had worked on a dam project."
)
CAPTION = (
    "Prime Minister Ingrid Kerrigan tours the Halvorsen Institute of Marine Technology in "
    "Bergstad, Norway, Thursday, March 6, 2025 (AP)"
)
PARAGRAPHS = (
    "Norwegian Prime Minister Ingrid Kerrigan told reporters on Thursday that months of contacts "
    "with the Northfield Alliance had brought home Canadian-Norwegian surveyor Tomas Velikov, who "
    "spent the winter in the Ardent Valley.",
    'Velikov crossed back on January 9, a step Kerrigan described as "a sign of good faith". '
    "Meeting Velikov in Bergstad, Kerrigan credited Norway’s patient diplomacy.",
    '"Nobody gave up on him, and that is why he is home," Kerrigan said.',
    "The Norwegian prime minister added that Bergstad would press for other detained workers to "
    "be let go. She expects a new round of talks in April.",
    "Norway has kept a channel open to the Northfield Alliance since clashes began in Varnholt. In "
    "May, a Norwegian plan stalled when Canada objected at the Maritime Safety Commission (MSC).",
    "Last year, Northfield Alliance spokesman Samir Abu Tarek said the group hoped Norway would "
    "mediate in Varnholt.",
    '"Norway and Canada can both help us," Tarek said. Abu Tarek later flew to Bergstad, the US '
    "and the UN.",
    "The MSC will meet again on Monday, a day before Velikov's return to work.",
    "Read more: Varnholt dam talks stall, Brandt says",
)


def make_article(**changes: object) -> Article:
    values: dict[str, object] = dict(
        source=SourceInfo("content/story.txt", "text", "utf-8", "0" * 64),
        title=HEADLINE,
        standfirst=STANDFIRST,
        image=Image(CAPTION, "AP"),
        blocks=tuple(Paragraph(p, i + 5) for i, p in enumerate(PARAGRAPHS)),
    )
    values.update(changes)
    return Article(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def annotated() -> Article:
    quotes = (Quote('"Nobody gave up"', "Kerrigan", 2, 0, 16), Quote('"Norway"', "Mr Tarek", 6, 0, 8))
    return annotate_article(make_article(quotes=quotes))


def names_of(article: Article) -> dict[str, str]:
    return {m.name: m.kind for m in article.mentions}


def test_story_yields_the_people_organizations_and_places(annotated: Article) -> None:
    names = names_of(annotated)
    for name in ("Ingrid Kerrigan", "Tomas Velikov", "Samir Abu Tarek", "Brandt"):
        assert names.get(name) == "person", name
    for name in ("Northfield Alliance", "Halvorsen Institute of Marine Technology",
                 "Maritime Safety Commission"):
        assert names.get(name) == "organization", name
    for name in ("Varnholt", "Bergstad", "Norway", "Canada", "Ardent Valley", "US"):
        assert names.get(name) == "place", name


def test_story_yields_no_junk(annotated: Article) -> None:
    junk = {"Thursday", "Monday", "March", "January", "April", "May", "Read more", "Read",
            "She", "We", "The", "In", "Last", "Norwegian", "Canadian-Norwegian", "Meeting",
            "Meeting Velikov", "Prime Minister", "Talks"}
    assert not junk & set(names_of(annotated))


def test_titles_and_nationality_words_are_not_part_of_names(annotated: Article) -> None:
    standfirst = [m for m in annotated.mentions if m.block == -2]
    first = standfirst[0]
    assert (first.name, STANDFIRST[first.start : first.end]) == ("Ingrid Kerrigan", "Ingrid Kerrigan")


def test_short_forms_join_the_full_name_in_the_article(annotated: Article) -> None:
    body = {(m.block, PARAGRAPHS[m.block][m.start : m.end]): m.name
            for m in annotated.mentions if m.block >= 0}
    assert body[(1, "Velikov")] == "Tomas Velikov"
    assert body[(1, "Kerrigan")] == "Ingrid Kerrigan"
    assert body[(6, "Tarek")] == "Samir Abu Tarek"
    assert body[(6, "Abu Tarek")] == "Samir Abu Tarek"
    title = [m for m in annotated.mentions if m.block == -1]
    assert (title[0].name, HEADLINE[title[0].start : title[0].end]) == ("Ingrid Kerrigan", "Kerrigan")


def test_possessives_are_stripped(annotated: Article) -> None:
    texts = {PARAGRAPHS[m.block][m.start : m.end] for m in annotated.mentions if m.block in (1, 7)}
    assert "Norway" in texts and "Velikov" in texts
    assert not any("’s" in t or "'s" in t for t in texts)


def test_a_defined_acronym_joins_its_expansion(annotated: Article) -> None:
    msc = [m for m in annotated.mentions if m.block == 7]
    assert [(PARAGRAPHS[7][m.start : m.end], m.name) for m in msc][0] == (
        "MSC", "Maritime Safety Commission")


def test_blocks_and_offsets_point_at_the_name(annotated: Article) -> None:
    texts = {-1: HEADLINE, -2: STANDFIRST, -3: CAPTION}
    assert {m.block for m in annotated.mentions} >= {-1, -2, -3, 0, 8}
    for m in annotated.mentions:
        text = texts.get(m.block) or PARAGRAPHS[m.block]
        assert text[m.start : m.end].strip() == text[m.start : m.end] != ""


def test_quote_speakers_become_canonical_person_names(annotated: Article) -> None:
    assert [q.speaker for q in annotated.quotes] == ["Ingrid Kerrigan", "Samir Abu Tarek"]


def test_speakers_that_are_not_people_are_left_alone() -> None:
    article = annotate_article(make_article(quotes=(Quote("x", "Norway"), Quote("y", None))))
    assert [q.speaker for q in article.quotes] == ["Norway", None]


def test_html_blocks_give_context_but_no_offsets() -> None:
    blocks = (Paragraph("Ingrid Kerrigan met Tomas Velikov in Bergstad."),
              Subheading("Talks in Bergstad"),
              HtmlBlock("<p>On Friday <em>Kerrigan</em> flew to Varnholt &amp; back.</p>"))
    article = annotate_article(make_article(blocks=blocks, image=None, standfirst=None))
    html = [m for m in article.mentions if m.block == 2]
    assert {(m.name, m.start, m.end) for m in html} == {("Ingrid Kerrigan", -1, -1), ("Varnholt", -1, -1)}
    assert ("Bergstad", 1) in {(m.name, m.block) for m in article.mentions}


def test_mentions_are_sorted_non_overlapping_and_index_the_text() -> None:
    text = "\n".join((HEADLINE, STANDFIRST, *PARAGRAPHS))
    mentions = find_mentions(text)
    assert mentions
    for before, after in zip(mentions, mentions[1:]):
        assert before.end <= after.start
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.kind in ("person", "organization", "place", "other")


@pytest.mark.parametrize(
    "text",
    [
        "On Monday the talks began. In March they stopped.",
        "They said he would go. She said we would not. It rained.",
        "Read more: talks stall again",
        "The Canadian and Norwegian delegations met. Israeli officials did not.",
        "HEAVY RAIN DELAYS THE HARVEST AGAIN. The rain delays the harvest every year.",
        "However, the harvest was late. Meanwhile prices rose.",
    ],
)
def test_ordinary_capitalised_words_are_not_names(text: str) -> None:
    assert [m.text for m in find_mentions(text) if m.kind != "other"] == []


def test_a_word_seen_in_lower_case_is_not_a_name_at_a_sentence_start() -> None:
    text = "Harvest figures fell. The harvest in Dunmore was poor, Ilse Marten said."
    found = {m.text: m.kind for m in find_mentions(text)}
    assert "Harvest" not in found
    assert found.get("Dunmore") == "place" and found.get("Ilse Marten") == "person"


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("Russian President Vladan Oskar", "Vladan Oskar"),
        ("Mr Hewlin", "Hewlin"),
        ("Dr. Ama Quist", "Ama Quist"),
        ("Foreign Minister Petra Lind's", "Petra Lind"),
        ("Former Canadian-Norwegian Minister Tomas Velikov", "Tomas Velikov"),
        ("President", "President"),
    ],
)
def test_person_name_span(mention: str, name: str) -> None:
    start, end = person_name_span(mention)
    assert mention[start:end] == name


def test_strip_possessive() -> None:
    assert [strip_possessive(w) for w in ("Norway’s", "Lind's", "Reuters'", "Hess")] == [
        "Norway", "Lind", "Reuters", "Hess"]


def test_join_short_forms_only_when_unambiguous() -> None:
    joined = join_short_forms(["Samir Abu Tarek", "Abu Tarek", "Tarek", "Ivo Brask", "Una Brask", "Brask"])
    assert joined["tarek"] == joined["abu tarek"] == "Samir Abu Tarek"
    assert joined["brask"] == "Brask"
    assert joined["una brask"] == "Una Brask"


def test_acronym_after_needs_matching_initials() -> None:
    text = "the Office of Fair Trading (OFT) and the Harbour Board (XY)"
    assert acronym_after(text, text.index(" (OFT"), "Office of Fair Trading") == "OFT"
    assert acronym_after(text, text.index(" (XY"), "Harbour Board") is None


@pytest.mark.parametrize(
    "text",
    [
        "Abcde Fghij " * 87_382,  # 1 MB of capitalised words: one very long run
        "Q" * 1_000_000,  # 1 MB without spaces
        "q" * 1_000_000,
        "Bank " + "of " * 300_000 + "x",  # connectors that never reach a second capital
        "A." * 300_000,
        "O'" * 300_000,
        "Mr. Ilse Marten of the Harbour Board (HB) said. " * 5_000,
    ],
    ids=["caps-words", "caps-no-space", "lower-no-space", "connectors", "dots", "apostrophes", "repeat"],
)
def test_pathological_inputs_complete_with_consistent_output(text: str) -> None:
    mentions = find_mentions(text)
    for before, after in zip(mentions, mentions[1:]):
        assert before.end <= after.start
    assert all(text[m.start : m.end] == m.text for m in mentions)
    if text.startswith("Mr."):
        assert len([m for m in mentions if m.text == "Ilse Marten"]) == 5_000


def test_a_one_word_organization_keeps_its_nationality_word() -> None:
    blocks = (Paragraph("Leaders of the Danish Resistance met Ivo Brask in Solvik on Friday."),)
    article = annotate_article(make_article(blocks=blocks, image=None, standfirst=None,
                                            title="Talks resume in Solvik"))
    org = [m for m in article.mentions if m.kind == "organization"]
    assert [(m.name, blocks[0].text[m.start : m.end]) for m in org] == [
        ("Danish Resistance", "Danish Resistance")]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Councillor Edda Varn, who chairs the committee, agreed.", "Edda Varn", "person"),
        ("Mayor Ruben Oskarsson opened the quay.", "Ruben Oskarsson", "person"),
        ("The deal with Pike & Lantern was signed in Dunmore.", "Pike & Lantern", "organization"),
        ("Lamps will go up along Tanner Street next week.", "Tanner Street", "place"),
        ("On Friday the Dunmore Town Council voted against it.", "Dunmore Town Council", "organization"),
        ("It has offices at the Halvard University of Applied Arts.",
         "Halvard University of Applied Arts", "organization"),
    ],
)
def test_name_edges_and_cue_words(text: str, name: str, kind: str) -> None:
    found = {m.text: m.kind for m in find_mentions(text)}
    assert found.get(name) == kind, found
    assert not any(t.startswith(("&", "The ", "Councillor", "Mayor")) for t in found)


_WORDS = st.sampled_from(
    ["Dunmore", "the", "Bank", "of", "&", "Mr.", "J.", "said", "Ilse", "Marten's", "HARBOUR",
     "Monday", "(MSC)", "U.S.", "O'Neill", "Read", "more:", "Canadian-Norwegian", "\n", ".", ",",
     "\r\n\n", "Ivo\nBrask"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_WORDS, st.text(max_size=6)), max_size=40))
def test_any_text_gives_sorted_non_overlapping_mentions(words: list[str]) -> None:
    text = " ".join(words)
    mentions = find_mentions(text)
    for before, after in zip(mentions, mentions[1:]):
        assert before.end <= after.start
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text
    article = annotate_article(make_article(title=text or "x", blocks=(Paragraph(text),)))
    for m in article.mentions:
        block = article.title if m.block == -1 else text
        if m.block in (-1, 0):
            piece = block[m.start : m.end]
            assert piece and piece.strip() == piece and piece[0].isupper()


def test_the_photo_credit_closing_a_caption_is_not_news() -> None:
    image = Image("Ivo Brask at the quay in Dunmore, Friday (Harbour Ledger/Una Sollen)")
    article = annotate_article(make_article(image=image, blocks=(), standfirst=None,
                                            title="Quay reopens in Dunmore"))
    caption = {m.name for m in article.mentions if m.block == -3}
    assert caption == {"Ivo Brask", "Dunmore"}


def test_runaway_capitalised_sequences_are_not_names_and_stay_linear() -> None:
    shouting = "Abcde Fghij " * 20_000  # one run of 40,000 words
    quotes = tuple(Quote('"x"', "Mr Brask") for _ in range(500))
    text = shouting + "\nIvo Brask said so. " + "Ivo Brask met Una Solm in Dunmore. " * 2_000
    article = annotate_article(make_article(blocks=(Paragraph(text),), quotes=quotes))
    names = {m.name for m in article.mentions if m.block == 0}
    assert {"Ivo Brask", "Una Solm", "Dunmore"} <= names
    assert all(len(name.split()) <= 10 for name in names)
    assert {q.speaker for q in article.quotes} == {"Ivo Brask"}


def test_the_shipped_model_is_small_and_loads() -> None:
    from importlib import resources

    from newsgen.entities.tagger import DATA_FILE, load_model

    data = resources.files("newsgen.entities").joinpath("data", DATA_FILE).read_bytes()
    assert len(data) <= 5 * 1024 * 1024
    model = load_model()
    assert len(model.weights) > 1000 and len(model.gazetteer) > 1000


# The finder's patterns check the character before a match after its first letter (a speed
# trick); they must find exactly what the plain form, with the check in front, finds.
def _assert_patterns_match_plain_form(text: str) -> None:
    plain_run = re.compile(
        rf"(?<![\w.'’-]){features._CAP}"
        rf"(?:{features._GAP}(?:(?:{features._CONN}){features._GAP})*{features._CAP})*"
    )
    plain_lower = re.compile(r"(?<![\w'’-])[a-zà-ÿ][a-zà-ÿ]+(?![\w'’-])")
    for fast, plain in ((features.RUN, plain_run), (features.LOWER_WORD, plain_lower)):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=400)
@given(st.text(alphabet=list("aAbMrsDtCoLJS. '’-&\t\nÀÿ÷ßZ1_"), max_size=24))
def test_candidate_patterns_match_their_plain_form(text: str) -> None:
    _assert_patterns_match_plain_form(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Ilse Marten of the Harbour Board",
        "Mrs. O'Neill met U.S. Corp. staff",
        "J. R. Tolkien",
        "AT&T and Abu-Marzouk's Bros. Ltd.",
        "the Mr.Dr. x-Ms. Ft.Co",
    ],
)
def test_candidate_patterns_on_names(text: str) -> None:
    _assert_patterns_match_plain_form(text)


# `run_context` stands for three functions the finder used to call one by one (same answers);
# `with_context` lets a run's rows, made once, serve it between other words.
@settings(max_examples=400)
@given(
    st.text(alphabet=list("aB .,;:\"(-—\t\n\u00a0\x0bé"), max_size=60),
    st.integers(0, 60),
    st.integers(0, 60),
)
def test_run_context_is_the_three_lookups(text: str, start: int, length: int) -> None:
    start = min(start, len(text))
    end = min(start + length, len(text))
    expected = (
        features.starts_sentence(text, start),
        features.previous_word(text, start),
        features.next_word(text, end),
    )
    assert features.run_context(text, start, end) == expected


def _next_word_by_splitting(text: str, end: int) -> str:
    """What `next_word` means, written plainly: the first word of the 24 characters after
    `end`, cut at the line's end."""
    after = text[end : end + 24].split("\n", 1)[0]
    parts = after.split(None, 1)
    return parts[0].lower() if parts else ""


@settings(max_examples=400)
@given(st.text(alphabet=list("aB .,;\t\n\r\u00a0\x0b\u2028é"), max_size=60), st.integers(0, 60))
def test_next_word_is_the_first_word_on_the_line(text: str, end: int) -> None:
    end = min(end, len(text))
    assert features.next_word(text, end) == _next_word_by_splitting(text, end)


# `LowerWords` looks words up one by one where the finder used the whole `lower_vocabulary`.
@settings(max_examples=400)
@given(
    st.text(alphabet=list("abAB é÷ß'’-_1.\n\u00a0"), max_size=40),
    st.lists(st.text(alphabet=list("abé÷ß'-1"), min_size=1, max_size=4), max_size=6),
)
def test_lower_words_are_the_lower_vocabulary(text: str, words: list[str]) -> None:
    vocabulary = features.lower_vocabulary(text)
    lower_words = features.LowerWords(text)
    for word in [*words, *vocabulary, *text.lower().split()]:
        assert lower_words[word] == (word in vocabulary), word


@pytest.mark.parametrize("words", [["Ilse", "Marten"], ["Bank", "of", "Upper", "Wend"]])
def test_rows_made_once_serve_any_context(words: list[str]) -> None:
    lowers = [w.lower() for w in words]
    seen = [False] * len(words)
    gazetteer = features.Gazetteer({"bank of upper wend": "ORG"})
    bare = features.run_rows(words, lowers, seen, ("", ""), True, gazetteer)
    for around in (("said", "told"), ("in", "\n")):
        rows = features.run_rows(words, lowers, seen, around, True, gazetteer)
        assert features.with_context(bare, around) == rows
