"""`newsgen serve`: build the site, preview it over HTTP, rebuild and live-reload on changes.

`serve()` is what the command line runs; `DevServer` is the same thing as an object that tests
and tools can start and stop in-process.
"""

from __future__ import annotations

import signal
import sys
import threading
import webbrowser
from pathlib import Path
from typing import Any

from newsgen.serve.server import BuildFn, DevServer

__all__ = ["DevServer", "serve"]


def serve(
    site_dir: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    options: Any = None,
    open_browser: bool = False,
    build_fn: BuildFn | None = None,
) -> int:
    """Serve until Ctrl-C (exit 0); exit 2 if the address cannot be used."""
    server = DevServer(Path(site_dir), host=host, port=port, options=options, build_fn=build_fn)
    try:
        server.start()
    except OSError as exc:
        print(
            f"newsgen serve: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr
        )
        server.stop()
        return 2
    except KeyboardInterrupt:  # Ctrl-C during the first build
        server.stop()
        return 0
    print(f"Serving {server.url} (Ctrl-C to stop)", file=sys.stderr)
    if open_browser:
        webbrowser.open(server.url)
    try:
        _wait_for_interrupt()
    except KeyboardInterrupt:
        print("\nStopping.", file=sys.stderr)
    finally:
        server.stop()
    return 0


def _wait_for_interrupt() -> None:
    """Sleep until Ctrl-C; SIGTERM is treated the same so `kill` also stops cleanly."""
    if threading.current_thread() is not threading.main_thread():
        threading.Event().wait()  # signals only reach the main thread; nothing to set up
        return
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        threading.Event().wait()
    finally:
        signal.signal(signal.SIGTERM, previous)


def _raise_interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt
