"""The build's overlapped steps: pages rendered in batches while the next batch is planned,
and the page rows exported in a forked process beside the render."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import tree_bytes

from newsgen.build import BuildOptions, build
from newsgen.buildsteps import write
from newsgen.buildsteps.parallel import StartedMap
from newsgen.buildsteps.rows import RowsExport
from newsgen.cache import Cache
from newsgen.pagestore import RowReader
from newsgen.report import RecordingReporter


def _square(n: int) -> int:
    return n * n


@pytest.mark.parametrize("jobs", [1, 2])
def test_started_map_gives_results_in_order(jobs: int) -> None:
    started = StartedMap(_square, range(100), jobs)
    assert list(started.results()) == [n * n for n in range(100)]
    started.close()  # closing again is harmless


@pytest.mark.parametrize("jobs", [1, 2])
def test_small_batches_give_the_same_site_and_counts(make_site, fake_stages, tmp_path, monkeypatch, jobs) -> None:
    files = {f"content/story{i:02}.txt": f"Story {i}\nbody {i}\n" for i in range(40)}
    files["content/story07.txt"] = "BOOM story\nbody\n"  # its template fails: one error
    site = make_site(files)
    whole = build(site, BuildOptions(output_dir=tmp_path / "whole", jobs=jobs, quiet=True),
                  RecordingReporter(), fake_stages)  # fmt: skip
    monkeypatch.setattr(write, "RENDER_BATCH", 8)  # batches of 8, 16, 16...: each planned during the last
    monkeypatch.setattr(write, "BATCH_GROWTH", 2)
    monkeypatch.setattr(write, "MAX_BATCH", 16)
    batched = build(site, BuildOptions(output_dir=tmp_path / "batched", jobs=jobs, quiet=True, clean=True),
                    RecordingReporter(), fake_stages)  # fmt: skip
    assert tree_bytes(tmp_path / "whole") == tree_bytes(tmp_path / "batched")
    assert (batched.pages_written, batched.pages_unchanged) == (whole.pages_written, whole.pages_unchanged)
    assert [d.code for d in batched.diagnostics] == [d.code for d in whole.diagnostics] == ["template"]
    assert not (tmp_path / "batched" / "boom-story" / "index.html").exists()


def test_batches_grow_up_to_the_largest(monkeypatch) -> None:
    monkeypatch.setattr(write, "RENDER_BATCH", 3)
    monkeypatch.setattr(write, "BATCH_GROWTH", 2)
    monkeypatch.setattr(write, "MAX_BATCH", 10)
    pages = [SimpleNamespace(output_path=f"p{i}.html") for i in range(36)]
    wanted: dict[str, str] = {}
    before = {"p4.html": "same"}  # unchanged: not rendered, but its fingerprint is recorded
    batches = list(write._changed_batches(pages, wanted, before, lambda page: "same", []))
    assert [len(b) for b in batches] == [3, 6, 10, 10, 6]
    assert "p4.html" not in {p.output_path for b in batches for p in b}
    assert len(wanted) == 36


def _rows(tables):
    return lambda index, config: iter(tables)


def test_rows_export_writes_rows_the_token_names(tmp_path: Path, fake_stages) -> None:
    stages = dataclasses.replace(fake_stages, plan_tables=_rows([("item", "a.txt", "slug-a")]))
    export = RowsExport(Cache(tmp_path), "k", stages, (), None, 123)  # type: ignore[arg-type]
    export.start()
    token = export.finish()
    assert token.startswith("123-")
    reader = RowReader(export.path, token)
    assert reader.usable and dict(reader.fetch("item", ["a.txt"])) == {"a.txt": "slug-a"}
    reader.close()
    assert not RowReader(export.path, "another build").usable


def test_a_failing_rows_export_means_no_rows(tmp_path: Path, fake_stages) -> None:
    def broken(index, config):
        yield "item", "a.txt", "slug-a"
        raise RuntimeError("plan exploded")

    cache = Cache(tmp_path)
    cache.folder.mkdir()
    cache.rows_path("k").write_bytes(b"rows of an older build")
    export = RowsExport(cache, "k", dataclasses.replace(fake_stages, plan_tables=broken), (), None, 1)  # type: ignore[arg-type]
    export.start()
    assert export.finish() == ""
    assert not export.path.exists()
    assert not list(cache.folder.glob("*.part"))


def test_no_rows_without_a_cache(tmp_path: Path, fake_stages) -> None:
    export = RowsExport(Cache(tmp_path, enabled=False), "k", fake_stages, (), None, 1)  # type: ignore[arg-type]
    export.start()
    assert export.finish() == ""
    assert not (tmp_path / ".newsgen-cache").exists()


def test_the_kept_plan_is_dropped_after_every_full_build_even_a_failed_one(make_site, fake_stages) -> None:
    forgotten: list[int] = []
    stages = dataclasses.replace(fake_stages, forget_plan=lambda: forgotten.append(1))
    site = make_site({"content/a.txt": "Title A\nbody\n"})
    build(site, BuildOptions(jobs=1, quiet=True), RecordingReporter(), stages)
    assert forgotten == [1]

    def broken_environment(*args: object) -> object:
        raise RuntimeError("theme exploded")

    (site / "content/b.txt").write_text("Title B\nbody\n")
    with pytest.raises(RuntimeError):
        build(site, BuildOptions(jobs=1, quiet=True), RecordingReporter(),
              dataclasses.replace(stages, make_environment=broken_environment))  # fmt: skip
    assert forgotten == [1, 1]


def test_the_no_change_path_does_not_load_the_page_planner(make_site, fake_stages) -> None:
    """`forget_plan` imports the planner; a build that planned nothing must not pay for it."""
    calls: list[int] = []
    stages = dataclasses.replace(fake_stages, forget_plan=lambda: calls.append(1))
    site = make_site({"content/a.txt": "Title A\nbody\n"})
    for path in [site, *site.rglob("*")]:
        os.utime(path, ns=(10**9, 10**9))  # old enough to be trusted
    build(site, BuildOptions(jobs=1, quiet=True), RecordingReporter(), stages)
    calls.clear()
    again = build(site, BuildOptions(jobs=1, quiet=True), RecordingReporter(), stages)
    assert again.pages_written == 0 and calls == []
