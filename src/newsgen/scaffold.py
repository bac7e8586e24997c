"""`newsgen init`: a new site that builds at once, copied from the `scaffold_site` package data.

The sample articles are invented; they show both input formats (plain text and Markdown with
front matter), a `Read more:` link, a subheading, quotes and a draft.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

# Package data cannot be called `.gitignore` reliably (packaging tools skip dotfiles).
_RENAMED = {"gitignore": ".gitignore"}


class ScaffoldError(Exception):
    """The target folder cannot take a new site; the message is written for the user."""


def _walk(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        rel = f"{prefix}{_RENAMED.get(entry.name, entry.name)}"
        found.extend(_walk(entry, rel + "/") if entry.is_dir() else [(rel, entry)])
    return found


def scaffold_files() -> list[tuple[str, bytes]]:
    """(relative path, bytes) of every file a new site starts with."""
    root = resources.files("newsgen") / "scaffold_site"
    return [(rel, entry.read_bytes()) for rel, entry in _walk(root)]


def init_site(target: Path) -> list[str]:
    """Create a new site in `target` (absent or empty); the relative paths written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"{target} already exists and is not an empty folder")
    written: list[str] = []
    for rel, data in scaffold_files():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(rel)
    (target / "static").mkdir(exist_ok=True)
    return written
