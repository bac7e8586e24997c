"""The plain-text wire format: headline, optional standfirst and `-` line, caption, paragraphs.

Layout is detected per file and per run of lines: paragraphs are one per line, or blocks
separated by blank lines whose hard-wrapped lines are joined. A run is joined unless one of its
inner lines is longer than any wrapped line would be, so a blank-line file with some unwrapped
paragraphs, or a one-per-line file with stray blank lines, both read right.
"""

from __future__ import annotations

from typing import NamedTuple

from newsgen.extract.captions import split_caption
from newsgen.extract.links import read_more_title
from newsgen.loader.parsed import ParsedBody
from newsgen.model import Block, Paragraph, Subheading

SEPARATORS = {"-", "--", "—", "–"}
MAX_WRAPPED_LINE = 100
MAX_SUBHEADING_WORDS = 10
_SENTENCE_END = ".!?:;,"
_QUOTE_MARKS = "\"'“”‘’«»„"
_WRAPPED_END = ".!?\"”’:"
_NOT_HEADING_END = _SENTENCE_END + _QUOTE_MARKS


class Unit(NamedTuple):
    """A paragraph-sized piece of the body: its text, first line, whether lines were joined.

    A named tuple rather than a frozen dataclass: one is made per line, and a frozen
    dataclass's `__init__` costs three times as much."""

    text: str
    line: int
    joined: bool = False


Line = tuple[int, str]


def parse_text(body: str, first_line: int = 1) -> ParsedBody:
    """The structure of a plain-text body starting at file line `first_line`."""
    lines = [(first_line + i, " ".join(text.split())) for i, text in enumerate(body.split("\n"))]
    head = next((i for i, (_, text) in enumerate(lines) if text), None)
    if head is None:
        return ParsedBody(title=None)
    title_line, title = lines[head]
    units = to_units(lines[head + 1 :])
    standfirst, units = _standfirst(units)
    titles = [read_more_title(u.text) for u in units]
    related = tuple(t for t in titles if t)
    units = [u for u, t in zip(units, titles) if not t and u.text not in SEPARATORS]
    image = split_caption(units[0].text) if units else None
    if image:
        units = units[1:]
    blocks = _blocks(units)
    return ParsedBody(
        title=title,
        title_line=title_line,
        standfirst=standfirst,
        image=image,
        blocks=blocks,
        subheadings=tuple(b.text for b in blocks if isinstance(b, Subheading)),
        related_titles=related,
        paragraphs=tuple(b.text for b in blocks if isinstance(b, Paragraph)),
    )


def to_units(lines: list[Line]) -> list[Unit]:
    """Runs of non-blank lines (separator and Read-more lines always stand alone) into units."""
    special = {text for _, text in lines if text and _is_special(text)}
    blank_layout = _is_blank_layout(lines, special)
    units: list[Unit] = []
    for run in _runs(lines, special):
        if blank_layout and _crosshead_on_top(run):
            units.append(Unit(run[0][1], run[0][0]))
            run = run[1:]
        if blank_layout and _looks_wrapped(run):
            units.append(Unit(" ".join(t for _, t in run), run[0][0], len(run) > 1))
        else:
            units.extend(Unit(text, number) for number, text in run)
    return units


def _crosshead_on_top(run: list[Line]) -> bool:
    """A short heading-like line directly above a wrapped paragraph, with no blank between."""
    if len(run) < 3:
        return False
    width = max(len(text) for _, text in run[1:])
    return len(run[0][1]) * 2 < width and is_subheading(Unit(run[0][1], run[0][0]))


def _is_special(text: str) -> bool:
    return text in SEPARATORS or read_more_title(text) is not None


def _runs(lines: list[Line], special: set[str] | frozenset[str] = frozenset()) -> list[list[Line]]:
    """Lines grouped between blank lines (and around the `special` lines, which stand alone)."""
    runs: list[list[Line]] = []
    current: list[Line] = []
    for number, text in lines:
        if not text or text in special:
            if current:
                runs.append(current)
            current = []
            if text:
                runs.append([(number, text)])
        else:
            current.append((number, text))
    if current:
        runs.append(current)
    return runs


def _looks_wrapped(run: list[Line]) -> bool:
    """Inner lines no longer than a wrapped line, and not every one ending a sentence."""
    inner = [text for _, text in run[:-1]]
    return all(len(text) <= MAX_WRAPPED_LINE for text in inner) and (
        not inner or any(text[-1] not in _WRAPPED_END for text in inner)
    )


def _is_blank_layout(lines: list[Line], special: set[str]) -> bool:
    """Blank lines between most paragraphs, or multi-line blocks mostly shaped like wrapped text."""
    blocks = [[(n, t) for n, t in run if t not in special] for run in _runs(lines)]
    blocks = [b for b in blocks if b]
    if len(blocks) < 2:
        return False
    if len(blocks) * 2 >= sum(len(b) for b in blocks):
        return True
    multi = [b for b in blocks if len(b) > 1]
    return sum(1 for b in multi if _looks_wrapped(b)) * 2 > len(multi)


def _standfirst(units: list[Unit]) -> tuple[str | None, list[Unit]]:
    """One or two units followed by a separator line are the standfirst."""
    for count in (0, 1, 2):
        if len(units) > count and units[count].text in SEPARATORS:
            if any(_is_special(u.text) for u in units[:count]):
                return None, units
            text = " ".join(u.text for u in units[:count]) or None
            return text, units[count + 1 :]
    return None, units


def _blocks(units: list[Unit]) -> tuple[Block, ...]:
    last = len(units) - 1
    return tuple(
        Subheading(u.text, u.line)
        if 0 < i < last and is_subheading(u)
        else Paragraph(u.text, u.line)
        for i, u in enumerate(units)
    )


def is_subheading(unit: Unit) -> bool:
    """A short, unjoined line with no sentence punctuation that does not open with a quote."""
    text = unit.text
    return (  # cheapest tests first: most units are sentences
        not unit.joined
        and text[-1] not in _NOT_HEADING_END
        and len(text.split(None, MAX_SUBHEADING_WORDS)) <= MAX_SUBHEADING_WORDS
        and text[0] not in _QUOTE_MARKS
        and (text[0].isupper() or text[0].isdigit())
        and read_more_title(text) is None
    )
