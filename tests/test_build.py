"""The orchestration with fake stages: counts, drafts, bad files, strict, parallel, failures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import tree_bytes
from newsgen.build import BuildOptions, Stages, build
from newsgen.output import MARKER
from newsgen.report import RecordingReporter

SITE = {
    "content/alpha.txt": "Alpha\nfirst body\n",
    "content/beta.txt": "Beta\nsecond body\nWARN\n",
    "content/gamma.txt": "Gamma\ndraft\n",
    "static/style.css": "body {}\n",
}


def run(site: Path, stages: Stages, **options: object) -> object:
    settings = {"jobs": 1, "quiet": True, **options}
    return build(site, BuildOptions(**settings), RecordingReporter(), stages)  # type: ignore[arg-type]


def test_builds_pages_static_and_marker(make_site, fake_stages) -> None:
    site = make_site(SITE)
    result = run(site, fake_stages)
    assert result.exit_code == 0
    assert sorted(tree_bytes(site / "build")) == [
        MARKER, "alpha/index.html", "beta/index.html", "index.html", "style.css"
    ]
    assert (site / "build/alpha/index.html").read_bytes() == b"<h1>Alpha</h1>\nfirst body"
    assert (result.articles, result.pages_written, result.pages_unchanged) == (2, 3, 0)
    assert [d.code for d in result.diagnostics] == ["undated"]


def test_drafts_only_on_request(make_site, fake_stages) -> None:
    site = make_site(SITE)
    result = run(site, fake_stages, drafts=True)
    assert result.articles == 3 and (site / "build/gamma/index.html").is_file()
    run(site, fake_stages)
    assert not (site / "build/gamma").exists()


def test_bad_file_is_one_error_and_the_rest_builds(make_site, fake_stages) -> None:
    site = make_site({**SITE, "content/empty.txt": "\n"})
    result = run(site, fake_stages)
    assert [d.format() for d in result.errors] == [
        "content/empty.txt:1: error[empty-article]: no headline found"
    ]
    assert result.exit_code == 1
    assert (site / "build/alpha/index.html").is_file()


def test_a_crashing_stage_on_one_file_is_contained(make_site, fake_stages) -> None:
    def explode_on_beta(rel: str, data: bytes, settings: object) -> object:
        if "beta" in rel:
            raise RuntimeError("parser bug")
        return fake_stages.load_article(rel, data, settings)

    site = make_site(SITE)
    stages = Stages(**{**_fields(fake_stages), "load_article": explode_on_beta})
    result = run(site, stages)
    (problem,) = result.errors
    assert problem.path == "content/beta.txt" and "RuntimeError: parser bug" in problem.message
    assert (site / "build/alpha/index.html").is_file()


def test_template_failure_is_reported_per_page(make_site, fake_stages) -> None:
    site = make_site({**SITE, "content/delta.txt": "BOOM\nx\n"})
    result = run(site, fake_stages)
    (problem,) = result.errors
    assert (problem.path, problem.code) == ("delta/index.html", "template")
    assert not (site / "build/delta/index.html").exists()
    assert (site / "build/alpha/index.html").is_file()


def test_strict_swaps_nothing_in_on_warnings(make_site, fake_stages) -> None:
    site = make_site(SITE)
    result = run(site, fake_stages, strict=True)
    assert result.exit_code == 1
    assert not (site / "build").exists()
    assert run(site, fake_stages).exit_code == 0


def test_jobs_give_identical_output(make_site, fake_stages, tmp_path: Path) -> None:
    files = {f"content/story{i:02}.txt": f"Story {i}\nbody {i}\n" for i in range(30)}
    site = make_site(files)
    run(site, fake_stages, output_dir=tmp_path / "one", jobs=1)
    build(site, BuildOptions(output_dir=tmp_path / "two", jobs=2, quiet=True, clean=True),
          RecordingReporter(), fake_stages)  # fmt: skip
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "two")
    assert len(tree_bytes(tmp_path / "one")) == 32


def test_second_build_takes_the_fast_path(make_site, fake_stages, monkeypatch) -> None:
    site = make_site(SITE)
    old = 1_000_000_000
    for path in [site, *site.rglob("*")]:
        os.utime(path, ns=(old, old))  # settled: older than the build by far
    run(site, fake_stages)
    calls = []
    stages = Stages(**{**_fields(fake_stages), "plan_pages": lambda *a: calls.append(a) or []})
    result = run(site, stages)
    assert calls == []  # nothing changed: no page planned at all
    assert (result.articles, result.pages_written, result.pages_unchanged) == (2, 0, 3)
    assert [d.code for d in result.diagnostics] == ["undated"]  # warnings are still reported


def test_foreign_output_folder_is_refused(make_site, fake_stages) -> None:
    site = make_site({**SITE, "build/notes.txt": "keep me"})
    result = run(site, fake_stages)
    assert [d.code for d in result.errors] == ["output"]
    assert tree_bytes(site / "build") == {"notes.txt": b"keep me"}


def test_output_inside_content_is_refused(make_site, fake_stages) -> None:
    site = make_site(SITE)
    result = run(site, fake_stages, output_dir=site / "content" / "out")
    assert [d.code for d in result.errors] == ["output"]
    assert not (site / "content" / "out").exists()


def test_config_errors_stop_before_any_work(make_site, fake_stages) -> None:
    site = make_site({**SITE, "newsgen.yaml": "per_page: many\n"})
    result = run(site, fake_stages)
    assert [d.code for d in result.errors] == ["config"]
    assert not (site / "build").exists()


def test_bad_base_url_override(make_site, fake_stages) -> None:
    site = make_site(SITE)
    assert [d.code for d in run(site, fake_stages, base_url="not a url").errors] == ["config"]


def test_missing_site_folder(tmp_path: Path, fake_stages) -> None:
    result = run(tmp_path / "nowhere", fake_stages)
    assert result.exit_code == 1 and "site folder not found" in result.errors[0].message


def test_reporter_sees_stages_and_result(make_site, fake_stages) -> None:
    site = make_site(SITE)
    reporter = RecordingReporter()
    result = build(site, BuildOptions(jobs=1), reporter, fake_stages)
    assert [name for name, _ in reporter.stages][:2] == ["discover", "read"]
    assert reporter.results == [result]


def _fields(stages: Stages) -> dict[str, object]:
    return {name: getattr(stages, name) for name in Stages.__dataclass_fields__}


def test_console_summary_groups_warnings_and_prints_errors(tmp_path: Path) -> None:
    import io

    from newsgen.build import BuildResult
    from newsgen.diagnostics import error, warning
    from newsgen.report import ConsoleReporter

    diagnostics = tuple(warning(f"content/s{i}.txt", 1, "undated", "no date found") for i in range(5))
    diagnostics += (error("content/x.md", 3, "front-matter", "not a mapping"),)
    result = BuildResult(4, 3, 2, 1, diagnostics, 0.25, tmp_path)
    stream = io.StringIO()
    ConsoleReporter(stream=stream).finish(result)
    assert stream.getvalue().splitlines() == [
        "content/x.md:3: error[front-matter]: not a mapping",
        "5 warnings [undated]:",
        "  content/s0.txt:1: warning[undated]: no date found",
        "  content/s1.txt:1: warning[undated]: no date found",
        "  content/s2.txt:1: warning[undated]: no date found",
        "  ... and 2 more (-v shows all)",
        "4 articles; pages: 3 written, 2 unchanged, 1 removed; 1 errors, 5 warnings; 0.25 s",
    ]
    quiet = io.StringIO()
    ConsoleReporter(quiet=True, stream=quiet).finish(result)
    assert quiet.getvalue() == "content/x.md:3: error[front-matter]: not a mapping\n"


def test_exit_code_under_strict(tmp_path: Path) -> None:
    from newsgen.build import BuildResult
    from newsgen.diagnostics import warning

    warned = (warning("content/a.txt", 1, "undated", "no date found"),)
    assert BuildResult(1, 1, 0, 0, warned, 0.0, tmp_path).exit_code == 0
    assert BuildResult(1, 1, 0, 0, warned, 0.0, tmp_path, strict=True).exit_code == 1


# ---- inspect_file, with the real pipeline ----------------------------------------------------

FERRY = """Ferry service returns to Lowmoor
The crossing reopens after repairs.
-
The ferry at Lowmoor quay, Monday, March 3, 2025 (Ledger)
Harbourmaster Oskar Vennick said the crossing to Harrowgate would run every hour.
"We are glad to be back," Vennick said.
Read more: Quay lamps approved in Lowmoor
"""
LAMPS = """Quay lamps approved in Lowmoor
Councillors back forty new lamps.
-
The quay at night, Thursday, February 20, 2025 (Ledger)
Councillor Maren Holt said the lamps would be lit before the ferry season.
"""


def test_inspect_file_in_a_site_uses_the_archive(make_site) -> None:
    pytest.importorskip("newsgen.loader")
    from newsgen.build import inspect_file

    site = make_site({"content/city/ferry.txt": FERRY, "content/city/lamps.txt": LAMPS,
                      "newsgen.yaml": "base_url: /paper/\n"})  # fmt: skip
    view = inspect_file(site / "content/city/ferry.txt")
    assert view["title"] == "Ferry service returns to Lowmoor"
    assert view["url"] == "/paper/2025/03/03/ferry-service-returns-to-lowmoor/"
    assert view["related"] == [
        {"title": "Quay lamps approved in Lowmoor", "url": "/paper/2025/02/20/quay-lamps-approved-in-lowmoor/"}
    ]
    assert view["source"]["path"] == "content/city/ferry.txt"


def test_inspect_a_lone_file(tmp_path: Path) -> None:
    pytest.importorskip("newsgen.loader")
    from newsgen.build import inspect_file

    (tmp_path / "wire.txt").write_text(FERRY)
    view = inspect_file(tmp_path / "wire.txt")
    assert view["url"] == "/2025/03/03/ferry-service-returns-to-lowmoor/"
    assert view["related"] == [{"title": "Quay lamps approved in Lowmoor", "url": None}]
    (tmp_path / "blank.txt").write_text("\n\n")
    assert inspect_file(tmp_path / "blank.txt")["article"] is None


def test_progress_line() -> None:
    from newsgen.report import progress_line

    assert progress_line("render", 15, 30) == "render     [" + "#" * 15 + "-" * 15 + "] 15/30"
    assert progress_line("render", 7, 0) == "render     7"
