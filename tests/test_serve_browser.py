"""The dev server seen from a real headless Chromium: live reload and the build-error overlay.

Each scenario runs with a stand-in build (the server alone) and with the real `build()`.
"""

from __future__ import annotations

import html
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from newsgen.build import BuildOptions, build
from newsgen.diagnostics import error
from newsgen.serve import DevServer

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="needs Chromium at /usr/bin/chromium (CI installs it)"
)
# --disable-dev-shm-usage: containers often give /dev/shm only 64 MB.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
]
TIMEOUT_MS = 10_000

HARBOUR = """Harbour of Velmora reopens after storm repairs
Fishing crews return to the quay as the port authority lifts its closure.

Crews from the Velmora cooperative unloaded their first catch in three weeks on Tuesday.
"We are glad to be back on the water," said Ilsa Brenn, the cooperative's chair.
"""

BRIDGE = """---
title: Ostrand council delays the bridge vote
date: 2025-03-02
---
The Ostrand council postponed its vote on the river bridge by a month.
"""

BROKEN_BRIDGE = "---\ntitle: [Ostrand council\ndate: 2025-03-02\n---\nText.\n"


def make_site(root: Path) -> Path:
    site = root / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / "2025-03-04-harbour.txt").write_text(HARBOUR, "utf-8")
    (site / "content" / "bridge.md").write_text(BRIDGE, "utf-8")
    return site


def stand_in_build(site_dir: Path, options: Any, reporter: object = None) -> SimpleNamespace:
    """A minimal build: a home page listing headlines, `static/` copied; bad front matter fails."""
    out = site_dir / "build"
    headlines, problems = [], []
    for src in sorted((site_dir / "content").iterdir()):
        text = src.read_text("utf-8")
        if src.suffix == ".md":
            try:
                headlines.append(yaml.safe_load(text.split("---")[1])["title"])
            except yaml.YAMLError:
                problems.append(error(f"content/{src.name}", 2, "front-matter", "invalid YAML"))
        else:
            headlines.append(text.splitlines()[0])
    if not problems:
        out.mkdir(exist_ok=True)
        items = "".join(f"<li>{html.escape(h)}</li>" for h in headlines)
        head = '<!DOCTYPE html><html lang=en><title>Home</title><link rel=stylesheet href="/s.css">'
        (out / "index.html").write_text(f"{head}<body><ul>{items}</ul></body></html>", "utf-8")
        if (site_dir / "static").is_dir():
            shutil.copytree(site_dir / "static", out, dirs_exist_ok=True)
    return SimpleNamespace(
        exit_code=1 if problems else 0, diagnostics=tuple(problems), output_dir=out
    )


@pytest.mark.parametrize("build_fn", [stand_in_build, build], ids=["stand-in-build", "real-build"])
def test_open_page_reloads_and_shows_build_errors(
    tmp_path: Path, build_fn: Callable[..., Any]
) -> None:
    site = make_site(tmp_path)
    options = BuildOptions(quiet=True, jobs=1)
    with (
        DevServer(site, port=0, options=options, build_fn=build_fn) as server,
        sync_api.sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(server.url)
            expect_live_updates(page, site)
        finally:
            browser.close()


def expect_live_updates(page: Any, site: Path) -> None:
    """Edit → the open page shows the change; break → overlay; fix → overlay gone."""
    expect = sync_api.expect
    expect(page.get_by_text("Harbour of Velmora reopens").first).to_be_visible()
    time.sleep(0.3)  # let the event stream connect before the first edit

    harbour = site / "content" / "2025-03-04-harbour.txt"
    harbour.write_text(HARBOUR.replace("reopens after storm repairs", "fully reopens"), "utf-8")
    expect(page.get_by_text("Harbour of Velmora fully reopens").first).to_be_visible()

    overlay = page.locator('#newsgen-error-overlay[role="alert"]')
    (site / "content" / "bridge.md").write_text(BROKEN_BRIDGE, "utf-8")
    expect(overlay).to_be_visible()
    expect(overlay).to_contain_text("bridge.md")
    expect(page.get_by_text("Harbour of Velmora fully reopens").first).to_be_visible()

    (site / "content" / "bridge.md").write_text(BRIDGE, "utf-8")
    expect(overlay).to_have_count(0)
    expect(page.get_by_text("Harbour of Velmora fully reopens").first).to_be_visible()


def test_open_page_reconnects_after_a_server_restart(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    options = BuildOptions(quiet=True, jobs=1)
    first = DevServer(site, port=0, options=options, build_fn=stand_in_build)
    first.start()
    port = first.port
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(first.url)
            sync_api.expect(page.get_by_text("Harbour of Velmora reopens").first).to_be_visible()
            first.stop()
            harbour = site / "content" / "2025-03-04-harbour.txt"
            harbour.write_text("Harbour of Velmora after the restart\n", "utf-8")
            with DevServer(site, port=port, options=options, build_fn=stand_in_build):
                restarted = page.get_by_text("Harbour of Velmora after the restart")
                sync_api.expect(restarted).to_be_visible()
        finally:
            first.stop()
            browser.close()


def test_a_stylesheet_change_applies_without_a_reload(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    (site / "static").mkdir()
    stylesheet = site / "static" / "s.css"
    stylesheet.write_text("body { color: rgb(0, 0, 128); }", "utf-8")
    with (
        DevServer(site, port=0, options=BuildOptions(), build_fn=stand_in_build) as server,
        sync_api.sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(server.url)
            body = page.locator("body")
            sync_api.expect(body).to_have_css("color", "rgb(0, 0, 128)")
            page.evaluate("window.stillTheSamePage = true")
            time.sleep(0.3)
            stylesheet.write_text("body { color: rgb(128, 0, 0); }", "utf-8")
            sync_api.expect(body).to_have_css("color", "rgb(128, 0, 0)")
            assert page.evaluate("window.stillTheSamePage === true")
        finally:
            browser.close()
