"""Every output path and href of the site, base-path aware.

A "dir path" is relative to the output folder and ends in `/` (a pretty URL: `2025/04/16/x/`);
file paths (`feed.xml`) have no trailing slash. Every segment is slug-safe, so no path can leave
the output folder whatever an article or `newsgen.yaml` says.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from urllib.parse import quote, unquote, urlsplit

from slugify import slugify

from newsgen.config import SiteConfig

_SAFE_SEGMENT = re.compile(r"[a-z0-9][a-z0-9._-]*")
_PLACEHOLDER = re.compile(r"\{(yyyy|mm|dd|slug|section|tag)\}")

ENTITY_KIND_FIELDS = {
    "person": ("people_index", "person"),
    "organization": ("organizations_index", "organization"),
    "place": ("places_index", "place"),
}


def safe_segment(segment: str) -> str:
    """One path segment as a slug; `..`, `.` and anything unsafe become a slug or nothing."""
    if _SAFE_SEGMENT.fullmatch(segment) and ".." not in segment:
        return segment
    return cached_slug(segment)


@functools.lru_cache(maxsize=65536)
def cached_slug(value: str) -> str:
    """`slugify`, remembered: the same years, sections and tags come back on every page."""
    return str(slugify(value))


def clean_path(path: str, is_dir: bool = True) -> str:
    """A relative path of safe segments; backslashes split, empty and dot segments dropped."""
    segments = [safe_segment(s) for s in re.split(r"[\\/]+", path)]
    kept = [s for s in segments if s]
    if not kept:
        return ""
    joined = "/".join(kept)
    return joined + "/" if is_dir else joined


def _base_parts(base_url: str) -> tuple[str, str]:
    """`https://example.org/archive/` → (`https://example.org`, `/archive/`)."""
    parts = urlsplit(base_url.strip() or "/")
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
    # The deploy path is the host's business: keep its case, only drop dot segments and quote.
    segments = [s for s in re.split(r"[\\/]+", unquote(parts.path)) if s not in ("", ".", "..")]
    path = "".join(quote(s, safe="-._~!$&'()*+,;=:@") + "/" for s in segments)
    return origin, "/" + path


def fill_by_regex(pattern: str, values: dict[str, str]) -> str:
    """The pattern with each placeholder replaced by its value as a safe segment (`x` when
    empty), then made a clean dir path."""

    def replace(match: re.Match[str]) -> str:
        return safe_segment(values.get(match.group(1), "")) or "x"

    return clean_path(_PLACEHOLDER.sub(replace, pattern))


@functools.lru_cache(maxsize=64)
def _segments(pattern: str) -> tuple[tuple[str, bool], ...] | None:
    """The pattern's segments as (safe text, False) or (placeholder name, True), when each
    segment is plain text or one whole placeholder (as all the defaults are); None otherwise.
    A placeholder's filled value is a safe segment already, so `clean_path` would keep it."""
    segments: list[tuple[str, bool]] = []
    for segment in re.split(r"[\\/]+", pattern):
        placeholder = _PLACEHOLDER.fullmatch(segment)
        if placeholder:
            segments.append((placeholder.group(1), True))
        elif "{" in segment or "}" in segment:
            return None  # text and a placeholder in one segment: the regex way
        elif safe := safe_segment(segment):
            segments.append((safe, False))
    return tuple(segments)


class UrlScheme:
    """Paths from `UrlConfig` patterns, and hrefs under the configured base path."""

    def __init__(self, config: SiteConfig) -> None:
        self._urls = config.urls
        self.origin, self.base_path = _base_parts(config.base_url)

    def _fill(self, pattern: str, **values: str) -> str:
        segments = _segments(pattern)
        if segments is not None:  # `fill_by_regex`, without its regex passes (once per article)
            filled = [safe_segment(values.get(text, "")) or "x" if is_name else text
                      for text, is_name in segments]  # fmt: skip
            return "/".join(filled) + "/" if filled else ""
        return fill_by_regex(pattern, values)

    def article_dir(self, date: dt.date | None, slug: str) -> str:
        """`2025/04/16/<slug>/`, or the undated pattern when there is no date."""
        if date is None:
            return self._fill(self._urls.undated_article, slug=slug)
        return self._fill(
            self._urls.article,
            yyyy=f"{date.year:04d}",
            mm=f"{date.month:02d}",
            dd=f"{date.day:02d}",
            slug=slug,
        )

    def section_dir(self, section: str) -> str:
        return self._fill(self._urls.section, section=section)

    def tag_dir(self, tag_slug: str) -> str:
        return self._fill(self._urls.tag, tag=tag_slug)

    def tags_index_dir(self) -> str:
        return self._fill(self._urls.tags_index)

    def entity_dir(self, kind: str, slug: str) -> str:
        return self._fill(getattr(self._urls, ENTITY_KIND_FIELDS[kind][1]), slug=slug)

    def entity_index_dir(self, kind: str) -> str:
        return self._fill(getattr(self._urls, ENTITY_KIND_FIELDS[kind][0]))

    def entity_letter_dir(self, kind: str, letter: str) -> str:
        """Letter pages of a large entity index: `people/by-letter-a/`."""
        return clean_path(self.entity_index_dir(kind) + "by-letter-" + cached_slug(letter))

    def year_dir(self, year: int) -> str:
        return self._fill(self._urls.year, yyyy=f"{year:04d}")

    def month_dir(self, year: int, month: int) -> str:
        return self._fill(self._urls.month, yyyy=f"{year:04d}", mm=f"{month:02d}")

    def undated_dir(self) -> str:
        return self._fill(self._urls.undated_index)

    def search_dir(self) -> str:
        return "search/"

    def page_dir(self, list_dir: str, number: int) -> str:
        """Page 1 is the list dir itself; page n is `page/<n>/` under it."""
        return list_dir if number <= 1 else f"{list_dir}page/{number}/"

    def file_path(self, path: str) -> str:
        """A safe file path (`feed.xml`, `news/feed.xml`) relative to the output folder."""
        return clean_path(path, is_dir=False)

    def href(self, dir_path: str) -> str:
        """Root-relative, with the base path: `/archive/2025/04/16/x/`."""
        return self.base_path + quote(dir_path.lstrip("/"))

    def absolute(self, dir_path: str) -> str:
        """With scheme and host when `base_url` has them (feeds, sitemap, canonical links)."""
        return self.origin + self.href(dir_path)

    def output_file(self, dir_path: str) -> str:
        """The file a static host serves for the path: `2025/04/16/x/index.html`."""
        if dir_path == "" or dir_path.endswith("/"):
            return dir_path + "index.html"
        return dir_path
