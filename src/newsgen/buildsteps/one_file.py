"""`inspect_file`: what newsgen reads from one file, with the archive around it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from newsgen.buildsteps.load import parse
from newsgen.buildsteps.options import BuildOptions, Stages
from newsgen.buildsteps.site import load_site
from newsgen.config import SiteConfig, load_config, read_settings
from newsgen.model import Article

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
    article, diagnostics = parse(rel, data, read_settings(config), stages, config.content_dir)
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
