"""Pages and output: render the pages whose fingerprint changed into a staging folder, copy
static files, swap the folder in."""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from newsgen.buildsteps.options import BuildOptions, Counts, Stages
from newsgen.buildsteps.parallel import StartedMap
from newsgen.cache import BuildState
from newsgen.config import SiteConfig, config_fingerprint
from newsgen.diagnostics import Diagnostic, error, warning
from newsgen.output import MARKER, OutputError, Staging
from newsgen.report import Reporter
from newsgen.uptodate import CACHE_DIR

_RENDER: dict[str, Any] = {}  # inherited by forked workers: set before the pool starts


def write_site(
    site_dir: Path,
    config: SiteConfig,
    out_dir: Path,
    index: Any,
    previous: BuildState | None,
    stages: Stages,
    options: BuildOptions,
    reporter: Reporter,
    counts: Counts,
) -> BuildState | None:
    """Render what changed into a staging folder and swap it in; the new state, or None."""
    env = stages.make_environment(site_dir, config, compiled_templates(site_dir, options))
    staging = Staging(out_dir, previous.manifest if previous else None)
    try:
        staging.open()
        before = {} if staging.fresh or previous is None else previous.page_fingerprints
        plan = stages.plan_pages(index, config)
        templates = stages.template_fingerprints(env)
        fingerprints = _render_all(plan, env, templates, staging, before, config, stages, options,
                                   reporter, counts)  # fmt: skip
        static = stages.theme_static_files(site_dir, config.static_dir)
        produced = set(fingerprints) | _copy_static(static, staging, fingerprints, counts)
        if options.strict and counts.diagnostics:
            return None
        counts.removed = staging.commit(produced)
    except (OSError, OutputError) as exc:
        counts.diagnostics.append(error(str(out_dir), None, "output", str(exc)))
        return None
    finally:
        staging.abort()
    return BuildState(output_dir=str(out_dir), page_fingerprints=fingerprints,
                      manifest=frozenset(produced), template_prints=templates)  # fmt: skip


def compiled_templates(site_dir: Path, options: BuildOptions) -> Path | None:
    """Where compiled templates are kept between builds (not read under `--clean`)."""
    return None if options.clean else site_dir / CACHE_DIR / "templates"


def settings_digest(config: SiteConfig, options: BuildOptions) -> str:
    """The part of every page fingerprint that the settings give."""
    return config_fingerprint(config) + f"|drafts={options.drafts}"


def page_fingerprint(page: Any, templates: dict[str, str], config_digest: str) -> str:
    """The page's own fingerprint plus its template's and the config's."""
    template = templates.get(page.template) or "|".join(sorted(templates.values()))
    parts = (page.fingerprint, template, config_digest)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


RENDER_BATCH = 4000  # the first batch's pages: rendering starts once these are planned
# Each batch forks fresh workers, which render again the fragments (`once`: site frame, list
# entries) their predecessors had and copy every memory page of the parent they touch: about
# 1.2 GB per worker per batch at 100,000 articles. So batches grow, each BATCH_GROWTH times the
# last, and the parent plans the next while the workers render this one: a 100,000-article build
# forks 5 times, not 10 as with batches of 16,000. Growing 8 times forked only 4 times there, but
# at 20,000 articles the workers then waited while the parent planned 28,000 pages after the
# first 4,000. A planned page holds about 1 kB: MAX_BATCH keeps the plan in bounded memory.
BATCH_GROWTH = 4
MAX_BATCH = 64_000


def _changed_batches(
    plan: Iterable[Any], wanted: dict[str, str], before: dict[str, str], fingerprint: Callable[[Any], str],
    diagnostics: list[Diagnostic],
) -> Iterator[list[Any]]:
    """Pages whose fingerprint differs from the last build's, in growing batches; records every
    page's."""
    batch: list[Any] = []
    size = RENDER_BATCH
    for page in plan:
        if page.output_path in wanted:
            diagnostics.append(error(page.output_path, None, "output", "two pages share this path"))
            continue
        wanted[page.output_path] = fingerprint(page)
        if before.get(page.output_path) != wanted[page.output_path]:
            batch.append(page)
            if len(batch) >= size:
                yield batch
                batch, size = [], min(size * BATCH_GROWTH, MAX_BATCH)
    if batch:
        yield batch


def _render_all(
    plan: Iterable[Any],
    env: Any,
    templates: dict[str, str],
    staging: Staging,
    before: dict[str, str],
    config: SiteConfig,
    stages: Stages,
    options: BuildOptions,
    reporter: Reporter,
    counts: Counts,
) -> dict[str, str]:
    """Render pages whose fingerprint changed; the fingerprints of every page now in place."""
    digest = settings_digest(config, options)
    wanted: dict[str, str] = {}
    failed: list[str] = []
    reporter.stage("render")
    running: tuple[list[Any], StartedMap[tuple[int, bool, Diagnostic | None]]] | None = None
    try:
        # the next batch is planned while the workers render the last one
        for batch in _changed_batches(plan, wanted, before,
                                      lambda page: page_fingerprint(page, templates, digest),
                                      counts.diagnostics):  # fmt: skip
            if running is None:
                stages.compile_templates(env)  # before the first fork: workers inherit them
            else:
                _collect(*running, reporter, counts, failed)
            _RENDER.update(pages=batch, env=env, staging=staging, stages=stages)
            # the plan and these pages, like the index (see build.py): frozen before the fork,
            # the workers' collections leave them alone
            gc.freeze()
            running = (batch, StartedMap(_render_one, range(len(batch)), options.jobs))
        if running is not None:
            _collect(*running, reporter, counts, failed)
    finally:
        if running is not None:
            running[1].close()
        _RENDER.clear()
    for output_path in failed:
        del wanted[output_path]
    counts.unchanged = len(wanted) - counts.written
    return wanted


def _collect(
    batch: list[Any],
    started: StartedMap[tuple[int, bool, Diagnostic | None]],
    reporter: Reporter,
    counts: Counts,
    failed: list[str],
) -> None:
    """Count one batch's rendered pages as they come back; note the pages that failed."""
    for i, changed, problem in started.results():
        reporter.advance()
        counts.written += changed
        if problem is not None:
            counts.diagnostics.append(problem)
            failed.append(batch[i].output_path)


def _render_one(i: int) -> tuple[int, bool, Diagnostic | None]:
    """Render page `i` and stage it if its bytes changed (in a worker)."""
    page = _RENDER["pages"][i]
    try:
        data = _RENDER["stages"].render_page(_RENDER["env"], page)
    except Exception as exc:  # one broken page must not stop the others
        message = f"rendering {page.template} failed ({type(exc).__name__}: {exc})"
        return i, False, error(page.output_path, None, "template", message)
    return i, _RENDER["staging"].write(page.output_path, data), None


def _copy_static(
    static: dict[str, Path], staging: Staging, pages: dict[str, str], counts: Counts
) -> set[str]:
    """Theme and site static files (the site's win); a page's path beats a static file's."""
    copied: set[str] = set()
    for rel, source in sorted(static.items()):
        if rel in pages or rel == MARKER:
            counts.diagnostics.append(
                warning(rel, None, "output", "a static file has the path of a page; skipped")
            )
            continue
        staging.copy(rel, source)
        copied.add(rel)
    return copied
