"""Photo captions in wire copy: a paragraph ending in a parenthesised credit, or `Photo: ...`.

A credit is short and name-like: at most six words, each capitalised or a small connector
(`via`, `by`, `/`), and not an acronym spelled by the words just before it, so
`the Securities and Exchange Commission (SEC).` is prose, while `... in Tarnby (AP)` is a caption.
"""

from __future__ import annotations

import re

from newsgen.model import Image

MAX_CREDIT_WORDS = 6
# The credit ends the paragraph: `... in Tarnby (Velmora).` is a sentence, not a caption.
_TRAILING_CREDIT = re.compile(r"\((?P<credit>[^()]{1,80})\)\s*$")
_PHOTO_PREFIX = re.compile(r"^\s*(?:photo|picture|image)\s*:\s*", re.IGNORECASE)
_CREDIT_PREFIX = re.compile(r"^(?:photo|picture|image)\s*(?::|by\b)\s*", re.IGNORECASE)
_CONNECTORS = {
    "via", "by", "and", "&", "for", "photo", "file", "staff", "de", "da", "di", "du", "van",
    "von", "der", "den", "la", "le", "al", "el", "bin", "ibn", "y", "-", "/", "|",
}  # fmt: skip
_ACRONYM_SKIP = {"of", "and", "the", "for", "&", "de", "on", "in"}
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def split_caption(paragraph: str) -> Image | None:
    """The caption and its credit when `paragraph` is a photo caption, else None."""
    text = paragraph.strip()
    prefixed = _PHOTO_PREFIX.match(text)
    if prefixed:
        text = text[prefixed.end() :]
    match = _TRAILING_CREDIT.search(text)
    if match and is_credit(match["credit"], text[: match.start()]):
        caption = text[: match.start()].rstrip()
        credit = _CREDIT_PREFIX.sub("", match["credit"].strip()).strip()
        return Image(caption=caption, credit=credit or None)
    if prefixed and text:
        return Image(caption=text)
    return None


def is_credit(credit: str, before: str) -> bool:
    """Short, name-like, and not the acronym of the words it follows."""
    words = _CREDIT_PREFIX.sub("", credit.strip()).replace("/", " / ").split()
    if not words or len([w for w in words if w not in "/|-"]) > MAX_CREDIT_WORDS:
        return False
    for word in words:
        if word.lower() not in _CONNECTORS and not word[0].isupper():
            return False
    return not _is_acronym_of(credit.strip(), before)


def _is_acronym_of(credit: str, before: str) -> bool:
    letters = credit.replace(".", "")
    if not (letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 8):
        return False
    words = [w for w in _WORD.findall(before[-200:]) if w.lower() not in _ACRONYM_SKIP]
    initials = "".join(w[0] for w in words[-len(letters) :]).upper()
    return initials == letters
