"""Staged output: atomic swap, write-if-changed, refusal of foreign folders, no writes outside."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsgen.output import MARKER, OutputError, Staging, Tree, existing_files, recover, safe_join


def stage(out: Path, files: dict[str, bytes], previous: set[str] | None = None) -> Staging:
    staging = Staging(out, previous)
    staging.open()
    for rel, data in files.items():
        staging.write(rel, data)
    return staging


def publish(out: Path, files: dict[str, bytes]) -> int:
    staging = stage(out, files)
    try:
        return staging.commit(set(files))
    finally:
        staging.abort()


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("rel", ["../x", "/etc/x", "a/../../x", "", "a\\..\\x"])
def test_safe_join_rejects_escapes(tmp_path: Path, rel: str) -> None:
    with pytest.raises(OutputError):
        safe_join(tmp_path, rel)


def test_safe_join_rejects_symlinks_out(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir(), elsewhere.mkdir()
    (out / "link").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(OutputError):
        safe_join(out, "link/page.html")
    assert safe_join(out, "a/b.html") == out / "a" / "b.html"


def test_first_build_swaps_in_a_marked_tree(tmp_path: Path) -> None:
    out = tmp_path / "build"
    publish(out, {"index.html": b"home", "a/index.html": b"A"})
    assert tree(out) == {"index.html": b"home", "a/index.html": b"A", MARKER: (out / MARKER).read_bytes()}
    assert [p.name for p in tmp_path.iterdir()] == ["build"]  # no staging folder left behind


def test_unchanged_files_keep_their_mtime_and_stale_ones_go(tmp_path: Path) -> None:
    out = tmp_path / "build"
    publish(out, {"index.html": b"home", "a/index.html": b"A", "b/index.html": b"B"})
    old = 1_000_000_000
    for rel in ("index.html", "a/index.html"):
        os.utime(out / rel, ns=(old, old))
    removed = publish(out, {"index.html": b"home", "a/index.html": b"A2"})
    assert removed == 1
    assert (out / "index.html").stat().st_mtime_ns == old
    assert (out / "a/index.html").read_bytes() == b"A2"
    assert not (out / "b").exists()  # the emptied folder is pruned too


def test_write_reports_whether_bytes_changed(tmp_path: Path) -> None:
    out = tmp_path / "build"
    publish(out, {"index.html": b"home"})
    staging = stage(out, {})
    assert staging.write("index.html", b"home") is False
    assert staging.write("index.html", b"new") is True
    staging.abort()
    assert (out / "index.html").read_bytes() == b"home"


def test_refuses_a_foreign_folder(tmp_path: Path) -> None:
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.txt").write_text("mine")
    with pytest.raises(OutputError, match="not made by newsgen"):
        Staging(out).open()
    assert tree(out) == {"thesis.txt": b"mine"}


def test_an_empty_folder_is_fine(tmp_path: Path) -> None:
    out = tmp_path / "build"
    out.mkdir()
    publish(out, {"index.html": b"x"})
    assert (out / "index.html").read_bytes() == b"x"


def test_crash_before_commit_leaves_previous_output(tmp_path: Path) -> None:
    out = tmp_path / "build"
    publish(out, {"index.html": b"v1", "a/index.html": b"A"})
    before = tree(out)
    staging = stage(out, {"index.html": b"v2", "b/index.html": b"B"})
    staging._release()  # the process dies here: no commit, no abort (the kernel drops its lock)
    del staging
    assert tree(out) == before
    publish(out, {"index.html": b"v3"})  # the next build cleans the abandoned staging folder
    assert [p.name for p in tmp_path.iterdir()] == ["build"]
    assert tree(out)["index.html"] == b"v3"


def test_interrupted_apply_is_rolled_forward(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "build"
    publish(out, {"index.html": b"v1", "a/index.html": b"A", "b/index.html": b"B"})
    staging = stage(out, {"index.html": b"v2", "a/index.html": b"A2"})
    moves = 0
    real_replace = os.replace

    def crash_after_first_move(src: str, dst: str) -> None:
        nonlocal moves
        real_replace(src, dst)
        if not str(dst).endswith(".json"):
            moves += 1
            if moves == 1:
                raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash_after_first_move)
    with pytest.raises(KeyboardInterrupt):
        staging.commit({"index.html", "a/index.html"})
    monkeypatch.setattr(os, "replace", real_replace)
    staging.abort()  # what the build does on the way out: the journal must survive it
    recover(out)
    assert {k: v for k, v in tree(out).items() if k != MARKER} == {
        "index.html": b"v2",
        "a/index.html": b"A2",
    }
    assert [p.name for p in tmp_path.iterdir()] == ["build"]


def test_staging_never_writes_outside(tmp_path: Path) -> None:
    out = tmp_path / "build"
    staging = stage(out, {})
    with pytest.raises(OutputError):
        staging.write("../escape.html", b"x")
    staging.abort()
    assert not (tmp_path / "escape.html").exists()


def test_safe_join_rejects_a_symlink_out_above_missing_folders(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir(), elsewhere.mkdir()
    (out / "link").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(OutputError, match="symlink out"):
        safe_join(out, "link/new/deeper/page.html")
    with pytest.raises(OutputError, match="symlink out"):
        Tree(out).path("link/new/page.html", make_dirs=True)
    assert list(elsewhere.iterdir()) == []  # no folder made through the link


def test_a_symlinked_folder_inside_the_output_is_allowed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "real").mkdir(parents=True)
    (out / "alias").symlink_to(out / "real", target_is_directory=True)
    assert safe_join(out, "alias/new/page.html") == out / "alias" / "new" / "page.html"


def test_commit_refuses_to_write_through_a_symlink_put_in_the_output(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "build", tmp_path / "elsewhere"
    elsewhere.mkdir()
    publish(out, {"index.html": b"v1"})
    staging = stage(out, {"a/new/index.html": b"A"})
    (out / "a").symlink_to(elsewhere, target_is_directory=True)  # appears before the swap
    with pytest.raises(OutputError):
        staging.commit({"index.html", "a/new/index.html"})
    staging.abort()
    assert list(elsewhere.iterdir()) == []


def test_each_folder_is_checked_once_per_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    (out / "2024").mkdir(parents=True)  # there already: looked at; the rest: made
    tree_ = Tree(out)
    checked: list[str] = []
    real_lstat, real_mkdir = os.lstat, os.mkdir

    def counting_lstat(path: str) -> os.stat_result:
        checked.append(os.path.relpath(path, out))
        return real_lstat(path)

    def counting_mkdir(path: str, *args: object) -> None:
        checked.append(os.path.relpath(path, out))
        real_mkdir(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "lstat", counting_lstat)
    monkeypatch.setattr(os, "mkdir", counting_mkdir)
    for rel in ("2024/01/a/index.html", "2024/01/b/index.html", "2024/02/c/index.html"):
        tree_.path(rel, make_dirs=True).write_bytes(b"x")
    folders = [p for p in checked if not p.endswith(".html")]
    # "2024" is tried (mkdir) then looked at (lstat); every other folder is made once
    assert sorted(folders) == sorted(
        ["2024", "2024", "2024/01", "2024/01/a", "2024/01/b", "2024/02", "2024/02/c"]
    )
    assert [p for p in checked if p.endswith(".html")] == []  # in folders it made


def test_a_symlink_file_in_a_folder_already_there_is_refused(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere.html"
    (out / "a").mkdir(parents=True)
    elsewhere.write_bytes(b"theirs")
    (out / "a" / "index.html").symlink_to(elsewhere)
    with pytest.raises(OutputError):
        Tree(out).path("a/index.html", make_dirs=True)
    assert elsewhere.read_bytes() == b"theirs"


def test_a_running_build_keeps_its_staging_folder_while_another_recovers(tmp_path: Path) -> None:
    """Two builds into sibling folders: the second one's clean-up must not take the first's work."""
    first = Staging(tmp_path / "one")
    first.open()
    assert first.write("index.html", b"first")
    second = Staging(tmp_path / "two")
    second.open()  # runs recover() over the shared parent
    assert second.write("index.html", b"second")
    first.commit({"index.html"})
    second.commit({"index.html"})
    assert tree(tmp_path / "one")["index.html"] == b"first"
    assert tree(tmp_path / "two")["index.html"] == b"second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one", "two"]


def test_an_abandoned_staging_folder_is_removed(tmp_path: Path) -> None:
    gone = Staging(tmp_path / "build")
    gone.open()
    gone.write("index.html", b"x")
    gone._release()  # as if its build had been killed: the lock goes with the process
    Staging(tmp_path / "build").open()
    assert len(list(tmp_path.glob(".build-tmp-*"))) == 1  # only the new build's own


@pytest.mark.parametrize("given", ["path", "relative str"])
def test_existing_files_lists_every_file_but_the_marker(tmp_path, monkeypatch, given) -> None:
    out = tmp_path / "site out"
    files = {"index.html": b"i", "feed.xml": b"f", "2025/04/16/ferry/index.html": b"a",
             "tags/rye/page/2/index.html": b"t", MARKER: b"m"}  # fmt: skip
    for rel, data in files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    (out / "empty" / "folder").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    folder = out if given == "path" else Path("site out")
    assert existing_files(folder) == set(files) - {MARKER}
