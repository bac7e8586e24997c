"""Is the output already up to date? Answered before the build pipeline is even imported.

A build that finds nothing changed is the commonest build there is (a cron job, a CI step, a
save that touched nothing), and most of its time used to be importing the pipeline (YAML,
Jinja, the process pool) and reading the last build's whole state. So each successful build
also leaves a small record, `.newsgen-cache/uptodate-<key>.pickle`, keyed by how newsgen was
asked to build (site folder, output folder, base URL, drafts): the stat of every input, the
output folder, and what to report. The next build with the same request stats the same inputs;
if none changed (and all are old enough to trust), the output still carries newsgen's marker
and newsgen's own code is the same, it reports the recorded result and stops.

Every build that writes to the output forgets all of the site's records first
(`forget_records`, called by `Cache.forget_state`), so a record never outlives the output it
describes, even when a build with other settings wrote to the same folder. A record that is
missing, unreadable or from other code only means the build runs as before.

This module imports nothing of the pipeline.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsgen.buildsteps.options import BuildOptions, BuildResult
from newsgen.diagnostics import Diagnostic
from newsgen.output import MARKER

CACHE_DIR = ".newsgen-cache"
RECORD_PREFIX = "uptodate-"
RECORD_FORMAT = 1

# A file whose mtime is this close to the moment its stat was taken may change again within the
# same timestamp tick, so its stat alone proves nothing ("racy" in git's terms): re-read it.
RACY_NS = 100_000_000
FOLDER_KEYS = ("dir:", "link:")  # the keys `folder_stats` uses in an input table


def is_settled(stats: dict[str, tuple[int, int]], taken_ns: int) -> bool:
    """True when every (mtime_ns, size) is old enough to be trusted against a stat taken then."""
    limit = taken_ns - RACY_NS
    return all(mtime < limit for mtime, _size in stats.values())


def input_snapshot(
    content_root: Path, files: Iterable[str], more_files: Iterable[Path], folders: Iterable[Path]
) -> dict[str, tuple[int, int]]:
    """(mtime_ns, size) of every input of a build, keyed by path: the fast path compares these.

    `files` are relative to `content_root`; `more_files` and everything under `folders` are
    keyed by their full path (absent ones are simply missing from the table).
    """
    inputs: dict[str, tuple[int, int]] = {}
    root = str(content_root) + os.sep
    for rel in files:  # plain strings and os.stat: this loop is most of a no-change build
        _stat_into(inputs, rel, root + rel)
    for path in more_files:
        _stat_into(inputs, f":{path}", str(path))
    for folder in folders:
        for dirpath, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                path = os.path.join(dirpath, name)
                _stat_into(inputs, f":{path}", path)
    return inputs


def folder_stats(root: Path) -> dict[str, tuple[int, int]]:
    """(mtime_ns, size) of every folder under `root`: a file added, removed or renamed changes
    its folder's mtime, so with the known files' stats this proves "no change" without a fresh
    discovery. A symlinked folder (whose changes would not show) makes the table never match."""
    found: dict[str, tuple[int, int]] = {}
    for dirpath, dirs, _names in os.walk(root):
        _stat_into(found, f"dir:{dirpath}", dirpath)
        if any(os.path.islink(os.path.join(dirpath, d)) for d in dirs):
            found[f"link:{dirpath}"] = (time.time_ns(), 0)
    return found


def _stat_into(inputs: dict[str, tuple[int, int]], key: str, path: str) -> None:
    try:
        info = os.stat(path)
    except OSError:
        return
    inputs[key] = (info.st_mtime_ns, info.st_size)


def still_stands(
    recorded: dict[str, tuple[int, int]],
    now: dict[str, tuple[int, int]],
    taken_ns: int,
    output_dir: Path,
) -> bool:
    """Whether a build's output still stands: its inputs have the stats it `recorded` when it
    took them at `taken_ns`, all old enough to trust, and the output is still newsgen's."""
    return now == recorded and is_settled(now, taken_ns) and (output_dir / MARKER).is_file()


def package_version() -> str:
    from newsgen import __version__

    return __version__


@lru_cache(maxsize=1)  # the code this process runs: one walk of the package, not one per use
def code_version() -> str:
    """newsgen's version plus a digest of its source files' stat, so edited code drops the cache."""
    root = os.path.dirname(os.path.abspath(__file__))
    stats = []
    for dirpath, dirs, names in os.walk(root):
        dirs.sort()
        for name in names:
            if name.endswith(".py"):
                path = os.path.join(dirpath, name)
                info = os.stat(path)
                stats.append((os.path.relpath(path, root).replace(os.sep, "/"), info))
    lines = [f"{rel}:{info.st_mtime_ns}:{info.st_size}" for rel, info in sorted(stats, key=_first)]
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]
    return f"{package_version()}+{digest}"


def _first(pair: tuple[str, object]) -> str:
    return pair[0]


@dataclass(frozen=True, slots=True)
class BuildInputs:
    """Where a build's inputs are: what `input_snapshot` and `folder_stats` are given."""

    content_root: Path
    files: tuple[str, ...]
    settings_files: tuple[Path, ...]
    folders: tuple[Path, ...]  # templates, static files, themes

    def snapshot(self) -> dict[str, tuple[int, int]]:
        inputs = input_snapshot(self.content_root, self.files, self.settings_files, self.folders)
        inputs.update(folder_stats(self.content_root))
        return inputs


@dataclass(frozen=True, slots=True)
class UpToDate:
    """What a successful build leaves for the next identical request (see the module)."""

    where: BuildInputs
    inputs: dict[str, tuple[int, int]]
    taken_ns: int  # when the inputs were stat'ed
    output_dir: Path
    articles: int
    pages: int
    diagnostics: tuple[Diagnostic, ...]


def record_path(site_dir: Path, options: BuildOptions) -> Path:
    """The record for this request: the options that choose the output and its pages (not
    `jobs`, `quiet`, `verbose` or `strict`, which change neither)."""
    site = os.path.realpath(site_dir)
    request = (site, str(options.output_dir), str(options.base_url), options.drafts)
    digest = hashlib.sha256(repr(request).encode()).hexdigest()[:16]
    return Path(site_dir) / CACHE_DIR / f"{RECORD_PREFIX}{digest}.pickle"


@dataclass(frozen=True, slots=True)
class Check:
    """What `check` found: the result, when the output stands; otherwise the stats it took of
    the last build's inputs, and when, so the pipeline need not take them again."""

    result: BuildResult | None = None
    where: BuildInputs | None = None
    inputs: dict[str, tuple[int, int]] | None = None
    taken_ns: int = 0  # taken before the stats, as the racy-file rule needs


def check(site_dir: Path, options: BuildOptions, started: float) -> Check:
    """Whether the last identical build still stands (nothing it read has changed since);
    `started` is the build's `time.perf_counter()` start, for the result's elapsed time."""
    if options.clean:
        return Check()
    try:
        with open(record_path(site_dir, options), "rb") as handle:
            stored = pickle.load(handle)
    except Exception:  # missing, or damaged in any way: the build decides
        return Check()
    if not (isinstance(stored, tuple) and len(stored) == 3 and isinstance(stored[2], UpToDate)):
        return Check()
    fmt, version, record = stored
    if fmt != RECORD_FORMAT or version != code_version():
        return Check()
    taken_ns = time.time_ns()
    inputs = record.where.snapshot()
    if not still_stands(record.inputs, inputs, record.taken_ns, record.output_dir):
        return Check(None, record.where, inputs, taken_ns)
    result = BuildResult(
        record.articles, 0, record.pages, 0, record.diagnostics,
        time.perf_counter() - started, record.output_dir, options.strict,
    )  # fmt: skip
    return Check(result)


def write_record(site_dir: Path, options: BuildOptions, record: UpToDate) -> None:
    """Leave `record` for the next identical request (atomically; a failure is harmless)."""
    path = record_path(site_dir, options)
    pending = path.with_name(f"{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(exist_ok=True)
        with open(pending, "wb") as handle:
            pickle.dump((RECORD_FORMAT, code_version(), record), handle, pickle.HIGHEST_PROTOCOL)
        os.replace(pending, path)
    except OSError:
        try:
            os.unlink(pending)
        except OSError:
            pass


def forget_records(cache_folder: Path) -> None:
    """Drop every record of the site: the output of some request is about to change."""
    try:
        names = os.listdir(cache_folder)
    except OSError:
        return
    for name in names:
        if name.startswith(RECORD_PREFIX):
            try:
                os.unlink(os.path.join(cache_folder, name))
            except OSError:
                pass
