"""How many processes a build may use, and whether it can fork them (shared by the index and
the build steps, which may not import each other)."""

from __future__ import annotations

import multiprocessing
import os


def worker_count(jobs: int | None) -> int:
    """`-j N`, or all cores when not given."""
    return max(1, jobs if jobs else (os.cpu_count() or 1))


def can_fork() -> bool:
    """Forked workers inherit the parent's state; where there is no fork, work runs in-process."""
    return "fork" in multiprocessing.get_all_start_methods()
