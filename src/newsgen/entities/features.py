"""Candidate runs and the features the tagger scores; shared by inference and training.

A candidate run is a sequence of capitalised tokens, possibly joined by connectors (`of`,
`and`, `de`...), on one line. Only tokens inside runs are tagged, which keeps the finder linear
and fast: every regex here matches without backtracking over more than one token.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from newsgen.entities.lexicon import CONNECTORS

_UPPER = "A-ZÀ-ÖØ-Þ"
_WORD = r"[\w&]"
_ABBREVIATIONS = (
    "Mr Mrs Ms Dr St Co Corp Inc Ltd Jr Sr Gen Lt Col Sgt Gov Sen Rep Prof Mt Bros Ft".split()
)
_ABBREV = rf"(?:{'|'.join(_ABBREVIATIONS)})\."
# A capitalised token: `U.S.`, `Corp.`, `J.` before a capital, `O'Neill`, `Abu-Marzouk`, `AT&T`;
# never a possessive 's.
_CAP = (
    rf"(?:(?:[{_UPPER}]\.){{2,}}|{_ABBREV}(?!\w)|[{_UPPER}]\.(?=[ \t]+[{_UPPER}])"
    rf"|[{_UPPER}]{_WORD}*(?:[-.]{_WORD}+|['’](?![sS]\b){_WORD}+)*)"
)
# `_CAP` after its first letter, which every branch opens with (`(?<=M)r` is the rest of `Mr`).
_CAP_REST = (
    rf"(?:\.(?:[{_UPPER}]\.)+|(?:{'|'.join(f'(?<={a[0]}){a[1:]}' for a in _ABBREVIATIONS)})\."
    rf"(?!\w)|\.(?=[ \t]+[{_UPPER}])|{_WORD}*(?:[-.]{_WORD}+|['’](?![sS]\b){_WORD}+)*)"
)
_CONN = "|".join(re.escape(c) for c in CONNECTORS)
_GAP = r"[ \t]+"
# Both patterns open with the letter class and check the character before it afterwards
# (`(?<!X.)`): the same matches as a leading `(?<!X)`, but `re` can then skip ahead to candidate
# letters instead of trying every position.
RUN = re.compile(
    rf"[{_UPPER}](?<![\w.'’-].){_CAP_REST}(?:{_GAP}(?:(?:{_CONN}){_GAP})*{_CAP})*"
)
LOWER_WORD = re.compile(r"[a-zà-ÿ](?<![\w'’-].)[a-zà-ÿ]+(?![\w'’-])")
_SHAPE = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "X" * 26 + "x" * 26 + "d" * 10,
)
_REPEAT = re.compile(r"(.)\1+")
_NEXT_WORD = re.compile(r"[^\S\n]*(\S*)")  # always matches: spaces (not a line break), a word
_SENTENCE_OPENERS = frozenset('.!?:;\n"“‘(-–—')

Token = tuple[int, int, str]
GAZ_MAX = 6


class Gazetteer(dict[str, str]):
    """Lower-cased names seen in training -> their kind; `longest[w]` is the most words of a
    name starting with the word `w`, so lookups try only the lengths that can match."""

    def __init__(self, names: Mapping[str, str] = {}) -> None:  # noqa: B006 (never mutated)
        super().__init__(names)
        self.longest: dict[str, int] = {}
        for name in names:
            words = name.split(" ")
            if len(words) <= GAZ_MAX and len(words) > self.longest.get(words[0], 0):
                self.longest[words[0]] = len(words)

_word_cache: dict[str, tuple[str, str, str, str]] = {}


def run_tokens(start: int, run: str) -> list[Token]:
    """The (start, end, word) tokens of a run found at `start`: its words are its tokens."""
    tokens = []
    pos = 0
    for word in run.split():
        pos = run.find(word, pos)
        tokens.append((start + pos, start + pos + len(word), word))
        pos += len(word)
    return tokens


def word_info(word: str) -> tuple[str, str, str, str]:
    """(lower-case, `w=` feature, `s=` shape feature, `x=` suffix feature), cached per word."""
    info = _word_cache.get(word)
    if info is None:
        if len(_word_cache) > 200_000:
            _word_cache.clear()
        lower = word.lower()
        shape = _REPEAT.sub(r"\1\1", word.translate(_SHAPE))[:8]
        info = (lower, "w=" + lower, "s=" + shape, "x=" + lower[-3:])
        _word_cache[word] = info
    return info


def lower_vocabulary(text: str) -> frozenset[str]:
    """Words that appear in lower case somewhere in `text`: evidence a capital is only a start."""
    return frozenset(LOWER_WORD.findall(text))


_LOWER_ONLY = re.compile(r"[a-zà-ÿ]{2,}")
# With the letters and digits of `\w`, the characters `LOWER_WORD` will not have on either
# side of a word (its `[\w'’-]`).
_JOINERS = frozenset("_'’-")


class LowerWords(dict[str, bool]):
    r"""`lower_vocabulary(text)` asked word by word: `words[w]` is `w in lower_vocabulary(text)`.

    The finder asks about a few dozen words per text, so each is looked up in the text when
    first asked (`str.find`) rather than listing all of the text's words with a regex. A
    lower-case word is one of `LOWER_WORD`'s words where it stands with no `[\w'’-]` either
    side; `÷`, the one character of `[a-zà-ÿ]` outside `\w`, would break that, so a text holding
    it gets the full list instead.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.listed = lower_vocabulary(text) if "÷" in text else None

    def __missing__(self, word: str) -> bool:
        if self.listed is not None:
            seen = word in self.listed
        else:
            seen = _lower_only(word) and _stands_alone(self.text, word)
        self[word] = seen
        return seen


def _lower_only(word: str) -> bool:
    """Two letters or more of `[a-zà-ÿ]`; plain ASCII words are checked without the regex."""
    if word.isascii():
        return len(word) > 1 and word.isalpha() and word.islower()
    return _LOWER_ONLY.fullmatch(word) is not None


def _stands_alone(text: str, word: str) -> bool:
    r"""`word` occurs in `text` with no `[\w'’-]` right before or after it."""
    size = len(word)
    i = text.find(word)
    while i >= 0:
        before, after = text[i - 1 : i] if i else "", text[i + size : i + size + 1]
        # `\w` is `str.isalnum` or `_` (one character, or none at either end of the text).
        if not (before.isalnum() or before in _JOINERS or after.isalnum() or after in _JOINERS):
            return True
        i = text.find(word, i + 1)
    return False


def previous_word(text: str, start: int) -> str:
    """The lower-cased word or mark just before `start` ('' at the start of a line)."""
    before = text[max(0, start - 24) : start]
    cut = before.rfind("\n")
    if cut >= 0:
        before = before[cut + 1 :]
    parts = before.rsplit(None, 1)  # the last word without splitting the rest
    return parts[-1].lower() if parts else ""


def next_word(text: str, end: int) -> str:
    """The lower-cased word within 24 characters after `end`, on the same line ('' if none)."""
    return _NEXT_WORD.match(text, end, end + 24).group(1).lower()  # type: ignore[union-attr]


def run_context(text: str, start: int, end: int) -> tuple[bool, str, str]:
    """`starts_sentence`, `previous_word` and `next_word` of the run `text[start:end]` at once:
    the finder asks all three of every run, so the first two share one slice before it."""
    before = text[start - 24 : start] if start >= 24 else text[:start]
    opened = before.rstrip(" \t")
    if opened:
        initial = opened[-1] in _SENTENCE_OPENERS
    else:  # only spaces in the slice: the text start, or a longer look back
        initial = start <= 24 or starts_sentence(text, start)
    cut = before.rfind("\n")
    if cut >= 0:
        before = before[cut + 1 :]
    parts = before.rsplit(None, 1)
    previous = parts[-1].lower() if parts else ""
    return initial, previous, next_word(text, end)


def starts_sentence(text: str, start: int) -> bool:
    """True when only spaces stand between `start` and a sentence opener or the text start."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_OPENERS


def gazetteer_tags(lowers: Sequence[str], gazetteer: Gazetteer) -> list[str]:
    """`B-KIND`/`I-KIND` per token from the longest known names, left to right ('' elsewhere)."""
    tags = [""] * len(lowers)
    i, n = 0, len(lowers)
    longest = gazetteer.longest
    while i < n:
        for size in range(min(longest.get(lowers[i], 0), n - i), 0, -1):
            kind = gazetteer.get(" ".join(lowers[i : i + size]))
            if kind:
                tags[i] = "g=B-" + kind
                for j in range(i + 1, i + size):
                    tags[j] = "g=I-" + kind
                i += size
                break
        else:
            i += 1
    return tags


StaticKey = tuple[str, str, str, str]
# The words around a token: (previous, next) in a one-word run, (previous, next, run's first,
# run's last) in longer runs; features `p=`, `n=`, `f=`, `e=` (see `context_features`).
Context = tuple[str, ...]
CONTEXT_PREFIXES = ("p=", "n=", "f=", "e=")


def run_features(
    text: str, tokens: Sequence[Token], lower_vocab: frozenset[str], gazetteer: Gazetteer
) -> list[tuple[StaticKey, Context]]:
    """(static key, context words) of each token of one run; tokens are (start, end, word).

    The static key (word, position in run, gazetteer tag, case cue) names features that repeat
    across texts, so the tagger sums their weights once per key; `static_features` expands it.
    Context words stay bare (no `p=` prefix) so the tagger looks them up without new strings.
    """
    if len(tokens) == 1:
        return [single_features(text, *tokens[0], lower_vocab, gazetteer)]
    words = [word for _, _, word in tokens]
    lowers = [word_info(word)[0] for word in words]
    before = previous_word(text, tokens[0][0])
    after = next_word(text, tokens[-1][1])
    initial = starts_sentence(text, tokens[0][0])
    seen_lower = [lower in lower_vocab for lower in lowers]
    return run_rows(words, lowers, seen_lower, (before, after), initial, gazetteer)


def run_rows(
    words: Sequence[str],
    lowers: Sequence[str],
    seen_lower: Sequence[bool],
    around: tuple[str, str],
    initial: bool,
    gazetteer: Gazetteer,
) -> list[tuple[StaticKey, Context]]:
    """`run_features` of a run of two words or more, from what the text says about it: its
    words (and lower-cased), which it has in lower case, the words either side, whether it
    opens a sentence."""
    n = len(words)
    before, after = around
    positions = run_positions(n)
    gaz_tags = gazetteer_tags(lowers, gazetteer)
    first, last = lowers[0], lowers[-1]
    rows = []
    for i, lower in enumerate(lowers):
        prev = lowers[i - 1] if i else before
        nxt = lowers[i + 1] if i + 1 < n else after
        case = _case(initial and i == 0, seen_lower[i])
        key = (words[i], positions[i], gaz_tags[i], case)
        rows.append((key, (prev, nxt, first, last)))
    return rows


def with_context(
    rows: Sequence[tuple[StaticKey, Context]], around: tuple[str, str]
) -> list[tuple[StaticKey, Context]]:
    """`run_rows` of a run with other words either side: only the first row's previous word
    and the last row's next word change (so rows made once serve the run in any context)."""
    before, after = around
    changed = list(rows)
    key, (_, nxt, first, last) = changed[0]
    changed[0] = (key, (before, nxt, first, last))
    key, (prev, _, first, last) = changed[-1]
    changed[-1] = (key, (prev, after, first, last))
    return changed


@lru_cache(maxsize=64)
def run_positions(n: int) -> tuple[str, ...]:
    """The position feature of each token of an `n`-word run (`r20`, `r21e`; 4 and 3 at most)."""
    return tuple(f"r{min(n, 4)}{min(i, 3)}{'e' if i == n - 1 else ''}" for i in range(n))


def single_features(
    text: str, start: int, end: int, word: str, lower_vocab: frozenset[str], gazetteer: Gazetteer
) -> tuple[StaticKey, Context]:
    """(static key, context words) of a run of one word: most runs, so kept short."""
    lower = word_info(word)[0]
    key = single_key(word, lower, starts_sentence(text, start), lower in lower_vocab, gazetteer)
    return key, (previous_word(text, start), next_word(text, end))


def single_key(
    word: str, lower: str, initial: bool, seen_lower: bool, gazetteer: Gazetteer
) -> StaticKey:
    """The static key of a one-word run."""
    gaz = gazetteer.get(lower)
    return (word, "r10e", "g=B-" + gaz if gaz else "", _case(initial, seen_lower))


def _case(initial: bool, seen_lower: bool) -> str:
    """Sentence-initial capitals say little; a word also seen in lower case says 'not a name'."""
    if initial:
        return "si1" if seen_lower else "si0"
    return "lo" if seen_lower else ""


def context_features(context: Context) -> list[str]:
    """The features context words stand for (`p=said`, `n=of`...)."""
    return [prefix + word for prefix, word in zip(CONTEXT_PREFIXES, context)]


def static_features(key: StaticKey) -> list[str]:
    """The features a static key stands for."""
    word, position, gaz, case = key
    lower, identity, shape, suffix = word_info(word)
    feats = ["b", identity, shape, suffix, position]
    if gaz:
        feats.append(gaz)
    if case:
        feats.append(case)
        if case != "lo":
            feats.append("siw=" + lower)
    return feats
