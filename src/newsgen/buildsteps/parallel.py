"""`parallel_map`: a forked process pool whose workers inherit the parent's module state."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

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
