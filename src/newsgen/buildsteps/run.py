"""`run_build`: the build pipeline that `newsgen.build.build` runs when the output is not
already up to date: the stages in order, with their diagnostics collected.

config -> discover -> load + annotate (cached, parallel) -> entities -> index -> page plan ->
render only pages whose fingerprint changed (parallel) -> staged output -> swap. The stage
functions come in a `Stages` value so tests can run the orchestration with fakes.
"""

from __future__ import annotations

import gc
import hashlib
import os
import time
from collections.abc import Iterable
from pathlib import Path

from newsgen.buildsteps.load import load_articles
from newsgen.buildsteps.options import BuildOptions, BuildResult, Counts, Stages
from newsgen.buildsteps.quick import QuickBuild, try_quick
from newsgen.buildsteps.rows import RowsExport
from newsgen.buildsteps.site import site_config
from newsgen.buildsteps.write import write_site
from newsgen.cache import BuildState, Cache
from newsgen.config import SiteConfig, config_fingerprint
from newsgen.diagnostics import Diagnostic, has_errors
from newsgen.report import Reporter
from newsgen.uptodate import (
    FOLDER_KEYS,
    BuildInputs,
    Check,
    UpToDate,
    is_settled,
    still_stands,
    write_record,
)

# The cyclic collector's thresholds during a build (forked workers inherit them). A build makes
# millions of long-lived objects and few reference cycles; with Python's default (700, 10, 10)
# the collector ran over a thousand times in a 20,000-article build's parent and walked the
# same objects again and again: 2.4 s of a cold build's CPU time over all its processes,
# 0.3 s with these.
GC_THRESHOLDS = (50_000, 20, 20)


def run_build(
    site_dir: Path,
    options: BuildOptions,
    reporter: Reporter,
    stages: Stages,
    started: float,
    checked: Check | None,
) -> BuildResult:
    """Build the site; never raises for problems in the content or config. `checked`: what
    `build()`'s up-to-date check found, None when it did not look (tests' fake stages); when it
    did, the build leaves a record for the next identical request."""
    counts = Counts()
    config, out_dir = site_config(site_dir, options, counts.diagnostics)
    if not has_errors(counts.diagnostics):
        thresholds = gc.get_threshold()
        gc.set_threshold(*GC_THRESHOLDS)
        try:
            done = _run(site_dir, config, out_dir, options, stages, reporter, counts, checked)
        finally:
            gc.unfreeze()  # see load_articles
            gc.set_threshold(*thresholds)
        if done is not None and checked is not None:
            write_record(site_dir, options, done)
    result = BuildResult(
        counts.articles, counts.written, counts.unchanged, counts.removed,
        tuple(counts.diagnostics), time.perf_counter() - started, out_dir, options.strict,
    )  # fmt: skip
    reporter.finish(result)
    return result


def _run(
    site_dir: Path,
    config: SiteConfig,
    out_dir: Path,
    options: BuildOptions,
    stages: Stages,
    reporter: Reporter,
    counts: Counts,
    checked: Check | None,
) -> UpToDate | None:
    """The stages proper, once the config is known to be good; what the next identical request
    may take as up to date, when this build stored its state."""
    settings_diagnostics = tuple(counts.diagnostics)  # `site_config`'s: each build finds them again
    cache = Cache(site_dir, reuse=not options.clean)
    reporter.stage("discover")
    taken_ns = time.time_ns()
    state_key = _state_key(config, options, out_dir)
    previous = cache.load_state(state_key)
    where = _where(site_dir, config, previous.files, previous.themes) if previous else None
    known: dict[str, tuple[int, int]] = {}
    if checked and checked.where == where and checked.inputs is not None:  # taken a moment ago
        known, taken_ns = checked.inputs, checked.taken_ns
    elif where:
        known = where.snapshot()
    if previous and where and still_stands(previous.inputs, known, previous.started_ns, out_dir):
        counts.articles, counts.unchanged = previous.article_count, len(previous.page_fingerprints)
        counts.diagnostics.extend(previous.diagnostics)
        return _up_to_date(where, previous, out_dir, settings_diagnostics)
    quick = None
    if previous and where:
        quick = QuickBuild(site_dir, config, out_dir, options, stages, cache, state_key, previous,
                           known, taken_ns)  # fmt: skip
        state = try_quick(quick, counts)
        if state is not None:
            counts.articles = state.article_count
            cache.store_state(state_key, state)
            counts.diagnostics.extend(cache.problems)
            return _up_to_date(where, state, out_dir, settings_diagnostics)
    cache.forget_state(state_key)
    if quick and quick.discovered:
        files = quick.discovered[0]
    else:
        files = _discover(site_dir, config, stages, previous, known)
    themes = tuple(stages.theme_dirs())
    inputs = _where(site_dir, config, files, themes)
    # the stats taken above, when they cover the same inputs: taken before any file is read
    # (as the state needs), and 100,000 stats are half a second
    snapshot = known if known and inputs == where else inputs.snapshot()
    where = inputs
    articles = load_articles(site_dir, config, files, cache, stages, options, reporter, counts,
                             quick.reads if quick else None, snapshot)  # fmt: skip
    if not options.drafts:
        articles = [a for a in articles if not a.draft]
    counts.articles = len(articles)
    reporter.stage("index")
    later = len(counts.diagnostics)
    curation, problems = stages.load_curation(site_dir)
    counts.diagnostics.extend(problems)
    resolution = stages.resolve_entities(articles, curation, config)
    index, problems = stages.build_index(articles, resolution, config, options.jobs)
    # Like the articles (see load_articles), the index lives until the build ends: frozen, the
    # collector leaves it alone, in this process and in the forked render workers, whose full
    # collections would otherwise walk it and copy every memory page it touches.
    gc.freeze()
    counts.diagnostics.extend(problems)
    # The refs and site frame every page needs, made (and kept) before the rows export forks,
    # so the export's child uses them instead of making them again.
    stages.make_plan(index, config)
    rows = RowsExport(cache, state_key, stages, index, config, taken_ns)
    rows.start()
    try:
        state = write_site(site_dir, config, out_dir, index, previous, stages, options, reporter,
                           counts)  # fmt: skip
    finally:
        rows_token = rows.finish()
        stages.forget_plan()  # the plan `make_plan` kept for the page rows, and its index
    if state is not None:
        state.inputs, state.files, state.themes = snapshot, tuple(files), themes
        state.started_ns = taken_ns
        state.article_count = counts.articles
        state.file_diagnostics = tuple(counts.file_diagnostics)
        state.later_diagnostics = tuple(counts.diagnostics[later:])
        state.rows_token = rows_token
        cache.store_state(state_key, state)
    counts.diagnostics.extend(cache.problems)
    return _up_to_date(where, state, out_dir, settings_diagnostics) if state is not None else None


def _up_to_date(
    where: BuildInputs, state: BuildState, out_dir: Path, settings: tuple[Diagnostic, ...]
) -> UpToDate:
    """The record of `state` (see `newsgen.uptodate`): what a no-change build reports."""
    return UpToDate(
        where, state.inputs, state.started_ns, out_dir, state.article_count,
        len(state.page_fingerprints), settings + state.diagnostics,
    )  # fmt: skip


def _discover(
    site_dir: Path,
    config: SiteConfig,
    stages: Stages,
    previous: BuildState | None,
    known: dict[str, tuple[int, int]],
) -> list[str]:
    """The content files: the last build's list when no content folder changed (no file was
    added, removed or renamed), since discovery is slow on a big archive."""
    if previous is not None:
        now = {key: stat for key, stat in known.items() if key.startswith(FOLDER_KEYS)}
        before = {key: stat for key, stat in previous.inputs.items() if key.startswith(FOLDER_KEYS)}
        if now == before and is_settled(now, previous.started_ns):
            return list(previous.files)
    return stages.discover(site_dir / config.content_dir)


def _where(
    site_dir: Path, config: SiteConfig, files: Iterable[str], themes: Iterable[Path]
) -> BuildInputs:
    """Everything a build reads (content files and folders, settings, templates, static and
    theme files), whose stat table `BuildInputs.snapshot` takes."""
    return BuildInputs(
        site_dir / config.content_dir,
        tuple(files),
        (site_dir / "newsgen.yaml", site_dir / "entities.yaml"),
        (site_dir / config.templates_dir, site_dir / config.static_dir, *themes),
    )


def _state_key(config: SiteConfig, options: BuildOptions, out_dir: Path) -> str:
    """The output folder's digest, then the settings': the cache keeps one state per output
    folder (its files are named by the first 16 characters), and a state is used only by a build
    with the same settings. So a build with other settings into the same folder replaces the
    state, and the next build with the first settings cannot take the folder as its own."""
    folder = hashlib.sha256(os.path.realpath(out_dir).encode()).hexdigest()[:16]
    parts = (config_fingerprint(config), str(options.drafts), str(out_dir))
    return folder + hashlib.sha256("\0".join(parts).encode()).hexdigest()
