"""Writes a synthetic news archive of N articles: newsgen plain text, or Markdown for Hugo.

    python benchmarks/generate.py OUT_DIR --articles N [--seed S] [--markdown] [--jobs J]

The same seed gives the same archive byte for byte, whatever the number of jobs: every article
draws from its own random stream, seeded by the archive seed and its index.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import _vocab as v
from benchmarks._article import Doc, Plan, plan_article, write_article
from benchmarks._hugo_site import write_hugo_site
from benchmarks._world import World, make_world

__all__ = ["Archive", "generate", "plan_archive", "render_markdown", "render_text"]

PARALLEL_FROM = 2000  # below this many articles, one process is faster than a pool
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Archive:
    """What `generate` wrote: the site folder, and every article's plan (titles, dates...)."""

    site: Path
    plans: tuple[Plan, ...]
    markdown: bool


def plan_archive(count: int, seed: int, world: World, jobs: int = 1) -> list[Plan]:
    """Every article's plan, with archive-unique slugs and `Read more` targets decided."""
    global _JOB
    _JOB = _Job(seed, world)
    try:
        drafts = [plan for chunk in _map_ranges(_plan_range, count, jobs) for plan in chunk]
    finally:
        _JOB = None
    links = random.Random(f"links:{seed}")
    seen: set[str] = set()
    plans = []
    for plan in drafts:
        slug, suffix = plan.slug, 2
        while slug in seen:
            slug, suffix = f"{plan.slug}-{suffix}", suffix + 1
        seen.add(slug)
        target = links.randrange(count) if links.random() < 0.25 else plan.index
        plans.append(replace(plan, slug=slug, read_more=None if target == plan.index else target))
    return plans


def text_path(plan: Plan) -> str:
    """`<section>/2019-04-16-slug.txt` when the date is in the path; `<section>/2019/slug.txt`
    when a wire dateline (which has no year) gives the day; else `<section>/slug.txt`."""
    if plan.date_mode == "path":
        return f"{plan.section}/{plan.date.isoformat()}-{plan.slug}.txt"
    if plan.date_mode == "dateline":
        return f"{plan.section}/{plan.date.year}/{plan.slug}.txt"
    return f"{plan.section}/{plan.slug}.txt"


def markdown_path(plan: Plan) -> str:
    return f"{plan.section}/{plan.date.isoformat()}-{plan.slug}.md"


def article_url(plan: Plan) -> str:
    """The path newsgen's default URL scheme and our Hugo permalinks give an article."""
    return f"/{plan.date:%Y/%m/%d}/{plan.slug}/"


def render_text(plan: Plan, doc: Doc, read_more: Plan | None) -> str:
    """newsgen's plain-text format: headline, standfirst, `-`, caption (credit), body lines."""
    head = ""
    if plan.tags:
        head = "---\ntags: [" + ", ".join(json.dumps(t) for t in plan.tags) + "]\n---\n"
    lines = [plan.title, *doc.standfirst, "-", f"{doc.caption} ({doc.credit})"]
    body = [text if kind != "r" else f"Read more: {text}" for kind, text in doc.blocks]
    separator = "\n\n" if plan.blank_lines else "\n"
    return head + "\n".join(lines) + separator + separator.join(body) + "\n"


def _yaml_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(json.dumps(value) for value in values) + "]"


def render_markdown(plan: Plan, doc: Doc, read_more: Plan | None) -> str:
    """Markdown with YAML front matter; entities as the taxonomies people/organizations/places."""
    front = [
        "---",
        f"title: {json.dumps(plan.title)}",
        f"date: {plan.date.isoformat()}",
        f"section: {plan.section}",
        f"slug: {plan.slug}",
        f"description: {json.dumps(' '.join(doc.standfirst))}",
        f"caption: {json.dumps(doc.caption)}",
        f"credit: {json.dumps(doc.credit)}",
        f"tags: {_yaml_list(plan.tags)}",
        f"people: {_yaml_list(doc.people)}",
        f"organizations: {_yaml_list(doc.orgs)}",
        f"places: {_yaml_list(doc.places)}",
        "---",
        "",
    ]
    body = []
    for kind, text in doc.blocks:
        if kind == "h":
            body.append(f"## {text}")
        elif kind == "p":
            body.append(text)
        elif read_more is not None:
            body.append(f"Read more: [{read_more.title}]({article_url(read_more)})")
    return "\n".join(front) + "\n\n".join(body) + "\n"


@dataclass(frozen=True, slots=True)
class _Job:
    """What worker processes need; set before forking, so it is shared rather than pickled."""

    seed: int
    world: World
    plans: list[Plan] | None = None
    content: Path | None = None
    markdown: bool = False


_JOB: _Job | None = None


def _plan_range(bounds: tuple[int, int]) -> list[Plan]:
    assert _JOB is not None
    return [plan_article(index, _JOB.seed, _JOB.world) for index in range(*bounds)]


def _write_range(bounds: tuple[int, int]) -> int:
    assert _JOB is not None and _JOB.plans is not None and _JOB.content is not None
    plans, content = _JOB.plans, _JOB.content
    markdown = _JOB.markdown
    render, path_of = (render_markdown, markdown_path) if markdown else (render_text, text_path)
    for plan in plans[bounds[0]:bounds[1]]:
        target = plans[plan.read_more] if plan.read_more is not None else None
        doc = write_article(plan, _JOB.seed, _JOB.world, target.title if target else None)
        (content / path_of(plan)).write_bytes(render(plan, doc, target).encode("utf-8"))
    return bounds[1] - bounds[0]


def _map_ranges(work: Callable[[tuple[int, int]], T], count: int, jobs: int) -> Iterator[T]:
    """`work` over consecutive index ranges covering `count`, in order, forked when worth it."""
    if jobs <= 1 or count < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        yield work((0, count))
        return
    step = max(count // (jobs * 8), 1)
    chunks = [(start, min(start + step, count)) for start in range(0, count, step)]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap(work, chunks)


def generate(out_dir: Path, count: int, seed: int = 1, markdown: bool = False,
             jobs: int | None = None) -> Archive:
    """Writes the archive into `out_dir` (whose `content/` must not exist yet)."""
    global _JOB
    content = out_dir / "content"
    if content.exists():
        raise FileExistsError(f"{content} already exists; remove it or pass --force")
    jobs = jobs or os.cpu_count() or 1
    world = make_world(seed)
    plans = plan_archive(count, seed, world, jobs)
    path_of = markdown_path if markdown else text_path
    for folder in {path_of(plan).rpartition("/")[0] for plan in plans}:
        (content / folder).mkdir(parents=True, exist_ok=True)
    title = f"Synthetic archive: {count} articles, seed {seed}"
    if markdown:
        write_hugo_site(out_dir, title, v.SECTIONS)
    else:
        (out_dir / "newsgen.yaml").write_text(f"title: {json.dumps(title)}\n", encoding="utf-8")
    _JOB = _Job(seed, world, plans, content, markdown)
    try:
        for _written in _map_ranges(_write_range, count, jobs):
            pass
    finally:
        _JOB = None
    return Archive(out_dir, tuple(plans), markdown)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="site folder to write content/ into")
    parser.add_argument("--articles", type=int, required=True, help="number of articles")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--markdown", action="store_true", help="Markdown + a Hugo site")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes")
    parser.add_argument("--force", action="store_true", help="replace an existing content/")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    if args.force and (args.out_dir / "content").exists():
        shutil.rmtree(args.out_dir / "content")
    try:
        archive = generate(args.out_dir, args.articles, args.seed, args.markdown, args.jobs)
    except FileExistsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    kind = "Markdown (Hugo)" if archive.markdown else "plain-text"
    print(f"wrote {len(archive.plans)} {kind} articles to {archive.site / 'content'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
