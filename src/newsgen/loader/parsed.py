"""What a format parser (plain text or Markdown) hands to the assembling step."""

from __future__ import annotations

from dataclasses import dataclass

from newsgen.model import Block, Image, quicken_module


@dataclass(frozen=True, slots=True)
class ParsedBody:
    """The structure read from a body; metadata (dates, quotes, summary) is derived later.

    `title_line` is the headline's line in the file (0 when there is none); `lead_texts` are the
    caption and first paragraphs' plain texts, where a date or dateline may be written.
    """

    title: str | None
    title_line: int = 0
    standfirst: str | None = None
    image: Image | None = None
    blocks: tuple[Block, ...] = ()
    subheadings: tuple[str, ...] = ()
    related_titles: tuple[str, ...] = ()
    paragraphs: tuple[str, ...] = ()


quicken_module(globals())  # a quicker `__init__` (see `newsgen.model.quicken`)
