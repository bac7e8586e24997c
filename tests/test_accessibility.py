"""Automated accessibility checks (axe-core in headless Chromium) over pages of the sample site."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgen.build import BuildOptions, build
from test_sample_site import copy_sample_site

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
axe_module = pytest.importorskip("axe_playwright_python")
sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Chromium (CI installs it)")

AXE_JS = (Path(axe_module.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    site = copy_sample_site(tmp_path_factory.mktemp("a11y"))
    out = site / "build"
    build(site, BuildOptions(output_dir=str(out), quiet=True))
    handler = functools.partial(QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", out
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def sample_pages(out: Path) -> list[str]:
    """One page of each kind: home, an article, a section, a tag, an entity index, search, 404."""
    wanted: list[str] = ["", "404.html"]
    for prefix in ("tags/", "people/", "places/", "search/"):
        if (out / prefix / "index.html").exists():
            wanted.append(prefix)
    articles = sorted(p for p in out.glob("[0-9][0-9][0-9][0-9]/*/*/*/index.html"))
    if articles:
        wanted.append(articles[0].parent.relative_to(out).as_posix() + "/")
    tags = sorted((out / "tags").glob("*/index.html")) if (out / "tags").exists() else []
    if tags:
        wanted.append(tags[0].parent.relative_to(out).as_posix() + "/")
    return wanted


def test_pages_have_no_axe_violations(site_url: tuple[str, Path]) -> None:
    base, out = site_url
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=args)
        page = browser.new_page()
        problems: list[str] = []
        for rel in sample_pages(out):
            page.goto(base + rel)
            page.add_script_tag(content=AXE_JS)
            result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
            for violation in result["violations"]:
                targets = [n["target"] for n in violation["nodes"]][:3]
                problems.append(f"/{rel}: {violation['id']} ({violation['impact']}): {targets}")
        browser.close()
    assert problems == []
