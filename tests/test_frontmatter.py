"""YAML front matter: typed keys, warnings for wrong types, errors with file lines, YAML bombs."""

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgen.loader import frontmatter, load_article
from newsgen.loader.frontmatter import parse_front_matter, split_front_matter
from newsgen.model import Image, Paragraph, ReadSettings

FIXTURES = Path(__file__).parent / "fixtures" / "articles"


def load(name: str):  # type: ignore[no-untyped-def]
    return load_article(name, (FIXTURES / name).read_bytes(), ReadSettings())


def test_all_keys_override_inferred_values() -> None:
    result = load("front-matter.txt")
    article = result.article
    assert article is not None and result.diagnostics == ()
    assert article.title == "Council approves new cycle bridge"
    assert article.date == dt.date(2025, 5, 20) and article.date_source == "front matter"
    assert article.slug == "cycle-bridge-approved"
    assert article.section == "city-desk"
    assert article.tags == ("Transport", "cycling", "Brennick")
    assert article.summary == "The council backed a cycle bridge over the river Aske."
    assert article.image == Image(
        "A drawing of the planned bridge", "Brennick City Council", "images/bridge.jpg"
    )
    assert article.author == "Lena Fold"
    assert article.draft is True
    assert article.extra == (("desk", "metro"), ("priority", "3"))
    # The text's own first line is still the headline line, not a paragraph.
    first = article.blocks[0]
    assert isinstance(first, Paragraph) and first.text.startswith("The city council approved")
    assert first.line == 18


def test_wrong_types_warn_and_are_ignored() -> None:
    result = load("front-matter-bad-types.txt")
    article = result.article
    assert article is not None
    assert article.title == "Harbour cranes to be replaced"
    assert article.date is None and article.tags == () and article.draft is False
    assert article.image is None
    keys = [(d.code, d.line) for d in result.diagnostics if d.code == "front-matter-key"]
    assert keys == [("front-matter-key", n) for n in (2, 3, 4, 5, 6)]
    assert "'date'" in result.diagnostics[1].message


def test_invalid_yaml_names_the_file_line() -> None:
    result = load("front-matter-invalid.txt")
    assert result.article is None
    (problem,) = result.diagnostics
    assert problem.code == "front-matter" and problem.severity == "error"
    assert problem.format().startswith(
        "content/front-matter-invalid.txt:3: error[front-matter]: front matter is not valid YAML:"
    )


def test_aliases_are_refused() -> None:
    result = load("front-matter-bomb.txt")
    assert result.article is None
    assert result.diagnostics[0].code == "front-matter"
    assert "aliases" in result.diagnostics[0].message


def test_deep_nesting_and_huge_documents_are_refused() -> None:
    deep, _ = parse_front_matter("a: " + "[" * 200 + "]" * 200, "content/x.txt")
    assert deep is None
    huge, found = parse_front_matter("a: " + "x" * 70_000, "content/x.txt")
    assert huge is None and "too large" in found[0].message


def test_not_a_mapping_is_an_error() -> None:
    result = load("front-matter-list.txt")
    assert result.article is None
    assert result.diagnostics[0].code == "front-matter"
    assert result.diagnostics[0].line == 2


def test_comma_tags_string_image_and_datetime() -> None:
    text = (
        "---\ntags: harbour,  Ferries , harbour,\nimage: pics/a.jpg\n"
        "date: 2024-11-03 18:30:00\ndraft: false\n---\nHeadline\nBody text.\n"
    )
    article = load_article("x.txt", text.encode(), ReadSettings()).article
    assert article is not None
    assert article.tags == ("harbour", "Ferries")
    assert article.image == Image(caption="", src="pics/a.jpg")
    assert article.date == dt.date(2024, 11, 3)
    assert article.draft is False


def test_unclosed_front_matter_is_an_error() -> None:
    split = split_front_matter("---\ntitle: x\nno closing line\n")
    assert split.yaml_text is None and split.unclosed
    result = load_article("x.txt", b"---\ntitle: x\nHeadline\nBody.\n", ReadSettings())
    assert result.article is None
    assert [(d.code, d.line) for d in result.diagnostics] == [("front-matter", 1)]


def test_leading_rule_without_yaml_is_body_text() -> None:
    split = split_front_matter("---\nHeadline here\nBody.\n")
    assert split.yaml_text is None and not split.unclosed and split.body_line == 1


def test_split_reports_body_line() -> None:
    split = split_front_matter("---\na: 1\nb: 2\n---\nHeadline\n")
    assert split.yaml_text == "a: 1\nb: 2" and split.body == "Headline\n" and split.body_line == 5


def test_empty_front_matter_is_fine() -> None:
    article = load_article("x.txt", b"---\n---\nHeadline\nBody.\n", ReadSettings()).article
    assert article is not None and article.title == "Headline"


def test_no_headline_after_front_matter_is_empty_article() -> None:
    result = load("empty.txt")
    assert result.article is None
    assert [d.code for d in result.diagnostics] == ["empty-article"]


def test_front_matter_title_is_enough_without_body() -> None:
    article = load_article("x.txt", b"---\ntitle: Only a title\n---\n", ReadSettings()).article
    assert article is not None and article.title == "Only a title" and article.blocks == ()


def test_image_src_must_be_safe() -> None:
    text = "---\nimage:\n  src: 'javascript:alert(1)'\n  caption: x\n---\nHeadline\n"
    result = load_article("x.txt", text.encode(), ReadSettings())
    assert result.article is not None and result.article.image is None
    assert [d.code for d in result.diagnostics if d.code != "undated"] == ["front-matter-key"]
    ok = "---\nimage: https://example.org/a.jpg\n---\nHeadline\n"
    article = load_article("x.txt", ok.encode(), ReadSettings()).article
    assert article is not None and article.image == Image("", src="https://example.org/a.jpg")


def test_empty_values_are_ignored_and_key_case_is_free() -> None:
    text = "---\nTitle: Upper-case key\ntags:\ndate:\nimage:\nNote: kept\n---\nHeadline\nBody.\n"
    result = load_article("x.txt", text.encode(), ReadSettings())
    article = result.article
    assert article is not None
    assert article.title == "Upper-case key"
    assert [d.code for d in result.diagnostics] == ["undated"]
    assert article.extra == (("Note", "kept"),)


# Front matter the two YAML readers (libyaml's parser, PyYAML's own) must read alike: values,
# key lines and errors. Tabs, tags, BOMs and `?` in flow collections are read by PyYAML alone.
SAME_EITHER_WAY = [
    "title: Hello\ndate: 2025-04-16\ntags: [a, b]",
    'title: "Is it over?"\ntags: ["a", "b"]',
    "tags: [a?b, c]",
    "title: A\ntitle: B",
    "? [a, b]\n: c",
    "a: &x [1, 2]\nb: *x",
    "a: " + "[" * 30 + "]" * 30,
    "a:\t1",
    "a: !!str 1",
    "!",
    "a: |#\n  text",
    "%YAML 1.1#\n---\n 1",
    "\ufeffa: x",
    "a: x\u2028b: y",
    "a: b: c",
    "- a\n- b",
    "a: 'unterminated",
    "date: 2025-04-16T10:00:00Z\ndraft: yes\nimage: {src: x.jpg, caption: c}",
    "a: 0o17\nb: 1_000\nc: 1:20\nd: .inf\ne: ~",
]


@pytest.mark.parametrize("yaml_text", SAME_EITHER_WAY)
def test_libyaml_and_pure_loader_agree(yaml_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = parse_front_matter(yaml_text, "content/x.txt")
    monkeypatch.setattr(frontmatter, "_FastLoader", None)
    assert parse_front_matter(yaml_text, "content/x.txt") == fast


def test_libyaml_reads_plain_front_matter() -> None:
    assert frontmatter._libyaml_agrees('title: "Why?"\ndate: 2025-04-16\ntags: [a, b]')
    for text in ("a:\t1", "a: !x 1", "tags: [a, b?]", "\ufeffa: 1", "a: |#\n  x", "%YAML 1.1"):
        assert not frontmatter._libyaml_agrees(text), text


def test_a_control_character_is_a_front_matter_error_with_its_line() -> None:
    fm, diags = parse_front_matter("title: A\nsummary: bad \x07 bell", "content/x.txt")
    assert fm is None
    [diag] = diags
    assert (diag.path, diag.line, diag.code, diag.severity) == ("content/x.txt", 3, "front-matter", "error")
    assert "U+0007" in diag.message


# Front matter `load_simple` reads without a YAML parser must read as PyYAML's safe loader
# (the pure one, as `parse_front_matter` falls back to) reads it: same keys, values, types and
# key lines; text it cannot read alike it must leave alone (None).
_WORDS = st.sampled_from(
    ["title", "tags", "yes", "No", "on", "null", "~", "y", "1", "1.5", "0x1f", "1:20", ".inf",
     "2025-04-16", "2025-04-16 10:00:00", "<<", "=", "a b", "C#", "a #b", "a: b", "a:b", "b:",
     "-x", "?x", "!x", "&x", "*x", "|", ">", "%x", "@x", "`x", "'q'", '"q"', "[x]", "{y}",
     "x,y", "a?b", "Ørsted", "\u00a0x", "x\ty", "\\n", "'", '"', "", " ", "#", "-", "..."]
)  # fmt: skip
_SCALARS = st.one_of(
    _WORDS,
    _WORDS.map(lambda w: f'"{w}"'),
    _WORDS.map(lambda w: f"'{w}'"),
    st.text(alphabet=" ab:#,'\"[]?-!\\", max_size=8),
)
_VALUES = st.one_of(
    _SCALARS,
    st.lists(_SCALARS, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
    st.lists(_SCALARS, max_size=3).map(lambda items: "[" + ",".join(items) + "]"),
)
_LINES = st.one_of(  # mostly `key: value` lines, some of them not simple
    st.tuples(st.sampled_from(["title", "date", "tags", "yes", "null", "a-b", "x_1", "1"]),
              st.sampled_from([": "] * 6 + [":  ", ":", " : ", ":\t"]), _VALUES,
              st.sampled_from([""] * 6 + [" ", "  # c"]))
    .map("".join),
    st.sampled_from(["", "  ", "# a comment", "  - item", " indented: x", "---", "..."]),
)  # fmt: skip


@given(st.lists(_LINES, max_size=3).map("\n".join))
@settings(max_examples=800, deadline=None)
def test_simple_front_matter_reads_as_yaml_does(yaml_text: str) -> None:
    simple = frontmatter.load_simple(yaml_text)
    if simple is None:
        return
    data, key_lines = simple
    loader = frontmatter._Loader(yaml_text)
    try:
        node = loader.get_single_node()
        expected = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as exc:
        raise AssertionError(f"load_simple read text PyYAML refuses: {exc}") from exc
    finally:
        loader.dispose()
    assert repr(data) == repr(expected or {})
    assert key_lines == frontmatter._key_lines(node)


def test_simple_front_matter_is_most_front_matter() -> None:
    text = 'title: "A: b"\ndate: 2025-04-16\nsection: world\ntags: [a, "b c", \'d\']\ndraft:\n# note'
    assert frontmatter.load_simple(text) == (
        {"title": "A: b", "date": "2025-04-16", "section": "world", "tags": ["a", "b c", "d"], "draft": None},
        {"title": 2, "date": 3, "section": 4, "tags": 5, "draft": 6},
    )  # fmt: skip
    for text in ("draft: yes", "tags: [1]", "a: b: c", "a: |\n  x", "image:\n  src: x", "a:\tx"):
        assert frontmatter.load_simple(text) is None, text
