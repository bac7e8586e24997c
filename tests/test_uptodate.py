"""The up-to-date check: a build with nothing to do reports the last result without importing
the pipeline, and never when anything the output depends on may have changed."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import tree_bytes

import newsgen.buildsteps.run
from newsgen import uptodate
from newsgen.build import BuildOptions, build
from newsgen.report import RecordingReporter

OLD_NS = 10**18  # 2001: old enough to be trusted (see `uptodate.is_settled`)
QUIET = BuildOptions(jobs=1, quiet=True)
ARTICLES = {
    "content/city/2025-03-04-bridge.txt": (
        "Harbour bridge to reopen in spring\n"
        "Engineers in Lowmoor say repairs are nearly done.\n"
        "-\n"
        "The bridge at dusk (Ledger)\n"
        "Maren Holt, who leads the works, said the bridge would reopen in April.\n"
    ),
    "content/city/ferry-timetable.txt": (
        "Ferry timetable changes\nThe morning ferry leaves later.\n"
    ),
}


def age(site: Path) -> None:
    """Give every file and folder of the site an old mtime, as after a day's pause."""
    for path in [site, *site.rglob("*")]:
        os.utime(path, ns=(OLD_NS, OLD_NS))


@pytest.fixture
def site(make_site) -> Path:
    made = make_site(dict(ARTICLES))
    age(made)
    return made


@pytest.fixture
def no_pipeline(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the runs of the pipeline (which still runs as usual)."""
    runs: list[int] = []
    real = newsgen.buildsteps.run.run_build

    def counted(*args: object, **kwargs: object) -> object:
        runs.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(newsgen.buildsteps.run, "run_build", counted)
    return runs


def test_an_unchanged_site_reports_the_last_result_without_the_pipeline(site, no_pipeline) -> None:
    first = build(site, QUIET, RecordingReporter())
    assert first.pages_written > 0 and first.diagnostics  # the undated article warns
    again = build(site, QUIET, RecordingReporter())
    assert no_pipeline == [1]  # the second build did not run it
    assert (again.articles, again.pages_written, again.pages_removed) == (2, 0, 0)
    assert again.pages_unchanged == first.pages_written
    assert again.diagnostics == first.diagnostics and again.output_dir == first.output_dir
    strict = build(site, dataclasses.replace(QUIET, strict=True), RecordingReporter())
    assert strict.exit_code == 1 and no_pipeline == [1]  # warnings fail under --strict, as ever


def test_the_record_is_not_used_when_an_input_changed(site, no_pipeline) -> None:
    build(site, QUIET, RecordingReporter())
    article = site / "content/city/ferry-timetable.txt"
    article.write_text("Ferry timetable changes again\nThe morning ferry leaves later.\n")
    os.utime(article, ns=(OLD_NS + 10**9, OLD_NS + 10**9))
    edited = build(site, QUIET, RecordingReporter())
    assert no_pipeline == [1, 1] and edited.pages_written > 0
    (site / "templates").mkdir()
    (site / "templates" / "extra.html").write_text("<p>unused</p>")
    age(site)
    build(site, QUIET, RecordingReporter())
    assert no_pipeline == [1, 1, 1]  # a new template file: the pipeline decides what it changes


def test_the_pipeline_reuses_the_stats_the_check_took(site, monkeypatch) -> None:
    """Stat'ing every input is most of a quick build's own work at 20,000 articles: a build
    that finds a change takes the stats once, in the check, not again in the pipeline."""
    build(site, QUIET, RecordingReporter())
    article = site / "content/city/ferry-timetable.txt"
    article.write_text(article.read_text() + "The evening ferry is unchanged.\n")
    os.utime(article, ns=(OLD_NS + 10**9, OLD_NS + 10**9))
    taken: list[int] = []
    real = uptodate.BuildInputs.snapshot
    counted = lambda self: taken.append(1) or real(self)  # noqa: E731
    monkeypatch.setattr(uptodate.BuildInputs, "snapshot", counted)
    quick = build(site, QUIET, RecordingReporter())
    assert quick.pages_written == 1 and taken == [1]


def test_a_file_saved_just_now_is_not_trusted_by_its_stat(site, no_pipeline) -> None:
    build(site, QUIET, RecordingReporter())
    record = _only_record(site)
    stored = _read(record)
    (site / "content/city/ferry-timetable.txt").touch()  # now: racy against a later record
    build(site, QUIET, RecordingReporter())
    assert no_pipeline == [1, 1]
    assert _read(record)[2].taken_ns > stored[2].taken_ns


@pytest.mark.parametrize("damage", ["truncated", "garbage", "other code"])
def test_a_damaged_or_foreign_record_means_a_normal_build(site, no_pipeline, damage) -> None:
    first = build(site, QUIET, RecordingReporter())
    record = _only_record(site)
    if damage == "truncated":
        record.write_bytes(record.read_bytes()[:40])
    elif damage == "garbage":
        record.write_bytes(b"\x80\x05not a pickle")
    else:
        fmt, _version, content = _read(record)
        record.write_bytes(__import__("pickle").dumps((fmt, "0.0.0+other", content)))
    again = build(site, QUIET, RecordingReporter())
    assert no_pipeline == [1, 1]  # the pipeline ran, found nothing changed, and reported so
    assert again.pages_written == 0 and again.diagnostics == first.diagnostics
    assert build(site, QUIET, RecordingReporter()).pages_written == 0 and no_pipeline == [1, 1]


def test_a_removed_output_folder_is_built_again(site, no_pipeline) -> None:
    build(site, QUIET, RecordingReporter())
    before = tree_bytes(site / "build")
    (site / "build" / ".newsgen-output").unlink()
    for path in sorted((site / "build").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    assert build(site, QUIET, RecordingReporter()).pages_written > 0
    assert no_pipeline == [1, 1] and tree_bytes(site / "build") == before


def test_clean_builds_and_fake_stages_never_use_a_record(site, no_pipeline, fake_stages) -> None:
    build(site, QUIET, RecordingReporter())
    clean = build(site, dataclasses.replace(QUIET, clean=True), RecordingReporter())
    assert no_pipeline == [1, 1] and clean.pages_written == 0  # re-read, same bytes
    build(site, QUIET, RecordingReporter(), fake_stages)
    assert no_pipeline == [1, 1, 1]  # the record is for the real stages' pages


def test_each_request_has_its_own_record(site, no_pipeline, tmp_path) -> None:
    build(site, QUIET, RecordingReporter())
    elsewhere = dataclasses.replace(QUIET, output_dir=tmp_path / "public")
    build(site, elsewhere, RecordingReporter())  # forgets the first record: it writes output
    build(site, elsewhere, RecordingReporter())
    assert no_pipeline == [1, 1]
    build(site, QUIET, RecordingReporter())  # its record was forgotten: the pipeline checks
    build(site, dataclasses.replace(QUIET, jobs=2, verbose=True), RecordingReporter())
    assert no_pipeline == [1, 1, 1]  # workers and verbosity change no page: the same request


def test_the_command_imports_none_of_the_pipeline_when_nothing_changed(site) -> None:
    assert build(site, QUIET, RecordingReporter()).exit_code == 0
    script = (
        "import json, sys\n"
        "from newsgen.cli import main\n"
        "code = main(['build', sys.argv[1], '-q'])\n"
        "print(json.dumps([code, sorted(sys.modules)]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(site)], capture_output=True,
                          text=True, check=True)  # fmt: skip
    code, modules = json.loads(done.stdout.splitlines()[-1])
    assert code == 0
    heavy = {"yaml", "jinja2", "markdown", "multiprocessing", "sqlite3", "newsgen.buildsteps.run",
             "newsgen.config", "newsgen.loader", "newsgen.cache", "newsgen.model"}  # fmt: skip
    assert heavy.isdisjoint(modules), sorted(heavy & set(modules))


def _only_record(site: Path) -> Path:
    (record,) = (site / ".newsgen-cache").glob(f"{uptodate.RECORD_PREFIX}*")
    return record


def _read(record: Path) -> tuple[int, str, uptodate.UpToDate]:
    import pickle

    stored = pickle.loads(record.read_bytes())
    assert isinstance(stored[2], uptodate.UpToDate)
    return stored  # type: ignore[no-any-return]
