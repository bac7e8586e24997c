"""What the benchmark scripts share: the archive cache, timed child processes, tables.

Archives are generated once per (size, seed, format) into `benchmarks/.work/` and reused while
the generator's source is unchanged. Each measured command runs in a fresh child process whose
peak RSS comes from `os.wait4`, so one run's memory never hides inside another's.
"""

from __future__ import annotations

import compileall
import hashlib
import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.generate import generate

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
WORK = BENCH_DIR / ".work"
_GENERATOR_SOURCES = ("generate.py", "_article.py", "_world.py", "_vocab.py", "_hugo_site.py")
_STAMP = ".generated"


@dataclass(frozen=True, slots=True)
class Measurement:
    """One child process: wall seconds; CPU seconds (user + system, its workers included),
    which a busy machine inflates far less than wall time; peak RSS of its largest process."""

    seconds: float
    cpu_seconds: float
    max_rss_kib: int
    exit_code: int


def generator_fingerprint() -> str:
    """Changes whenever the generator's code does, so stale cached archives are rebuilt."""
    digest = hashlib.sha256()
    for name in _GENERATOR_SOURCES:
        digest.update((BENCH_DIR / name).read_bytes())
    return digest.hexdigest()[:16]


def cached_archive(count: int, seed: int, markdown: bool = False) -> Path:
    """The site folder of a generated archive, generating it on first use."""
    kind = "md" if markdown else "txt"
    site = WORK / f"{kind}-{count}-seed{seed}"
    stamp = site / _STAMP
    fingerprint = generator_fingerprint()
    if stamp.is_file() and stamp.read_text("utf-8") == fingerprint:
        return site
    partial = WORK / f".partial-{kind}-{count}-seed{seed}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    started = time.perf_counter()
    generate(partial, count, seed, markdown)
    (partial / _STAMP).write_text(fingerprint, "utf-8")
    shutil.rmtree(site, ignore_errors=True)
    partial.rename(site)
    print(f"generated {count} {kind} articles in {time.perf_counter() - started:.1f} s", flush=True)
    return site


@dataclass(frozen=True, slots=True)
class NewsgenCode:
    """Which newsgen the builds run: the working tree, or a snapshot of one commit (stable
    while the checkout changes, and nameable in results)."""

    label: str
    root: Path  # holds src/newsgen and templates/
    env: dict[str, str] | None = None


def newsgen_code(revision: str | None) -> NewsgenCode:
    """The working tree when `revision` is None, else `src/` and `templates/` of that commit,
    extracted once into `benchmarks/.work/code-<sha>/` and put first on PYTHONPATH."""
    if revision is None:
        return NewsgenCode("working tree", REPO)
    sha = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--verify", revision + "^{commit}"],
                         check=True, capture_output=True, text=True).stdout.strip()
    root = WORK / f"code-{sha[:12]}"
    if not (root / "src" / "newsgen").is_dir():
        archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", sha, "src",
                                  "templates"], check=True, capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(root, filter="data")
    # Byte-compiled as `pip install` leaves an installed package: without it every timed run
    # (under PYTHONDONTWRITEBYTECODE) would compile newsgen's modules again, about 0.1 s.
    compileall.compile_dir(root / "src", quiet=1)
    env = dict(os.environ, PYTHONPATH=str(root / "src"))
    return NewsgenCode(f"commit {sha[:12]}", root, env)


def run_measured(command: Sequence[str], env: dict[str, str] | None = None) -> Measurement:
    """Runs `command` in a fresh child, its output discarded unless it fails."""
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    errors = child.stderr.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    child.stderr.close()
    if child.returncode != 0:
        tail = errors.decode("utf-8", "replace").strip().splitlines()[-5:]
        print(f"  ! {' '.join(command[:4])} ... exited {child.returncode}", *tail, sep="\n    ",
              file=sys.stderr)
    cpu = usage.ru_utime + usage.ru_stime
    return Measurement(seconds, cpu, usage.ru_maxrss, child.returncode)


def newsgen_command(site: Path, out: Path, clean: bool, jobs: int | None) -> list[str]:
    command = [sys.executable, "-m", "newsgen", "build", str(site), "-o", str(out), "-q"]
    if clean:
        command.append("--clean")
    if jobs:
        command += ["-j", str(jobs)]
    return command


def count_outputs(out: Path, since_ns: int = 0) -> tuple[int, int, int]:
    """(HTML pages, all files, files modified at or after `since_ns`) under `out`."""
    pages = files = fresh = 0
    for dirpath, _dirs, names in os.walk(out):
        for name in names:
            files += 1
            pages += name.endswith(".html")
            if since_ns and os.stat(os.path.join(dirpath, name)).st_mtime_ns >= since_ns:
                fresh += 1
    return pages, files, fresh


def storage_kind(path: Path) -> str:
    """`tmpfs` or `local disk`, from the mount table entry that holds `path`."""
    real = str(path.resolve())
    best, fs_type = "", "unknown"
    try:
        mounts = Path("/proc/mounts").read_text("utf-8").splitlines()
    except OSError:
        return "local disk"
    for line in mounts:
        fields = line.split()
        if len(fields) > 2 and (real == fields[1] or real.startswith(fields[1].rstrip("/") + "/")):
            if len(fields[1]) > len(best):
                best, fs_type = fields[1], fields[2]
    return "tmpfs" if fs_type in ("tmpfs", "ramfs") else "local disk"


def copy_to_tmpfs(site: Path, label: str) -> Path:
    """A copy of `site` under /dev/shm, for measuring without disk I/O."""
    target = Path("/dev/shm") / f"newsgen-bench-{os.getpid()}" / label
    shutil.rmtree(target, ignore_errors=True)
    skipped = shutil.ignore_patterns(".newsgen-cache", "build", "public")
    shutil.copytree(site, target, ignore=skipped)
    return target


def remove_tmpfs_copies() -> None:
    shutil.rmtree(Path("/dev/shm") / f"newsgen-bench-{os.getpid()}", ignore_errors=True)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table with right-aligned columns (Markdown-compatible)."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(str(c).rjust(w) for c, w in zip(cells, widths)) + " |"
    rule = "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|"
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])
