"""The shipped averaged-perceptron tagger: loading its weights and tagging one run greedily.

Weights live in `data/tagger.json.gz`, written by `benchmarks/train_ner.py TRAIN_FILE`; the file
is read once per process. Inference is dict lookups and small sums: pure Python, no model
downloads, nothing fetched at run time.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

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
    """Feature weights (one score per tag), transition scores by previous tag, and the
    gazetteer of names seen in training (lower-cased text -> kind)."""

    weights: dict[str, tuple[float, ...]]
    transitions: dict[str, tuple[float, ...]]
    gazetteer: dict[str, str]


def tag_run(model: Model, rows: list[list[str]]) -> list[str]:
    """Greedy left-to-right tags for one run's feature rows."""
    weights = model.weights
    zero = (0.0,) * len(TAGS)
    previous = START
    tags = []
    for feats in rows:
        vectors = [weights[f] for f in feats if f in weights]
        vectors.append(model.transitions.get(previous, zero))
        vectors.append(_MASKS[previous])
        scores = [sum(column) for column in zip(*vectors)]
        best = max(range(len(TAGS)), key=scores.__getitem__)
        previous = TAGS[best]
        tags.append(previous)
    return tags


def model_from_json(data: dict[str, object]) -> Model:
    weights = {k: tuple(v) for k, v in data["weights"].items()}  # type: ignore[attr-defined]
    transitions = {
        k[2:]: weights.pop(k) for k in [k for k in weights if k.startswith("t=")]
    }
    return Model(weights, transitions, dict(data["gazetteer"]))  # type: ignore[call-overload]


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The shipped model; an empty one (nothing tagged) if the data file is missing."""
    try:
        raw = resources.files("newsgen.entities").joinpath("data", DATA_FILE).read_bytes()
    except (FileNotFoundError, OSError):
        return Model({}, {}, {})
    return model_from_json(json.loads(gzip.decompress(raw)))
