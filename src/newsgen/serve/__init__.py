"""`newsgen serve`: build the site, preview it over HTTP, rebuild and live-reload on changes.

`serve()` is what the command line runs; `DevServer` is the same thing as an object that tests
and tools can start and stop in-process.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import webbrowser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from newsgen.serve.server import BuildFn, DevServer

if TYPE_CHECKING:
    from newsgen.build import BuildOptions

__all__ = ["DevServer", "serve"]


def serve(
    site_dir: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    options: BuildOptions | None = None,
    open_browser: bool = False,
    build_fn: BuildFn | None = None,
) -> int:
    """Serve until Ctrl-C or SIGTERM (exit 0); exit 2 if the address cannot be used."""
    server = DevServer(Path(site_dir), host=host, port=port, options=options, build_fn=build_fn)
    with _sigterm_as_interrupt():
        try:
            return _run(server, open_browser)
        except KeyboardInterrupt:  # at any moment, the first build included
            print("\nStopping.", file=sys.stderr)
            return 0
        finally:
            server.stop()


def _run(server: DevServer, open_browser: bool) -> int:
    try:
        server.start()
    except OSError as exc:
        where = f"{server.host}:{server.port}"
        print(f"newsgen serve: cannot listen on {where}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"Serving {server.url} (Ctrl-C to stop)", file=sys.stderr)
    if open_browser:
        webbrowser.open(server.url)
    threading.Event().wait()
    return 0  # not reached: only an interrupt ends the wait


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """Treat SIGTERM like Ctrl-C while serving, so `kill` also stops cleanly (main thread only:
    Python delivers signals there)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt_in(os.getpid()))
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt_in(owner_pid: int) -> Callable[[int, object], None]:
    """A SIGTERM handler for this process only: forked build workers inherit it, and when their
    pool terminates them they must die quietly, as with the default handler."""

    def handler(signum: int, _frame: object) -> None:
        if os.getpid() == owner_pid:
            raise KeyboardInterrupt
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    return handler
