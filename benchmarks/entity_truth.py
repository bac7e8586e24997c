"""Scores newsgen's entity finding against the names the generator wrote into a synthetic archive.

    python benchmarks/entity_truth.py [--articles 300] [--seed S] [--min-articles 2] [--commit REV]

The generator knows every person, organization and place it put in each article (the Markdown
form lists them in front matter). This runs `newsgen entities --json` on the plain-text form and
compares, per kind, the entities found in at least `--min-articles` articles with the true ones.
Photo agencies of captions and credits are not in the truth: finding them counts as wrong.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import yaml

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._common import cached_archive, format_table, newsgen_code

TRUTH_KEYS = {"person": "people", "organization": "organizations", "place": "places"}


def true_entities(markdown_site: Path) -> dict[str, Counter[str]]:
    """Per kind, how many articles each generated name appears in."""
    truth: dict[str, Counter[str]] = {kind: Counter() for kind in TRUTH_KEYS}
    for path in (markdown_site / "content").rglob("*.md"):
        front = yaml.safe_load(path.read_text("utf-8").split("---\n")[1])
        for kind, key in TRUTH_KEYS.items():
            truth[kind].update(front[key])
    return truth


def found_entities(site: Path, env: dict[str, str] | None) -> dict[str, Counter[str]]:
    """Per kind, newsgen's entities and their article counts."""
    done = subprocess.run([sys.executable, "-m", "newsgen", "entities", str(site), "--json"],
                          env=env, check=True, capture_output=True, text=True)
    found: dict[str, Counter[str]] = {kind: Counter() for kind in TRUTH_KEYS}
    for entity in json.loads(done.stdout):
        if entity["kind"] in found:
            found[entity["kind"]][entity["name"]] = entity["articles"]
    return found


def score(truth: Counter[str], found: Counter[str], least: int) -> tuple[set[str], set[str], set[str]]:
    """(right, wrong, missed) names among those in at least `least` articles."""
    true_names = {name for name, count in truth.items() if count >= least}
    found_names = {name for name, count in found.items() if count >= least}
    return true_names & found_names, found_names - true_names, true_names - found_names


def _examples(names: set[str], counts: Counter[str]) -> str:
    return ", ".join(f"{n} ({counts[n]})" for n in sorted(names, key=lambda n: -counts[n])[:6])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--min-articles", type=int, default=2, help="entity threshold")
    parser.add_argument("--commit", metavar="REV", help="run newsgen as of this commit")
    args = parser.parse_args(argv)
    code = newsgen_code(args.commit)
    truth = true_entities(cached_archive(args.articles, args.seed, markdown=True))
    found = found_entities(cached_archive(args.articles, args.seed), code.env)
    rows, notes = [], []
    for kind in TRUTH_KEYS:
        right, wrong, missed = score(truth[kind], found[kind], args.min_articles)
        precision = len(right) / max(len(right) + len(wrong), 1)
        recall = len(right) / max(len(right) + len(missed), 1)
        rows.append([kind, str(len(right) + len(missed)), str(len(right) + len(wrong)),
                     f"{precision:.2f}", f"{recall:.2f}"])
        notes.append(f"{kind}: wrong {_examples(wrong, found[kind]) or '-'}; "
                     f"missed {_examples(missed, truth[kind]) or '-'}")
    print(f"{args.articles} articles, entities in >= {args.min_articles} articles; "
          f"newsgen: {code.label}")
    print(format_table(("kind", "true", "found", "precision", "recall"), rows))
    print("\n".join(["", *notes]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
