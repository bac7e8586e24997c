"""The quick path: an edit that only touches articles' own pages re-renders just those pages.

Taken when, since the last build, only content files changed (none added, removed or renamed;
no template, static file or setting changed) and each changed article's `shared_view` is what
it was: then the entity resolution, the site index and every other page are unchanged, so the
last build's page rows (`pagestore`) and page fingerprints stand, and only the changed
articles' pages are rendered (and their cache rows written). Otherwise (or on anything unexpected) the full build runs; both
produce the same bytes, which the incremental tests check after random edits.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgen.buildsteps.load import cache_key, read_entry
from newsgen.buildsteps.options import BuildOptions, Counts, Stages
from newsgen.buildsteps.write import compiled_templates, page_fingerprint, settings_digest
from newsgen.cache import BuildState, Cache, CachedFile
from newsgen.config import SiteConfig, read_settings
from newsgen.output import MARKER, OutputError, Staging
from newsgen.pagestore import RowReader
from newsgen.uptodate import FOLDER_KEYS, RACY_NS

QUICK_LIMIT = 50  # more changed files than this: the full build is as quick


@dataclass(frozen=True, slots=True)
class QuickBuild:
    """Where a build stands: the site, its settings, and what the last build left."""

    site_dir: Path
    config: SiteConfig
    out_dir: Path
    options: BuildOptions
    stages: Stages
    cache: Cache
    state_key: str
    previous: BuildState
    inputs: dict[str, tuple[int, int]]  # the last build's inputs, stat'ed now
    taken_ns: int
    reads: dict[str, CachedFile] = dataclasses.field(default_factory=dict)  # files read here,
    # so a full build after all need not read them again
    discovered: list[list[str]] = dataclasses.field(default_factory=list)  # likewise


def changed_content(
    previous: BuildState, inputs: dict[str, tuple[int, int]]
) -> tuple[list[str], bool] | None:
    """Content files that may have changed since `previous` (stat differs, or too recent to
    trust), and whether a content folder may have (a file added, removed or renamed, or one
    saved by renaming a new copy over it); None when anything else may have changed: a
    setting, template, static or theme file."""
    if inputs.keys() != previous.inputs.keys():
        return None
    limit = previous.started_ns - RACY_NS
    changed, folders = [], False
    for key, stat in inputs.items():
        if stat == previous.inputs[key] and stat[0] < limit:
            continue
        if key.startswith(FOLDER_KEYS):
            folders = True
        elif key.startswith(":"):
            return None
        else:
            changed.append(key)
    return sorted(changed), folders


def try_quick(quick: QuickBuild, counts: Counts) -> BuildState | None:
    """Do the build the quick way if it can be; the new state, or None (nothing was done)."""
    previous, options = quick.previous, quick.options
    if options.strict or not previous.rows_token:
        return None
    if not (quick.out_dir / MARKER).is_file():
        return None
    found = changed_content(previous, quick.inputs)
    if found is None or len(found[0]) > QUICK_LIMIT:
        return None
    changed, folders = found
    if folders:  # the same files still there? (discovery is much cheaper than a full build)
        content_root = quick.site_dir / quick.config.content_dir
        quick.discovered.append(quick.stages.discover(content_root))
        if quick.discovered[0] != list(previous.files):
            return None
    reader: RowReader | None = None
    try:
        reader = RowReader(quick.cache.rows_path(quick.state_key), previous.rows_token)
        return _quick(quick, counts, changed, reader) if reader.usable else None
    except Exception:  # a damaged cache or anything unforeseen: the full build decides
        return None
    finally:
        if reader is not None:
            reader.close()


def _quick(quick: QuickBuild, counts: Counts, changed: list[str], reader: RowReader) -> BuildState | None:
    config, stages, cache = quick.config, quick.stages, quick.cache
    settings_key = cache_key(config, stages)
    cached = cache.load_files(settings_key, changed)
    settings = read_settings(config)
    content_root = quick.site_dir / config.content_dir
    entries: dict[str, CachedFile] = {}
    pages: list[Any] = []
    for rel in changed:
        old = cached.get(rel)
        if old is None or old.article is None:
            return None
        entry = read_entry(content_root / rel, rel, old, settings, stages, config.content_dir)
        quick.reads[rel] = entries[rel] = entry
        if entry.article is None:
            return None
        if entry.sha256 == old.sha256:
            continue
        if stages.shared_view(entry.article) != stages.shared_view(old.article):
            return None
        if entry.article.draft and not quick.options.drafts:
            continue
        found = stages.lone_article_pages(reader.fetch, entry.article, config)
        if found is None:
            return None
        pages.extend(found)
    rendered = _render(quick, pages)
    if rendered is None:
        return None
    fingerprints = dict(quick.previous.page_fingerprints)
    fingerprints.update((path, fingerprint) for path, fingerprint, _data in rendered)
    cache.forget_state(quick.state_key)
    if not _apply(quick, rendered, counts):
        return None
    cache.store_articles(settings_key, entries, quick.taken_ns, entries, prune=False)  # type: ignore[arg-type]
    counts.unchanged = len(fingerprints) - counts.written
    return _state(quick, fingerprints, entries, counts)


def _render(quick: QuickBuild, pages: list[Any]) -> list[tuple[str, str, bytes]] | None:
    """(output path, fingerprint, bytes) of the pages whose fingerprint changed."""
    if not pages:
        return []
    env = quick.stages.make_environment(quick.site_dir, quick.config,
                                        compiled_templates(quick.site_dir, quick.options))  # fmt: skip
    # the quick path runs only when no template changed: the last build's fingerprints hold
    templates = quick.previous.template_prints or quick.stages.template_fingerprints(env)
    digest = settings_digest(quick.config, quick.options)
    rendered = []
    for page in pages:
        before = quick.previous.page_fingerprints.get(page.output_path)
        if before is None:
            return None
        fingerprint = page_fingerprint(page, templates, digest)
        if fingerprint != before:  # a render error makes the full build report it
            rendered.append((page.output_path, fingerprint, quick.stages.render_page(env, page)))
    return rendered


def _apply(quick: QuickBuild, rendered: list[tuple[str, str, bytes]], counts: Counts) -> bool:
    """Write the changed pages through a staging folder; the output's other files stay."""
    staging = Staging(quick.out_dir, quick.previous.manifest)
    try:
        staging.open()
        if staging.fresh:
            return False
        for path, _fingerprint, data in rendered:
            counts.written += staging.write(path, data)
        staging.commit(set(quick.previous.manifest))
    except (OSError, OutputError):
        return False
    finally:
        staging.abort()
    return True


def _state(
    quick: QuickBuild, fingerprints: dict[str, str], entries: dict[str, CachedFile], counts: Counts
) -> BuildState:
    """The last state with this build's stats, fingerprints and the files' new diagnostics."""
    by_file = dict(quick.previous.file_diagnostics)
    for rel, entry in entries.items():
        by_file[rel] = entry.diagnostics
    state = dataclasses.replace(
        quick.previous,
        inputs=quick.inputs,
        page_fingerprints=fingerprints,
        started_ns=quick.taken_ns,
        file_diagnostics=tuple((rel, by_file[rel]) for rel in sorted(by_file) if by_file[rel]),
    )
    counts.diagnostics.extend(state.diagnostics)
    return state
