"""Who said a quote: attribution phrases next to quote marks, and what counts as a name.

Speakers are kept as written, with descriptions and titles dropped (`chief executive José
Núñez` → `José Núñez`); the entities stage canonicalises them. Pronouns resolve to a subject
found nearby (see `quotes`); non-names (`the source`, `officials`) give None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsgen.model import quicken_module

VERBS = (
    "said|says|added|adds|told|tells|stated|states|explained|noted|continued|wrote|writes|"
    "asked|asks|replied|insisted|warned|argued|declared|remarked|recalled|stressed|"
    "emphasised|emphasized|urged|concluded|acknowledged|admitted|tweeted|posted|announced|"
    "commented|observed|claimed|according"
)
_VERB_SET = set(VERBS.split("|")) - {"according"}
_WHO = r"[^\s\"“”„«».,;:!?()][^\"“”„«».,;:!?()\n]{0,60}?"
_AFTER_WHO_VERB = re.compile(rf"^\s*[,–—-]?\s*(?P<who>{_WHO})\s+(?P<verb>{VERBS})\b")
_AFTER_VERB_WHO = re.compile(
    rf"^\s*[,–—-]?\s*(?P<verb>{VERBS})\s+(?P<who>[^\"“”„«».;:!?()\n]{{1,80}})"
)
# `NAME said:` / `NAME told a packed hall in Tarnby:` right before the opening mark.
_BEFORE = re.compile(rf"(?P<who>{_WHO})\s+(?P<verb>{VERBS})(?:\s+[\w'’-]+){{0,6}}\s*[:,]\s*$")
_ACCORDING = re.compile(r"^\s*[,–—-]?\s*according\s+to\b", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*|[^\w\s]")

PRONOUNS = {"he", "she", "they", "him", "her"}
_PARTICLES = {
    "bin", "ibn", "al", "el", "de", "da", "di", "du", "van", "von", "der", "den", "la", "le",
}  # fmt: skip
_NOT_NAMES = {
    "the", "a", "an", "this", "that", "these", "those", "it", "we", "i", "you", "his", "her",
    "their", "its", "our", "he", "she", "they", "officials", "police", "sources", "source",
    "witnesses", "critics", "analysts", "experts", "residents", "authorities", "one",
    "another", "some", "many", "others", "both", "but", "and", "then", "when", "while", "as",
    "in", "on", "at", "after", "before", "if", "so", "who", "which", "there", "here", "yet",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "dr.", "mr.", "mrs.", "ms.",
}  # fmt: skip
_TITLES = {
    "president", "prime", "minister", "mr", "mrs", "ms", "dr", "sen", "senator", "rep", "gov",
    "governor", "chancellor", "secretary", "general", "gen", "mayor", "chief", "ambassador",
    "judge", "professor", "prof", "king", "queen", "prince", "princess", "pope", "sir", "lady",
    "lord", "deputy", "vice", "commissioner", "director", "chairman", "chairwoman", "chair",
    "coach", "captain", "capt", "officer", "sheriff", "detective", "ceo", "head", "leader",
    "spokesman", "spokeswoman", "spokesperson", "sheikh", "rabbi", "father", "bishop",
    "master", "editor", "manager", "member", "councillor", "councilor", "founder", "owner",
    "curator", "organiser", "organizer", "inspector", "lawyer", "attorney", "analyst",
    "economist", "researcher", "treasurer", "principal", "dean", "pastor", "imam", "executive",
    "conductor", "astronomer",
}  # fmt: skip
MAX_LEAD_TOKENS = 5
# What follows a name that is the subject of its sentence.
_SUBJECT_NEXT = _VERB_SET | {",", "was", "is", "has", "had", "will", "would", "who", "also"}
# Words that end the description before a name: `said on Tuesday that the Port…` has no speaker.
_BREAKERS = {
    "that", "on", "in", "at", "to", "after", "before", "when", "while", "because", "during",
    "from", "with", "about", "for", "by", "as",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Who:
    """Attribution words; `name_first` when the name opens them (`said Anna Berg, who…`)."""

    words: str
    name_first: bool = False


def is_according(after: str) -> bool:
    """`"…", according to X` reports a document or source: not a quote with a speaker."""
    return _ACCORDING.match(after) is not None


def attribution_after(after: str) -> Who | None:
    """`, Quill said` / `, said Quill` right after a closing quote mark."""
    match = _AFTER_WHO_VERB.match(after)
    if match and match["verb"] != "according" and len(match["who"].split()) <= 6:
        return Who(match["who"])
    match = _AFTER_VERB_WHO.match(after)
    if match and match["verb"] != "according":
        return Who(match["who"], name_first=True)
    return None


def attribution_before(before: str) -> Who | None:
    """`Quill said:` / `Berg added,` right before an opening quote mark."""
    match = _BEFORE.search(before[-160:])
    if match and match["verb"] != "according" and len(match["who"].split()) <= 6:
        return Who(match["who"])
    return None


def paragraph_attribution(text: str) -> Who | None:
    """A paragraph that introduces the next one's quote: it ends in `NAME said:` or similar."""
    tail = text.rstrip()
    return attribution_before(tail) if tail.endswith(":") else None


def is_pronoun(who: Who) -> bool:
    return who.words.strip().lower() in PRONOUNS


@lru_cache(maxsize=4096)  # attributions repeat (`he said`, the same officials) across an archive
def speaker_name(who: Who) -> str | None:
    """The name in attribution words: the run right before the verb, or the one opening them."""
    tokens = _TOKEN.findall(who.words)
    runs = name_runs(tokens)
    if who.name_first:
        lead = next((i for i, t in enumerate(tokens) if t.lower() in _BREAKERS), len(tokens))
        limit = min(lead, MAX_LEAD_TOKENS)
        return next((name for start, _, name in runs if start <= limit), None)
    return runs[-1][2] if runs and runs[-1][1] == len(tokens) else None


def clean_name(words: str) -> str | None:
    """The name that `words` end with, titles dropped; None when they do not end in a name."""
    return speaker_name(Who(words))


def name_runs(tokens: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, name) of each run of capitalised tokens, titles and non-names dropped."""
    runs: list[tuple[int, int, str]] = []
    run: list[str] = []
    start = 0
    for i, token in enumerate([*tokens, "."]):
        if _is_name_token(token) or (run and token.lower() in _PARTICLES):
            if not run:
                start = i
            run.append(token)
            continue
        name = _name_from_run(run)
        if name:
            runs.append((start, i, name))
        run = []
    return runs


def _is_name_token(token: str) -> bool:
    return token[0].isupper() and token.lower() not in _NOT_NAMES


def _name_from_run(run: list[str]) -> str | None:
    titled = [i for i, t in enumerate(run) if t.lower().rstrip(".") in _TITLES]
    tokens = run[titled[-1] + 1 :] if titled else run
    while tokens and tokens[-1].lower() in _PARTICLES:
        tokens = tokens[:-1]
    if not tokens or len(tokens) > 5 or tokens[-1].endswith(("'s", "’s")):
        return None
    return " ".join(tokens)


def subject_in(text: str) -> str | None:
    """Who a pronoun most likely means in `text`, the last of the first kind found: a name
    right before a speech verb (`Ilves said`); a name opening a sentence as its subject
    (`Ms Okonkwo rejected`, `Okonkwo, who…`); any name acting as a subject; a longer name."""
    tokens = _TOKEN.findall(text[-2000:])
    runs = name_runs(tokens)

    def after(end: int) -> str:
        return tokens[end].lower() if end < len(tokens) else ""

    def opens_sentence(start: int, end: int) -> bool:
        first = start == 0 or tokens[start - 1] in ".!?"
        return first and (end - start >= 2 or after(end) in _SUBJECT_NEXT)

    tiers = (
        [name for _, end, name in runs if after(end) in _VERB_SET],
        [name for start, end, name in runs if opens_sentence(start, end)],
        [name for _, end, name in runs if after(end) in _SUBJECT_NEXT],
        [name for start, end, name in runs if end - start >= 2],
    )
    return next((tier[-1] for tier in tiers if tier), None)


quicken_module(globals())  # a quicker `__init__` (see `newsgen.model.quicken`)
