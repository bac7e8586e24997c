"""Incremental builds equal clean builds, byte for byte, after any sequence of edits."""

from __future__ import annotations

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
    """One random edit: add, edit, delete or rename an article, or change a template, config or static file."""
    articles = sorted((site / "content").rglob("*.txt"))
    action = rng.choice(["add", "add", "edit", "edit", "delete", "rename", "template", "config", "static"])
    if action == "add" or not articles:
        (site / "content" / f"a{rng.randrange(10**6)}.txt").write_text(random_text(rng))
    elif action == "edit":
        rng.choice(articles).write_text(random_text(rng))
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


def real_edit(site: Path, rng: random.Random) -> str:
    articles = sorted((site / "content").rglob("*.txt"))
    action = rng.choice(["add", "add", "edit", "delete", "rename", "template", "config"])
    if action == "add" or not articles:
        folder = site / "content" / rng.choice(["city", "business"])
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"story-{rng.randrange(10**6)}.txt").write_text(real_article(rng))
    elif action == "edit":
        rng.choice(articles).write_text(real_article(rng))
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
    for step in range(10):
        action = real_edit(site, rng)
        incremental = build(site, BuildOptions(jobs=1, quiet=True), reporter)
        clean_out = tmp_path / f"clean{step}"
        clean = build(site, BuildOptions(output_dir=clean_out, clean=True, jobs=1, quiet=True), reporter)
        assert incremental.errors == [] and clean.errors == []
        assert tree_bytes(site / "build") == tree_bytes(clean_out), (step, action)
        assert incremental.diagnostics == clean.diagnostics, (step, action)
