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
