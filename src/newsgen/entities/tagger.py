"""The shipped averaged-perceptron tagger: loading its weights and tagging one run greedily.

Weights live in `data/tagger.json.gz`, written by `benchmarks/train_ner.py TRAIN_FILE`; the file
is read once per process. Inference is dict lookups and small sums: pure Python, no model
downloads, nothing fetched at run time.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from newsgen.entities.features import Gazetteer, StaticKey, static_features

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


@dataclass(frozen=True, slots=True)
class Model:
    """Feature weights (one score per tag), transition scores by previous tag (the I-X rule
    included), and the gazetteer of names seen in training (lower-cased text -> kind)."""

    weights: dict[str, tuple[float, ...]]
    transitions: dict[str, tuple[float, ...]]
    gazetteer: Gazetteer
    static_vectors: dict[tuple[StaticKey, str], tuple[float, ...]] = field(default_factory=dict)
    zero: tuple[float, ...] = (0.0,) * len(TAGS)

    def static_vector(self, key: StaticKey, previous: str) -> tuple[float, ...]:
        """Summed weights of a static key's features and of the tag before, cached."""
        if len(self.static_vectors) > 200_000:
            self.static_vectors.clear()
        feats = static_features(key)
        vectors = [self.weights[f] for f in feats if f in self.weights]
        vectors.append(self.transitions[previous])
        vector = tuple(map(sum, zip(*vectors)))
        self.static_vectors[key, previous] = vector
        return vector


def tag_run(model: Model, rows: list[tuple[StaticKey, list[str]]]) -> list[str]:
    """Greedy left-to-right tags for one run's (static key, context features) rows.

    Rows carry two context features (`p=`, `n=`) in a one-token run and four in longer runs;
    the fixed arity lets the scores be summed in one comprehension (the hot loop).
    """
    weights = model.weights
    statics = model.static_vectors
    zero = model.zero
    get = weights.get
    previous = START
    tags = []
    for key, context in rows:
        static = statics.get((key, previous)) or model.static_vector(key, previous)
        if len(context) == 2:
            p, n = context
            scores = [a + b + c for a, b, c in zip(static, get(p, zero), get(n, zero))]
        else:
            p, n, f, e = context
            scores = [
                a + b + c + d + g
                for a, b, c, d, g in zip(
                    static, get(p, zero), get(n, zero), get(f, zero), get(e, zero)
                )
            ]
        previous = TAGS[scores.index(max(scores))]
        tags.append(previous)
    return tags


def tag_one(model: Model, key: StaticKey, context: list[str]) -> str:
    """The tag of a one-word run (the common case, so `tag_run` unrolled)."""
    static = model.static_vectors.get((key, START)) or model.static_vector(key, START)
    get, zero = model.weights.get, model.zero
    p, n = context
    scores = [a + b + c for a, b, c in zip(static, get(p, zero), get(n, zero))]
    return TAGS[scores.index(max(scores))]


def model_from_json(data: dict[str, object]) -> Model:
    weights = {k: tuple(v) for k, v in data["weights"].items()}  # type: ignore[attr-defined]
    learned = {k[2:]: weights.pop(k) for k in [k for k in weights if k.startswith("t=")]}
    zero = (0.0,) * len(TAGS)
    transitions = {  # the learned score of each tag after `previous`, plus the I-X rule
        previous: tuple(a + b for a, b in zip(learned.get(previous, zero), mask))
        for previous, mask in _MASKS.items()
    }
    return Model(weights, transitions, Gazetteer(data["gazetteer"]))  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The shipped model; an empty one (nothing tagged) if the data file is missing."""
    try:
        raw = resources.files("newsgen.entities").joinpath("data", DATA_FILE).read_bytes()
    except (FileNotFoundError, OSError):
        return model_from_json({"weights": {}, "gazetteer": {}})
    return model_from_json(json.loads(gzip.decompress(raw)))
