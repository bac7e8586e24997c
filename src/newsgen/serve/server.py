"""`DevServer`: build once, serve the output, rebuild on changes and tell open pages.

Three kinds of threads: the HTTP server's, the watchers', and one rebuild thread, so builds
never overlap and a slow build never blocks a request for the last good site.
"""

from __future__ import annotations

import dataclasses
import queue
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from newsgen.serve.files import normalize_base_path
from newsgen.serve.handler import DevHTTPServer, Mount
from newsgen.serve.state import LiveState, Status
from newsgen.serve.watch import Watcher, WatchPlan, make_plan

if TYPE_CHECKING:
    from newsgen.build import BuildOptions

BuildFn = Callable[..., Any]
QUIET_PERIOD = 0.1  # seconds without news before a rebuild starts: one build per burst of saves


class DevServer:
    """The dev server as an object: `start()`, `stop()`, `.url`; usable as a context manager."""

    def __init__(
        self,
        site_dir: Path,
        host: str = "127.0.0.1",
        port: int = 8000,
        options: BuildOptions | None = None,
        build_fn: BuildFn | None = None,
        watch: bool = True,
        out: TextIO | None = None,
    ) -> None:
        self.site_dir = Path(site_dir).resolve()
        self.host = host
        self._requested_port = port
        self.options = options if options is not None else _default_options()
        self.build_fn = build_fn if build_fn is not None else _default_build()
        self.state = LiveState()
        self._watch = watch
        self._out = out if out is not None else sys.stderr
        self._changes: queue.Queue[set[Path] | None] = queue.Queue()
        self._httpd: DevHTTPServer | None = None
        self._watcher: Watcher | None = None
        self._threads: list[threading.Thread] = []
        self._build_lock = threading.Lock()

    @property
    def port(self) -> int:
        return self._httpd.server_address[1] if self._httpd else self._requested_port

    @property
    def base_path(self) -> str:
        return self._httpd.mount.base_path if self._httpd else "/"

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{self.base_path}"

    @property
    def output_dir(self) -> Path:
        assert self._httpd is not None, "start() first"
        return self._httpd.mount.output_dir

    def start(self) -> None:
        """Bind (fails fast if the port is taken), build once, then serve and watch."""
        httpd = DevHTTPServer((self.host, self._requested_port), self._guess_mount(), self.state)
        self._httpd = httpd
        if self._watch:  # before the first build, so edits made during it are not lost
            self._watcher = Watcher(self._watch_plan(), self._changes.put)
            self._watcher.start()
        self.rebuild(first=True)
        self._spawn("http", lambda: httpd.serve_forever(poll_interval=0.1))
        self._spawn("rebuild", self._rebuild_loop)

    def stop(self) -> None:
        """Stop watching, release the event streams, close the socket; safe to call twice."""
        if self._watcher is not None:
            self._watcher.stop()
        self.state.close()
        self._changes.put(None)
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads.clear()

    def __enter__(self) -> DevServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def rebuild(self, first: bool = False, changed: set[Path] | None = None) -> Status:
        """Run one build now; on success point the server at its output; report either way.

        `changed` are the source files that prompted it: when all are stylesheets, open pages
        swap their stylesheets instead of reloading.
        """
        with self._build_lock:  # never two builds writing the same output folder
            styles_only = bool(changed) and all(p.suffix.lower() == ".css" for p in changed or ())
            return self._rebuild(first, styles_only)

    def _rebuild(self, first: bool, styles_only: bool) -> Status:
        self.state.building()
        options = self.options if first else _without_clean(self.options)
        try:
            result = self.build_fn(self.site_dir, options)
        except Exception as exc:  # a crash in the build must not take the server down
            lines = [f"build crashed: {type(exc).__name__}: {exc}"]
            print(traceback.format_exc(), file=self._out)
            print("build crashed; still serving the last good site", file=self._out)
            return self.state.finished(False, lines, lines)
        diagnostics = list(getattr(result, "diagnostics", []))
        ok = getattr(result, "exit_code", 1) == 0
        all_lines = [d.format() for d in diagnostics]
        errors = [d.format() for d in diagnostics if d.severity == "error"]
        if ok and self._httpd is not None:
            self._httpd.mount = self._mount_for(result)
            if self._watcher is not None:
                self._watcher.replan(self._watch_plan())
        elif not ok:
            count = len(errors) or len(all_lines)
            problems = f"{count} error{'s' if count != 1 else ''}"
            print(f"build failed ({problems}, listed above); still serving the last good site",
                  file=self._out)  # fmt: skip
        return self.state.finished(ok, errors, all_lines, styles_only)

    def _rebuild_loop(self) -> None:
        while True:
            batch = self._changes.get()
            if batch is None:
                return
            if not self._drain_burst(batch):
                return
            print(f"changed: {self._describe(batch)}; rebuilding", file=self._out)
            status = self.rebuild(changed=batch)
            if status.ok:
                what = "stylesheets will refresh" if status.styles_only else "pages will reload"
                print(f"rebuilt (#{status.epoch}); {what}", file=self._out)

    def _drain_burst(self, batch: set[Path]) -> bool:
        """Wait for the burst of changes to end; False if asked to stop meanwhile."""
        while True:
            try:
                more = self._changes.get(timeout=QUIET_PERIOD)
            except queue.Empty:
                return True
            if more is None:
                return False
            batch |= more

    def _describe(self, paths: set[Path]) -> str:
        names = sorted(_relative(p, self.site_dir) for p in paths)
        more = f" and {len(names) - 3} more" if len(names) > 3 else ""
        return ", ".join(names[:3]) + more

    def _spawn(self, name: str, target: Callable[[], None]) -> None:
        thread = threading.Thread(target=target, name=f"newsgen-{name}", daemon=True)
        thread.start()
        self._threads.append(thread)

    def _config(self) -> Any:
        return _load_site_config(self.site_dir)

    def _guess_mount(self) -> Mount:
        """Before the first build: where the output will be, from the options and config."""
        cfg = self._config()
        output = getattr(self.options, "output_dir", None) or cfg.output_dir
        return Mount(_under(self.site_dir, output), self._base_path(cfg))

    def _mount_for(self, result: Any) -> Mount:
        output = getattr(result, "output_dir", None)
        mount = self._guess_mount()
        return Mount(Path(output).resolve(), mount.base_path) if output else mount

    def _base_path(self, cfg: Any) -> str:
        return normalize_base_path(getattr(self.options, "base_url", None) or cfg.base_url)

    def _watch_plan(self) -> WatchPlan:
        cfg = self._config()
        sources = (cfg.content_dir, cfg.templates_dir, cfg.static_dir)
        return make_plan(self.site_dir, sources, self.output_dir)


def _relative(path: Path, site_dir: Path) -> str:
    return path.relative_to(site_dir).as_posix() if path.is_relative_to(site_dir) else str(path)


def _under(site_dir: Path, path: str | Path) -> Path:
    return (site_dir / path).resolve()


def _without_clean(options: Any) -> Any:
    """Rebuilds are incremental: `--clean` applies to the first build only."""
    if dataclasses.is_dataclass(options) and getattr(options, "clean", False):
        return dataclasses.replace(options, clean=False)  # type: ignore[type-var]
    return options


def _load_site_config(site_dir: Path) -> Any:
    """The site's config; defaults if newsgen.yaml is broken (the build reports why)."""
    from newsgen.config import SiteConfig, load_config

    try:
        cfg, _diagnostics = load_config(site_dir)
    except Exception:  # the build will report the same problem, with a file and line
        return SiteConfig()
    return cfg


def _default_options() -> Any:
    from newsgen.build import BuildOptions

    return BuildOptions()


def _default_build() -> BuildFn:
    from newsgen.build import build

    return build
