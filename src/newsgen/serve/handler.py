"""The HTTP side of the dev server: site files, the 404 page, and the live-reload endpoints.

The reserved paths live under `/__newsgen__/`, outside any base path, so they can never clash
with a page of the site. Only served HTML gets the reload script; files on disk stay as built.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sys
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path

from newsgen.serve.files import (
    Resolution,
    content_type,
    host_allowed,
    inject_script,
    not_found_page,
    resolve_request,
)
from newsgen.serve.state import LiveState, Status

RESERVED = "/__newsgen__/"
KEEPALIVE_SECONDS = 15.0
_FALLBACK_404 = (
    b"<!DOCTYPE html><html lang=en><title>Not found</title><body><h1>Not found</h1></body></html>"
)


@dataclass(frozen=True, slots=True)
class Mount:
    """Where the site is on disk and at which URL path it is previewed."""

    output_dir: Path
    base_path: str


class DevHTTPServer(ThreadingHTTPServer):
    """A threading server that knows the current mount and the live state."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], mount: Mount, state: LiveState) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6  # `--host ::1` or `--host ::`
        super().__init__(address, DevRequestHandler)
        self.mount = mount
        self.state = state

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that goes away mid-response is normal (reloads, navigation): stay quiet."""
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


def reload_script() -> bytes:
    return resources.files("newsgen.serve").joinpath("reload.js").read_bytes()


def script_tag(status: Status) -> str:
    return (
        f'<script src="{RESERVED}reload.js" data-epoch="{status.epoch}" '
        f'data-boot="{status.boot}" defer></script>'
    )


class DevRequestHandler(BaseHTTPRequestHandler):
    server: DevHTTPServer
    server_version = "newsgen-serve"
    sys_version = ""

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal is for build results, not for every request."""

    def _respond(self, send_body: bool) -> None:
        if not host_allowed(self.headers.get("Host"), str(self.server.server_address[0])):
            body = b"Forbidden: open the preview through 127.0.0.1 or localhost\n"
            self._send_bytes(body, "text/plain; charset=utf-8", HTTPStatus.FORBIDDEN, send_body)
            return
        if self.path.split("?", 1)[0].startswith(RESERVED):
            self._reserved(self.path.split("?", 1)[0][len(RESERVED) :], send_body)
            return
        mount = self.server.mount
        resolution = resolve_request(mount.output_dir, mount.base_path, self.path)
        self._answer(resolution, mount, send_body)

    def _answer(self, resolution: Resolution, mount: Mount, send_body: bool) -> None:
        if resolution.kind == "file" and resolution.file is not None:
            self._send_file(resolution.file, HTTPStatus.OK, send_body)
        elif resolution.kind == "redirect":
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", resolution.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif resolution.kind == "bad_request":
            self._send_bytes(
                b"Bad request\n", "text/plain; charset=utf-8", HTTPStatus.BAD_REQUEST, send_body
            )
        else:
            page = not_found_page(mount.output_dir)
            if page is not None:
                self._send_file(page, HTTPStatus.NOT_FOUND, send_body)
            else:
                html = inject_script(_FALLBACK_404, script_tag(self.server.state.snapshot()))
                self._send_bytes(html, "text/html; charset=utf-8", HTTPStatus.NOT_FOUND, send_body)

    def _send_file(self, path: Path, status: HTTPStatus, send_body: bool) -> None:
        ctype = content_type(path)
        try:
            stream = path.open("rb")
        except OSError:  # vanished between resolving and opening (a rebuild swapped it)
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        with stream:
            if ctype.startswith("text/html"):
                html = inject_script(stream.read(), script_tag(self.server.state.snapshot()))
                self._send_bytes(html, ctype, status, send_body)
                return
            self._headers(status, ctype, os.fstat(stream.fileno()).st_size)
            if send_body:
                shutil.copyfileobj(stream, self.wfile)

    def _send_bytes(self, body: bytes, ctype: str, status: HTTPStatus, send_body: bool) -> None:
        self._headers(status, ctype, len(body))
        if send_body:
            self.wfile.write(body)

    def _headers(self, status: HTTPStatus, ctype: str, length: int) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()

    def _reserved(self, name: str, send_body: bool) -> None:
        state = self.server.state
        if name == "reload.js":
            self._send_bytes(
                reload_script(), "text/javascript; charset=utf-8", HTTPStatus.OK, send_body
            )
        elif name == "status":
            body = json.dumps(state.snapshot().as_json()).encode("utf-8")
            self._send_bytes(body, "application/json", HTTPStatus.OK, send_body)
        elif name == "events" and send_body:
            self._stream_events(state)
        else:
            self._send_bytes(
                b"Not found\n", "text/plain; charset=utf-8", HTTPStatus.NOT_FOUND, send_body
            )

    def _stream_events(self, state: LiveState) -> None:
        """Server-Sent Events: one `epoch` event now and after every build, pings in between."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        status: Status | None = state.snapshot()
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while status is not None:
                payload = json.dumps(
                    {"epoch": status.epoch, "ok": status.ok, "boot": status.boot,
                     "styles_only": status.styles_only}
                )  # fmt: skip
                self.wfile.write(f"event: epoch\ndata: {payload}\n\n".encode())
                self.wfile.flush()
                status = self._next_status(state, status.epoch)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            return  # the page went away

    def _next_status(self, state: LiveState, epoch: int) -> Status | None:
        while True:
            status = state.wait_for_change(epoch, KEEPALIVE_SECONDS)
            if status is None or status.epoch != epoch:
                return status
            self.wfile.write(b": ping\n\n")  # finds dead connections; keeps proxies awake
            self.wfile.flush()
