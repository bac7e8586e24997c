"""The dev server in-process, against a small fake build: files, safety, live-reload state."""

from __future__ import annotations

import http.client
import inspect
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgen.diagnostics import Diagnostic, error
from newsgen.serve import DevServer, serve
from newsgen.serve.files import host_allowed, inject_script, normalize_base_path, resolve_request
from newsgen.serve.watch import is_relevant, make_plan

SECRET = "TOP-SECRET-MARKER-7f3a"


@dataclass(frozen=True)
class FakeOptions:
    output_dir: str | None = None
    base_url: str | None = None
    clean: bool = False


@dataclass(frozen=True)
class FakeResult:
    exit_code: int
    diagnostics: tuple[Diagnostic, ...]
    output_dir: Path


@dataclass
class FakeBuild:
    """One page per `content/*.txt` (first line: headline) plus `static/`; fails on BROKEN."""

    calls: list[FakeOptions] = field(default_factory=list)

    def __call__(self, site_dir: Path, options: FakeOptions, reporter: object = None) -> FakeResult:
        self.calls.append(options)
        out = site_dir / (options.output_dir or "build")
        sources = sorted((site_dir / "content").glob("*.txt"))
        broken = [p for p in sources if "BROKEN" in p.read_text("utf-8")]
        if broken:
            problems = tuple(
                error(f"content/{p.name}", 1, "empty-article", "no headline") for p in broken
            )
            return FakeResult(1, problems, out)
        out.mkdir(parents=True, exist_ok=True)
        links = []
        for src in sources:
            headline = src.read_text("utf-8").splitlines()[0]
            (out / src.stem).mkdir(exist_ok=True)
            (out / src.stem / "index.html").write_text(page(headline), "utf-8")
            links.append(f"<h2>{headline}</h2>")
        (out / "index.html").write_text(page("Home", "".join(links)), "utf-8")
        (out / "404.html").write_text(page("Page not found"), "utf-8")
        if (site_dir / "static").is_dir():
            shutil.copytree(site_dir / "static", out, dirs_exist_ok=True)
        return FakeResult(0, (), out)


def page(title: str, body: str = "") -> str:
    head = f"<!DOCTYPE html><html><head><title>{title}</title></head>"
    return f"{head}<body><h1>{title}</h1>{body}</body></html>"


STATIC_FILES = {
    "style.css": "text/css",
    "app.js": "text/javascript",
    "feed.xml": "application/xml",
    "data.json": "application/json",
    "logo.svg": "image/svg+xml",
    "pic.png": "image/png",
    "photo.jpg": "image/jpeg",
    "img.webp": "image/webp",
    "robots.txt": "text/plain",
}


def make_site(root: Path) -> Path:
    site = root / "site"
    (site / "content").mkdir(parents=True)
    (site / "static").mkdir()
    (site / "content" / "harbour.txt").write_text("Harbour opens in Velmora\nBody.\n", "utf-8")
    (site / "content" / "bridge.txt").write_text("Bridge vote in Ostrand\nBody.\n", "utf-8")
    for name in STATIC_FILES:
        (site / "static" / name).write_bytes(f"{name} bytes".encode())
    (site / "secret.txt").write_text(SECRET, "utf-8")
    (root / "outside.txt").write_text(SECRET, "utf-8")
    return site


def get(server: DevServer, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        conn.request(method, path)
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def raw_get(server: DevServer, target: str, host: str = "localhost") -> bytes:
    """Send the request line exactly as written (http.client would normalise some targets)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        request = f"GET {target} HTTP/1.0\r\nHost: {host}\r\n\r\n"
        sock.sendall(request.encode("latin-1"))
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def status_json(server: DevServer) -> dict[str, object]:
    code, _, body = get(server, "/__newsgen__/status")
    assert code == 200
    return json.loads(body)


def wait_until(predicate, timeout: float = 8.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture(scope="module")
def site_server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    site = make_site(tmp_path_factory.mktemp("serve"))
    server = DevServer(site, port=0, options=FakeOptions(), build_fn=FakeBuild(), watch=False)
    server.start()
    yield server
    server.stop()


@pytest.mark.parametrize(("name", "expected"), sorted(STATIC_FILES.items()))
def test_content_types(site_server: DevServer, name: str, expected: str) -> None:
    code, headers, body = get(site_server, f"/{name}")
    assert code == 200
    assert headers["content-type"].split(";")[0] == expected
    assert body == f"{name} bytes".encode()


def test_html_is_served_as_utf8_html(site_server: DevServer) -> None:
    code, headers, body = get(site_server, "/harbour/")
    assert code == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert b"Harbour opens in Velmora" in body
    assert int(headers["content-length"]) == len(body)


def test_missing_file_gets_the_sites_404_page(site_server: DevServer) -> None:
    code, headers, body = get(site_server, "/no/such/page/")
    assert code == 404
    assert b"Page not found" in body
    assert headers["content-type"].startswith("text/html")


def test_folder_serves_its_index(site_server: DevServer) -> None:
    assert b"<h2>Bridge vote in Ostrand</h2>" in get(site_server, "/")[2]
    assert b"<h1>Bridge vote in Ostrand</h1>" in get(site_server, "/bridge/")[2]


def test_folder_without_slash_redirects(site_server: DevServer) -> None:
    code, headers, _ = get(site_server, "/bridge?x=1")
    assert code in (301, 302, 307, 308)
    assert headers["location"] == "/bridge/?x=1"


def test_head_request_has_headers_without_body(site_server: DevServer) -> None:
    code, headers, body = get(site_server, "/style.css", method="HEAD")
    assert code == 200 and body == b""
    assert headers["content-length"] == str(len(b"style.css bytes"))


@pytest.mark.parametrize(
    "target",
    [
        "/../secret.txt",
        "/../../outside.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/outside.txt",
        "/%2e%2e%2fsecret.txt",
        "/bridge/..%2f..%2fsecret.txt",
        "/bridge/%2e%2e/%2e%2e/secret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "//secret.txt",
        "/%2fsecret.txt",
        "http://localhost/../secret.txt",
        "/bridge/../../secret.txt",
        "/%00/../secret.txt",
        "/%ff%fe",
    ],
)
def test_traversal_is_refused(site_server: DevServer, target: str) -> None:
    response = raw_get(site_server, target)
    status_line = response.split(b"\r\n", 1)[0]
    assert b" 200 " not in status_line, status_line
    assert SECRET.encode() not in response


def test_symlink_out_of_the_output_folder_is_refused(
    site_server: DevServer, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(SECRET, "utf-8")
    link = site_server.output_dir / "leak.txt"
    link.symlink_to(outside)
    inner = site_server.output_dir / "alias.css"
    inner.symlink_to(site_server.output_dir / "style.css")
    try:
        code, _, body = get(site_server, "/leak.txt")
        assert code == 404 and SECRET.encode() not in body
        assert get(site_server, "/alias.css")[0] == 200  # links that stay inside are fine
    finally:
        link.unlink()
        inner.unlink()


def test_resolve_request_refuses_an_absolute_path_outside(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    assert resolve_request(tmp_path / "out", "/", "/etc/passwd").kind == "not_found"
    assert resolve_request(tmp_path / "out", "/", "//etc/passwd").kind == "bad_request"
    assert resolve_request(tmp_path / "out", "/", "etc/passwd").kind == "bad_request"


def test_reload_script_is_injected_only_into_served_html(site_server: DevServer) -> None:
    _, _, body = get(site_server, "/harbour/")
    assert b'<script src="/__newsgen__/reload.js"' in body
    assert body.index(b"/__newsgen__/reload.js") < body.rindex(b"</body>")
    on_disk = (site_server.output_dir / "harbour" / "index.html").read_text("utf-8")
    assert "__newsgen__" not in on_disk
    assert b"__newsgen__" not in get(site_server, "/app.js")[2]
    code, headers, script = get(site_server, "/__newsgen__/reload.js")
    assert code == 200 and headers["content-type"].startswith("text/javascript")
    assert b"EventSource" in script and b'role", "alert"' in script


def test_event_stream_sends_the_current_epoch(site_server: DevServer) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", site_server.port, timeout=5)
    conn.request("GET", "/__newsgen__/events")
    resp = conn.getresponse()
    assert resp.getheader("Content-Type") == "text/event-stream"
    lines = [resp.fp.readline() for _ in range(5)]
    conn.close()
    data = next(line for line in lines if line.startswith(b"data: "))
    event = json.loads(data[len(b"data: ") :])
    assert event["epoch"] == status_json(site_server)["epoch"] >= 1


def test_base_path_mount(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    options = FakeOptions(base_url="https://example.org/archive/")
    with DevServer(site, port=0, options=options, build_fn=FakeBuild(), watch=False) as server:
        assert server.url == f"http://127.0.0.1:{server.port}/archive/"
        assert b"Bridge vote" in get(server, "/archive/")[2]
        assert get(server, "/archive/bridge/")[0] == 200
        assert get(server, "/")[1]["location"] == "/archive/"
        assert get(server, "/archive")[1]["location"] == "/archive/"
        code, _, body = get(server, "/bridge/")
        assert code == 404 and b"Page not found" in body
        assert get(server, "/__newsgen__/status")[0] == 200


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        ("/", "/"),
        ("", "/"),
        ("https://example.org", "/"),
        ("https://e.org/a/b", "/a/b/"),
        ("/news/", "/news/"),
    ],
)
def test_normalize_base_path(base_url: str, expected: str) -> None:
    assert normalize_base_path(base_url) == expected


def test_default_host_is_loopback(tmp_path: Path) -> None:
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    assert inspect.signature(serve).parameters["port"].default == 8000
    with DevServer(
        make_site(tmp_path), port=0, options=FakeOptions(), build_fn=FakeBuild(), watch=False
    ) as server:
        assert server._httpd is not None and server._httpd.server_address[0] == "127.0.0.1"


def test_watch_filter(tmp_path: Path) -> None:
    site = tmp_path.resolve()
    plan = make_plan(site, ("content", "templates", "static"), site / "build")
    relevant = [
        "content/a.txt",
        "content/world/b.md",
        "templates/base.html",
        "static/x.css",
        "newsgen.yaml",
        "entities.yaml",
        "content",
    ]
    ignored = [
        "build/index.html",
        ".newsgen-cache/x",
        "content/.a.txt.swp",
        "content/a.txt~",
        "content/.hidden/x.txt",
        "content/#a.txt#",
        "content/4913",
        "notes.txt",
        "other/a.txt",
    ]
    assert [p for p in relevant if not is_relevant(site / p, plan)] == []
    assert [p for p in ignored if is_relevant(site / p, plan)] == []


def test_watch_filter_with_the_site_folder_as_content(tmp_path: Path) -> None:
    site = tmp_path.resolve()
    plan = make_plan(site, (".", "templates"), site / "public")
    assert is_relevant(site / "a.txt", plan) and is_relevant(site / "newsgen.yaml", plan)
    assert not is_relevant(site / "public" / "index.html", plan)
    assert not is_relevant(site / ".newsgen-cache" / "x", plan)
    assert not is_relevant(site / ".build-tmp-1" / "index.html", plan)


@pytest.fixture()
def watched(tmp_path: Path):  # type: ignore[no-untyped-def]
    site = make_site(tmp_path)
    fake = FakeBuild()
    server = DevServer(site, port=0, options=FakeOptions(clean=True), build_fn=fake)
    server.start()
    for attempt in range(20):  # until the watcher is surely listening (it starts in a thread)
        (site / "static" / "probe.txt").write_text(str(attempt), "utf-8")
        if wait_until(lambda: len(fake.calls) > 1, timeout=0.5):
            break
    assert wait_until(lambda: status_json(server)["epoch"] >= 2)
    yield server, site, fake
    server.stop()


def test_touching_a_watched_file_rebuilds_and_bumps_the_epoch(watched) -> None:  # type: ignore[no-untyped-def]
    server, site, fake = watched
    before = status_json(server)["epoch"]
    (site / "content" / "bridge.txt").write_text("Bridge vote delayed in Ostrand\n", "utf-8")
    assert wait_until(lambda: status_json(server)["epoch"] > before)
    assert b"Bridge vote delayed" in get(server, "/bridge/")[2]
    assert (
        fake.calls[0].clean and not fake.calls[-1].clean
    )  # --clean applies to the first build only


def test_output_and_temp_files_do_not_rebuild(watched) -> None:  # type: ignore[no-untyped-def]
    server, site, fake = watched
    builds = len(fake.calls)
    (site / "build" / "extra.html").write_text("x", "utf-8")
    (site / "content" / ".bridge.txt.swp").write_text("x", "utf-8")
    (site / "notes.txt").write_text("x", "utf-8")
    time.sleep(0.8)
    assert len(fake.calls) == builds


def test_failing_build_is_reported_and_cleared_by_a_fix(watched) -> None:  # type: ignore[no-untyped-def]
    server, site, _ = watched
    article = site / "content" / "harbour.txt"
    article.write_text("BROKEN\n", "utf-8")
    assert wait_until(lambda: not status_json(server)["ok"])
    status = status_json(server)
    assert status["errors"] == ["content/harbour.txt:1: error[empty-article]: no headline"]
    assert b"Harbour opens in Velmora" in get(server, "/harbour/")[2]  # last good site still served
    article.write_text("Harbour reopens in Velmora\n", "utf-8")
    assert wait_until(lambda: status_json(server)["ok"])
    assert status_json(server)["errors"] == []
    assert b"Harbour reopens" in get(server, "/harbour/")[2]


def test_a_crashing_build_keeps_the_server_up(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    fake = FakeBuild()
    with DevServer(site, port=0, options=FakeOptions(), build_fn=fake, watch=False) as server:
        server.build_fn = lambda *_a, **_k: 1 / 0
        server.rebuild()
        status = status_json(server)
        assert status["ok"] is False
        assert status["errors"] == ["build crashed: ZeroDivisionError: division by zero"]
        assert get(server, "/bridge/")[0] == 200


SERVE_SCRIPT = """
import sys
from pathlib import Path
from types import SimpleNamespace
from newsgen.serve import serve

def fake_build(site_dir, options, reporter=None):
    out = site_dir / "build"
    out.mkdir(exist_ok=True)
    (out / "index.html").write_text("<html><body>hello</body></html>")
    return SimpleNamespace(exit_code=0, diagnostics=(), output_dir=out)

options = SimpleNamespace(output_dir=None, base_url=None, clean=False)
sys.exit(serve(Path(sys.argv[1]), port=int(sys.argv[2]), options=options, build_fn=fake_build))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_interrupt_stops_cleanly_with_exit_0(tmp_path: Path, signum: int) -> None:
    site = make_site(tmp_path)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVE_SCRIPT, str(site), str(port)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stderr.readline() if proc.stderr else ""
        assert f"http://127.0.0.1:{port}/" in line
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/")
        assert b"hello" in conn.getresponse().read()
        conn.close()
        proc.send_signal(signum)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()


def test_port_in_use_exits_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        fake = FakeBuild()
        assert serve(make_site(tmp_path), port=port, options=FakeOptions(), build_fn=fake) == 2
        assert fake.calls == []  # fails before building


def test_dot_segments_are_refused_even_when_they_stay_inside(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b.css").write_text("x", "utf-8")
    assert resolve_request(tmp_path, "/", "/a/../b.css").kind == "bad_request"
    assert resolve_request(tmp_path, "/", "/a/./").kind == "bad_request"
    assert resolve_request(tmp_path, "/", "/a/%2E%2e/b.css").kind == "bad_request"
    assert resolve_request(tmp_path, "/", "/b.css?v=1").kind == "file"


PATH_PIECES = st.sampled_from(
    [
        "..",
        ".",
        "%2e%2e",
        "%2E.",
        "%2f",
        "%5c",
        "\\",
        "a",
        "b",
        "sub",
        "index.html",
        "",
        "%00",
        "%ff",
        "secret.txt",
        "..%2f",
        "?",
        "#",
        "%252e",
    ]
)


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(PATH_PIECES, max_size=8), base=st.sampled_from(["/", "/archive/"]))
def test_no_request_path_resolves_outside_the_output(
    tmp_path_factory: pytest.TempPathFactory, pieces: list[str], base: str
) -> None:
    root = tmp_path_factory.getbasetemp() / "prop"
    if not root.exists():
        (root / "out" / "sub").mkdir(parents=True)
        (root / "out" / "index.html").write_text("home", "utf-8")
        (root / "out" / "sub" / "index.html").write_text("sub", "utf-8")
        (root / "secret.txt").write_text(SECRET, "utf-8")
    target = base + "/".join(pieces)
    resolution = resolve_request(root / "out", base, target)
    if resolution.kind == "file":
        assert resolution.file is not None
        assert resolution.file.resolve().is_relative_to((root / "out").resolve())
    if resolution.kind == "redirect":
        assert resolution.location.startswith("/") and not resolution.location.startswith("//")


def test_injection_without_a_body_end_tag_appends() -> None:
    assert inject_script(b"<p>x", "<script></script>") == b"<p>x<script></script>"
    doc = b"<body>a</BODY >b</body>"
    assert inject_script(doc, "<s>") == b"<body>a</BODY >b<s></body>"


def test_event_stream_announces_the_next_build(tmp_path: Path) -> None:
    with DevServer(
        make_site(tmp_path), port=0, options=FakeOptions(), build_fn=FakeBuild(), watch=False
    ) as server:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        conn.request("GET", "/__newsgen__/events")
        resp = conn.getresponse()
        first = read_event(resp)
        server.rebuild()
        second = read_event(resp)
        conn.close()
        assert second["epoch"] == first["epoch"] + 1 and second["ok"] is True
        assert second["boot"] == first["boot"]


def read_event(resp: http.client.HTTPResponse) -> dict[str, object]:
    while True:
        line = resp.fp.readline()
        if line.startswith(b"data: "):
            return json.loads(line[len(b"data: ") :])


def test_a_source_folder_created_later_is_watched(watched) -> None:  # type: ignore[no-untyped-def]
    server, site, fake = watched
    before = status_json(server)["epoch"]
    (site / "templates").mkdir()
    assert wait_until(lambda: status_json(server)["epoch"] > before)
    builds = len(fake.calls)
    for attempt in range(8):  # the watcher restarts to include the new folder: may take a moment
        (site / "templates" / "base.html").write_text(f"<p>{attempt}</p>", "utf-8")
        if wait_until(lambda: len(fake.calls) > builds, timeout=1.0):
            break
    assert len(fake.calls) > builds


def test_serves_over_ipv6_when_asked(tmp_path: Path) -> None:
    if not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    try:
        server = DevServer(
            make_site(tmp_path),
            host="::1",
            port=0,
            options=FakeOptions(),
            build_fn=FakeBuild(),
            watch=False,
        )
        server.start()
    except OSError as exc:
        pytest.skip(f"cannot bind ::1 here: {exc}")
    try:
        assert server.url == f"http://[::1]:{server.port}/"
        conn = http.client.HTTPConnection("::1", server.port, timeout=5)
        conn.request("GET", "/")
        assert b"Bridge vote" in conn.getresponse().read()
        conn.close()
    finally:
        server.stop()


def test_foreign_host_names_are_refused_on_loopback(site_server: DevServer) -> None:
    response = raw_get(site_server, "/harbour/", host="attacker.example")
    assert response.startswith(b"HTTP/1.0 403")
    assert b"Harbour" not in response
    assert raw_get(site_server, "/harbour/", host=f"localhost:{site_server.port}").startswith(
        b"HTTP/1.0 200"
    )


@pytest.mark.parametrize(
    ("header", "bound", "allowed"),
    [
        ("127.0.0.1:8000", "127.0.0.1", True),
        ("localhost", "127.0.0.1", True),
        ("preview.localhost:8000", "127.0.0.1", True),
        ("[::1]:8000", "::1", True),
        ("127.0.0.2", "127.0.0.1", True),
        (None, "127.0.0.1", True),
        ("evil.example:8000", "127.0.0.1", False),
        ("evil.example", "::1", False),
        ("192.168.1.20:8000", "127.0.0.1", False),
        ("newsroom-laptop.lan:8000", "0.0.0.0", True),
    ],
)
def test_host_allowed(header: str | None, bound: str, allowed: bool) -> None:
    assert host_allowed(header, bound) is allowed


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (POSIX)")
def test_forked_workers_die_quietly_on_sigterm() -> None:
    """Build workers forked while serving inherit its SIGTERM handler; they must not raise."""
    from newsgen.serve import _interrupt_in

    pid = os.fork()
    if pid == 0:  # the child: a stand-in for a pool worker being terminated
        signal.signal(signal.SIGTERM, _interrupt_in(os.getppid()))
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)
        except KeyboardInterrupt:
            os._exit(3)
        os._exit(4)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM
    with pytest.raises(KeyboardInterrupt):
        _interrupt_in(os.getpid())(signal.SIGTERM, None)


def test_a_client_leaving_mid_response_is_not_an_error(
    site_server: DevServer, capfd: pytest.CaptureFixture[str]
) -> None:
    big = site_server.output_dir / "big.png"
    big.write_bytes(b"\0" * 8_000_000)
    try:
        for _ in range(3):
            with socket.create_connection(("127.0.0.1", site_server.port), timeout=5) as sock:
                sock.sendall(b"GET /big.png HTTP/1.0\r\nHost: localhost\r\n\r\n")
                sock.recv(1024)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST
        time.sleep(0.3)
        assert get(site_server, "/style.css")[0] == 200
    finally:
        big.unlink()
    assert "Traceback" not in capfd.readouterr().err


def test_only_stylesheet_changes_are_marked_styles_only(watched) -> None:  # type: ignore[no-untyped-def]
    server, site, _ = watched
    before = status_json(server)["epoch"]
    (site / "static" / "style.css").write_text("body { margin: 0 }", "utf-8")
    assert wait_until(lambda: status_json(server)["epoch"] > before)
    assert status_json(server)["styles_only"] is True
    before = status_json(server)["epoch"]
    (site / "content" / "bridge.txt").write_text("Bridge vote moved\n", "utf-8")
    assert wait_until(lambda: status_json(server)["epoch"] > before)
    assert status_json(server)["styles_only"] is False


@pytest.mark.parametrize("name", ["newsgen.yaml", "entities.yaml"])
def test_config_files_are_watched(watched, name: str) -> None:  # type: ignore[no-untyped-def]
    server, site, _ = watched
    before = status_json(server)["epoch"]
    (site / name).write_text("# edited\n", "utf-8")
    assert wait_until(lambda: status_json(server)["epoch"] > before)
