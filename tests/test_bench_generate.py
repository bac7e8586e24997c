"""The synthetic archive generator: deterministic, the right number of files, newsgen's text
format, and a Markdown form whose front matter carries the entities as taxonomies."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import generate as gen  # noqa: E402
from benchmarks.build_bench import (  # noqa: E402
    added_article, appended_sentence, edited_headline, edited_template,
)
from benchmarks.hugo_compare import hugo_binary  # noqa: E402

CREDIT = re.compile(r" \(([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*)(/[A-Z][a-z]+ [A-Z][a-z]+)?\)$")
LONG_DATE = re.compile(r"(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, [A-Z][a-z]+ \d{1,2}, 20\d\d")
DATELINE = re.compile(r"^[A-Z]+, [A-Z][a-z]+ \d{1,2} \([A-Z][A-Za-z ]+\) - ")
PATH_DATE = re.compile(r"^20\d\d-\d\d-\d\d-")


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def split_text_article(text: str) -> tuple[dict, list[str]]:
    """(front matter, non-blank lines) of a plain-text article."""
    front: dict = {}
    if text.startswith("---\n"):
        head, _, text = text[4:].partition("\n---\n")
        front = yaml.safe_load(head)
    return front, [line for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def text_archive(tmp_path_factory: pytest.TempPathFactory) -> gen.Archive:
    return gen.generate(tmp_path_factory.mktemp("txt"), 120, seed=11)


@pytest.fixture(scope="module")
def markdown_archive(tmp_path_factory: pytest.TempPathFactory) -> gen.Archive:
    return gen.generate(tmp_path_factory.mktemp("md"), 120, seed=11, markdown=True)


def test_same_seed_same_bytes_even_across_processes(tmp_path: Path, monkeypatch) -> None:
    gen.generate(tmp_path / "a", 40, seed=5, jobs=1)
    monkeypatch.setattr(gen, "PARALLEL_FROM", 1)  # force the process pool for 40 articles
    gen.generate(tmp_path / "b", 40, seed=5, jobs=2)
    gen.generate(tmp_path / "c", 40, seed=6, jobs=1)
    first, second = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert len(first) == 41 and first == second
    assert tree(tmp_path / "c") != first


def test_writes_one_file_per_article_under_sections(text_archive: gen.Archive) -> None:
    files = sorted((text_archive.site / "content").rglob("*.txt"))
    assert len(files) == 120
    assert len({f.relative_to(text_archive.site / "content").parts[0] for f in files}) >= 6
    config = yaml.safe_load((text_archive.site / "newsgen.yaml").read_text("utf-8"))
    assert "120 articles" in config["title"]


def test_refuses_to_write_over_existing_content(text_archive: gen.Archive) -> None:
    with pytest.raises(FileExistsError):
        gen.generate(text_archive.site, 5, seed=11)


def test_files_follow_the_plain_text_format(text_archive: gen.Archive) -> None:
    paragraphs = []
    for path in (text_archive.site / "content").rglob("*.txt"):
        _front, lines = split_text_article(path.read_text("utf-8"))
        dash = lines.index("-")
        assert dash in (2, 3), path  # headline, then one or two standfirst lines
        assert lines[0] and not lines[0].endswith(".")
        assert CREDIT.search(lines[dash + 1]), lines[dash + 1]
        body = [line for line in lines[dash + 2:] if not line.startswith("Read more: ")]
        paragraphs.append(sum(line.endswith((".", '"')) for line in body))
        assert 7 <= len(body) <= 23
    assert min(paragraphs) >= 6 and max(paragraphs) <= 20


def test_every_article_has_a_date_in_path_caption_or_dateline(text_archive: gen.Archive) -> None:
    where = Counter()
    for path in (text_archive.site / "content").rglob("*.txt"):
        _front, lines = split_text_article(path.read_text("utf-8"))
        caption, first = lines[lines.index("-") + 1], lines[lines.index("-") + 2]
        if PATH_DATE.match(path.name):
            where["path"] += 1
        elif LONG_DATE.search(caption):
            where["caption"] += 1
        else:
            assert DATELINE.match(first), (path, first)
            assert re.fullmatch(r"20\d\d", path.parent.name), path  # the year is in the path
            where["dateline"] += 1
    assert where["path"] > where["caption"] + where["dateline"] > 0


def test_text_has_quotes_read_more_tags_and_short_forms(text_archive: gen.Archive) -> None:
    texts = [p.read_text("utf-8") for p in (text_archive.site / "content").rglob("*.txt")]
    joined = "\n".join(texts)
    assert re.search(r'," [A-Z][\w ]+ said\.', joined)
    assert re.search(r'," said [A-Z][\w ]+\.', joined)
    assert re.search(r'[A-Z]\w+ said: "', joined)
    headlines = {split_text_article(t)[1][0] for t in texts}
    targets = re.findall(r"^Read more: (.+)$", joined, re.MULTILINE)
    assert targets and set(targets) <= headlines
    assert any(t.startswith("---\ntags: [") for t in texts)
    assert re.search(r"\b(Mr|Ms|Dr) [A-Z][a-z]+\b", joined)
    assert re.search(r"\(([A-Z]{3,})\).*\b\1\b", joined)  # an acronym defined, then used


def test_entities_follow_a_skewed_distribution(markdown_archive: gen.Archive) -> None:
    counts = Counter()
    for path in (markdown_archive.site / "content").rglob("*.md"):
        front = yaml.safe_load(path.read_text("utf-8").split("---\n")[1])
        counts.update(front["people"])
    ranked = [n for _name, n in counts.most_common()]
    assert ranked[0] >= 5 * ranked[len(ranked) // 2]
    assert len(counts) > 100


def test_markdown_front_matter_lists_entities_found_in_text(markdown_archive: gen.Archive) -> None:
    files = sorted((markdown_archive.site / "content").rglob("*.md"))
    assert len(files) == 120
    for path in files:
        _, head, body = path.read_text("utf-8").split("---\n", 2)
        front = yaml.safe_load(head)
        keys = {"title", "date", "section", "tags", "people", "organizations", "places"}
        assert keys <= set(front)
        assert path.parent.name == front["section"]
        text = front["caption"] + " " + front["description"] + " " + body
        for name in front["people"] + front["organizations"] + front["places"]:
            assert name in text, (path, name)


def test_markdown_and_text_forms_hold_the_same_articles(text_archive, markdown_archive) -> None:
    assert [p.title for p in text_archive.plans] == [p.title for p in markdown_archive.plans]
    titles = {yaml.safe_load(p.read_text("utf-8").split("---\n")[1])["title"]
              for p in (markdown_archive.site / "content").rglob("*.md")}
    assert titles == {p.title for p in text_archive.plans}


def test_markdown_mode_writes_a_hugo_site(markdown_archive: gen.Archive) -> None:
    config = (markdown_archive.site / "hugo.toml").read_text("utf-8")
    assert 'person = "people"' in config and 'organization = "organizations"' in config
    assert 'place = "places"' in config
    layouts = {p.name for p in (markdown_archive.site / "layouts").iterdir()}
    assert {"baseof.html", "single.html", "list.html", "term.html", "taxonomy.html"} <= layouts


@pytest.mark.skipif(hugo_binary() is None, reason="hugo is not installed")
def test_hugo_builds_the_markdown_site(tmp_path: Path) -> None:
    archive = gen.generate(tmp_path / "site", 15, seed=2, markdown=True)
    out = tmp_path / "public"
    subprocess.run([hugo_binary(), "--quiet", "--source", str(archive.site), "--destination",
                    str(out)], check=True, capture_output=True, timeout=120)
    plan = archive.plans[0]
    page = (out / gen.article_url(plan).strip("/") / "index.html").read_text("utf-8")
    assert plan.title.replace("'", "&#39;") in page
    assert (out / "people").is_dir() and (out / "index.xml").is_file()


def test_template_edit_lands_inside_a_block() -> None:
    theme = '{% extends "base.html" %}\n{% block meta %}m{% endblock %}\n{% block content %}\nx\n'
    edited = edited_template(theme, 3)
    assert edited.index("<!-- benchmark template edit 3 -->") > edited.index("{% block content %}")
    assert edited_template("plain", 1).endswith("<!-- benchmark template edit 1 -->\n")


def test_appended_sentence_extends_the_last_paragraph() -> None:
    edited = appended_sentence(b"Head\n-\nCap (X)\nLast line.\n", 0)
    assert edited.startswith(b"Head\n-\nCap (X)\nLast line. More details")
    assert edited.endswith(b".\n") and edited.count(b"\n") == 4


def test_edited_headline_is_the_first_line_after_front_matter() -> None:
    with_front = edited_headline(b"---\ntags: [a]\n---\n\nHead\nBody.\n", 0)
    assert with_front == b"---\ntags: [a]\n---\n\nHead (updated 1)\nBody.\n"
    assert edited_headline(b"Head\n-\nBody.\n", 2) == b"Head (updated 3)\n-\nBody.\n"


def test_added_article_has_a_headline_of_its_own() -> None:
    with_front = added_article(b"---\ntags: [a]\n---\n\nHead\nBody.\n", 0)
    assert with_front == b"---\ntags: [a]\n---\n\nLater story 1: Head\nBody.\n"
    assert added_article(b"Head\n-\nBody.\n", 2) == b"Later story 3: Head\n-\nBody.\n"


def test_command_line_writes_the_archive(tmp_path: Path) -> None:
    script = REPO / "benchmarks" / "generate.py"
    done = subprocess.run([sys.executable, str(script), str(tmp_path), "--articles", "7"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "content").rglob("*.txt"))) == 7
    again = subprocess.run([sys.executable, str(script), str(tmp_path), "--articles", "7"],
                           capture_output=True, text=True, timeout=60)
    assert again.returncode == 2 and "already exists" in again.stderr
    shutil.rmtree(tmp_path / "content")


def test_entity_truth_scores_by_article_threshold() -> None:
    from benchmarks.entity_truth import score

    truth = Counter({"Ada Vell": 3, "Tor Mikel": 2, "Ina Sol": 1})
    found = Counter({"Ada Vell": 3, "Critics": 9, "Ina Sol": 4})
    right, wrong, missed = score(truth, found, 2)
    assert (right, wrong, missed) == ({"Ada Vell"}, {"Critics", "Ina Sol"}, {"Tor Mikel"})


def test_entity_truth_reads_the_generated_front_matter(markdown_archive: gen.Archive) -> None:
    from benchmarks.entity_truth import true_entities

    truth = true_entities(markdown_archive.site)
    assert set(truth) == {"person", "organization", "place"}
    assert sum(truth["person"].values()) >= 120  # every article names someone
    assert not set(truth["person"]) & set(truth["place"])
