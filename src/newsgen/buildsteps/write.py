"""Pages and output: render the pages whose fingerprint changed into a staging folder, copy
static files, swap the folder in."""

from __future__ import annotations

import functools
import gc
import hashlib
import io
import pickle
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.pool import Pool
from pathlib import Path
from typing import Any

from newsgen.buildsteps.options import BuildOptions, Counts, Stages
from newsgen.buildsteps.parallel import StartedMap, forked_pool
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
        inherited = inherited_objects(index, stages.make_plan(index, config))
        fingerprints = _render_all(plan, env, templates, staging, before, config, stages, options,
                                   reporter, counts, inherited)  # fmt: skip
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


RENDER_BATCH = 4000  # pages per batch: rendering starts once the first batch is planned, and
# the parent plans the next batch while the workers render this one; a planned page holds about
# 1 kB, so the pages in flight stay in bounded memory.


def _changed_batches(
    plan: Iterable[Any], wanted: dict[str, str], before: dict[str, str], fingerprint: Callable[[Any], str],
    diagnostics: list[Diagnostic],
) -> Iterator[list[Any]]:
    """Pages whose fingerprint differs from the last build's, in batches of RENDER_BATCH;
    records every page's."""
    batch: list[Any] = []
    for page in plan:
        if page.output_path in wanted:
            diagnostics.append(error(page.output_path, None, "output", "two pages share this path"))
            continue
        wanted[page.output_path] = fingerprint(page)
        if before.get(page.output_path) != wanted[page.output_path]:
            batch.append(page)
            if len(batch) >= RENDER_BATCH:
                yield batch
                batch = []
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
    inherited: list[object],
) -> dict[str, str]:
    """Render pages whose fingerprint changed; the fingerprints of every page now in place.
    `inherited`: what the pages refer to that the workers hold too (see `RenderWorkers`)."""
    digest = settings_digest(config, options)
    wanted: dict[str, str] = {}
    failed: list[str] = []
    reporter.stage("render")
    workers: RenderWorkers | None = None
    sent: list[tuple[list[Any], Rendering]] = []  # batches handed to the workers, in order
    try:
        # the next batch is planned while the workers render the last one
        for batch in _changed_batches(plan, wanted, before,
                                      lambda page: page_fingerprint(page, templates, digest),
                                      counts.diagnostics):  # fmt: skip
            if workers is None:
                stages.compile_templates(env)  # before the fork: workers inherit them
                workers = RenderWorkers(batch, inherited, env, staging, stages, options.jobs)
                sent.append((batch, workers.first()))
            else:
                sent.append((batch, workers.send(batch)))
            while len(sent) > 1:  # one batch queued behind the one being rendered
                _collect(*sent.pop(0), reporter, counts, failed)
        for batch, rendering in sent:
            _collect(batch, rendering, reporter, counts, failed)
    finally:
        if workers is not None:
            workers.close()
        _RENDER.clear()
    for output_path in failed:
        del wanted[output_path]
    counts.unchanged = len(wanted) - counts.written
    return wanted


Rendered = tuple[int, bool, "Diagnostic | None"]  # (page's place in its batch, written, problem)
Rendering = Iterator[Rendered]
SENT_CHUNK = 64  # pages per message to a worker


class RenderWorkers:
    """Render workers forked once per build, with the first batch of pages in their memory.

    Each fork copies the parent's memory pages as the child touches them (CPython's reference
    counts write to every object read): about 1.2 GB per worker at 100,000 articles, which
    forking afresh for every batch paid again and again. Later batches are sent pickled, and
    what they refer to that the workers already hold (the plan, the index, their items:
    `inherited`) is sent as its place in that list, not copied. A batch that cannot be
    pickled (a page made of a local function) gets freshly forked workers, as the first did.
    """

    def __init__(
        self, first: list[Any], inherited: list[object], env: Any, staging: Staging,
        stages: Stages, jobs: int | None,
    ) -> None:  # fmt: skip
        self._first = first
        self._jobs = jobs
        _RENDER.update(pages=first, env=env, staging=staging, stages=stages, inherited=inherited)
        # the plan, the index and these pages: frozen before the fork, the workers' collections
        # leave them alone (see build.py)
        gc.freeze()
        forked = forked_pool(len(first), jobs)
        self._pool, self._chunk = forked if forked else (None, 1)
        # only pages sent to workers look objects up here
        self._places = {id(obj): place for place, obj in enumerate(inherited)} if forked else {}
        self._fresh: list[StartedMap[Rendered]] = []

    def first(self) -> Rendering:
        """The first batch's results, in order: the workers read its pages from memory."""
        if self._pool is None:
            return map(_render_one, range(len(self._first)))
        return self._pool.imap(_render_one, range(len(self._first)), chunksize=self._chunk)

    def send(self, batch: list[Any]) -> Rendering:
        """A later batch's results, in order."""
        if self._pool is None:
            return (_render_page(i, page) for i, page in enumerate(batch))
        try:
            messages = [
                (start, self._pickled(batch[start : start + SENT_CHUNK]))
                for start in range(0, len(batch), SENT_CHUNK)
            ]
        except (pickle.PicklingError, AttributeError, TypeError, RecursionError):
            _RENDER["pages"] = batch
            gc.freeze()
            fresh = StartedMap(_render_one, range(len(batch)), self._jobs)
            self._fresh.append(fresh)
            # in this process, it renders now, while `_RENDER` holds this batch
            return fresh.results() if fresh.forked else iter(list(fresh.results()))
        results = self._pool.imap(_render_sent, messages)
        return (rendered for part in results for rendered in part)

    def _pickled(self, pages: list[Any]) -> bytes:
        """Pages made of `functools.partial` go as (type, path, template, fingerprint, function,
        arguments, inherited arguments' places): only their own arguments are looked up among
        the inherited objects, and the C pickler does the rest. Any other page goes whole, each
        object it holds looked up."""
        places = self._places
        packed: list[tuple[Any, ...]] = []
        others: list[tuple[int, Any]] = []
        for k, page in enumerate(pages):
            make = getattr(page, "make_context", None)
            if type(make) is functools.partial and not make.keywords and _plain_page(type(page)):
                args = make.args
                found = tuple((n, places[id(a)]) for n, a in enumerate(args) if id(a) in places)
                if found:
                    args = tuple(None if id(a) in places else a for a in args)
                packed.append((type(page), page.output_path, page.template, page.fingerprint,
                               make.func, args, found))  # fmt: skip
            else:
                others.append((k, page))
        buffer = io.BytesIO()
        pickle.dump(packed, buffer, pickle.HIGHEST_PROTOCOL)
        _PagePickler(buffer, places).dump(others)
        return buffer.getvalue()

    def close(self) -> None:
        """Stop the workers (idempotent)."""
        for fresh in self._fresh:
            fresh.close()
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


class _PagePickler(pickle.Pickler):
    """Pickles pages; what the workers inherited goes as its place in `RenderWorkers`' list."""

    def __init__(self, file: io.BytesIO, places: dict[int, int]) -> None:
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self._places = places

    def persistent_id(self, obj: object) -> int | None:
        return self._places.get(id(obj))


class _PageUnpickler(pickle.Unpickler):
    def persistent_load(self, place: int) -> object:
        return _RENDER["inherited"][place]  # type: ignore[index]


def _collect(
    batch: list[Any],
    rendering: Rendering,
    reporter: Reporter,
    counts: Counts,
    failed: list[str],
) -> None:
    """Count one batch's rendered pages as they come back; note the pages that failed."""
    for i, changed, problem in rendering:
        reporter.advance()
        counts.written += changed
        if problem is not None:
            counts.diagnostics.append(problem)
            failed.append(batch[i].output_path)


def _render_one(i: int) -> Rendered:
    """Render page `i` of the batch the worker was forked with."""
    return _render_page(i, _RENDER["pages"][i])


def _render_sent(message: tuple[int, bytes]) -> list[Rendered]:
    """Render pickled pages, the first of which is page `start` of its batch (in a worker)."""
    start, data = message
    buffer = io.BytesIO(data)
    packed = pickle.load(buffer)
    others = _PageUnpickler(buffer).load()
    inherited = _RENDER["inherited"]
    pages: list[Any] = []
    for cls, output_path, template, fingerprint, func, args, found in packed:
        if found:
            filled = list(args)
            for n, place in found:
                filled[n] = inherited[place]
            args = tuple(filled)
        pages.append(cls(output_path, template, functools.partial(func, *args), fingerprint))
    for k, page in others:
        pages.insert(k, page)
    return [_render_page(start + k, page) for k, page in enumerate(pages)]


@functools.cache
def _plain_page(cls: type) -> bool:
    """Whether `cls` is made as cls(output_path, template, make_context, fingerprint)."""
    names = tuple(getattr(cls, "__dataclass_fields__", {}))
    return names == ("output_path", "template", "make_context", "fingerprint")


def _render_page(i: int, page: Any) -> Rendered:
    """Render `page` and stage it if its bytes changed."""
    try:
        data = _RENDER["stages"].render_page(_RENDER["env"], page)
    except Exception as exc:  # one broken page must not stop the others
        message = f"rendering {page.template} failed ({type(exc).__name__}: {exc})"
        return i, False, error(page.output_path, None, "template", message)
    return i, _RENDER["staging"].write(page.output_path, data), None


def inherited_objects(index: object, plan: object) -> list[object]:
    """What planned pages may refer to that forked workers hold from the start: the index, its
    fields and their items and values (articles, entity pages: what pages are made of), and
    the plan and its fields. Not the plan's items (refs, links): no page's own arguments are
    among them, and at 20,000 articles they were 23,000 of 50,000 places kept in the parent."""
    found: list[object] = []
    for root, items in ((index, True), (plan, False)):
        if root is None:
            continue
        found.append(root)
        for name in getattr(type(root), "__dataclass_fields__", ()):
            value = getattr(root, name)
            found.append(value)
            if items and isinstance(value, (tuple, list)):
                found.extend(v for v in value if not isinstance(v, _BY_VALUE))
            elif items and isinstance(value, dict):
                found.extend(v for v in value.values() if not isinstance(v, _BY_VALUE))
    return found


_BY_VALUE = (str, int, float, type(None))  # as cheap to send as their place


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
