"""Incremental builds equal clean builds, byte for byte, after any sequence of edits."""

from __future__ import annotations

import dataclasses
import os
import random
from pathlib import Path

import pytest

from conftest import tree_bytes
from newsgen.build import BuildOptions, Stages, build
from newsgen.report import RecordingReporter

WORDS = "harbour ferry council lamp bakery valley river market bridge quay rye mill".split()


def random_text(rng: random.Random) -> str:
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4))).capitalize()
    body = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 9))) for _ in range(3)]
    extra = ["WARN"] if rng.random() < 0.2 else []
    return "\n".join([title, *body, *extra]) + "\n"


def edit_site(site: Path, rng: random.Random) -> str:
    """One random edit: add, edit, delete or rename an article, edit only its body, or change a
    template, config or static file."""
    articles = sorted((site / "content").rglob("*.txt"))
    action = rng.choice(["add", "add", "edit", "edit", "body", "body", "delete", "rename",
                         "template", "config", "static"])  # fmt: skip
    if action == "add" or not articles:
        (site / "content" / f"a{rng.randrange(10**6)}.txt").write_text(random_text(rng))
    elif action == "edit":
        rng.choice(articles).write_text(random_text(rng))
    elif action == "body":  # the title stays: the quick path's case
        article = rng.choice(articles)
        title = article.read_text().split("\n", 1)[0]
        article.write_text("\n".join([title, *random_text(rng).splitlines()[1:]]) + "\n")
    elif action == "delete":
        rng.choice(articles).unlink()
    elif action == "rename":
        rng.choice(articles).rename(site / "content" / f"r{rng.randrange(10**6)}.txt")
    elif action == "template":
        (site / "templates").mkdir(exist_ok=True)
        text = f"<h2>{rng.choice(WORDS)}</h2>{{title}}|{{body}}"
        (site / "templates" / "article.txt").write_text(text)
    elif action == "config":
        (site / "newsgen.yaml").write_text(f"title: {rng.choice(WORDS)}\nper_page: {rng.randint(1, 9)}\n")
    else:
        (site / "static").mkdir(exist_ok=True)
        (site / "static" / f"{rng.choice(WORDS)}.css").write_text(rng.choice(WORDS))
    return action


def check_sequence(site: Path, stages: Stages, tmp_path: Path, seed: int, steps: int) -> None:
    rng = random.Random(seed)
    reporter = RecordingReporter()
    for step in range(steps):
        action = edit_site(site, rng)
        incremental = build(site, BuildOptions(jobs=1, quiet=True), reporter, stages)
        clean_out = tmp_path / f"clean{step}"
        clean = build(site, BuildOptions(output_dir=clean_out, clean=True, jobs=1, quiet=True),
                      reporter, stages)  # fmt: skip
        assert tree_bytes(site / "build") == tree_bytes(clean_out), (seed, step, action)
        assert incremental.diagnostics == clean.diagnostics, (seed, step, action)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_equals_clean_with_fake_stages(make_site, fake_stages, tmp_path, seed) -> None:
    site = make_site({"content/first.txt": "First\nbody\n"}, name=f"site{seed}")
    check_sequence(site, fake_stages, tmp_path, seed, steps=30)


# ---- the real pipeline ---------------------------------------------------------------------

PEOPLE = ["Maren Holt", "Oskar Vennick", "Ines Barro", "Tomas Ferrand"]
PLACES = ["Lowmoor", "Harrowgate", "Tessel"]
THEME = Path(__file__).resolve().parents[1] / "templates"


def real_article(rng: random.Random) -> str:
    """A small plain-text article in newsgen's wire format, with invented names."""
    person, place = rng.choice(PEOPLE), rng.choice(PLACES)
    day = rng.randint(1, 28)
    topic = rng.choice(WORDS)
    return "\n".join([
        f"{place} {topic} plan {rng.choice(['approved', 'delayed', 'debated'])} {rng.randrange(100)}",
        f"Councillors in {place} discuss the {topic} once more.",
        "-",
        f"The {topic} in {place}, Monday, March {day}, 2025 (Ledger)",
        f"{person} said on Monday that the {topic} plan in {place} would go ahead.",
        f'"We have waited long enough for the {topic}," {person.split()[-1]} said.',
        f"The {topic} committee meets again in {rng.choice(PLACES)} next month.",
    ]) + "\n"  # fmt: skip


BODY_EDITS = [
    ("body", "The committee meets again", "The committee is due to meet again"),  # no names
    ("body", "would go ahead.", "would go ahead. The vote was close."),  # a sentence added
    ("names", "next month.", "next month, Maren Holt said."),  # a name added: not quick
    ("quote", "enough for", "quite enough for"),  # a quote's text changes: not quick
]


def body_edit(article: Path, rng: random.Random) -> str:
    """A small correction in one article's body, as a newsroom makes them."""
    kind, old, new = rng.choice(BODY_EDITS)
    text = article.read_text()
    article.write_text(text.replace(old, new, 1) if old in text else text + "A line more.\n")
    return kind


def real_edit(site: Path, rng: random.Random) -> str:
    articles = sorted((site / "content").rglob("*.txt"))
    action = rng.choice(["add", "add", "edit", "body", "body", "body", "delete", "rename",
                         "template", "config"])  # fmt: skip
    if action == "add" or not articles:
        folder = site / "content" / rng.choice(["city", "business"])
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"story-{rng.randrange(10**6)}.txt").write_text(real_article(rng))
    elif action == "edit":
        rng.choice(articles).write_text(real_article(rng))
    elif action == "body":
        action = body_edit(rng.choice(articles), rng)
    elif action == "delete":
        rng.choice(articles).unlink()
    elif action == "rename":
        rng.choice(articles).rename(site / "content" / f"moved-{rng.randrange(10**6)}.txt")
    elif action == "template":
        (site / "templates").mkdir(exist_ok=True)
        original = (THEME / "article.html").read_text("utf-8")
        marker = f"<!-- edition {rng.randrange(1000)} -->"
        (site / "templates" / "article.html").write_text(original.replace("</article>", marker + "</article>", 1))
    else:
        (site / "newsgen.yaml").write_text(f"title: The {rng.choice(PLACES)} Ledger\nper_page: {rng.randint(2, 5)}\n")
    return action


def test_incremental_equals_clean_with_the_real_pipeline(make_site, tmp_path) -> None:
    pytest.importorskip("newsgen.loader")
    rng = random.Random(7)
    site = make_site({f"content/city/first-{i}.txt": real_article(rng) for i in range(3)})
    reporter = RecordingReporter()
    indexed: list[int] = []
    real = Stages()

    def build_index(*args: object) -> object:
        indexed.append(1)
        return real.build_index(*args)

    stages = dataclasses.replace(real, build_index=build_index)
    taken: dict[str, list[bool]] = {}
    for step in range(24):
        action = real_edit(site, rng)
        indexed.clear()
        incremental = build(site, BuildOptions(jobs=1, quiet=True), reporter, stages)
        taken.setdefault(action, []).append(not indexed)  # the quick path builds no index
        clean_out = tmp_path / f"clean{step}"
        clean = build(site, BuildOptions(output_dir=clean_out, clean=True, jobs=1, quiet=True), reporter)
        assert incremental.errors == [] and clean.errors == []
        assert tree_bytes(site / "build") == tree_bytes(clean_out), (step, action)
        assert incremental.diagnostics == clean.diagnostics, (step, action)
    assert any(taken["body"]), taken  # name-free corrections took the quick path...
    assert not any(taken.get("names", []) + taken.get("quote", []) + taken["add"]), taken


def test_settings_warnings_are_not_repeated_by_later_builds(make_site, fake_stages) -> None:
    site = make_site({"content/a.txt": "Title A\nbody\n", "newsgen.yaml": "title: T\ncolour: red\n"})
    for path in [site, *site.rglob("*")]:
        os.utime(path, ns=(10**9, 10**9))  # old enough to be trusted: the no-change path
    first = build(site, BuildOptions(jobs=1, quiet=True), RecordingReporter(), fake_stages)
    assert [d.code for d in first.diagnostics] == ["config-key"]
    again = build(site, BuildOptions(jobs=1, quiet=True), RecordingReporter(), fake_stages)
    assert again.diagnostics == first.diagnostics  # not twice: once from the settings, once replayed
    (site / "content/a.txt").write_text("Title A\nanother body\n")
    os.utime(site / "content/a.txt", ns=(2 * 10**9, 2 * 10**9))
    quick = build(site, BuildOptions(jobs=1, quiet=True), RecordingReporter(), fake_stages)
    assert quick.diagnostics == first.diagnostics and quick.pages_written == 1


@pytest.mark.parametrize("then", ["no change", "a body edit"])
def test_a_build_with_other_settings_into_the_same_folder_replaces_the_state(
    make_site, tmp_path, then
) -> None:
    """`newsgen build`, then `newsgen build --base-url ...` into the same folder, then
    `newsgen build` again: the folder holds the second build's pages, so the third must not
    take the first build's state for a description of it (neither the no-change path nor the
    quick path)."""
    rng = random.Random(3)
    site = make_site({f"content/city/first-{i}.txt": real_article(rng) for i in range(3)})
    for path in [site, *site.rglob("*")]:
        os.utime(path, ns=(10**9, 10**9))  # old enough to be trusted: the no-change path
    options = BuildOptions(jobs=1, quiet=True)
    build(site, options)
    moved = build(site, dataclasses.replace(options, base_url="https://example.org/archive/"))
    assert moved.pages_written > 0
    if then == "a body edit":  # names nobody: the quick path's case
        article = site / "content/city/first-0.txt"
        article.write_text(article.read_text() + "The committee meets again soon.\n")
        os.utime(article, ns=(2 * 10**9, 2 * 10**9))
    build(site, options)
    clean_out = tmp_path / "clean"
    build(site, BuildOptions(output_dir=clean_out, clean=True, jobs=1, quiet=True))
    assert tree_bytes(site / "build") == tree_bytes(clean_out)


def test_quick_path_with_a_relative_site_path(make_site, fake_stages, monkeypatch) -> None:
    """`newsgen build .`: the page rows are found from a relative site folder too."""
    site = make_site({"content/a.txt": "Title A\nbody\n", "content/b.txt": "Title B\nbody\n"})
    monkeypatch.chdir(site)
    first = build(Path("."), BuildOptions(jobs=1, quiet=True), RecordingReporter(), fake_stages)
    assert first.exit_code == 0
    (site / "content/a.txt").write_text("Title A\nanother body\n")
    calls: list[int] = []
    stages = dataclasses.replace(fake_stages, build_index=lambda *a: calls.append(1) or fake_stages.build_index(*a))
    quick = build(Path("."), BuildOptions(jobs=1, quiet=True), RecordingReporter(), stages)
    assert quick.exit_code == 0 and quick.pages_written == 1
    assert calls == []  # the quick path: no site index was built


def test_quick_path_reuses_the_last_builds_template_fingerprints(make_site, fake_stages) -> None:
    site = make_site({"content/a.txt": "Title A\nbody\n", "content/b.txt": "Title B\nbody\n"})
    build(site, BuildOptions(jobs=1, quiet=True), RecordingReporter(), fake_stages)
    (site / "content/a.txt").write_text("Title A\nanother body\n")
    calls: list[int] = []

    def template_fingerprints(env: object) -> object:
        calls.append(1)
        return fake_stages.template_fingerprints(env)

    stages = dataclasses.replace(fake_stages, template_fingerprints=template_fingerprints)
    quick = build(site, BuildOptions(jobs=1, quiet=True), RecordingReporter(), stages)
    assert quick.pages_written == 1 and calls == []
    (site / "templates").mkdir(exist_ok=True)
    (site / "templates" / "article.txt").write_text("<h3>{title}</h3>{body}")
    full = build(site, BuildOptions(jobs=1, quiet=True), RecordingReporter(), stages)
    assert full.pages_written == 2 and calls == [1]  # a template change: a full build reads them


def test_an_edited_sentence_reaches_the_entity_page_after_the_full_path(make_site, tmp_path) -> None:
    """Entity pages quote a sentence from each article; their fingerprints hold the article's
    file and the mention's place, not the sentence. A sentence edited after the name (the
    name's offsets unchanged) must still re-render the page."""
    pytest.importorskip("newsgen.loader")
    rng = random.Random(3)
    files = {f"content/city/story-{i}.txt": real_article(rng) for i in range(4)}
    site = make_site(files)
    build(site, BuildOptions(jobs=1, quiet=True), RecordingReporter())
    page = site / "build" / "people" / "oskar-vennick" / "index.html"
    story = next(path for path in sorted((site / "content").rglob("*.txt"))
                 if "Oskar Vennick said on Monday" in path.read_text())  # fmt: skip
    assert "would go ahead." in page.read_text()
    story.write_text(story.read_text().replace("would go ahead.", "would go ahead at last.", 1))
    build(site, BuildOptions(jobs=1, quiet=True), RecordingReporter())
    assert "would go ahead at last." in page.read_text()
    clean = build(site, BuildOptions(output_dir=tmp_path / "clean", clean=True, jobs=1, quiet=True),
                  RecordingReporter())  # fmt: skip
    assert clean.errors == []
    assert tree_bytes(site / "build") == tree_bytes(tmp_path / "clean")
