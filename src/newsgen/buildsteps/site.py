"""The site's config with the command line's overrides, and a whole site loaded without pages."""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from newsgen.buildsteps.load import load_articles
from newsgen.buildsteps.options import BuildOptions, Counts, Stages
from newsgen.cache import Cache
from newsgen.config import SiteConfig, load_config, normalise_base_url, output_dir_problem
from newsgen.diagnostics import Diagnostic, error, has_errors
from newsgen.model import Article
from newsgen.report import ConsoleReporter

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
    counts = Counts()
    config, _ = site_config(Path(site_dir), options, counts.diagnostics)
    if has_errors(counts.diagnostics):
        return LoadedSite(config, [], None, counts.diagnostics)
    cache = Cache(Path(site_dir), reuse=not options.clean)
    files = stages.discover(Path(site_dir) / config.content_dir)
    reporter = ConsoleReporter(quiet=True)
    articles = load_articles(Path(site_dir), config, files, cache, stages, options, reporter, counts)
    gc.unfreeze()  # the caller owns the articles now
    articles = [a for a in articles if options.drafts or not a.draft]
    curation, problems = stages.load_curation(Path(site_dir))
    counts.diagnostics.extend(problems)
    resolution = stages.resolve_entities(articles, curation, config)
    return LoadedSite(config, articles, resolution, counts.diagnostics + cache.problems)
