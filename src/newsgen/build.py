"""One `build()` that runs the stages in order and collects their diagnostics.

config -> discover -> load + annotate (cached, parallel) -> entities -> index -> page plan ->
render only pages whose fingerprint changed (parallel) -> staged output -> swap. The stage
functions come in a `Stages` value so tests can run the orchestration with fakes.
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import io
import multiprocessing
import os
import pickle
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from newsgen.cache import (
    BuildState,
    Cache,
    CachedFile,
    dump,
    FOLDER_KEYS,
    folder_stats,
    gc_paused,
    input_snapshot,
    is_settled,
)
from newsgen.config import (
    SiteConfig,
    config_fingerprint,
    load_config,
    normalise_base_url,
    output_dir_problem,
    read_settings,
)
from newsgen.diagnostics import Diagnostic, error, has_errors, warning
from newsgen.model import Article
from newsgen.output import MARKER, OutputError, Staging
from newsgen.report import ConsoleReporter, Reporter

__all__ = ["BuildOptions", "BuildResult", "LoadedSite", "Stages", "build", "inspect_file", "load_site"]


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """Command-line overrides. `output_dir` is absolute or relative to the site folder."""

    output_dir: str | Path | None = None
    base_url: str | None = None
    drafts: bool = False
    strict: bool = False
    clean: bool = False
    jobs: int | None = None
    quiet: bool = False
    verbose: bool = False


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build did; `exit_code` is 1 on errors (or on warnings under `--strict`)."""

    articles: int
    pages_written: int
    pages_unchanged: int
    pages_removed: int
    diagnostics: tuple[Diagnostic, ...]
    elapsed_s: float
    output_dir: Path
    strict: bool = False

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def exit_code(self) -> int:
        if self.errors or (self.strict and self.diagnostics):
            return 1
        return 0


def _lazy(module: str, name: str) -> Callable[..., Any]:
    """A stage function imported on first call, so fakes can stand in for unwritten modules."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__module__ = module
    return call


@dataclass(frozen=True, slots=True)
class Stages:
    """The stage functions `build()` runs; tests replace some with small fakes."""

    discover: Callable[..., list[str]] = _lazy("newsgen.loader", "discover")
    load_article: Callable[..., Any] = _lazy("newsgen.loader", "load_article")
    annotate_article: Callable[[Article], Article] = _lazy("newsgen.entities", "annotate_article")
    load_curation: Callable[..., Any] = _lazy("newsgen.entities", "load_curation")
    resolve_entities: Callable[..., Any] = _lazy("newsgen.entities", "resolve_entities")
    build_index: Callable[..., Any] = _lazy("newsgen.index", "build_index")
    plan_pages: Callable[..., Iterable[Any]] = _lazy("newsgen.pages", "plan_pages")
    make_environment: Callable[..., Any] = _lazy("newsgen.render", "make_environment")
    render_page: Callable[[Any, Any], bytes] = _lazy("newsgen.render", "render_page")
    template_fingerprints: Callable[[Any], dict[str, str]] = _lazy(
        "newsgen.render", "template_fingerprints"
    )
    theme_static_files: Callable[[Path, str], dict[str, Path]] = _lazy(
        "newsgen.render", "theme_static_files"
    )
    theme_dirs: Callable[[], list[Path]] = lambda: _theme_dirs()


def _theme_dirs() -> list[Path]:
    """Folders of the shipped theme, watched by the fast path."""
    from newsgen.render import theme_dir

    return [theme_dir()]


@dataclass(slots=True)
class _Counts:
    articles: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)


def build(
    site_dir: Path,
    options: BuildOptions = BuildOptions(),
    reporter: Reporter | None = None,
    stages: Stages | None = None,
) -> BuildResult:
    """Build the site in `site_dir`; never raises for problems in the content or config."""
    started = time.perf_counter()
    reporter = reporter or ConsoleReporter(options.quiet, options.verbose)
    stages = stages or Stages()
    counts = _Counts()
    config, out_dir = site_config(Path(site_dir), options, counts.diagnostics)
    if not has_errors(counts.diagnostics):
        try:
            _run(Path(site_dir), config, out_dir, options, stages, reporter, counts)
        finally:
            gc.unfreeze()  # see load_articles
    result = BuildResult(
        counts.articles, counts.written, counts.unchanged, counts.removed,
        tuple(counts.diagnostics), time.perf_counter() - started, out_dir, options.strict,
    )  # fmt: skip
    reporter.finish(result)
    return result


def site_config(
    site_dir: Path, options: BuildOptions, diagnostics: list[Diagnostic]
) -> tuple[SiteConfig, Path]:
    """newsgen.yaml with the command line's overrides, and the resolved output folder."""
    if not site_dir.is_dir():
        diagnostics.append(error(str(site_dir), None, "config", "site folder not found"))
        return SiteConfig(), site_dir / "build"
    config, problems = load_config(site_dir)
    diagnostics.extend(problems)
    if options.base_url is not None:
        base_url = normalise_base_url(options.base_url)
        if base_url is None:
            message = f"--base-url must be an http(s) URL or a path starting with / (got {options.base_url!r})"
            diagnostics.append(error("--base-url", None, "config", message))
        else:
            config = replace(config, base_url=base_url)
    out_dir = site_dir / (options.output_dir if options.output_dir is not None else config.output_dir)
    out_dir = Path(os.path.abspath(out_dir))
    problem = _output_problem(site_dir, config, out_dir)
    if problem:
        diagnostics.append(error(str(out_dir), None, "output", problem))
    return config, out_dir


def _output_problem(site_dir: Path, config: SiteConfig, out_dir: Path) -> str | None:
    site = Path(os.path.abspath(site_dir))
    if site.is_relative_to(out_dir):
        return "the output folder must not be the site folder or contain it"
    if out_dir.is_relative_to(site):
        rel = out_dir.relative_to(site).as_posix()
        return output_dir_problem(rel, config.content_dir)
    return None


def _run(
    site_dir: Path,
    config: SiteConfig,
    out_dir: Path,
    options: BuildOptions,
    stages: Stages,
    reporter: Reporter,
    counts: _Counts,
) -> None:
    """The stages proper, once the config is known to be good."""
    cache = Cache(site_dir, enabled=not options.clean)
    reporter.stage("discover")
    taken_ns = time.time_ns()
    state_key = _state_key(config, options, out_dir)
    previous = cache.load_state(state_key)
    known = _inputs(site_dir, config, previous.files, previous.themes) if previous else {}
    if previous and _unchanged(previous, known, out_dir):
        counts.articles, counts.unchanged = previous.article_count, len(previous.page_fingerprints)
        counts.diagnostics.extend(previous.diagnostics)
        return
    cache.forget_state()
    files = _discover(site_dir, config, stages, previous, known)
    themes = tuple(stages.theme_dirs())
    snapshot = _inputs(site_dir, config, files, themes)
    articles = load_articles(site_dir, config, files, cache, stages, options, reporter, counts)
    if not options.drafts:
        articles = [a for a in articles if not a.draft]
    counts.articles = len(articles)
    reporter.stage("index")
    curation, problems = stages.load_curation(site_dir)
    counts.diagnostics.extend(problems)
    resolution = stages.resolve_entities(articles, curation, config)
    index, problems = stages.build_index(articles, resolution, config)
    counts.diagnostics.extend(problems)
    state = _write_site(site_dir, config, out_dir, index, previous, stages, options, reporter, counts)
    if state is not None:
        state.inputs, state.files, state.themes = snapshot, tuple(files), themes
        state.started_ns = taken_ns
        state.article_count = counts.articles
        state.diagnostics = tuple(counts.diagnostics)  # replayed by the fast path
        cache.store_state(state_key, state)
    counts.diagnostics.extend(cache.problems)


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


def _inputs(
    site_dir: Path, config: SiteConfig, files: Iterable[str], themes: Iterable[Path]
) -> dict[str, tuple[int, int]]:
    """The stat table of everything a build reads (content files and folders, settings, themes)."""
    content_root = site_dir / config.content_dir
    settings_files = [site_dir / "newsgen.yaml", site_dir / "entities.yaml"]
    watched = [site_dir / config.templates_dir, site_dir / config.static_dir, *themes]
    inputs = input_snapshot(content_root, files, settings_files, watched)
    inputs.update(folder_stats(content_root))
    return inputs


def _state_key(config: SiteConfig, options: BuildOptions, out_dir: Path) -> str:
    parts = (config_fingerprint(config), str(options.drafts), str(out_dir))
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _unchanged(previous: BuildState, inputs: dict[str, tuple[int, int]], out_dir: Path) -> bool:
    """The fast path: same inputs by stat, settled (not racy), and the output still ours."""
    if previous.inputs != inputs:
        return False
    return is_settled(inputs, previous.started_ns) and (out_dir / MARKER).is_file()


# ---- per-file stage ------------------------------------------------------------------------

_LOAD: dict[str, object] = {}  # inherited by forked workers: set before the pool starts


def load_articles(
    site_dir: Path,
    config: SiteConfig,
    files: list[str],
    cache: Cache,
    stages: Stages,
    options: BuildOptions,
    reporter: Reporter,
    counts: _Counts,
) -> list[Article]:
    """Every usable article, sorted by path; unchanged files come from the cache.

    `files` are relative to the content folder, as `discover` returns them.
    """
    content_root = site_dir / config.content_dir
    settings = read_settings(config)
    settings_key = config_fingerprint(config, "read") + _stage_names(stages)
    taken_ns = time.time_ns()
    cached = cache.load_articles(settings_key)
    entries: dict[str, CachedFile] = {}
    todo: list[str] = []
    for rel in files:
        hit = cached.get(rel)
        if hit is not None and _stat_matches(content_root / rel, hit, cache.taken_ns(rel)):
            entries[rel] = hit
        else:
            todo.append(rel)
    reporter.stage("read", len(todo))
    _LOAD.update(root=content_root, shown=config.content_dir, settings=settings, stages=stages,
                 cached=cached)  # fmt: skip
    with gc_paused():  # once, not per file: re-enabling it per file cost seconds at 20,000
        for rel, packed in parallel_map(_load_packed, todo, options.jobs):
            entries[rel] = pickle.loads(packed)
            reporter.advance()
    _LOAD.clear()
    removed = cached.keys() - entries.keys()
    if todo or removed:
        cache.store_articles(settings_key, entries, taken_ns, [*todo, *removed])
    for rel in sorted(entries):
        counts.diagnostics.extend(entries[rel].diagnostics)
    # The articles live until the build ends: the collector need not traverse them again and
    # again, and forked workers then share their memory pages instead of copying them.
    gc.freeze()
    return [entries[rel].article for rel in sorted(entries) if entries[rel].article is not None]


def _stage_names(stages: Stages) -> str:
    """Which per-file functions made the cached articles (tests swap in fakes)."""
    functions = (stages.load_article, stages.annotate_article)
    return "|".join(f"{f.__module__}.{f.__qualname__}" for f in functions)


def _stat_matches(path: Path, hit: CachedFile, started_ns: int) -> bool:
    try:
        info = path.stat()
    except OSError:
        return False
    same = (info.st_mtime_ns, info.st_size) == (hit.mtime_ns, hit.size)
    return same and is_settled({"": (info.st_mtime_ns, info.st_size)}, started_ns)


def _load_packed(rel: str) -> tuple[str, bytes]:
    """`_load_one`, pickled with the cache's fast reducers (the default is slow for articles)."""
    rel, entry = _load_one(rel)
    buffer = io.BytesIO()
    dump(entry, buffer)
    return rel, buffer.getvalue()


def _load_one(rel: str) -> tuple[str, CachedFile]:
    """Read, parse and annotate one file (in a worker); reuse the cached article if bytes match."""
    stages: Stages = _LOAD["stages"]  # type: ignore[assignment]
    path = _LOAD["root"] / rel  # type: ignore[operator]
    try:
        info = path.stat()
        data = path.read_bytes()
    except OSError as exc:
        shown = f"{_LOAD['shown']}/{rel}"
        diag = error(shown, None, "read-failed", f"cannot read the file: {exc.strerror or exc}")
        return rel, CachedFile(-1, -1, "", None, (diag,))
    digest = hashlib.sha256(data).hexdigest()
    hit = _LOAD["cached"].get(rel)  # type: ignore[attr-defined]
    if hit is not None and hit.sha256 == digest:
        return rel, replace(hit, mtime_ns=info.st_mtime_ns, size=info.st_size)
    article, diagnostics = _parse(rel, data, _LOAD["settings"], stages, str(_LOAD["shown"]))
    return rel, CachedFile(info.st_mtime_ns, info.st_size, digest, article, diagnostics)


def _parse(
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


# ---- parallelism ---------------------------------------------------------------------------

T = TypeVar("T")
R = TypeVar("R")
MIN_ITEMS_PER_WORKER = 8  # below this, forking costs more than it saves


def worker_count(jobs: int | None) -> int:
    return max(1, jobs if jobs else (os.cpu_count() or 1))


def parallel_map(func: Callable[[T], R], items: Sequence[T], jobs: int | None) -> Iterator[R]:
    """`map` over a forked pool (workers inherit module state); results come back in order."""
    workers = min(worker_count(jobs), len(items) // MIN_ITEMS_PER_WORKER)
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(func, items)
        return
    chunk = max(1, min(64, len(items) // (workers * 4)))
    # workers collect garbage even when forked while the parent has paused its collector
    with multiprocessing.get_context("fork").Pool(workers, initializer=gc.enable) as pool:
        yield from pool.imap(func, items, chunksize=chunk)


# ---- pages and output ----------------------------------------------------------------------

_RENDER: dict[str, Any] = {}  # inherited by forked workers: set before the pool starts


def _write_site(
    site_dir: Path,
    config: SiteConfig,
    out_dir: Path,
    index: Any,
    previous: BuildState | None,
    stages: Stages,
    options: BuildOptions,
    reporter: Reporter,
    counts: _Counts,
) -> BuildState | None:
    """Render what changed into a staging folder and swap it in; the new state, or None."""
    env = stages.make_environment(site_dir, config)
    staging = Staging(out_dir, previous.manifest if previous else None)
    try:
        staging.open()
        before = {} if staging.fresh or previous is None else previous.page_fingerprints
        plan = stages.plan_pages(index, config)
        fingerprints = _render_all(plan, env, staging, before, config, stages, options, reporter,
                                   counts)  # fmt: skip
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
                      manifest=frozenset(produced))  # fmt: skip


def page_fingerprint(page: Any, templates: dict[str, str], config_digest: str) -> str:
    """The page's own fingerprint plus its template's and the config's."""
    template = templates.get(page.template) or "|".join(sorted(templates.values()))
    parts = (page.fingerprint, template, config_digest)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


RENDER_BATCH = 4000  # pages held at once: the plan is streamed, never all in memory


def _changed_batches(
    plan: Iterable[Any], wanted: dict[str, str], before: dict[str, str], fingerprint: Callable[[Any], str],
    diagnostics: list[Diagnostic],
) -> Iterator[list[Any]]:
    """Pages whose fingerprint differs from the last build's, in batches; records every page's."""
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
    staging: Staging,
    before: dict[str, str],
    config: SiteConfig,
    stages: Stages,
    options: BuildOptions,
    reporter: Reporter,
    counts: _Counts,
) -> dict[str, str]:
    """Render pages whose fingerprint changed; the fingerprints of every page now in place."""
    templates = stages.template_fingerprints(env)
    digest = config_fingerprint(config) + f"|drafts={options.drafts}"
    wanted: dict[str, str] = {}
    failed: list[str] = []
    reporter.stage("render")
    for batch in _changed_batches(plan, wanted, before,
                                  lambda page: page_fingerprint(page, templates, digest),
                                  counts.diagnostics):  # fmt: skip
        _RENDER.update(pages=batch, env=env, staging=staging, stages=stages)
        try:
            for i, changed, problem in parallel_map(_render_one, range(len(batch)), options.jobs):
                reporter.advance()
                counts.written += changed
                if problem is not None:
                    counts.diagnostics.append(problem)
                    failed.append(batch[i].output_path)
        finally:
            _RENDER.clear()
    for output_path in failed:
        del wanted[output_path]
    counts.unchanged = len(wanted) - counts.written
    return wanted


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
    static: dict[str, Path], staging: Staging, pages: dict[str, str], counts: _Counts
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


@dataclass(frozen=True, slots=True)
class LoadedSite:
    """The articles and entity decisions of a site, without pages (for `newsgen entities`)."""

    config: SiteConfig
    articles: list[Article]
    resolution: Any | None
    diagnostics: list[Diagnostic]


def load_site(site_dir: Path, options: BuildOptions, stages: Stages | None = None) -> LoadedSite:
    """Config, articles (through the cache) and entity resolution; `resolution` None on errors."""
    stages = stages or Stages()
    counts = _Counts()
    config, _ = site_config(Path(site_dir), options, counts.diagnostics)
    if has_errors(counts.diagnostics):
        return LoadedSite(config, [], None, counts.diagnostics)
    cache = Cache(Path(site_dir), enabled=not options.clean)
    files = stages.discover(Path(site_dir) / config.content_dir)
    reporter = ConsoleReporter(quiet=True)
    articles = load_articles(Path(site_dir), config, files, cache, stages, options, reporter, counts)
    gc.unfreeze()  # the caller owns the articles now
    articles = [a for a in articles if options.drafts or not a.draft]
    curation, problems = stages.load_curation(Path(site_dir))
    counts.diagnostics.extend(problems)
    resolution = stages.resolve_entities(articles, curation, config)
    return LoadedSite(config, articles, resolution, counts.diagnostics + cache.problems)


# ---- one file ------------------------------------------------------------------------------


def find_site_root(path: Path) -> Path | None:
    """The nearest folder above `path` with a `newsgen.yaml`, or holding `path` in `content/`."""
    for parent in path.parents:
        if (parent / "newsgen.yaml").is_file():
            return parent
        if parent.name == "content" and (parent.parent / "content").is_dir():
            return parent.parent
    return None


def inspect_file(path: Path, stages: Stages | None = None) -> dict[str, Any]:
    """What newsgen reads from one file, as `newsgen.inspect.article_json` shows it.

    Inside a site the URL, `Read more` links and entities are decided with the whole archive
    (through the cache); a lone file is read with the default settings. Raises OSError when the
    file cannot be read; a file that cannot be used gives `{"article": None, "warnings": [...]}`.
    """
    from newsgen.inspect import article_json

    stages = stages or Stages()
    path = Path(os.path.abspath(path))
    site = find_site_root(path)
    config = load_config(site)[0] if site is not None else SiteConfig()
    content_root = site / config.content_dir if site is not None else path.parent
    inside = path.is_relative_to(content_root)
    rel = path.relative_to(content_root).as_posix() if inside else path.name
    data = path.read_bytes()
    article, diagnostics = _parse(rel, data, read_settings(config), stages, config.content_dir)
    if article is None:
        return {"path": rel, "article": None, "warnings": [d.format() for d in diagnostics]}
    index, indexed = _index_with_archive(article, site if inside else None, path.parent, config,
                                         stages)  # fmt: skip
    return article_json(article, _href(config, indexed.dir), _entity_counts(index, indexed),
                        list(diagnostics), _read_more_urls(config, index, indexed))  # fmt: skip


def _index_with_archive(
    article: Article, site: Path | None, article_dir: Path, config: SiteConfig, stages: Stages
) -> tuple[Any, Any]:
    """The site index with `article` among the archive's articles, and its entry there
    (a lone file uses an `entities.yaml` beside it, if any)."""
    articles = [article]
    if site is not None:
        loaded = load_site(site, BuildOptions(drafts=True, quiet=True), stages)
        if loaded.resolution is not None:
            others = [a for a in loaded.articles if a.source.path != article.source.path]
            articles = sorted([*others, article], key=lambda a: a.source.path)
    curation, _ = stages.load_curation(site if site is not None else article_dir)
    resolution = stages.resolve_entities(articles, curation, config)
    index, _ = stages.build_index(articles, resolution, config)
    indexed = next(a for a in index.articles if a.article.source.path == article.source.path)
    return index, indexed


def _href(config: SiteConfig, dir_path: str) -> str:
    from newsgen.urls import UrlScheme

    return UrlScheme(config).href(dir_path)


def _entity_counts(index: Any, indexed: Any) -> list[dict[str, Any]]:
    """The article's entities with how often each is mentioned in it."""
    counts: dict[int, int] = {}
    for mention in indexed.article.mentions:
        entity_id = indexed.entity_names.get(mention.name)
        if entity_id is not None:
            counts[entity_id] = counts.get(entity_id, 0) + 1
    entities = [index.entities[i] for i in indexed.entity_ids]
    return [{"name": e.name, "type": e.kind, "count": counts.get(e.id, 0)} for e in entities]


def _read_more_urls(config: SiteConfig, index: Any, indexed: Any) -> list[str | None]:
    return [
        None if link.target is None else _href(config, index.articles[link.target].dir)
        for link in indexed.read_more
    ]
