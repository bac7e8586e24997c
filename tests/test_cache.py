"""The build cache: reuse of unchanged files, and a damaged cache never yields a wrong site."""

from __future__ import annotations

import dataclasses
import gc
import os
from pathlib import Path

import pytest

from conftest import tree_bytes
from newsgen.build import GC_THRESHOLDS, BuildOptions, Stages, build
from newsgen.cache import ARTICLES_DB, Cache, CachedFile, gc_paused
from newsgen.report import RecordingReporter
from newsgen.uptodate import CACHE_DIR, RACY_NS, is_settled

SITE = {f"content/story{i}.txt": f"Story {i}\nbody {i}\n" for i in range(5)}
OLD_NS = 1_000_000_000


def age(site: Path) -> None:
    """Make every input old, so stats are trusted (not 'racy')."""
    for path in [site, *site.rglob("*")]:
        if CACHE_DIR not in path.parts:
            os.utime(path, ns=(OLD_NS, OLD_NS))


def counting(stages: Stages, calls: list[str]) -> Stages:
    def load(rel: str, data: bytes, settings: object) -> object:
        calls.append(rel)
        return stages.load_article(rel, data, settings)

    fields = {name: getattr(stages, name) for name in Stages.__dataclass_fields__}
    return Stages(**{**fields, "load_article": load})


def run(site: Path, stages: Stages, **options: object):
    settings = {"jobs": 1, "quiet": True, **options}
    return build(site, BuildOptions(**settings), RecordingReporter(), stages)  # type: ignore[arg-type]


def test_unchanged_files_are_not_read_again(make_site, fake_stages) -> None:
    site = make_site(SITE)
    age(site)
    calls: list[str] = []
    run(site, counting(fake_stages, calls))
    assert len(calls) == 5
    (site / "content/story2.txt").write_text("Story two\nedited\n")
    os.utime(site / "content/story2.txt", ns=(OLD_NS * 2, OLD_NS * 2))
    calls.clear()
    result = run(site, counting(fake_stages, calls))
    assert calls == ["story2.txt"]
    assert (result.pages_written, result.pages_unchanged) == (2, 4)  # the article and the home page


def test_racy_file_with_same_stat_is_re_read(make_site, fake_stages) -> None:
    """An edit that keeps size and mtime right after a build must still be seen."""
    site = make_site({"content/a.txt": "Title A\nbody\n"})
    run(site, fake_stages)
    stat = (site / "content/a.txt").stat()
    (site / "content/a.txt").write_text("Title B\nbody\n")
    os.utime(site / "content/a.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    run(site, fake_stages)
    assert (site / "build/a/index.html").read_bytes().startswith(b"<h1>Title B</h1>")


@pytest.mark.parametrize("damage", ["truncate", "garble", "empty", "foreign"])
def test_damaged_cache_means_full_build_and_same_site(make_site, fake_stages, tmp_path, damage) -> None:
    site = make_site(SITE)
    age(site)
    run(site, fake_stages)
    (site / "content/story1.txt").write_text("Story one\nchanged\n")
    for path in (site / CACHE_DIR).iterdir():
        data = path.read_bytes()
        if damage == "truncate":
            path.write_bytes(data[: len(data) // 2])
        elif damage == "garble":
            path.write_bytes(bytes(b ^ 0x5A for b in data))
        elif damage == "empty":
            path.write_bytes(b"")
        else:
            import pickle

            path.write_bytes(pickle.dumps(("newsgen-cache", 1, "0.0.0-other", "x", "k", {})))
    calls: list[str] = []
    result = run(site, counting(fake_stages, calls))
    assert {d.code for d in result.diagnostics} == {"cache"}
    assert len(calls) == 5
    run(site, fake_stages, output_dir=tmp_path / "clean", clean=True)
    assert tree_bytes(site / "build") == tree_bytes(tmp_path / "clean")
    assert run(site, fake_stages).diagnostics == ()  # the cache was rewritten whole


def test_clean_ignores_the_cache(make_site, fake_stages) -> None:
    site = make_site(SITE)
    age(site)
    run(site, fake_stages)
    calls: list[str] = []
    run(site, counting(fake_stages, calls), clean=True)
    assert len(calls) == 5


def test_changed_settings_invalidate_articles(make_site, fake_stages) -> None:
    site = make_site(SITE)
    age(site)
    run(site, fake_stages)
    (site / "newsgen.yaml").write_text("default_section: world\n")
    calls: list[str] = []
    run(site, counting(fake_stages, calls))
    assert len(calls) == 5


def test_is_settled() -> None:
    now = 10_000_000_000
    assert is_settled({"a": (now - 5_000_000_000, 1)}, now)
    assert not is_settled({"a": (now - 1_000, 1)}, now)


def test_one_row_per_file_and_only_changed_rows_are_written(tmp_path: Path) -> None:
    entries = {f"s{i}.txt": CachedFile(i, i, "x", None, ()) for i in range(40)}
    Cache(tmp_path).store_articles("key", entries, 5, entries)
    assert [p.name for p in (tmp_path / CACHE_DIR).iterdir()] == [ARTICLES_DB]
    cache = Cache(tmp_path)
    assert cache.load_articles("key") == entries
    assert cache.taken_ns("s3.txt") == 5
    assert Cache(tmp_path).load_articles("other key") == {}
    edited = {**entries, "s3.txt": CachedFile(99, 99, "y", None, ())}
    cache.store_articles("key", edited, 7, ["s3.txt"], prune=False)
    reloaded = Cache(tmp_path)
    assert reloaded.load_articles("key") == edited
    assert (reloaded.taken_ns("s3.txt"), reloaded.taken_ns("s4.txt")) == (7, 5)
    assert Cache(tmp_path).load_files("key", ["s3.txt", "gone.txt"]) == {"s3.txt": edited["s3.txt"]}
    del edited["s5.txt"]
    cache.store_articles("key", edited, 8, ["s5.txt"])  # removed from the site: its row goes
    assert Cache(tmp_path).load_articles("key") == edited
    cache.store_articles("new key", {"a.txt": entries["s1.txt"]}, 9, ["a.txt"])  # prunes "key"
    assert Cache(tmp_path).load_articles("key") == {}


def test_the_article_cache_of_older_versions_is_removed(tmp_path: Path) -> None:
    folder = tmp_path / CACHE_DIR
    folder.mkdir()
    for name in ("articles.pickle", "articles-00.pickle", "articles-15.pickle", "state-abc.pickle"):
        (folder / name).write_bytes(b"old")
    entries = {"a.txt": CachedFile(1, 1, "x", None, ())}
    Cache(tmp_path).store_articles("key", entries, 5, entries, prune=False)  # a batch: kept
    assert (folder / "articles-00.pickle").exists()
    Cache(tmp_path).store_articles("key", entries, 5, entries)
    assert sorted(p.name for p in folder.iterdir()) == [ARTICLES_DB, "state-abc.pickle"]


def test_an_added_file_is_seen_without_rediscovery_cost(make_site, fake_stages) -> None:
    """The fast path trusts folder mtimes for additions: adding a file must still rebuild."""
    site = make_site(SITE)
    age(site)
    run(site, fake_stages)
    (site / "content/sub").mkdir()
    os.utime(site / "content/sub", ns=(OLD_NS, OLD_NS))
    age(site)
    run(site, fake_stages)  # a folder appeared (content/ changed): slow path, then settled
    (site / "content/sub/late.txt").write_text("Late story\nbody\n")
    result = run(site, fake_stages)
    assert result.articles == 6 and (site / "build/late/index.html").is_file()


def test_discovery_is_skipped_when_no_folder_changed(make_site, fake_stages) -> None:
    site = make_site(SITE)
    age(site)
    run(site, fake_stages)
    discovered: list[Path] = []

    def discover(root: Path) -> list[str]:
        discovered.append(root)
        return fake_stages.discover(root)

    fields = {name: getattr(fake_stages, name) for name in Stages.__dataclass_fields__}
    stages = Stages(**{**fields, "discover": discover})
    (site / "content/story2.txt").write_text("Story two\nedited\n")  # an edit in place
    result = run(site, stages)
    assert discovered == [] and result.pages_written == 2
    (site / "content/story9.txt").write_text("Story nine\nnew\n")  # content/ itself changes
    result = run(site, stages)
    assert discovered == [site / "content"] and result.articles == 6


def test_clean_build_leaves_a_cache_for_the_next_build(make_site, fake_stages) -> None:
    site = make_site(SITE)
    age(site)
    calls: list[str] = []
    stages = counting(fake_stages, calls)
    run(site, stages, clean=True)
    calls.clear()
    result = run(site, stages)
    assert calls == []
    assert (result.pages_written, result.pages_unchanged) == (0, 6)


def test_clean_build_elsewhere_keeps_this_folders_state(make_site, fake_stages, tmp_path) -> None:
    site = make_site(SITE)
    age(site)
    calls: list[str] = []
    stages = counting(fake_stages, calls)
    run(site, stages)
    run(site, stages, output_dir=tmp_path / "other", clean=True)
    (site / "content/story1.txt").write_text("Story one\nedited\n")
    os.utime(site / "content/story1.txt", ns=(OLD_NS * 2, OLD_NS * 2))
    calls.clear()
    result = run(site, stages)
    assert calls == ["story1.txt"]
    assert (result.pages_written, result.pages_unchanged) == (2, 4)  # not a full re-render


def test_only_a_few_states_are_kept(make_site, fake_stages, tmp_path) -> None:
    site = make_site(SITE)
    age(site)
    for k in range(7):
        run(site, fake_stages, output_dir=tmp_path / f"out{k}")
    assert len(list((site / CACHE_DIR).glob("state-*.pickle"))) == 4


def test_objects_made_with_the_collector_paused_are_frozen_then_freed_by_the_build(
    make_site, fake_stages
) -> None:
    """`gc_paused` freezes what it made (the collector's first pass after it would otherwise
    walk every object); a build leaves nothing frozen behind, so `newsgen serve`, which builds
    again and again, does not keep old builds' objects out of the collector's reach."""
    gc.unfreeze()
    with gc_paused():
        made = [[n] for n in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() >= len(made)
    gc.unfreeze()
    site = make_site(SITE)
    run(site, fake_stages)
    (site / "content" / "story9.txt").write_text("Story nine\nBody.\n")
    run(site, fake_stages)  # reads the cache: `gc_paused` again
    assert gc.get_freeze_count() == 0


def test_a_build_runs_with_the_collector_thresholds_it_sets_and_restores_them(
    make_site, fake_stages
) -> None:
    seen: list[tuple[int, int, int]] = []

    def load(*args: object, **kwargs: object) -> object:
        seen.append(gc.get_threshold())
        return fake_stages.load_article(*args, **kwargs)

    before = gc.get_threshold()
    run(make_site(SITE), dataclasses.replace(fake_stages, load_article=load))
    assert seen and set(seen) == {GC_THRESHOLDS}
    assert gc.get_threshold() == before != GC_THRESHOLDS


def test_a_stat_already_taken_decides_without_touching_the_file(tmp_path: Path) -> None:
    """The full path hands `load_articles` the stats it took before reading anything: those,
    not a second stat, decide whether a cached file still stands."""
    from newsgen.buildsteps.load import _stat_matches

    hit = CachedFile(1_000, 42, "x", None, ())
    missing = tmp_path / "gone.txt"  # a fresh stat would fail: the given one is used
    later = 1_000 + RACY_NS + 1
    assert _stat_matches(missing, hit, later, (1_000, 42))
    assert not _stat_matches(missing, hit, later, (1_001, 42))  # touched since it was cached
    assert not _stat_matches(missing, hit, 1_000, (1_000, 42))  # too recent to trust
    assert not _stat_matches(missing, hit, later)  # no stat given: the file's own, and it is gone
    real = tmp_path / "here.txt"
    real.write_text("text")
    info = real.stat()
    cached = CachedFile(info.st_mtime_ns, info.st_size, "x", None, ())
    assert _stat_matches(real, cached, info.st_mtime_ns + RACY_NS + 1)
