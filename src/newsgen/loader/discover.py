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
    folder is listed under is stable), and a symlink loop ends the walk there. Real paths are
    worked out only for symlinks: a big archive has no other and costs one `scandir` a folder.
    """
    if not content_root.is_dir():
        return []
    root = os.path.realpath(content_root)
    found: list[str] = []
    visited: set[str] = set()
    stack = [(root, root, "")]  # (path as walked, its real path, prefix relative to root)
    while stack:
        folder, real, prefix = stack.pop()
        if real in visited or not _inside(real, root):
            continue
        visited.add(real)
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name, reverse=True)
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if _skipped(name):
                continue
            linked = entry.is_symlink()
            entry_real = os.path.realpath(entry.path) if linked else os.path.join(real, name)
            if entry.is_dir():
                stack.append((entry.path, entry_real, f"{prefix}{name}/"))
            elif name.lower().endswith(ARTICLE_SUFFIXES) and entry.is_file():
                if not linked or _inside(entry_real, root):
                    found.append(prefix + name)
    return sorted(found)


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)
