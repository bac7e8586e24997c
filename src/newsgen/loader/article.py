"""One content file to one `Article`: decode → front matter → parse → extract.

`load_article` is pure (bytes and settings in, values out), so the build can cache it by the
file's sha256 and run it in worker processes. Every problem is a `Diagnostic`; nothing raises.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePosixPath

from slugify import slugify

from newsgen.diagnostics import Diagnostic, error, warning
from newsgen.extract import dates
from newsgen.extract.quotes import find_quotes
from newsgen.extract.summary import count_words, pick_summary, reading_minutes
from newsgen.loader.decode import decode
from newsgen.loader.frontmatter import (
    FrontMatter,
    parse_front_matter,
    split_front_matter,
    unclosed_error,
)
from newsgen.loader.markdownformat import parse_markdown
from newsgen.loader.parsed import ParsedBody
from newsgen.loader.textformat import parse_text
from newsgen.model import Article, ReadSettings, SourceInfo, quicken_module
from newsgen.urls import cached_slug

MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt", ".text")
SLUG_MAX = 80


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The article (None when the file cannot be used at all) and what was wrong with it."""

    article: Article | None
    diagnostics: tuple[Diagnostic, ...]


def load_article(rel_path: str, data: bytes, settings: ReadSettings) -> LoadResult:
    """Read one file; `rel_path` is relative to the content folder, posix separators."""
    path = f"{settings.content_dir.strip('/')}/{rel_path}"
    decoded, found = decode(data, path)
    if decoded is None:
        return LoadResult(None, tuple(found))
    split = split_front_matter(decoded.text)
    if split.unclosed:
        return LoadResult(None, (*found, unclosed_error(path)))
    front = FrontMatter()
    if split.yaml_text is not None:
        parsed_front, problems = parse_front_matter(split.yaml_text, path)
        found.extend(problems)
        if parsed_front is None:
            return LoadResult(None, tuple(found))
        front = parsed_front
    is_markdown = rel_path.lower().endswith(MARKDOWN_SUFFIXES)
    body = (
        parse_markdown(split.body, settings.allow_raw_html)
        if is_markdown
        else parse_text(split.body, split.body_line)
    )
    title = front.title or body.title
    if not title:
        return LoadResult(None, (*found, _no_headline(path)))
    source = SourceInfo(
        path, "markdown" if is_markdown else "text", decoded.encoding, decoded.sha256
    )
    article = _assemble(rel_path, source, title, front, body, settings)
    if article.date is None:
        found.append(_undated(path))
    return LoadResult(article, tuple(found))


def _no_headline(path: str) -> Diagnostic:
    hint = "the first non-empty line (or front matter `title`) is the headline"
    return error(path, None, "empty-article", "no headline found", hint)


def _undated(path: str) -> Diagnostic:
    hint = "add `date:` front matter or put the date in the file name (2025-04-16-slug.txt)"
    return warning(path, None, "undated", "no date found for the article", hint)


def _assemble(
    rel_path: str,
    source: SourceInfo,
    title: str,
    front: FrontMatter,
    body: ParsedBody,
    settings: ReadSettings,
) -> Article:
    standfirst = front.standfirst or body.standfirst
    if standfirst is None and source.format == "markdown":
        standfirst = front.summary
    image = front.image or body.image
    date, date_source = find_date(rel_path, front, body)
    first_paragraph = dates.strip_dateline(body.paragraphs[0]) if body.paragraphs else None
    words = count_words([*body.paragraphs, standfirst or ""])
    return Article(
        source=source,
        title=title,
        standfirst=standfirst,
        date=date,
        date_source=date_source,
        section=section_of(rel_path, front.section, settings.default_section),
        tags=front.tags or (),
        slug=slug_of(front.slug or title) or "article-" + source.sha256[:8],
        summary=pick_summary(front.summary, standfirst, first_paragraph),
        author=front.author,
        draft=front.draft,
        image=image,
        blocks=body.blocks,
        subheadings=body.subheadings,
        quotes=find_quotes(body.blocks),
        related_titles=body.related_titles,
        mentions=(),
        word_count=words,
        reading_minutes=reading_minutes(words),
        extra=front.extra,
    )


def find_date(rel_path: str, front: FrontMatter, body: ParsedBody) -> tuple[dt.date | None, str]:
    """Front matter > path > wire dateline (year from path or text) > a full date in the lead."""
    if front.date:
        return front.date, "front matter"
    from_path = dates.date_from_path(rel_path)
    if from_path:
        return from_path, "path"
    caption = body.image.caption if body.image else ""
    lead = [caption, *body.paragraphs[:3]]
    in_text = dates.first_date_in(lead)
    if body.paragraphs:
        year = dates.year_from_path(rel_path) or (in_text.year if in_text else None)
        from_dateline = dates.dateline_date(body.paragraphs[0], year)
        if from_dateline:
            return from_dateline, "dateline"
    if in_text:
        return in_text, "text"
    return None, ""


def section_of(rel_path: str, front_section: str | None, default: str) -> str:
    """Front matter `section`, else the first folder under content/, slugified; else the default.

    A date folder (`2025/04/...`) is not a section.
    """
    named = cached_slug(front_section) if front_section else ""  # few names, seen thousands of times
    if named:
        return named
    folders = PurePosixPath(rel_path).parts[:-1]
    folder = cached_slug(folders[0]) if folders and not folders[0].isdigit() else ""
    return folder or default


def slug_of(text: str) -> str:
    """A transliterated slug cut at a word boundary."""
    return slugify(text, max_length=SLUG_MAX, word_boundary=True, save_order=True)


quicken_module(globals())  # a quicker `__init__` (see `newsgen.model.quicken`)
