"""Times `newsgen build` on synthetic archives: cold, no change, one article edited or added,
one template edited.

    python benchmarks/build_bench.py [--sizes 2000,20000,100000] [--runs 3] [--tmpfs] [-j N]

Each size's archive is generated once into `benchmarks/.work/` (reused while the generator is
unchanged). Every build runs as `python -m newsgen build SITE -o OUT -q` in a fresh child; a run
is the six builds in order, starting from no cache and no output; the table shows medians.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._common import (
    WORK, Measurement, NewsgenCode, cached_archive, copy_to_tmpfs, count_outputs, format_table, median,
    newsgen_code, newsgen_command, remove_tmpfs_copies, run_measured, storage_kind,
)

PHASES = (
    "cold", "no change", "1 article edited", "1 headline edited", "1 article added",
    "template edited",
)  # fmt: skip
CACHE_DIR = ".newsgen-cache"
_CONTENT_BLOCK = re.compile(r"\{%-?\s*block\s+content\s*-?%\}")
_ANY_BLOCK = re.compile(r"\{%-?\s*block\s+\w+\s*-?%\}")


@dataclass(frozen=True, slots=True)
class Sample:
    """One measured build: the child's numbers, and what it left in the output folder."""

    run: Measurement
    pages: int
    written: int


def edited_template(theme_template: str, run: int) -> str:
    """The theme's article template with an HTML comment inside its first block, so every
    article page's bytes change (text outside blocks of an extending template is dropped)."""
    comment = f"<!-- benchmark template edit {run} -->\n"
    match = _CONTENT_BLOCK.search(theme_template) or _ANY_BLOCK.search(theme_template)
    if match is None:
        return theme_template + comment
    return theme_template[: match.end()] + "\n" + comment + theme_template[match.end():]


def appended_sentence(article: bytes, run: int) -> bytes:
    """The article with one sentence that names nobody added to its last paragraph. (It once
    opened with "Officials said", which the entity tagger can read as a person's name: then
    the edit adds a mention, and the benchmark measured a different kind of edit.)"""
    sentence = f" More details would be published in week {run + 2}, officials said."
    return article.rstrip(b"\n") + sentence.encode("utf-8") + b"\n"


def edited_headline(article: bytes, run: int) -> bytes:
    """The article with words added to its headline: a correction other pages show (lists,
    feeds, entity pages), which newsgen's quick path cannot take."""
    lines = article.split(b"\n")
    headline = _headline_line(lines)
    lines[headline] = lines[headline].rstrip() + f" (updated {run + 1})".encode("utf-8")
    return b"\n".join(lines)


def added_article(article: bytes, run: int) -> bytes:
    """A new article made from `article`, its headline opened with words of its own so that it
    has a page, slug and list entries of its own. An archive grows like this every day; the
    build takes the full incremental path, as for an edited headline."""
    lines = article.split(b"\n")
    headline = _headline_line(lines)
    lines[headline] = f"Later story {run + 1}: ".encode("utf-8") + lines[headline].lstrip()
    return b"\n".join(lines)


def _headline_line(lines: list[bytes]) -> int:
    """The index of the headline: the first non-blank line after any front matter."""
    start = 0
    if lines and lines[0].strip() == b"---":
        start = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() == b"---"), 0)
    return next(i for i in range(start, len(lines)) if lines[i].strip())


def _measure(code: NewsgenCode, site: Path, out: Path, clean: bool, jobs: int | None) -> Sample:
    since = time.time_ns()
    run = run_measured(newsgen_command(site, out, clean, jobs), code.env)
    pages, _files, written = count_outputs(out, since)
    return Sample(run, pages, written)


def _one_run(code: NewsgenCode, site: Path, run: int, jobs: int | None) -> dict[str, Sample]:
    """Cold build, then the five rebuilds; the site is restored afterwards."""
    out = site / "build"
    shutil.rmtree(site / CACHE_DIR, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    article = min((site / "content").rglob("*.txt"))
    original = article.read_bytes()
    templates = site / "templates"
    added = article.with_name("later-story-" + article.name)
    samples = {"cold": _measure(code, site, out, True, jobs)}
    samples["no change"] = _measure(code, site, out, False, jobs)
    try:
        article.write_bytes(appended_sentence(original, run))
        samples["1 article edited"] = _measure(code, site, out, False, jobs)
        article.write_bytes(edited_headline(original, run))
        samples["1 headline edited"] = _measure(code, site, out, False, jobs)
        added.write_bytes(added_article(original, run))
        samples["1 article added"] = _measure(code, site, out, False, jobs)
        templates.mkdir(exist_ok=True)
        theme = (code.root / "templates" / "article.html").read_text("utf-8")
        (templates / "article.html").write_text(edited_template(theme, run), "utf-8")
        samples["template edited"] = _measure(code, site, out, False, jobs)
    finally:
        article.write_bytes(original)
        added.unlink(missing_ok=True)
        shutil.rmtree(templates, ignore_errors=True)
    return samples


def _rows(size: int, runs: list[dict[str, Sample]]) -> list[list[str]]:
    rows = []
    for phase in PHASES:
        samples = [run[phase] for run in runs]
        seconds = median([s.run.seconds for s in samples])
        cpu = median([s.run.cpu_seconds for s in samples])
        pages = max(s.pages for s in samples)
        written = int(median([s.written for s in samples]))
        exits = sorted({s.run.exit_code for s in samples})
        rows.append([
            f"{size:,}", phase, f"{seconds:.2f}", f"{cpu:.2f}", f"{written:,}", f"{pages:,}",
            f"{pages / seconds:,.0f}" if phase == "cold" and seconds > 0 else "",
            f"{median([s.run.max_rss_kib for s in samples]) / 1024:,.0f}",
            ",".join(map(str, exits)),
        ])
    return rows


def bench_size(code: NewsgenCode, size: int, seed: int, runs: int, jobs: int | None,
               tmpfs: bool) -> list[list[str]]:
    site = cached_archive(size, seed)
    if tmpfs:
        site = copy_to_tmpfs(site, f"txt-{size}")
    print(f"N={size:,}: site {site}, output on {storage_kind(site)}", flush=True)
    results = []
    for run in range(runs):
        results.append(_one_run(code, site, run, jobs))
        cold = results[-1]["cold"].run.seconds
        print(f"  run {run + 1}/{runs}: cold {cold:.2f} s", flush=True)
    return _rows(size, results)


HEADERS = ("articles", "build", "wall s", "CPU s", "files written", "HTML pages", "pages/s",
           "peak RSS MiB", "exit")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,20000,100000", help="comma-separated N")
    parser.add_argument("--runs", type=int, default=3, help="runs per size (median shown)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tmpfs", action="store_true", help="copy each site to /dev/shm first")
    parser.add_argument("-j", "--jobs", type=int, default=None, help="passed to newsgen build")
    parser.add_argument("--commit", metavar="REV", help="build with newsgen as of this commit")
    args = parser.parse_args(argv)
    code = newsgen_code(args.commit)
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",") if size.strip()]
    rows: list[list[str]] = []
    try:
        for size in sizes:
            rows += bench_size(code, size, args.seed, max(args.runs, 1), args.jobs, args.tmpfs)
    finally:
        if args.tmpfs:
            remove_tmpfs_copies()
    where = "tmpfs (/dev/shm)" if args.tmpfs else storage_kind(WORK)
    print(f"\nnewsgen build ({code.label}), medians of {args.runs} run(s); "
          f"site and output on {where}")
    print(format_table(HEADERS, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
