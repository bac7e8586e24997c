"""`.newsgen-cache/`: what the last build knew, so the next one redoes only what changed.

`articles.sqlite`: a row per content file (its stat, sha256, annotated `Article` and
diagnostics, pickled; valid for one read-settings fingerprint and code version), so a one-file
edit writes one row. `state-<key>.pickle`, written atomically, one per output folder (from
the last build into it, with the settings it used): the inputs snapshot for the no-change fast
path, page fingerprints, the output manifest and the last diagnostics; `rows-<key>.sqlite`
goes with it (see `pagestore`). `uptodate-<key>.pickle`: one per request, for the no-change
check (see `newsgen.uptodate`).
Anything unreadable is reported and ignored.
"""

from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import gc
import io
import operator
import os
import pickle
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from newsgen.diagnostics import Diagnostic, warning
from newsgen.model import Article, quicken_module
from newsgen.uptodate import CACHE_DIR, code_version, forget_records, package_version

MAGIC = "newsgen-cache"
FORMAT = 2


@dataclass(frozen=True, slots=True)
class CachedFile:
    """One content file as last read: its stat, digest, and what loading it produced."""

    mtime_ns: int
    size: int
    sha256: str
    article: Article | None
    diagnostics: tuple[Diagnostic, ...]


@dataclass(slots=True)
class BuildState:
    """What the previous build produced, for the fast path and for page-level incrementality."""

    inputs: dict[str, tuple[int, int]] = field(default_factory=dict)
    output_dir: str = ""
    page_fingerprints: dict[str, str] = field(default_factory=dict)
    manifest: frozenset[str] = frozenset()
    article_count: int = 0
    started_ns: int = 0
    files: tuple[str, ...] = ()
    themes: tuple[Path, ...] = ()
    # the diagnostics after the settings' own: per content file (path order, files with some),
    # then the rest; and the token of the page rows (`pagestore`) of this state ("" when none)
    file_diagnostics: tuple[tuple[str, tuple[Diagnostic, ...]], ...] = ()
    later_diagnostics: tuple[Diagnostic, ...] = ()
    rows_token: str = ""
    # template name -> fingerprint (`render.template_fingerprints`), for the quick path, which
    # runs only when no template changed
    template_prints: dict[str, str] = field(default_factory=dict)

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Everything the build reported after the settings' own (the fast path replays it)."""
        files = tuple(d for _rel, found in self.file_diagnostics for d in found)
        return files + self.later_diagnostics


def _fast_reducers() -> dict[type, Callable[[Any], tuple[Any, ...]]]:
    """Pickle frozen dataclasses as (class, field values): their default `__getstate__` calls
    `dataclasses.fields()` per object, which made a 20,000-article cache take seconds."""
    from newsgen import model

    table: dict[type, Callable[[Any], tuple[Any, ...]]] = {}
    classes = [c for c in vars(model).values() if isinstance(c, type) and dataclasses.is_dataclass(c)]
    for cls in [*classes, Diagnostic, CachedFile]:
        names = [f.name for f in dataclasses.fields(cls) if f.init]
        getter = operator.attrgetter(*names)
        if len(names) == 1:
            table[cls] = lambda obj, cls=cls, name=names[0]: (cls, (getattr(obj, name),))
        else:
            table[cls] = lambda obj, cls=cls, getter=getter: (cls, getter(obj))
    return table


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No garbage collection while millions of acyclic objects are unpickled: the collector
    would traverse them over and over, which more than doubles the time of a large load.

    The objects are then frozen (`gc.freeze`), not left for the collector: all of them were
    made since it last ran, so the first collection after it is enabled again would traverse
    every one (0.7 s for 20,000 articles' objects). They live until the build ends, which
    unfreezes them; garbage among them without reference cycles is freed as ever.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()


def dumps(payload: object) -> bytes:
    """`dump` to bytes."""
    buffer = io.BytesIO()
    dump(payload, buffer)
    return buffer.getvalue()


def dump(payload: object, handle: BinaryIO) -> None:
    """Pickle `payload` with the fast reducers (loading needs nothing special)."""
    pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, **_REDUCERS}
    pickler.dump(payload)


ARTICLES_DB = "articles.sqlite"
LEGACY_ARTICLES = "articles*.pickle"  # the article cache of older versions, removed when seen


class Cache:
    """Reads and writes one site's cache folder; `problems` collects `cache` warnings."""

    def __init__(self, site_dir: Path, enabled: bool = True, reuse: bool = True) -> None:
        """`reuse=False` (`--clean`) reads nothing but still writes, so the next build is fast."""
        self.folder = site_dir / CACHE_DIR
        self.enabled = enabled
        self.reuse = reuse
        self.problems: list[Diagnostic] = []
        self.version = code_version()
        self._taken: dict[str, int] = {}  # per cached path, when its stat was taken

    def _load(self, name: str, key: str) -> object | None:
        path = self.folder / name
        if not (self.enabled and self.reuse) or not path.is_file():
            return None
        try:
            with open(path, "rb") as handle, gc_paused():
                magic, fmt, release, version, stored_key, payload = pickle.load(handle)
        except Exception as exc:  # a damaged pickle can raise almost anything
            self._warn(f"{CACHE_DIR}/{name} is damaged ({type(exc).__name__}); rebuilding")
            return None
        if (magic, fmt, release) != (MAGIC, FORMAT, package_version()):
            self._warn(f"{CACHE_DIR}/{name} was written by another newsgen version; rebuilding")
            return None
        return payload if (version, stored_key) == (self.version, key) else None

    def _warn(self, message: str) -> None:
        if not self.problems:  # one warning is enough when several cache files are damaged
            hint = f"delete {CACHE_DIR}/ if this repeats"
            self.problems.append(warning(CACHE_DIR, None, "cache", message, hint))

    def _store(self, name: str, key: str, payload: object) -> None:
        if not self.enabled:
            return
        self.folder.mkdir(exist_ok=True)
        pending = self.folder / f"{name}.{os.getpid()}.part"
        record = (MAGIC, FORMAT, package_version(), self.version, key, payload)
        with open(pending, "wb") as handle:
            dump(record, handle)
        os.replace(pending, self.folder / name)

    def _articles_db(self) -> sqlite3.Connection | None:
        """The article table, created if missing; None (with a warning) when it is damaged."""
        self.folder.mkdir(exist_ok=True)
        path = self.folder / ARTICLES_DB
        for attempt in range(2):
            try:
                db = sqlite3.connect(path, timeout=30)
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute("CREATE TABLE IF NOT EXISTS files "
                           "(rel TEXT PRIMARY KEY, key TEXT, taken INTEGER, entry BLOB) WITHOUT ROWID")  # fmt: skip
                return db
            except sqlite3.Error as exc:
                self._warn(f"{CACHE_DIR}/{ARTICLES_DB} is damaged ({type(exc).__name__}); rebuilding")
                path.unlink(missing_ok=True)  # start again with an empty table
        return None

    def _read_files(self, settings_key: str, rels: list[str] | None) -> dict[str, CachedFile]:
        """Rows of this code version and settings: all, or those of `rels`."""
        if not (self.enabled and self.reuse) or not (self.folder / ARTICLES_DB).is_file():
            return {}
        db = self._articles_db()
        if db is None:
            return {}
        key = f"{self.version}|{settings_key}"
        found: dict[str, CachedFile] = {}
        try:
            with gc_paused():
                if rels is None:
                    rows = db.execute("SELECT rel, taken, entry FROM files WHERE key = ?", (key,))
                    for rel, taken, entry in rows:
                        found[rel] = pickle.loads(entry)
                        self._taken[rel] = taken
                for rel in rels or ():
                    row = db.execute("SELECT taken, entry FROM files WHERE rel = ? AND key = ?",
                                     (rel, key)).fetchone()  # fmt: skip
                    if row is not None:
                        found[rel] = pickle.loads(row[1])
                        self._taken[rel] = row[0]
        except Exception as exc:  # a damaged row or file can raise almost anything
            self._warn(f"{CACHE_DIR}/{ARTICLES_DB} is damaged ({type(exc).__name__}); rebuilding")
            found.clear()
        finally:
            db.close()
        return found

    def load_articles(self, settings_key: str) -> dict[str, CachedFile]:
        """Files by path (none when there is no usable cache)."""
        return self._read_files(settings_key, None)

    def load_files(self, settings_key: str, rels: list[str]) -> dict[str, CachedFile]:
        """The cached files among `rels` (by path)."""
        return self._read_files(settings_key, rels)

    def taken_ns(self, rel: str) -> int:
        """When the stat of `rel`'s cached file was taken (0: unknown)."""
        return self._taken.get(rel, 0)

    def store_articles(
        self,
        settings_key: str,
        files: dict[str, CachedFile | bytes],
        taken_ns: int,
        changed: Iterable[str],
        prune: bool = True,
    ) -> None:
        """Write the rows of `changed` paths (from `files`, as entries or already pickled),
        delete those no longer in `files` (and, with `prune`, rows of other settings): a
        one-file edit writes one row."""
        if not self.enabled:
            return
        db = self._articles_db()
        if db is None:
            return
        key = f"{self.version}|{settings_key}"
        rows, gone = [], []
        for rel in changed:
            entry = files.get(rel)
            if entry is None:
                gone.append((rel,))
            else:
                rows.append((rel, key, taken_ns, entry if isinstance(entry, bytes) else dumps(entry)))
        try:
            with db:
                db.executemany("DELETE FROM files WHERE rel = ?", gone)
                db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", rows)
                if prune:
                    db.execute("DELETE FROM files WHERE key != ?", (key,))  # other versions, settings
        except sqlite3.Error as exc:
            self._warn(f"{CACHE_DIR}/{ARTICLES_DB} could not be written ({type(exc).__name__})")
        finally:
            db.close()
        if prune:
            for legacy in self.folder.glob(LEGACY_ARTICLES):
                legacy.unlink(missing_ok=True)

    def load_state(self, key: str) -> BuildState | None:
        payload = self._load(_state_name(key), key)
        return payload if isinstance(payload, BuildState) else None

    def store_state(self, key: str, state: BuildState) -> None:
        """One state per output folder: the key's first 16 characters name the folder (see
        `build._state_key`), so a build into another folder leaves this one's alone, and one
        with other settings into the same folder replaces it. The most recent few are kept."""
        self._store(_state_name(key), key, state)
        if self.enabled:
            self._prune_states()

    def rows_path(self, key: str) -> Path:
        """The page rows (`pagestore`) that go with the state `key`."""
        return self.folder / f"rows-{key[:16]}.sqlite"

    def forget_state(self, key: str) -> None:
        """Drop the fast-path state, so a build that fails half-way is never taken as done, and
        every up-to-date record of the site (`uptodate`): the output is about to change."""
        forget_records(self.folder)
        (self.folder / _state_name(key)).unlink(missing_ok=True)
        (self.folder / "state.pickle").unlink(missing_ok=True)  # the single state of old

    def _prune_states(self) -> None:
        states = sorted(self.folder.glob("state-*.pickle"), key=_mtime_or_zero, reverse=True)
        for stale in states[STATES_KEPT:]:
            stale.unlink(missing_ok=True)
            self.rows_path(stale.stem.removeprefix("state-")).unlink(missing_ok=True)


STATES_KEPT = 4


def _state_name(key: str) -> str:
    return f"state-{key[:16]}.pickle"


def _mtime_or_zero(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


_REDUCERS = _fast_reducers()


quicken_module(globals())  # a quicker `__init__` (see `newsgen.model.quicken`)
