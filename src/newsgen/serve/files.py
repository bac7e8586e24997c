"""Mapping a request path onto a file of the output folder, safely; content types; script injection.

Pure functions: the HTTP handler asks `resolve_request` what to answer and never builds a
filesystem path from the URL itself, so every traversal check lives here.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

CONTENT_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".xsl": "application/xml; charset=utf-8",
    ".json": "application/json",
    ".jsonld": "application/ld+json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".map": "application/json",
    ".pdf": "application/pdf",
}

# Encoded `/` and `\` would let one URL segment become several path segments after decoding.
_ENCODED_SEPARATOR = re.compile(r"%(2f|5c)", re.IGNORECASE)
_BODY_CLOSE = re.compile(rb"</body\s*>", re.IGNORECASE)

Kind = Literal["file", "redirect", "not_found", "bad_request"]


@dataclass(frozen=True, slots=True)
class Resolution:
    """What to answer: a file to send, a redirect target, or a refusal."""

    kind: Kind
    file: Path | None = None
    location: str = ""


def content_type(path: Path) -> str:
    """The Content-Type for a file name; unknown suffixes are sent as opaque bytes."""
    return CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")


def normalize_base_path(base_url: str) -> str:
    """`https://example.org/archive` -> `/archive/`: the path the site is mounted at."""
    path = urlsplit(base_url or "/").path or "/"
    path = "/" + path.strip("/") + "/"
    return "/" if path == "//" else path


def resolve_request(output_dir: Path, base_path: str, target: str) -> Resolution:
    """Map the raw request target (`/archive/2025/?q=1`) to a file inside `output_dir`.

    Refuses traversal in every spelling (`..`, `%2e%2e`, encoded slashes, backslashes, NUL,
    absolute-form targets) and files whose real path, symlinks followed, leaves the folder.
    """
    if not target.startswith("/") or target.startswith("//"):
        return Resolution("bad_request")
    raw_path, _, query = target.partition("?")
    raw_path = raw_path.partition("#")[0]
    suffix = f"?{query}" if query else ""
    if raw_path + "/" == base_path:
        return Resolution("redirect", location=base_path + suffix)
    if not raw_path.startswith(base_path):
        return (
            Resolution("redirect", location=base_path)
            if raw_path == "/"
            else Resolution("not_found")
        )
    segments = _safe_segments(raw_path[len(base_path) :])
    if segments is None:
        return Resolution("bad_request")
    return _resolve_file(output_dir, segments, raw_path, suffix)


def _safe_segments(encoded: str) -> list[str] | None:
    """Decoded path segments, or None when the path tries to name anything but a plain file."""
    if _ENCODED_SEPARATOR.search(encoded):
        return None
    try:
        decoded = unquote(encoded, errors="strict")
    except UnicodeDecodeError:
        return None
    if "\\" in decoded or "\x00" in decoded:
        return None
    segments = decoded.split("/")
    if segments and segments[-1] == "":
        segments.pop()  # a trailing slash names the folder itself
    if any(seg in ("", ".", "..") for seg in segments):
        return None
    return segments


def _resolve_file(output_dir: Path, segments: list[str], raw_path: str, suffix: str) -> Resolution:
    root = output_dir.resolve()
    candidate = root.joinpath(*segments)
    if not _inside(candidate, root):
        return Resolution("not_found")
    if candidate.is_dir():
        if not raw_path.endswith("/"):
            return Resolution("redirect", location=raw_path + "/" + suffix)
        candidate = candidate / "index.html"
        if not _inside(candidate, root):
            return Resolution("not_found")
    if candidate.is_file():
        return Resolution("file", file=candidate)
    return Resolution("not_found")


def _inside(path: Path, root: Path) -> bool:
    """True when `path`, with every symlink followed, is `root` or below it."""
    try:
        return path.resolve(strict=False).is_relative_to(root)
    except (OSError, RuntimeError):  # symlink loops, permission errors
        return False


def not_found_page(output_dir: Path) -> Path | None:
    """The site's own `404.html`, if it has one inside the output folder."""
    page = output_dir.resolve() / "404.html"
    return page if page.is_file() and _inside(page, output_dir.resolve()) else None


def inject_script(html: bytes, tag: str) -> bytes:
    """Insert `tag` before the last `</body>` (or at the end): served pages only, never on disk."""
    encoded = tag.encode("utf-8")
    matches = list(_BODY_CLOSE.finditer(html))
    if not matches:
        return html + encoded
    at = matches[-1].start()
    return html[:at] + encoded + html[at:]


def host_allowed(host_header: str | None, bound_host: str) -> bool:
    """Refuse foreign `Host` names on a loopback-only server (DNS rebinding protection).

    A page on another site could otherwise point its own domain at 127.0.0.1 and read the
    preview through the visitor's browser. A server bound to a public address accepts any name.
    """
    if not _is_loopback(bound_host) or not host_header:
        return True
    name = host_header.strip().lower()
    if name.startswith("["):
        name = name[1 : name.find("]")] if "]" in name else name
    elif name.count(":") == 1:
        name = name.partition(":")[0]
    return name == "localhost" or name.endswith(".localhost") or _is_loopback(name)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
