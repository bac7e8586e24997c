"""A link checker and HTML checks over a built site, shared by the end-to-end tests.

It reads the output folder as a static host would serve it under `base_path`, so a link is good
only if the file it names exists in the output.
"""

from __future__ import annotations

import html.parser
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


@dataclass
class PageLinks:
    """The hrefs and srcs of one HTML file, and its ids (for fragment checks)."""

    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


class _LinkParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src") and tag != "base":
                self.found.links.append(value)
            if name == "id":
                self.found.ids.add(value)


def page_links(html_text: str) -> PageLinks:
    parser = _LinkParser()
    parser.feed(html_text)
    return parser.found


def resolve_target(out_dir: Path, base_path: str, url_path: str) -> Path | None:
    """The file a static host would serve for `url_path`, or None when it is outside the site."""
    if not url_path.startswith(base_path):
        return None
    rel = unquote(url_path[len(base_path) :])
    target = out_dir / rel
    if url_path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_links(out_dir: Path, base_path: str = "/", host: str = "example.org") -> list[str]:
    """Every internal link of every HTML page that does not resolve to a file: `page -> href`."""
    problems: list[str] = []
    for page in sorted(out_dir.rglob("*.html")):
        rel = page.relative_to(out_dir).as_posix()
        page_url = base_path + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        found = page_links(page.read_text(encoding="utf-8"))
        for link in found.links:
            parts = urlsplit(urljoin(f"https://{host}{page_url}", link))
            if parts.scheme not in ("http", "https") or parts.netloc != host:
                if link.startswith(("http:", "https:", "//")) and parts.netloc != host:
                    continue  # an external link: not ours to check
                continue
            if parts.path == page_url and parts.fragment:
                if parts.fragment not in found.ids:
                    problems.append(f"{rel} -> {link} (no such id)")
                continue
            target = resolve_target(out_dir, base_path, parts.path)
            if target is None or not target.is_file():
                problems.append(f"{rel} -> {link}")
    return problems
