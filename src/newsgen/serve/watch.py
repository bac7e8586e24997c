"""Which files trigger a rebuild, and the watcher threads that report them.

The source folders are watched recursively; the site folder itself only one level deep (for
`newsgen.yaml`, `entities.yaml` and source folders that appear later), so the output folder,
which can hold tens of thousands of folders, never costs an inotify watch.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import watchfiles

CONFIG_FILES = ("newsgen.yaml", "entities.yaml")
CACHE_DIR = ".newsgen-cache"
_TEMP_SUFFIXES = ("~", ".swp", ".swo", ".swx", ".tmp", ".temp", ".part", ".crdownload", ".bak")


@dataclass(frozen=True, slots=True)
class WatchPlan:
    """The site's watched sources, as absolute paths; `ignored` holds the output folder."""

    site_dir: Path
    source_dirs: tuple[Path, ...]
    ignored: tuple[Path, ...]

    def existing_sources(self) -> list[Path]:
        return [d for d in self.source_dirs if d.is_dir()]


def make_plan(site_dir: Path, source_dirs: Iterable[str], output_dir: Path) -> WatchPlan:
    site = site_dir.resolve()
    sources = tuple(dict.fromkeys((site / d).resolve() for d in source_dirs))
    return WatchPlan(site, sources, (output_dir.resolve(), site / CACHE_DIR))


def is_temporary(name: str) -> bool:
    """Editor swap files, backups, partial downloads and hidden files never trigger a build."""
    return (
        name.startswith((".", "#", "~"))
        or name.endswith(_TEMP_SUFFIXES)
        or name == "4913"  # vim's probe file when checking it can write the folder
    )


def is_relevant(path: Path, plan: WatchPlan) -> bool:
    """Should a change at `path` rebuild the site?"""
    path = Path(path).absolute()
    if any(path == ig or path.is_relative_to(ig) for ig in plan.ignored):
        return False
    if path in plan.source_dirs or (path.parent == plan.site_dir and path.name in CONFIG_FILES):
        return True  # a config file, or a source folder that appeared or vanished
    for source in plan.source_dirs:
        if path.is_relative_to(source):
            parts = path.relative_to(source).parts
            return not any(is_temporary(part) for part in parts)
    return False


class Watcher:
    """Two watchfiles loops in daemon threads; `on_change(paths)` gets each debounced batch."""

    def __init__(
        self, plan: WatchPlan, on_change: Callable[[set[Path]], None], debounce_ms: int = 150
    ):
        self._plan = plan
        self._on_change = on_change
        self._debounce_ms = debounce_ms
        self._stop = threading.Event()
        self._restart = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        for name, target in (("sources", self._watch_sources), ("site", self._watch_site)):
            thread = threading.Thread(target=target, name=f"newsgen-watch-{name}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        self._stop.set()
        self._restart.set()
        for thread in self._threads:
            thread.join(timeout=5)

    def replan(self, plan: WatchPlan) -> None:
        """Follow a changed `newsgen.yaml` (other source folders, another output folder)."""
        if plan != self._plan:
            self._plan = plan
            self._restart.set()

    def _watch_sources(self) -> None:
        """Watch the source folders that exist; start over when one appears or disappears."""
        while not self._stop.is_set():
            self._restart.clear()
            roots = self._plan.existing_sources()
            if not roots:
                self._restart.wait()
                continue
            self._loop(roots, recursive=True)

    def _watch_site(self) -> None:
        self._loop([self._plan.site_dir], recursive=False)

    def _loop(self, roots: list[Path], recursive: bool) -> None:
        stop = self._stop if not recursive else _either(self._stop, self._restart)
        for changes in watchfiles.watch(
            *roots,
            watch_filter=lambda _change, path: is_relevant(Path(path), self._plan),
            debounce=self._debounce_ms,
            step=50,
            stop_event=stop,
            recursive=recursive,
            yield_on_timeout=False,
            raise_interrupt=False,
        ):
            paths = {Path(p) for _change, p in changes}
            if not recursive and any(p in self._plan.source_dirs for p in paths):
                self._restart.set()  # a source folder came or went: rewatch
            self._on_change(paths)
            if recursive and self._restart.is_set():
                return


class _either:
    """An event-like object set when either of two events is (what watchfiles polls)."""

    def __init__(self, first: threading.Event, second: threading.Event) -> None:
        self._events = (first, second)

    def is_set(self) -> bool:
        return any(e.is_set() for e in self._events)
