"""`find_mentions(text)`: names of people, organizations and places in plain text.

Candidate runs of capitalised tokens come from one regex; the tagger labels the tokens of each
run; then the whole text votes, so one string gets one kind and a lone surname follows the full
name it ends. Junk (weekdays, months, pronouns, bare nationality words, `Read more`) is dropped.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from newsgen.entities.features import RUN, TOKEN, lower_vocabulary, run_features
from newsgen.entities.lexicon import JUNK_PHRASES, NATIONALITIES, NEVER_NAMES
from newsgen.entities.tagger import Model, load_model, tag_run
from newsgen.model import EntityKind, Mention

KINDS: dict[str, EntityKind] = {
    "PER": "person", "ORG": "organization", "LOC": "place", "MISC": "other",
}


def find_mentions(text: str, model: Model | None = None) -> list[Mention]:
    """Mentions in `text`, sorted and non-overlapping; offsets index `text`."""
    model = model or load_model()
    lower_vocab = lower_vocabulary(text)
    found: list[Mention] = []
    for run in RUN.finditer(text):
        word = run.group()
        if " " in word or "\t" in word:
            tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, *run.span())]
        else:
            tokens = [(run.start(), run.end(), word)]
        tags = tag_run(model, run_features(text, tokens, lower_vocab, model.gazetteer))
        if tags[-1] == "O" and len(tags) == 1:
            continue
        found.extend(_spans(text, tokens, tags))
    return _agree(text, [m for m in found if not _is_junk(m)])


def _spans(text: str, tokens: list[tuple[int, int, str]], tags: list[str]) -> list[Mention]:
    spans: list[Mention] = []
    open_kind, start, end = "", 0, 0
    for (s, e, _), tag in zip(tokens, tags):
        if tag.startswith("I-") and tag[2:] == open_kind:
            end = e
            continue
        if open_kind:
            spans.append(Mention(start, end, text[start:end], KINDS[open_kind]))
        open_kind, start, end = (tag[2:], s, e) if tag != "O" else ("", 0, 0)
    if open_kind:
        spans.append(Mention(start, end, text[start:end], KINDS[open_kind]))
    return spans


def _is_junk(mention: Mention) -> bool:
    lower = mention.text.lower()
    if lower in NEVER_NAMES or lower in JUNK_PHRASES:
        return True
    words = lower.replace("-", " ").split()
    return mention.kind == "other" and all(w in NATIONALITIES for w in words)


def _agree(text: str, mentions: list[Mention]) -> list[Mention]:
    """One kind per string in this text (majority, first use breaking ties), and a lone word
    that ends a person's full name elsewhere in the text is that person."""
    votes: dict[str, Counter[EntityKind]] = defaultdict(Counter)
    surnames: set[str] = set()
    for m in mentions:
        votes[m.text][m.kind] += 1
        if m.kind == "person" and " " in m.text:
            surnames.add(m.text.rsplit(" ", 1)[1])
    agreed = []
    for m in mentions:
        kind = "person" if m.text in surnames else votes[m.text].most_common(1)[0][0]
        agreed.append(m if kind == m.kind else Mention(m.start, m.end, m.text, kind))
    return agreed
