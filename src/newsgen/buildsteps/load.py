"""The per-file stage: read, parse and annotate changed files in parallel; the rest from the
cache."""

from __future__ import annotations

import gc
import hashlib
import pickle
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from newsgen.buildsteps.options import BuildOptions, Counts, Stages
from newsgen.buildsteps.parallel import parallel_map
from newsgen.cache import Cache, CachedFile, dumps, gc_paused
from newsgen.config import SiteConfig, config_fingerprint, read_settings
from newsgen.diagnostics import Diagnostic, error
from newsgen.model import Article
from newsgen.report import Reporter
from newsgen.uptodate import is_settled

_LOAD: dict[str, object] = {}  # inherited by forked workers: set before the pool starts


def load_articles(
    site_dir: Path,
    config: SiteConfig,
    files: list[str],
    cache: Cache,
    stages: Stages,
    options: BuildOptions,
    reporter: Reporter,
    counts: Counts,
    read: dict[str, CachedFile] | None = None,
    stats: dict[str, tuple[int, int]] | None = None,
) -> list[Article]:
    """Every usable article, sorted by path; unchanged files come from the cache, and those
    in `read` were read earlier in this build.

    `files` are relative to the content folder, as `discover` returns them. `stats`: their
    (mtime_ns, size) as this build already took them (the state records those), so a file is
    not stat'ed twice; a file missing there is stat'ed here.
    """
    content_root = site_dir / config.content_dir
    settings = read_settings(config)
    settings_key = cache_key(config, stages)
    taken_ns = time.time_ns()
    cached = cache.load_articles(settings_key)
    entries: dict[str, CachedFile] = {}
    todo: list[str] = []
    read = read or {}
    stats = stats or {}
    for rel in files:
        hit = cached.get(rel)
        if rel in read:
            entries[rel] = read[rel]
        elif hit is not None and _stat_matches(content_root / rel, hit, cache.taken_ns(rel),
                                               stats.get(rel)):  # fmt: skip
            entries[rel] = hit
        else:
            todo.append(rel)
    reporter.stage("read", len(todo))
    _LOAD.update(root=content_root, shown=config.content_dir, settings=settings, stages=stages,
                 cached=cached)  # fmt: skip
    batch: dict[str, CachedFile | bytes] = {}
    with gc_paused():  # once, not per file: re-enabling it per file cost seconds at 20,000
        for rel, packed in parallel_map(_load_packed, todo, options.jobs):
            entries[rel] = pickle.loads(packed)
            batch[rel] = packed  # stored as the worker pickled it, a batch at a time
            if len(batch) >= STORE_BATCH:
                cache.store_articles(settings_key, batch, taken_ns, batch, prune=False)
                batch.clear()
            reporter.advance()
    _LOAD.clear()
    removed = cached.keys() - entries.keys()
    if todo or removed or read:
        batch.update(read)
        cache.store_articles(settings_key, batch, taken_ns, [*batch, *removed])
    for rel in sorted(entries):
        if entries[rel].diagnostics:
            counts.file_diagnostics.append((rel, entries[rel].diagnostics))
            counts.diagnostics.extend(entries[rel].diagnostics)
    # The articles live until the build ends: the collector need not traverse them again and
    # again, and forked workers then share their memory pages instead of copying them.
    gc.freeze()
    return [entries[rel].article for rel in sorted(entries) if entries[rel].article is not None]


STORE_BATCH = 2000  # files read before their cache rows are written (bounds the memory held)


def cache_key(config: SiteConfig, stages: Stages) -> str:
    """What cached articles are valid for: the reading settings and the per-file stages."""
    return config_fingerprint(config, "read") + _stage_names(stages)


def _stage_names(stages: Stages) -> str:
    """Which per-file functions made the cached articles (tests swap in fakes)."""
    functions = (stages.load_article, stages.annotate_article)
    return "|".join(f"{f.__module__}.{f.__qualname__}" for f in functions)


def _stat_matches(
    path: Path, hit: CachedFile, started_ns: int, stat: tuple[int, int] | None = None
) -> bool:
    """Whether the file still has the (mtime_ns, size) it had when cached, and had it long
    enough before `started_ns` to trust it; `stat`: the file's, if already taken."""
    if stat is None:
        try:
            info = path.stat()
        except OSError:
            return False
        stat = (info.st_mtime_ns, info.st_size)
    return stat == (hit.mtime_ns, hit.size) and is_settled({"": stat}, started_ns)


def _load_packed(rel: str) -> tuple[str, bytes]:
    """`_load_one`, pickled with the cache's fast reducers (the default is slow for articles)."""
    rel, entry = _load_one(rel)
    return rel, dumps(entry)


def _load_one(rel: str) -> tuple[str, CachedFile]:
    """`read_entry` in a worker, with what `load_articles` left in `_LOAD`."""
    entry = read_entry(
        _LOAD["root"] / rel,  # type: ignore[operator]
        rel,
        _LOAD["cached"].get(rel),  # type: ignore[attr-defined]
        _LOAD["settings"],
        _LOAD["stages"],  # type: ignore[arg-type]
        str(_LOAD["shown"]),
    )
    return rel, entry


def read_entry(
    path: Path, rel: str, hit: CachedFile | None, settings: Any, stages: Stages, content_dir: str
) -> CachedFile:
    """Read, parse and annotate one file; reuse the cached article `hit` if the bytes match."""
    try:
        info = path.stat()
        data = path.read_bytes()
    except OSError as exc:
        diag = error(f"{content_dir}/{rel}", None, "read-failed", f"cannot read the file: {exc.strerror or exc}")
        return CachedFile(-1, -1, "", None, (diag,))
    digest = hashlib.sha256(data).hexdigest()
    if hit is not None and hit.sha256 == digest:
        return replace(hit, mtime_ns=info.st_mtime_ns, size=info.st_size)
    article, diagnostics = parse(rel, data, settings, stages, content_dir)
    return CachedFile(info.st_mtime_ns, info.st_size, digest, article, diagnostics)


def parse(
    rel: str, data: bytes, settings: Any, stages: Stages, content_dir: str
) -> tuple[Article | None, tuple[Diagnostic, ...]]:
    try:
        loaded = stages.load_article(rel, data, settings)
        article = loaded.article
        if article is not None:
            article = stages.annotate_article(article)
        return article, tuple(loaded.diagnostics)
    except Exception as exc:  # a bug on one odd file must not stop the archive
        message = f"newsgen failed on this file ({type(exc).__name__}: {exc})"
        shown = f"{content_dir}/{rel}"
        return None, (error(shown, None, "read-failed", message, "please report this file"),)
