"""Score `newsgen.entities.find_mentions` on a CoNLL-2003 file.

    python benchmarks/ner_eval.py DATA [--no-baseline] [--profile]

Text is rebuilt by joining tokens with single spaces; a predicted name counts only when it
starts and ends on token boundaries. PER/ORG/LOC are scored (gold MISC and predicted `other`
dropped), exact spans, micro-averaged, typed and untyped; (a) every sentence alone, (b) runs of
20 sentences joined by newlines. Throughput is tokens per second on one core, the median of 3
runs over the whole file (in runs of 20 sentences), in CPU time (`time.process_time`) so that
other processes on the machine count as little as possible. The naive baseline column calls every
maximal sequence of capitalised tokens a place (the commonest kind), in the same run.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _conll import Sentence, chunks, gold_spans, join_sentences, read_sentences  # noqa: E402

from newsgen.entities import find_mentions  # noqa: E402
from newsgen.model import Mention  # noqa: E402

KIND_OF = {"person": "PER", "organization": "ORG", "place": "LOC"}
_NAIVE = re.compile(r"(?<!\S)[A-Z]\S*(?: [A-Z]\S*)*")
Finder = Callable[[str], list[Mention]]


def naive_baseline(text: str) -> list[Mention]:
    """Every maximal run of capitalised tokens, called a place."""
    return [Mention(m.start(), m.end(), m.group(), "place") for m in _NAIVE.finditer(text)]


class Score:
    def __init__(self) -> None:
        self.tp = {"typed": 0, "untyped": 0}
        self.predicted = 0
        self.gold = 0

    def add(self, gold: set[tuple[int, int, str]], predicted: set[tuple[int, int, str]]) -> None:
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.tp["typed"] += len(gold & predicted)
        self.tp["untyped"] += len({g[:2] for g in gold} & {p[:2] for p in predicted})

    def prf(self, mode: str) -> tuple[float, float, float]:
        tp = self.tp[mode]
        p = tp / self.predicted if self.predicted else 0.0
        r = tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_group(sentences: Sequence[Sentence], finder: Finder, score: Score) -> None:
    text, offsets, tags = join_sentences(sentences)
    tokens_flat = [t for tokens, _ in sentences for t in tokens]
    assert len(tokens_flat) == len(offsets)
    gold = {(s, e, k) for s, e, k in gold_spans(tags) if k != "MISC"}
    first = {start: i for i, (start, _) in enumerate(offsets)}
    last = {end: i + 1 for i, (_, end) in enumerate(offsets)}
    predicted = set()
    for m in finder(text):
        kind = KIND_OF.get(m.kind)
        if kind and m.start in first and m.end in last:
            predicted.add((first[m.start], last[m.end], kind))
        elif kind:
            predicted.add((-1 - len(predicted), 0, kind))  # misaligned: a false positive
    score.add(gold, predicted)


def evaluate(sentences: Sequence[Sentence], finder: Finder, size: int) -> Score:
    score = Score()
    for group in chunks(sentences, size):
        score_group(group, finder, score)
    return score


def throughput(sentences: Sequence[Sentence]) -> float:
    texts = [join_sentences(group)[0] for group in chunks(sentences, 20)]
    n_tokens = sum(len(tokens) for tokens, _ in sentences)
    runs = []
    for _ in range(3):
        start = time.process_time()
        for text in texts:
            find_mentions(text)
        runs.append(time.process_time() - start)
    return n_tokens / statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score newsgen's entity finder on CoNLL-2003.")
    parser.add_argument("data")
    parser.add_argument("--baseline", action=argparse.BooleanOptionalAction, default=True,
                        help="add the naive baseline column (default: yes)")
    parser.add_argument("--profile", action="store_true",
                        help="also print where one pass over the file spends its time")
    args = parser.parse_args(argv)
    sentences = read_sentences(args.data)
    find_mentions("Warm Up")  # load the model outside the timed runs
    finders: dict[str, Finder] = {"newsgen": find_mentions}
    if args.baseline:
        finders["baseline"] = naive_baseline
    results = {
        (name, size): evaluate(sentences, finder, size)
        for name, finder in finders.items()
        for size in (1, 20)
    }
    speed = throughput(sentences)
    n_tokens = sum(len(tokens) for tokens, _ in sentences)
    print(f"{Path(args.data).name}: {len(sentences)} sentences, {n_tokens} tokens")
    header = f"{'metric':<28}" + "".join(f"{name:>12}" for name in finders)
    print(header)
    print("-" * len(header))
    for size, label in ((1, "sentence"), (20, "20 sentences")):
        for mode in ("typed", "untyped"):
            for i, what in enumerate(("P", "R", "F1")):
                row = f"{label + ' ' + mode + ' ' + what:<28}"
                row += "".join(f"{results[(n, size)].prf(mode)[i]:>12.3f}" for n in finders)
                print(row)
    print(f"{'tokens/s (1 core, median 3)':<28}{speed:>12,.0f}")
    if args.profile:
        profile(sentences)
    return 0


def profile(sentences: Sequence[Sentence]) -> None:
    """The 15 functions with the most own time in one pass (runs of 20 sentences)."""
    import cProfile
    import pstats

    texts = [join_sentences(group)[0] for group in chunks(sentences, 20)]
    profiler = cProfile.Profile()
    profiler.enable()
    for text in texts:
        find_mentions(text)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    raise SystemExit(main())
