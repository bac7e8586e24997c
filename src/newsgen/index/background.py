"""`Background`: one index computation in a forked child while the parent does another.

Related articles and entity pages are the two costliest passes of the index (seconds each at
100,000 articles) and need nothing from each other, so on two cores they can run side by side.
The child inherits the arguments through fork, so only the result is pickled.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, Generic, TypeVar

from newsgen.forking import can_fork, worker_count

R = TypeVar("R")
_ARGS: list[tuple[Callable[..., Any], tuple[Any, ...]]] = []  # what a forked child runs


def _run_inherited() -> Any:
    func, args = _ARGS[0]
    return func(*args)


class Background(Generic[R]):
    """`func(*args)`, begun in a forked child when `forked`, else run by `result()`."""

    def __init__(self, func: Callable[..., R], args: tuple[Any, ...], forked: bool) -> None:
        self._func, self._args = func, args
        self._pool: Pool | None = None
        self._pending: AsyncResult[R] | None = None
        if forked and can_fork():
            _ARGS[:] = [(func, args)]
            try:
                self._pool = multiprocessing.get_context("fork").Pool(1)
                self._pending = self._pool.apply_async(_run_inherited)
            finally:
                _ARGS.clear()  # the child has its copy

    def result(self) -> R:
        if self._pool is None or self._pending is None:
            return self._func(*self._args)
        try:
            return self._pending.get()
        finally:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


def worth_forking(jobs: int | None, items: int) -> bool:
    """Two cores or more, allowed by `-j`, and enough articles to pay for a fork."""
    return worker_count(jobs) > 1 and items >= FORK_FROM


FORK_FROM = 5000  # articles; below this both passes take well under a second
