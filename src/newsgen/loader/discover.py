"""Finding article files under the content folder, in a stable order."""

from __future__ import annotations

import os
from pathlib import Path

ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown")


def _skipped(name: str) -> bool:
    """Hidden files and folders, and editor leftovers."""
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swo", ".tmp"))


def discover(content_root: Path) -> list[str]:
    """Article paths relative to `content_root` (posix), sorted; symlinks may not leave it.

    Folders are visited once each by their real path (in name order, so which path a linked
    folder is listed under is stable), and a symlink loop ends the walk there.
    """
    if not content_root.is_dir():
        return []
    root = content_root.resolve()
    found: list[str] = []
    visited: set[Path] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        real = folder.resolve()
        if real in visited or not _inside(real, root):
            continue
        visited.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
        except OSError:
            continue
        for entry in entries:
            if _skipped(entry.name):
                continue
            path = Path(entry.path)
            if entry.is_dir():
                stack.append(path)
            elif entry.name.lower().endswith(ARTICLE_SUFFIXES) and entry.is_file():
                if _inside(path.resolve(), root):
                    found.append(path.relative_to(root).as_posix())
    return sorted(found)


def _inside(real: Path, root: Path) -> bool:
    return real == root or root in real.parents
