"""Train the entity tagger shipped in `src/newsgen/entities/data/tagger.json.gz`.

    python benchmarks/train_ner.py TRAIN_FILE [--epochs N] [--out PATH] [--words-only]

It also writes `common_words.txt.gz` beside the weights: the lowercase words seen at least
`COMMON_MIN_COUNT` times in TRAIN_FILE, which the archive-wide rules use to tell ordinary words
(`Annual`, `Fresh`) from names. `--words-only` writes just that list.

TRAIN_FILE is CoNLL-2003 formatted. Documents are runs of 20 sentences, as the finder sees an
article. The gazetteer features of each training document come from the other folds, so the
tagger learns how far a seen name can be trusted on unseen text. Deterministic: same input,
same bytes out.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _conll import Sentence, chunks, gold_spans, join_sentences, read_sentences  # noqa: E402

from newsgen.entities.features import (  # noqa: E402
    RUN,
    Gazetteer,
    context_features,
    lower_vocabulary,
    run_features,
    run_tokens,
    static_features,
)
from newsgen.entities.tagger import START, TAGS, allowed_after  # noqa: E402

DOC_SIZE = 20
FOLDS = 5
COMMON_MIN_COUNT = 3
COMMON_EXTRA = ("sun", "moon", "sky")  # everyday words news text rarely writes in lower case
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "src/newsgen/entities/data/tagger.json.gz"


def build_gazetteer(docs: list[list[Sentence]], min_count: int = 1) -> dict[str, str]:
    """Lower-cased name -> its majority kind over `docs` (MISC included)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        for tokens, tags in doc:
            for first, end, kind in gold_spans(tags):
                counts[" ".join(tokens[first:end]).lower()][kind] += 1
    gaz = {}
    for name, kinds in counts.items():
        kind, n = kinds.most_common(1)[0]
        if sum(kinds.values()) >= min_count and n * 3 >= sum(kinds.values()) * 2:
            gaz[name] = kind
    return gaz


Example = tuple[list[list[str]], list[str]]  # feature lists and gold tags of one run


def examples(doc: list[Sentence], gazetteer: dict[str, str]) -> list[Example]:
    """(feature rows, gold tags) for every candidate run of one document."""
    text, offsets, tags = join_sentences(doc)
    gold_at = {start: tags[i] for i, (start, _) in enumerate(offsets)}
    vocab = lower_vocabulary(text)
    out = []
    for run in RUN.finditer(text):
        tokens = run_tokens(run.start(), run.group())
        gold = [gold_at.get(s, "O") for s, _, _ in tokens]
        for i, tag in enumerate(gold):
            if tag.startswith("I-") and (i == 0 or gold[i - 1][2:] != tag[2:]):
                gold[i] = "B-" + tag[2:]
        rows = run_features(text, tokens, vocab, gazetteer)
        full = [static_features(key) + context_features(context) for key, context in rows]
        out.append((full, gold))
    return out


class Perceptron:
    """Averaged multiclass perceptron over string features (the `t=` feature is the tag before)."""

    def __init__(self) -> None:
        self.w: dict[str, list[float]] = defaultdict(lambda: [0.0] * len(TAGS))
        self.total: dict[str, list[float]] = defaultdict(lambda: [0.0] * len(TAGS))
        self.stamp: dict[str, list[int]] = defaultdict(lambda: [0] * len(TAGS))
        self.step = 0

    def predict(self, feats: list[str], previous: str) -> int:
        scores = list(allowed_after(previous))
        for f in feats:
            if f in self.w:
                for k, v in enumerate(self.w[f]):
                    scores[k] += v
        return max(range(len(TAGS)), key=scores.__getitem__)

    def update(self, feats: list[str], gold: int, guess: int) -> None:
        self.step += 1
        if gold == guess:
            return
        for f in feats:
            for k, delta in ((gold, 1.0), (guess, -1.0)):
                self.total[f][k] += (self.step - self.stamp[f][k]) * self.w[f][k]
                self.stamp[f][k] = self.step
                self.w[f][k] += delta

    def averaged(self) -> dict[str, list[float]]:
        out = {}
        for f, weights in self.w.items():
            avg = [
                (self.total[f][k] + (self.step - self.stamp[f][k]) * weights[k]) / self.step
                for k in range(len(TAGS))
            ]
            if any(abs(v) >= 0.001 for v in avg):
                out[f] = [round(v, 3) for v in avg]
        return out


def train(data: list[Example], epochs: int) -> dict[str, list[float]]:
    model = Perceptron()
    rng = random.Random(13)
    order = list(range(len(data)))
    for epoch in range(epochs):
        rng.shuffle(order)
        wrong = 0
        for idx in order:
            rows, gold = data[idx]
            previous = START
            for feats, tag in zip(rows, gold):
                full = [*feats, "t=" + previous]
                guess = model.predict(full, previous)
                model.update(full, TAGS.index(tag), guess)
                wrong += guess != TAGS.index(tag)
                previous = TAGS[guess]
        print(f"epoch {epoch + 1}: {wrong} token errors", file=sys.stderr)
    return model.averaged()


def common_words(sentences: list[Sentence], min_count: int = COMMON_MIN_COUNT) -> list[str]:
    """Alphabetic lowercase tokens seen at least `min_count` times, sorted."""
    counts = Counter(t for tokens, _ in sentences for t in tokens if t.isalpha() and t.islower())
    return sorted({w for w, n in counts.items() if n >= min_count} | set(COMMON_EXTRA))


def write_common_words(sentences: list[Sentence], out: Path) -> None:
    words = common_words(sentences)
    out.write_bytes(gzip.compress(("\n".join(words) + "\n").encode("utf-8"), mtime=0))
    print(f"{len(words)} common words -> {out}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train_file")
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--words-only", action="store_true", help="only write the word list")
    args = parser.parse_args(argv)
    sentences = read_sentences(args.train_file)
    write_common_words(sentences, args.out.with_name("common_words.txt.gz"))
    if args.words_only:
        return 0
    docs = [list(c) for c in chunks(sentences, DOC_SIZE)]
    data = []
    for fold in range(FOLDS):
        others = [d for i, d in enumerate(docs) if i % FOLDS != fold]
        gaz = Gazetteer(build_gazetteer(others))
        for i in range(fold, len(docs), FOLDS):
            data.extend(examples(docs[i], gaz))
    weights = train(data, args.epochs)
    payload = {"tags": list(TAGS), "weights": weights, "gazetteer": build_gazetteer(docs)}
    raw = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode("utf-8")
    args.out.write_bytes(gzip.compress(raw, mtime=0))
    print(f"{len(weights)} features, {len(payload['gazetteer'])} names, "
          f"{args.out.stat().st_size} bytes -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
