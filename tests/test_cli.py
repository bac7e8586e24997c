"""The `newsgen` command: help, version, exit codes, and each subcommand's wiring."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import newsgen
from newsgen import cli

SUBCOMMANDS = ["build", "serve", "inspect", "init", "entities"]


def test_version(run_cli) -> None:
    code, out, _ = run_cli(["--version"])
    assert (code, out.strip()) == (0, f"newsgen {newsgen.__version__}")


def test_main_help_lists_every_command_with_examples(run_cli) -> None:
    code, out, _ = run_cli(["--help"])
    assert code == 0
    for name in SUBCOMMANDS:
        assert name in out
    assert "examples:" in out


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_every_subcommand_has_help_with_examples(run_cli, name: str) -> None:
    code, out, _ = run_cli([name, "--help"])
    assert code == 0
    assert f"usage: newsgen {name}" in out
    assert "example" in out


def test_build_options_are_all_documented(run_cli) -> None:
    _, out, _ = run_cli(["build", "--help"])
    for option in ["-o", "--base-url", "--drafts", "--strict", "--clean", "-j", "-q", "-v"]:
        assert option in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["build", "-j", "0"], "must be at least 1"),
        (["build", "-j", "two"], "expected a whole number"),
        (["serve", "--port", "70000"], "at most 65535"),
        (["build", "-q", "-v"], "not allowed with"),
        (["build", "--base-url", "example.org"], "expected an http(s) URL"),
        (["frobnicate"], "invalid choice"),
        ([], "required"),
    ],
)
def test_usage_errors_exit_2(run_cli, argv: list[str], message: str) -> None:
    code, _, err = run_cli(argv)
    assert code == 2
    assert message in err


def test_missing_site_is_a_usage_error(run_cli, tmp_path: Path) -> None:
    code, _, err = run_cli(["build", str(tmp_path / "absent")])
    assert code == 2 and "site folder not found" in err


def test_unreadable_config_exits_1(run_cli, make_site) -> None:
    site = make_site({"newsgen.yaml": "per_page: [\n"})
    code, _, err = run_cli(["build", str(site), "-q"])
    assert code == 1
    assert "newsgen.yaml" in err and "error[config]" in err


def test_build_passes_options(monkeypatch, run_cli, make_site, tmp_path: Path) -> None:
    seen = {}

    class Result:
        exit_code = 0

    def fake_build(site, options):
        seen.update(site=site, options=options)
        return Result()

    monkeypatch.setattr(cli, "build", fake_build)
    site = make_site({})
    code, _, _ = run_cli(["build", str(site), "-o", "out", "--base-url", "/a/", "--drafts",
                          "--strict", "--clean", "-j", "3", "-q"])  # fmt: skip
    options = seen["options"]
    assert code == 0 and seen["site"] == site
    assert Path(options.output_dir).is_absolute() and Path(options.output_dir).name == "out"
    assert (options.base_url, options.drafts, options.strict, options.clean) == ("/a/", True, True, True)
    assert (options.jobs, options.quiet, options.verbose) == (3, True, False)


def test_build_exit_code_follows_result(monkeypatch, run_cli, make_site) -> None:
    class Result:
        exit_code = 1

    monkeypatch.setattr(cli, "build", lambda site, options: Result())
    assert run_cli(["build", str(make_site({}))])[0] == 1


def test_serve_calls_the_dev_server(monkeypatch, run_cli, make_site) -> None:
    import newsgen.serve

    seen = {}

    def fake_serve(site_dir, host, port, options, open_browser=False):
        seen.update(site=site_dir, host=host, port=port, drafts=options.drafts, open=open_browser)
        return 0

    monkeypatch.setattr(newsgen.serve, "serve", fake_serve)
    site = make_site({})
    code, _, _ = run_cli(["serve", str(site), "--port", "8123", "--drafts"])
    assert code == 0
    assert seen == {"site": site, "host": "127.0.0.1", "port": 8123, "drafts": True, "open": False}


def test_inspect_json_and_summary(monkeypatch, run_cli, tmp_path: Path) -> None:
    view = {"title": "Ferry returns", "url": "/2025/03/03/ferry/", "quotes": [{"speaker": "Vennick"}]}
    import newsgen.buildsteps.one_file  # where `newsgen inspect` imports it from when it runs

    monkeypatch.setattr(newsgen.buildsteps.one_file, "inspect_file", lambda path: view)
    code, out, _ = run_cli(["inspect", "story.txt", "--json"])
    assert code == 0 and json.loads(out) == view
    code, out, _ = run_cli(["inspect", "story.txt"])
    assert code == 0
    assert "title: Ferry returns" in out and "quotes: 1" in out


def test_inspect_missing_file_exits_1(run_cli, tmp_path: Path) -> None:
    code, _, err = run_cli(["inspect", str(tmp_path / "absent.txt")])
    assert code == 1 and "cannot read" in err


def test_init_creates_a_site_and_refuses_a_full_folder(run_cli, tmp_path: Path) -> None:
    code, out, _ = run_cli(["init", str(tmp_path / "paper")])
    assert code == 0 and (tmp_path / "paper" / "newsgen.yaml").is_file()
    assert "newsgen build" in out
    code, _, err = run_cli(["init", str(tmp_path / "paper")])
    assert code == 2 and "not an empty folder" in err


def test_python_dash_m_works() -> None:
    done = subprocess.run([sys.executable, "-m", "newsgen", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("newsgen ")


def test_table_aligns_columns() -> None:
    table = cli._table([{"name": "Maren Holt", "articles": 3}, {"name": "Tessel", "articles": 12}])
    assert table.splitlines() == ["name        articles", "Maren Holt  3", "Tessel      12"]


def test_entities_of_a_new_site(run_cli, tmp_path: Path) -> None:
    pytest.importorskip("newsgen.entities")
    run_cli(["init", str(tmp_path / "paper")])
    code, out, _ = run_cli(["entities", str(tmp_path / "paper"), "--json"])
    assert code == 0
    rows = json.loads(out)
    assert {"name", "kind", "articles"} <= set(rows[0])
    names = {row["name"] for row in rows}
    assert "Lowmoor" in names
    code, out, _ = run_cli(["entities", str(tmp_path / "paper"), "--min-articles", "99"])
    assert (code, out.strip()) == (0, "(none)")


def test_build_and_inspect_a_new_site(run_cli, tmp_path: Path) -> None:
    pytest.importorskip("newsgen.loader")
    site = tmp_path / "paper"
    run_cli(["init", str(site)])
    code, _, err = run_cli(["build", str(site), "-q"])
    assert (code, err) == (0, "")
    assert (site / "build" / "index.html").is_file()
    code, out, _ = run_cli(["inspect", str(site / "content/city/quay-lighting-plan.txt"), "--json"])
    assert code == 0 and json.loads(out)["title"] == "Lowmoor council approves quay lighting plan"


def test_version_matches_the_package_metadata() -> None:
    from importlib import metadata

    assert newsgen.__version__ == metadata.version("newsgen")
