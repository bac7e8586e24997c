"""Reading CoNLL-2003 files (`TOKEN TAG` or `TOKEN POS CHUNK TAG` per line) for the NER scripts.

Tags may be IOB1 (`I-` opens a name unless it continues one of the same kind) or IOB2; both are
normalised to IOB2. Gold names are kept as token spans `(first, last + 1, kind)`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

Sentence = tuple[list[str], list[str]]


def read_sentences(path: str | Path) -> list[Sentence]:
    """Sentences as (tokens, IOB2 tags); `-DOCSTART-` lines are skipped."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            if tokens:
                sentences.append((tokens, to_iob2(tags)))
                tokens, tags = [], []
            continue
        tokens.append(parts[0])
        tags.append(parts[-1])
    if tokens:
        sentences.append((tokens, to_iob2(tags)))
    return sentences


def to_iob2(tags: Sequence[str]) -> list[str]:
    out: list[str] = []
    for i, tag in enumerate(tags):
        if tag.startswith("I-") and (i == 0 or out[-1] == "O" or out[-1][2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
    return out


def gold_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Token spans of names: (first, end, kind) with kind PER/ORG/LOC/MISC."""
    spans: list[tuple[int, int, str]] = []
    for i, tag in enumerate(tags):
        if tag.startswith("B-"):
            spans.append((i, i + 1, tag[2:]))
        elif tag.startswith("I-") and spans and spans[-1][1] == i:
            first, _, kind = spans[-1]
            spans[-1] = (first, i + 1, kind)
    return spans


def join_sentences(
    sentences: Sequence[Sentence],
) -> tuple[str, list[tuple[int, int]], list[str]]:
    """Text of sentences joined by newlines (tokens by single spaces), each token's char
    offsets, and the IOB2 tags, all in one flat list."""
    pieces: list[str] = []
    offsets: list[tuple[int, int]] = []
    tags: list[str] = []
    pos = 0
    for n, (tokens, sentence_tags) in enumerate(sentences):
        if n:
            pieces.append("\n")
            pos += 1
        for i, token in enumerate(tokens):
            if i:
                pieces.append(" ")
                pos += 1
            pieces.append(token)
            offsets.append((pos, pos + len(token)))
            pos += len(token)
        tags.extend(sentence_tags)
    return "".join(pieces), offsets, tags


def chunks(sentences: Sequence[Sentence], size: int) -> Iterator[Sequence[Sentence]]:
    for i in range(0, len(sentences), size):
        yield sentences[i : i + size]
