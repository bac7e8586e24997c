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
from newsgen.buildsteps import parallel, write
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
    monkeypatch.setattr(write, "RENDER_BATCH", 8)  # batches of 8: each planned during the last
    batched = build(site, BuildOptions(output_dir=tmp_path / "batched", jobs=jobs, quiet=True, clean=True),
                    RecordingReporter(), fake_stages)  # fmt: skip
    assert tree_bytes(tmp_path / "whole") == tree_bytes(tmp_path / "batched")
    assert (batched.pages_written, batched.pages_unchanged) == (whole.pages_written, whole.pages_unchanged)
    assert [d.code for d in batched.diagnostics] == [d.code for d in whole.diagnostics] == ["template"]
    assert not (tmp_path / "batched" / "boom-story" / "index.html").exists()


def test_batches_hold_the_changed_pages_and_every_fingerprint_is_recorded(monkeypatch) -> None:
    monkeypatch.setattr(write, "RENDER_BATCH", 10)
    pages = [SimpleNamespace(output_path=f"p{i}.html") for i in range(36)]
    wanted: dict[str, str] = {}
    before = {"p4.html": "same"}  # unchanged: not rendered, but its fingerprint is recorded
    batches = list(write._changed_batches(pages, wanted, before, lambda page: "same", []))
    assert [len(b) for b in batches] == [10, 10, 10, 5]
    assert "p4.html" not in {p.output_path for b in batches for p in b}
    assert set(wanted) == {p.output_path for p in pages}


def _real_site(tmp_path: Path) -> Path:
    """A small archive for the real stages: enough pages for several batches."""
    from newsgen.scaffold import init_site

    site = tmp_path / "real"
    init_site(site)
    return site


def _recording_batches(monkeypatch) -> list[int]:  # type: ignore[no-untyped-def]
    """The size of each batch the build makes."""
    sizes: list[int] = []
    changed_batches = write._changed_batches

    def recorded(*args):  # type: ignore[no-untyped-def]
        for batch in changed_batches(*args):
            sizes.append(len(batch))
            yield batch

    monkeypatch.setattr(write, "_changed_batches", recorded)
    return sizes


def _build_real(site: Path, out: Path, jobs: int) -> tuple[int, int]:
    result = build(site, BuildOptions(output_dir=out, jobs=jobs, quiet=True, clean=True))
    assert not [d for d in result.diagnostics if d.severity == "error"]
    return result.pages_written, result.pages_unchanged


def test_later_batches_are_sent_to_the_workers_forked_for_the_first(tmp_path, monkeypatch) -> None:
    """With the real stages, pages sent pickled (the plan and index by reference) render to the
    same bytes as pages the workers were forked with; no batch needs a fresh fork."""
    site = _real_site(tmp_path)
    whole = _build_real(site, tmp_path / "whole", jobs=2)
    pickled: list[int] = []
    pickle_pages = write.RenderWorkers._pickled

    def counted(self, pages):  # type: ignore[no-untyped-def]
        pickled.append(len(pages))
        return pickle_pages(self, pages)

    def no_fresh_fork(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a batch was rendered by freshly forked workers")

    monkeypatch.setattr(write.RenderWorkers, "_pickled", counted)
    monkeypatch.setattr(write, "StartedMap", no_fresh_fork)
    monkeypatch.setattr(write, "RENDER_BATCH", 6)
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)  # a pool even for batches this small
    monkeypatch.setattr(write, "SENT_CHUNK", 4)
    sizes = _recording_batches(monkeypatch)
    batched = _build_real(site, tmp_path / "batched", jobs=2)
    assert tree_bytes(tmp_path / "whole") == tree_bytes(tmp_path / "batched")
    assert batched == whole
    assert len(sizes) >= 3 and sum(pickled) == sum(sizes[1:])  # every batch after the first
    assert max(pickled) == 4


def test_a_batch_that_cannot_be_pickled_gets_fresh_workers(tmp_path, monkeypatch) -> None:
    import pickle

    site = _real_site(tmp_path)
    whole = _build_real(site, tmp_path / "whole", jobs=2)

    def unpicklable(self, pages):  # type: ignore[no-untyped-def]
        raise pickle.PicklingError("a local function")

    forks: list[int] = []
    started_map = write.StartedMap

    def counted(func, items, jobs):  # type: ignore[no-untyped-def]
        forks.append(len(items))
        return started_map(func, items, jobs)

    monkeypatch.setattr(write.RenderWorkers, "_pickled", unpicklable)
    monkeypatch.setattr(write, "StartedMap", counted)
    monkeypatch.setattr(write, "RENDER_BATCH", 6)
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)  # a pool even for batches this small
    sizes = _recording_batches(monkeypatch)
    batched = _build_real(site, tmp_path / "batched", jobs=2)
    assert tree_bytes(tmp_path / "whole") == tree_bytes(tmp_path / "batched")
    assert batched == whole
    assert len(sizes) >= 3 and forks == sizes[1:]


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
