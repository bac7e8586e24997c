"""The shipped averaged-perceptron tagger: loading its weights and tagging one run greedily.

Weights live in `data/tagger.json.gz`, written by `benchmarks/train_ner.py TRAIN_FILE`; the file
is read once per process. Inference is dict lookups and small sums: pure Python, no model
downloads, nothing fetched at run time.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from operator import add

from newsgen.entities.features import (
    CONTEXT_PREFIXES,
    Context,
    Gazetteer,
    StaticKey,
    static_features,
)

TAGS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC")
START = "<s>"
DATA_FILE = "tagger.json.gz"
_NEG = -1e9


def allowed_after(previous: str) -> tuple[float, ...]:
    """0 for tags that may follow `previous`, a large negative number for `I-X` after non-X."""
    kind = previous[2:] if previous != START else ""
    return tuple(
        _NEG if tag.startswith("I-") and tag[2:] != kind else 0.0 for tag in TAGS
    )


_MASKS = {tag: allowed_after(tag) for tag in (START, *TAGS)}


Vector = tuple[float, ...]
# (run text, word before, word after, opens a sentence, which words the text has in lower case)
RunKey = tuple[str, str, str, bool, bool | tuple[bool, ...]]
RunResult = tuple[tuple[int, int, str], ...]  # (start, end, kind) of each name, run-relative
# What the finder keeps of a run: (start, end, text, kind, words the shouting rule checks) of
# each name that is not junk, and whether a one-word run was passed over by the tagger.
RunFinds = tuple[tuple[tuple[int, int, str, str, tuple[str, ...]], ...], bool]
RunShapeKey = tuple[str, bool, tuple[bool, ...]]
# A run's (start, end, word) tokens and its `run_rows` (words either side left empty).
RunShape = tuple[tuple[tuple[int, int, str], ...], tuple[tuple[StaticKey, Context], ...]]


@dataclass(frozen=True, slots=True)
class Model:
    """Feature weights (one score per tag); the context features' weights again, by template
    (`p=`, `n=`, `f=`, `e=`) and bare word; transition scores by previous tag (the I-X rule
    included); the gazetteer of names seen in training (lower-cased text -> kind)."""

    weights: dict[str, Vector]
    context: tuple[dict[str, Vector], ...]
    transitions: dict[str, Vector]
    gazetteer: Gazetteer
    static_vectors: dict[tuple[StaticKey, str], Vector] = field(default_factory=dict)
    zero: Vector = (0.0,) * len(TAGS)
    # The finder's result per run and the context that decides it (see `finder.find_names`):
    # runs repeat across an archive, and the result depends on this model, so it lives here.
    run_finds: dict[RunKey, RunFinds] = field(default_factory=dict)
    # What a run of several words gives whatever surrounds it, for runs that come again in
    # other contexts: its tokens and rows by (run, opens a sentence, words seen in lower case),
    # and its names by (run, opens a sentence, tags).
    run_shapes: dict[RunShapeKey, RunShape] = field(default_factory=dict)
    tagged_names: dict[tuple[str, bool, tuple[str, ...]], RunResult] = field(default_factory=dict)

    def static_vector(self, key: StaticKey, previous: str) -> Vector:
        """Summed weights of a static key's features and of the tag before, cached."""
        if len(self.static_vectors) > 200_000:
            self.static_vectors.clear()
        feats = static_features(key)
        vectors = [self.weights[f] for f in feats if f in self.weights]
        vectors.append(self.transitions[previous])
        vector = tuple(map(sum, zip(*vectors)))
        self.static_vectors[key, previous] = vector
        return vector


UNSEEN = "\n"  # any context word the model has no weights for: words never hold a line break


def tag_run(model: Model, rows: list[tuple[StaticKey, Context]]) -> list[str]:
    """Greedy left-to-right tags for one run's (static key, context words) rows of four
    context words (before, after, the run's first and last)."""
    statics = model.static_vectors
    context = model.context  # indexed, not unpacked from a generator: runs are short
    before, after = context[0].get, context[1].get
    if not rows:
        return []
    # Every row names the same first and last word of the run: looked up once.
    _, (_, _, first, last) = rows[0]
    first_vector, last_vector = context[2].get(first), context[3].get(last)
    previous = START
    tags = []
    for key, (p, n, _, _) in rows:
        scores: Sequence[float] = statics.get((key, previous)) or model.static_vector(key, previous)
        for vector in (before(p), after(n), first_vector, last_vector):
            if vector is not None:  # a word without weights adds 0.0: skipped, sums unchanged
                scores = list(map(add, scores, vector))
        previous = TAGS[scores.index(max(scores))]
        tags.append(previous)
    return tags


def tag_one(model: Model, key: StaticKey, context: Context) -> str:
    """The tag of a one-word run (the common case, so `tag_run` unrolled)."""
    scores: Sequence[float] = model.static_vectors.get((key, START))
    scores = scores or model.static_vector(key, START)
    p, n = context
    for vector in (model.context[0].get(p), model.context[1].get(n)):
        if vector is not None:
            scores = list(map(add, scores, vector))
    return TAGS[scores.index(max(scores))]


def model_from_json(data: dict[str, object]) -> Model:
    weights = {k: tuple(v) for k, v in data["weights"].items()}  # type: ignore[attr-defined]
    learned = {k[2:]: weights.pop(k) for k in [k for k in weights if k.startswith("t=")]}
    zero = (0.0,) * len(TAGS)
    transitions = {  # the learned score of each tag after `previous`, plus the I-X rule
        previous: tuple(a + b for a, b in zip(learned.get(previous, zero), mask))
        for previous, mask in _MASKS.items()
    }
    # one pass over the weights, each key's two-character template (`p=`...) picking its table
    assert {len(prefix) for prefix in CONTEXT_PREFIXES} == {2}
    tables: dict[str, dict[str, Vector]] = {prefix: {} for prefix in CONTEXT_PREFIXES}
    for key, vector in weights.items():
        table = tables.get(key[:2])
        if table is not None:
            table[key[2:]] = vector
    context = tuple(tables.values())
    gazetteer = Gazetteer(data["gazetteer"])  # type: ignore[arg-type]
    return Model(weights, context, transitions, gazetteer)


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The shipped model; an empty one (nothing tagged) if the data file is missing."""
    try:
        raw = resources.files("newsgen.entities").joinpath("data", DATA_FILE).read_bytes()
    except (FileNotFoundError, OSError):
        return model_from_json({"weights": {}, "gazetteer": {}})
    return model_from_json(json.loads(gzip.decompress(raw)))
