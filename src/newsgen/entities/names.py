"""Canonical names: what part of a mention is the name, and which short forms join a full form.

Pure functions over strings; `article.py` applies them within one article and `resolve.py`
across the archive. A name keeps the spelling it was written with; keys compare case-folded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from newsgen.entities.lexicon import CONNECTORS, HONORIFICS, NATIONALITIES, TITLES

_POSSESSIVE = re.compile(r"(?:['’][sS]|(?<=[sS])['’])$")
_WORD = re.compile(r"\S+")
_PARENS = re.compile(r"\s*\(\s*([A-Z][A-Za-z&.]{1,9})\s*\)")
_SKIP_INITIALS = frozenset(CONNECTORS)
_MORE_TITLES = frozenset({"executive"})  # `Chief Executive Ivo Brask` is `Ivo Brask`
MAX_NAME_WORDS = 10  # longer capitalised sequences are tables or shouting, not names


@lru_cache(maxsize=1 << 16)  # the same few names are keyed again and again in every article
def name_key(name: str) -> str:
    """The form names are compared in: case-folded, single spaces, no possessive, one kind of
    apostrophe."""
    return " ".join(strip_possessive(name.strip()).split()).casefold().replace("’", "'")


def strip_possessive(text: str) -> str:
    """`Putin's` -> `Putin`, `Russia’s` -> `Russia`, `Reuters'` -> `Reuters`."""
    if not text.endswith(("'", "’", "s", "S")):
        return text
    return _POSSESSIVE.sub("", text)


def _is_prefix_word(word: str) -> bool:
    """A title, honorific or nationality word (or a hyphenated mix: `Russian-Israeli`)."""
    lower = word.lower().rstrip(".")
    if lower in HONORIFICS or lower in TITLES or lower in _MORE_TITLES or lower + "." in HONORIFICS:
        return True
    parts = lower.split("-")
    return all(p in NATIONALITIES or p in TITLES for p in parts)


def person_name_span(text: str) -> tuple[int, int]:
    """Offsets of the name proper in a person mention: leading titles, honorifics and
    nationality words (`Russian President`, `Mr`) and a trailing possessive removed."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    first = 0
    while first < len(words) - 1 and _is_prefix_word(words[first][2]):
        first += 1
    if not words:
        return 0, 0
    start, end = words[first][0], words[-1][1]
    end -= len(text[start:end]) - len(strip_possessive(text[start:end]))
    return start, end


@lru_cache(maxsize=1 << 16)  # mentions repeat: one article names the same people again and again
def name_span(text: str, kind: str) -> tuple[int, int]:
    """Offsets of the name proper in a mention of any kind (only persons lose leading words)."""
    if kind == "person":
        return person_name_span(text)
    stripped = strip_possessive(text)
    return 0, len(stripped)


@lru_cache(maxsize=1 << 16)  # every article asks again for the short forms of its people
def short_forms(name: str) -> tuple[str, ...]:
    """Keys of the trailing word sequences a full name may be shortened to:
    `Moussa Abu Marzouk` -> `abu marzouk`, `marzouk` (none for runaway names, which keeps
    this linear)."""
    words = name_key(name).split(" ")
    if len(words) > MAX_NAME_WORDS:
        return ()
    return tuple(
        " ".join(words[i:]) for i in range(1, len(words)) if words[i] not in _SKIP_INITIALS
    )


def join_short_forms(names: Iterable[str]) -> dict[str, str]:
    """Key -> canonical person name among `names`: a short form joins the one longer name
    ending with it; when two longer names end with it, it stays on its own."""
    full: dict[str, str] = {}
    for name in sorted(set(names), key=lambda n: (-len(n.split()), n.isupper(), n)):
        full.setdefault(name_key(name), name)
    owners: dict[str, set[str]] = {}
    for key, name in full.items():
        for short in short_forms(name):
            owners.setdefault(short, set()).add(key)
    final: dict[str, str] = {}
    for key in full:  # longest first: every owner of a key is decided before the key
        targets = {final[owner] for owner in owners.get(key, ())}
        final[key] = targets.pop() if len(targets) == 1 else key
    return {key: full[target] for key, target in final.items()}


def unique_short_forms(names: Iterable[str]) -> dict[str, str]:
    """Short-form key -> the one name of `names` ending with it (ambiguous ones left out)."""
    owners: dict[str, set[str]] = {}
    for name in names:
        for short in short_forms(name):
            owners.setdefault(short, set()).add(name)
    return {short: next(iter(found)) for short, found in owners.items() if len(found) == 1}


def initials(name: str) -> str:
    """`Securities and Exchange Commission` -> `SEC` (connector words skipped)."""
    return "".join(w[0] for w in name.split() if w.lower() not in _SKIP_INITIALS).upper()


def acronym_after(text: str, end: int, name: str) -> str | None:
    """The acronym defined in parentheses right after `name` (ending at `end`), if its letters
    are the name's initials: `Securities and Exchange Commission (SEC)` -> `SEC`."""
    match = _PARENS.match(text, end)
    if not match:
        return None
    acronym = match.group(1)
    letters = acronym.replace(".", "").replace("&", "").upper()
    return acronym if len(letters) >= 2 and letters == initials(name) else None
