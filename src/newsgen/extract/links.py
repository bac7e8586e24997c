"""`Read more:` lines: recognising them, and the headline key the site index matches them by."""

from __future__ import annotations

import re
import unicodedata

_READ_MORE = re.compile(
    r"^\s*(?:read\s+more|related|see\s+also)\s*(?::|\s[-–—]|[-–—])\s*(?P<title>\S.*)$",
    re.IGNORECASE,
)
_QUOTES = "\"'“”‘’«»„"
# What a match can open with besides whitespace (IGNORECASE also reads `ſ` as `s`): every line
# of every article is tested, and almost none opens so.
_INITIALS = frozenset("RSrsſ")


def read_more_title(line: str) -> str | None:
    """The headline of a `Read more: <headline>` (`READ MORE:`, `Read more -`, `Related:`) line."""
    first = line[:1]
    if first not in _INITIALS and not first.isspace():
        return None
    match = _READ_MORE.match(line)
    if not match:
        return None
    title = match["title"].strip()
    if len(title) > 1 and title[0] in _QUOTES and title[-1] in _QUOTES:
        inner = title[1:-1]
        if not any(mark in inner for mark in _QUOTES.replace("'", "").replace("’", "")):
            title = inner.strip()
    return title or None


def normalise_headline(title: str) -> str:
    """Lowercase, without punctuation or quote marks of any style, whitespace collapsed.

    Dashes and slashes separate words; other punctuation (`U.S.`, `it's`) just vanishes, so
    `Gaza talks — "progress" made` and `gaza talks progress made` match.
    """
    text = unicodedata.normalize("NFKC", title).casefold().translate(_FOLD_TABLE)
    return " ".join(text.split())


def _fold(char: str) -> str:
    category = unicodedata.category(char)
    if category == "Pd" or char in "/\\":
        return " "
    return "" if category.startswith(("P", "S")) else char


class _FoldTable(dict[int, str]):
    """`_fold` for `str.translate`, each character worked out once: the site index keys every
    headline of the archive, and translating in C is what keeps 100,000 headlines cheap."""

    def __missing__(self, code: int) -> str:
        folded = _fold(chr(code))
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()
