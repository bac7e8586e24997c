"""Who said a quote: attribution phrases next to quote marks, and what counts as a name.

Speakers are kept as written (trivial titles stripped: `Russian President Vladimir Putin` →
`Vladimir Putin`); the entities stage canonicalises them. Pronouns resolve to the most recent
named speaker; non-names (`the source`, `officials`) give None.
"""

from __future__ import annotations

import re

VERBS = (
    "said|says|added|adds|told|tells|stated|states|explained|noted|continued|wrote|writes|"
    "asked|asks|replied|insisted|warned|argued|declared|remarked|recalled|stressed|"
    "emphasised|emphasized|urged|concluded|acknowledged|admitted|tweeted|posted|announced|"
    "commented|observed|claimed|according"
)
_WHO = r"[^\s\"“”„«».,;:!?()][^\"“”„«».,;:!?()\n]{0,60}?"
_AFTER_WHO_VERB = re.compile(rf"^\s*[,–—-]?\s*(?P<who>{_WHO})\s+(?P<verb>{VERBS})\b")
_AFTER_VERB_WHO = re.compile(
    rf"^\s*[,–—-]?\s*(?P<verb>{VERBS})\s+(?P<who>[^\"“”„«».,;:!?()\n]{{1,60}})"
)
_BEFORE = re.compile(
    rf"(?P<who>{_WHO})\s+(?P<verb>{VERBS})(?:\s+[a-z]+){{0,3}}\s*[:,]\s*$"
)
_ACCORDING = re.compile(r"^\s*[,–—-]?\s*according\s+to\b", re.IGNORECASE)
_PERSON_NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+")

PRONOUNS = {"he", "she", "they", "him", "her"}
_PARTICLES = {"bin", "ibn", "al", "el", "de", "da", "di", "du", "van", "von", "der", "den", "la", "le"}
_NOT_NAMES = {
    "the", "a", "an", "this", "that", "these", "those", "it", "we", "i", "you", "his", "her",
    "their", "its", "our", "officials", "police", "sources", "source", "witnesses", "critics",
    "analysts", "experts", "residents", "authorities", "spokesman", "spokeswoman",
    "spokesperson", "one", "another", "some", "many", "others", "both", "but", "and", "then",
    "when", "while", "as", "in", "on", "at", "after", "before", "if", "so", "who", "which",
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
}  # fmt: skip


def is_according(after: str) -> bool:
    """`"…", according to X` reports a document or source: not a quote with a speaker."""
    return _ACCORDING.match(after) is not None


def attribution_after(after: str) -> str | None:
    """`, Putin said` / `, said Putin` right after a closing quote mark: the raw speaker words."""
    match = _AFTER_WHO_VERB.match(after)
    if match and match["verb"] != "according" and len(match["who"].split()) <= 6:
        return match["who"]
    match = _AFTER_VERB_WHO.match(after)
    if match and match["verb"] != "according":
        return match["who"]
    return None


def attribution_before(before: str) -> str | None:
    """`Putin said:` / `Marzouk added,` right before an opening quote mark."""
    match = _BEFORE.search(before[-160:])
    if match and match["verb"] != "according" and len(match["who"].split()) <= 6:
        return match["who"]
    return None


def paragraph_attribution(text: str) -> str | None:
    """A paragraph that introduces the next one's quote: it ends in `NAME said:` or similar."""
    tail = text.rstrip()
    if tail.endswith(":"):
        return attribution_before(tail[:-1] + ":")
    return None


def clean_name(words: str) -> str | None:
    """The person-like name in `words` with leading titles dropped, or None when not a name.

    `choir director Anneli Strand` → `Anneli Strand`; `the minister` and `the source` → None.
    """
    tokens = words.split()
    titled = [i for i, t in enumerate(tokens) if t.lower().rstrip(".") in _TITLES]
    if titled:
        tokens = tokens[titled[-1] + 1 :]
    if not tokens or len(tokens) > 5 or tokens[0].lower() in _NOT_NAMES:
        return None
    if not all(t[0].isupper() or t.lower() in _PARTICLES for t in tokens):
        return None
    return " ".join(tokens)


def is_pronoun(words: str) -> bool:
    return words.strip().lower() in PRONOUNS


def last_name_in(text: str) -> str | None:
    """The last run of two or more capitalised words in `text`: a pronoun's likely antecedent."""
    names = [clean_name(m.group()) for m in _PERSON_NAME.finditer(text[-2000:])]
    named = [n for n in names if n]
    return named[-1] if named else None
