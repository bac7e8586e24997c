"""Markdown bodies: Python-Markdown to HTML (sanitised with nh3 unless raw HTML is allowed),
split into one `HtmlBlock` per top-level element, each carrying its plain text and heading level
so the same metadata as plain text can be derived (title, subheadings, quotes, summary).
"""

from __future__ import annotations

import threading
from html.parser import HTMLParser

import markdown
import nh3

from newsgen.extract.links import read_more_title
from newsgen.loader.parsed import ParsedBody
from newsgen.model import HtmlBlock

EXTENSIONS = ["tables", "footnotes", "fenced_code", "attr_list", "sane_lists", "smarty"]
_VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Top-level elements whose text is prose: counted as words, searched for dates.
_PROSE = ("<p>", "<p ", "<ul", "<ol", "<blockquote", "<dl")
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol",
    "p", "pre", "section", "table", "ul", "summary", "figcaption", "li", "dd", "dt",
    "script", "style", "template", "iframe", "noscript", "object", "video", "audio",
}  # fmt: skip
_NO_TEXT = {"script", "style", "template"}  # raw HTML (when allowed) whose text is not prose
_BLOCK_TEXT_TAGS = {"p", "li", "br", "tr", "div", "blockquote", "td", "th", "dd", "dt"}
_ATTRIBUTES = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
_ATTRIBUTES["*"] = {"id", "class", "title", "lang"}
_ATTRIBUTES["img"] = _ATTRIBUTES.get("img", set()) | {"title"}
_ATTRIBUTES["a"] = _ATTRIBUTES.get("a", set()) | {"title"}


_LOCAL = threading.local()


def _converter() -> markdown.Markdown:
    """One converter per thread (a converter holds the state of the text it converts): making
    one loads and wires up every extension, which cost more than converting a short article."""
    converter = getattr(_LOCAL, "converter", None)
    if converter is None:
        converter = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
        _LOCAL.converter = converter
    return converter


def render_markdown(body: str, allow_raw_html: bool) -> str:
    """HTML of `body`. The converter is reset first, so nothing of the last article (its
    footnotes, their numbering) carries over."""
    converter = _converter()
    converter.reset()
    rendered = converter.convert(body)
    if allow_raw_html:
        return rendered
    return nh3.clean(rendered, attributes=_ATTRIBUTES, link_rel="noopener noreferrer")


class _Splitter(HTMLParser):
    """Top-level elements of an HTML fragment as (html, plain text, tag).

    Bare text and inline elements at the top (left when the sanitiser removes an unknown
    wrapping tag) are gathered into one paragraph until the next block element.
    """

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts = [0] + [i + 1 for i, char in enumerate(source) if char == "\n"]
        self.depth = 0
        self.start = 0
        self.tag = ""
        self.text: list[str] = []
        self.loose_start: int | None = None
        self.loose_text: list[str] = []
        self.parts: list[tuple[str, str, str]] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0 and tag not in _BLOCK_TAGS:
            self._loose(self._offset(), "")
            return
        if self.depth == 0:
            self.close_loose(self._offset())
            self.start, self.tag, self.text = self._offset(), tag, []
        elif tag in _BLOCK_TEXT_TAGS:
            self.text.append(" ")
        if tag not in _VOID:
            self.depth += 1
        elif self.depth == 0:
            self._close(self._offset() + len(self.get_starttag_text() or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or self.depth == 0:
            return
        self.depth -= 1
        if self.depth == 0:
            end = self.source.find(">", self._offset())
            self._close(end + 1 if end >= 0 else len(self.source))

    def handle_data(self, data: str) -> None:
        if self.depth > 0:
            self.text.append(data)
        elif data.strip() or self.loose_start is not None:
            self._loose(self._offset(), data)

    def _loose(self, offset: int, data: str) -> None:
        if self.loose_start is None:
            self.loose_start = offset
        self.loose_text.append(data)

    def close_loose(self, end: int) -> None:
        if self.loose_start is not None:
            markup = self.source[self.loose_start : end].strip()
            text = " ".join("".join(self.loose_text).split())
            if text or markup:
                self.parts.append((f"<p>{markup}</p>", text, "p"))
        self.loose_start, self.loose_text = None, []

    def _close(self, end: int) -> None:
        text = "" if self.tag in _NO_TEXT else " ".join("".join(self.text).split())
        self.parts.append((self.source[self.start : end], text, self.tag))
        self.depth = 0


def split_html(fragment: str) -> list[HtmlBlock]:
    """One block per top-level element; bare text between elements becomes a paragraph."""
    splitter = _Splitter(fragment)
    splitter.feed(fragment)
    splitter.close()
    if splitter.depth:
        splitter._close(len(fragment))
    splitter.close_loose(len(fragment))
    return [
        HtmlBlock(markup.strip(), text, _HEADINGS.get(tag, 0))
        for markup, text, tag in splitter.parts
        if markup.strip()
    ]


def parse_markdown(body: str, allow_raw_html: bool) -> ParsedBody:
    """Blocks and metadata of a Markdown body; the first `# ` heading is the title."""
    blocks = split_html(render_markdown(body, allow_raw_html))
    title: str | None = None
    if blocks and blocks[0].heading == 1:
        title, blocks = blocks[0].text, blocks[1:]
    related: list[str] = []
    kept: list[HtmlBlock] = []
    for block in blocks:
        link = read_more_title(block.text) if block.html.startswith(("<p>", "<p ")) else None
        if link:
            related.append(link)
        else:
            kept.append(block)
    return ParsedBody(
        title=title,
        title_line=0,
        blocks=tuple(kept),
        subheadings=tuple(b.text for b in kept if b.heading in (2, 3)),
        related_titles=tuple(related),
        paragraphs=tuple(b.text for b in kept if b.html.startswith(_PROSE) and b.text),
    )
