"""`parallel_map`: a forked process pool whose workers inherit the parent's module state."""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.pool import Pool
from typing import Generic, TypeVar

from newsgen.forking import can_fork, worker_count

__all__ = ["MIN_ITEMS_PER_WORKER", "StartedMap", "can_fork", "parallel_map", "worker_count"]

T = TypeVar("T")
R = TypeVar("R")
MIN_ITEMS_PER_WORKER = 8  # below this, forking costs more than it saves


class StartedMap(Generic[R]):
    """A `map` whose pool is forked, and its work begun, when it is made: the parent can go on
    with other work (planning the next batch of pages) while the workers run."""

    def __init__(self, func: Callable[[T], R], items: Sequence[T], jobs: int | None) -> None:
        workers = min(worker_count(jobs), len(items) // MIN_ITEMS_PER_WORKER)
        self._pool: Pool | None = None
        if workers <= 1 or not can_fork():
            self._results: Iterator[R] = map(func, items)  # runs as it is read
            return
        chunk = max(1, min(64, len(items) // (workers * 4)))
        # workers collect garbage even when forked while the parent has paused its collector
        self._pool = multiprocessing.get_context("fork").Pool(workers, initializer=gc.enable)
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
