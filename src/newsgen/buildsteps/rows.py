"""Export the page rows the quick path reads, in a forked process while the pages render.

The export is a second pass over the whole plan (about a second per 20,000 articles) that no
page waits for, so it runs beside the render workers instead of after them.
"""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing.process import BaseProcess
from pathlib import Path

from newsgen.buildsteps.options import Stages
from newsgen.buildsteps.parallel import can_fork
from newsgen.cache import Cache
from newsgen.config import SiteConfig
from newsgen.pagestore import write_rows


class RowsExport:
    """`start()` begins writing the rows file; `finish()` waits and gives its token ("" when
    no rows were written: the next build is then a full one)."""

    def __init__(
        self, cache: Cache, state_key: str, stages: Stages, index: object, config: SiteConfig, taken_ns: int
    ) -> None:
        self.path = cache.rows_path(state_key)
        self.token = f"{taken_ns}-{os.getpid()}"
        self._cache, self._stages, self._index, self._config = cache, stages, index, config
        self._process: BaseProcess | None = None
        self._done: bool | None = None

    def start(self) -> None:
        if not self._cache.enabled:
            self._done = False
        elif can_fork():
            self._process = multiprocessing.get_context("fork").Process(target=self._child, daemon=True)
            self._process.start()

    def finish(self) -> str:
        if self._done is None and self._process is not None:
            self._process.join()
            self._done = self._process.exitcode == 0
        elif self._done is None:  # no fork: write them now
            self._done = self._write()
        if not self._done:
            self.path.unlink(missing_ok=True)
        return self.token if self._done else ""

    def _child(self) -> None:
        os._exit(0 if self._write() else 1)

    def _write(self) -> bool:
        try:
            self._cache.folder.mkdir(exist_ok=True)
            write_rows(self.path, self.token, self._stages.plan_tables(self._index, self._config))
        except Exception:  # rows only speed up the next build: without them it is a full one
            return False
        return True
