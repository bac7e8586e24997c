"""`parallel_map`: a forked process pool whose workers inherit the parent's module state."""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.pool import Pool
from typing import Generic, TypeVar

from newsgen.forking import can_fork, worker_count

__all__ = [
    "MIN_ITEMS_PER_WORKER", "StartedMap", "can_fork", "forked_pool", "parallel_map", "worker_count",
]

T = TypeVar("T")
R = TypeVar("R")
MIN_ITEMS_PER_WORKER = 8  # below this, forking costs more than it saves


def forked_pool(count: int, jobs: int | None) -> tuple[Pool, int] | None:
    """Forked workers for `count` items, and the items to send each at a time; None when one
    process is better: one job, too few items to pay for the fork, or no fork at all."""
    workers = min(worker_count(jobs), count // MIN_ITEMS_PER_WORKER)
    if workers <= 1 or not can_fork():
        return None
    # workers collect garbage even when forked while the parent has paused its collector
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=gc.enable)
    return pool, max(1, min(64, count // (workers * 4)))


class StartedMap(Generic[R]):
    """A `map` whose pool is forked, and its work begun, when it is made: the parent can go on
    with other work (planning the next batch of pages) while the workers run."""

    def __init__(self, func: Callable[[T], R], items: Sequence[T], jobs: int | None) -> None:
        forked = forked_pool(len(items), jobs)
        self._pool: Pool | None = None
        if forked is None:
            self._results: Iterator[R] = map(func, items)  # runs as it is read
            return
        self._pool, chunk = forked
        self._results = self._pool.imap(func, items, chunksize=chunk)

    @property
    def forked(self) -> bool:
        """Whether workers run the map; if not, it runs as its results are read."""
        return self._pool is not None

    def results(self) -> Iterator[R]:
        """The results in the order of the items; the pool is closed once all are read."""
        try:
            yield from self._results
        finally:
            self.close()

    def close(self) -> None:
        """Stop the workers (idempotent)."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


def parallel_map(func: Callable[[T], R], items: Sequence[T], jobs: int | None) -> Iterator[R]:
    """`map` over a forked pool (workers inherit module state); results come back in order."""
    yield from StartedMap(func, items, jobs).results()  # closing this closes the pool
