"""`find_mentions(text)`: names of people, organizations and places in plain text.

Candidate runs of capitalised tokens come from one regex; the tagger labels the tokens of each
run; then the whole text votes, so one string gets one kind and a lone surname follows the full
name it ends. Junk (weekdays, months, pronouns, bare nationality words, `Read more`) is dropped.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from operator import itemgetter
from typing import TypeVar

from newsgen.entities.features import (
    RUN,
    LowerWords,
    run_context,
    run_rows,
    run_tokens,
    single_key,
    with_context,
)
from newsgen.entities.lexicon import (
    JUNK_PHRASES,
    NATIONALITIES,
    NEVER_NAMES,
    ORG_CUES,
    PLACE_CUES,
    TITLES,
)
from newsgen.entities.names import MAX_NAME_WORDS
from newsgen.entities.tagger import (
    UNSEEN,
    Model,
    RunFinds,
    RunKey,
    RunResult,
    RunShape,
    RunShapeKey,
    load_model,
    tag_one,
    tag_run,
)
from newsgen.model import EntityKind, Mention

KINDS: dict[str, EntityKind] = {
    "PER": "person", "ORG": "organization", "LOC": "place", "MISC": "other",
}
# Short capitalised forms that are names when written in capitals inside ordinary text.
ACRONYMS: dict[str, EntityKind] = {
    "US": "place", "USA": "place", "UK": "place", "UAE": "place", "DRC": "place",
    "UN": "organization", "EU": "organization", "NATO": "organization", "WHO": "organization",
    "IMF": "organization", "FBI": "organization", "CIA": "organization", "BBC": "organization",
}
_NAME_HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. sir dame".split())
# Titles that only ever stand before a person's name: the name that follows is a person.
PERSON_TITLES = _NAME_HONORIFICS | frozenset(
    """president councillor mayor senator governor chancellor premier pope judge
    harbourmaster professor prof sheikh ambassador spokesman spokeswoman chairman chairwoman
    inspector detective sergeant sgt colonel col lieutenant lt captain capt coach""".split()
)
_RANK_WORDS = frozenset({"deputy", "vice", "acting"})
Token = tuple[int, int, str]
Span = tuple[int, int, str]  # first token, end token, tag kind (PER/ORG/LOC/MISC)
Found = tuple[int, int, str, EntityKind]  # start, end, text, kind: a Mention to be
_START = itemgetter(0)
K = TypeVar("K")
V = TypeVar("V")


def find_mentions(text: str, model: Model | None = None) -> list[Mention]:
    """Mentions in `text`, sorted and non-overlapping; offsets index `text`."""
    return [Mention(*found) for found in find_names(text, model)]


def find_names(text: str, model: Model | None = None) -> list[Found]:
    """`find_mentions` as (start, end, text, kind) tuples, for callers that only read them."""
    model = model or load_model()
    lower_vocab = LowerWords(text)
    found: list[Found] = []
    untagged: list[Token] = []
    gazetteer = model.gazetteer
    results = model.run_finds
    seen_before, seen_after = model.context[0], model.context[1]
    for run in RUN.finditer(text):
        word = run.group()
        start, end = run.span()
        initial, before, after = run_context(text, start, end)
        if " " not in word and "\t" not in word:
            lower = word.lower()
            seen_lower: bool | tuple[bool, ...] = lower_vocab[lower]
            if seen_lower and initial and lower not in gazetteer:
                untagged.append((start, end, word))  # an ordinary word opening a sentence
                continue
        else:  # words keep their spaces when lower-cased: one `lower` for the whole run
            seen_lower = tuple([lower_vocab[w] for w in word.lower().split()])
        # The word before is only scored as `p=` and the word after as `n=`, and all words
        # without weights score alike: runs that differ only there share one memo entry.
        before = before if before in seen_before else UNSEEN
        after = after if after in seen_after else UNSEEN
        key = (word, before, after, initial, seen_lower)
        finds = results.get(key)
        if finds is None:
            finds = _run_finds(word, _run_names(model, key), gazetteer)
            _remember(results, key, finds)
        names, passed_over = finds
        if passed_over:
            untagged.append((start, end, word))
        for first, stop, name, kind, shout_words in names:
            if not shout_words or not _mostly_lower(shout_words, lower_vocab):
                found.append((start + first, start + stop, name, kind))
    return _agree(found, untagged)


def _run_finds(word: str, names: RunResult, gazetteer: dict[str, str]) -> RunFinds:
    """What `find_names` keeps of a run's names, worked out once per memo entry: each name's
    text and the words the shouting rule checks (see `_shout_words`), junk names left out; and
    whether a one-word run was passed over by the tagger."""
    kept = tuple(
        (first, stop, name, kind, _shout_words(name, gazetteer))
        for first, stop, kind in names
        if not _is_junk(name := word[first:stop])
    )
    return kept, " " not in word and "\t" not in word and not names


def _run_names(model: Model, key: RunKey) -> RunResult:
    """The names in one run, offsets relative to it, from nothing but its key: (the run, the
    words before and after it, whether it opens a sentence, which of its words the text has in
    lower case). So `find_mentions` can keep the result for the next run with the same key."""
    word, before, after, initial, seen_lower = key
    gazetteer = model.gazetteer
    if isinstance(seen_lower, bool):  # a one-word run
        static = single_key(word, word.lower(), initial, seen_lower, gazetteer)
        tag = tag_one(model, static, (before, after))
        return () if tag == "O" else ((0, len(word), KINDS[tag[2:]]),)
    shape_key = (word, initial, seen_lower)
    shape = model.run_shapes.get(shape_key)
    if shape is None:
        shape = _run_shape(shape_key, gazetteer)
        _remember(model.run_shapes, shape_key, shape)
    tokens, rows = shape
    tags = tag_run(model, with_context(rows, (before, after)))
    names_key = (word, initial, tuple(tags))
    names = model.tagged_names.get(names_key)
    if names is None:
        names = _tagged_names(list(tokens), tags, gazetteer, initial)
        _remember(model.tagged_names, names_key, names)
    return names


def _remember(memo: dict[K, V], key: K, value: V) -> None:
    """Keep `value` in a per-model memo, emptied when it grows large (a long build's runs)."""
    if len(memo) > 100_000:
        memo.clear()
    memo[key] = value


def _run_shape(key: RunShapeKey, gazetteer: dict[str, str]) -> RunShape:
    """A run's tokens and rows, without the words either side (see `with_context`)."""
    word, initial, seen_lower = key
    tokens = run_tokens(0, word)
    words = [token for _, _, token in tokens]
    lowers = [token.lower() for token in words]
    rows = run_rows(words, lowers, seen_lower, ("", ""), initial, gazetteer)
    return tuple(tokens), tuple(rows)


def _tagged_names(
    tokens: list[Token], tags: list[str], gazetteer: dict[str, str], initial: bool
) -> RunResult:
    """The names a run's tags make, once the name-edge rules have had their say."""
    tags = _after_honorifics(tokens, tags)
    return tuple(
        (tokens[first][0], tokens[stop - 1][1], KINDS[kind])
        for first, stop, kind in _repair(tokens, _spans(tags), tags, gazetteer, initial)
        if stop - first <= MAX_NAME_WORDS
    )


def _after_honorifics(tokens: list[Token], tags: list[str]) -> list[str]:
    """Capitalised words right after `Mr`, `Ms`, `Dr`... (or `Deputy Mayor`) are a person,
    whatever the run's end suggests (`Mr. Ilse Marten of the Harbour Board`)."""
    for i, (_, _, word) in enumerate(tokens[:-1]):
        if word.lower() not in PERSON_TITLES or not _names_follow(tokens, i):
            continue
        if tags[i + 1] in ("B-PER", "I-PER"):
            continue
        j = i + 1
        while j < len(tokens) and tokens[j][2][0].isupper():
            tags[j] = "I-PER" if j > i + 1 else "B-PER"
            j += 1
        if j < len(tokens) and tags[j] == "I-PER":
            tags[j] = "B-PER"
    return tags


def _names_follow(tokens: list[Token], i: int) -> bool:
    """`Mr`, `Dr`... or a title after `Deputy`, `Vice`, `Acting` (`Deputy Mayor Juta Lund`)."""
    lower = tokens[i][2].lower()
    if lower in _NAME_HONORIFICS:
        return True
    return lower in PERSON_TITLES and i > 0 and tokens[i - 1][2].lower() in _RANK_WORDS


def _spans(tags: list[str]) -> list[Span]:
    """Token spans of the B-/I- tags of one run."""
    spans: list[Span] = []
    for i, tag in enumerate(tags):
        if tag == "O":
            continue
        if tag[0] == "I" and spans and spans[-1][1] == i and spans[-1][2] == tag[2:]:
            spans[-1] = (spans[-1][0], i + 1, tag[2:])
        else:
            spans.append((i, i + 1, tag[2:]))
    return spans


def _repair(
    tokens: list[Token],
    spans: list[Span],
    tags: list[str],
    gazetteer: dict[str, str],
    initial: bool,
) -> list[Span]:
    """Fix what a left-to-right tagger gets wrong at name edges (see the helpers)."""
    fixed: list[Span] = []
    for span in spans:
        trimmed = _trim(tokens, span, gazetteer, initial)
        if trimmed is None:
            continue
        first, end, kind = _extend(tokens, trimmed, tags, fixed)
        kind = _kind_from_cues(tokens, first, end, kind, gazetteer)
        if fixed and kind == "PER" == fixed[-1][2] and fixed[-1][1] == first:
            first = fixed.pop()[0]  # `Ilse` + `Marten`: one person
        elif fixed and fixed[-1][1] == first - 1 and tokens[first - 1][2] == "&":
            first, kind = fixed.pop()[0], "ORG"  # `Crumb & Kettle`: one firm
        elif kind == "ORG" and tokens[end - 1][2].lower() in ORG_CUES:
            first = _absorb_before(tokens, first, fixed)
        fixed.append((first, end, kind))
    return fixed


def _absorb_before(tokens: list[Token], first: int, fixed: list[Span]) -> int:
    """An organization ending in a cue word (`Council`) takes the capitalised words before it
    (`Dunmore Town Council`), but not a nationality word, a title or `The`."""
    while first > 0:
        word = tokens[first - 1][2]
        lower = word.lower()
        if not word[0].isupper() or lower in NATIONALITIES or lower in TITLES or lower == "the":
            break
        first -= 1
    while fixed and fixed[-1][0] >= first:
        fixed.pop()
    if fixed and fixed[-1][1] > first:
        first = fixed[-1][1]
    return first


def _trim(tokens: list[Token], span: Span, gazetteer: dict[str, str], initial: bool) -> Span | None:
    """Drop connectors at the edges (`& Kettle`), a leading `The`, a sentence-opening verb
    (`Meeting Velikov`) and a person's title (`Councillor Maren Holt` is a person)."""
    first, end, kind = span
    while first < end and not tokens[first][2][0].isupper():
        first += 1
    while end > first and not tokens[end - 1][2][0].isupper():
        end -= 1
    if end - first < 1:
        return None
    if end - first > 1 and _lower_text(tokens, first, end) not in gazetteer:
        opener = tokens[first][2]
        lower = opener.lower().rstrip(".")
        if lower == "the":
            first += 1
        elif first == 0 and initial and opener.endswith(("ing", "ed")) and len(opener) > 5:
            first += 1
        elif lower in PERSON_TITLES and end - first > (1 if kind == "PER" else 2):
            first, kind = first + 1, "PER"
    return first, end, kind


def _lower_text(tokens: list[Token], first: int, end: int) -> str:
    return " ".join(word.lower() for _, _, word in tokens[first:end])


def _extend(tokens: list[Token], span: Span, tags: list[str], fixed: list[Span]) -> Span:
    """A person's name cut short before a capitalised word; `Ministry of` left outside."""
    first, end, kind = span
    if kind == "PER" and end < len(tokens) and tags[end] == "O" and tokens[end][2][0].isupper():
        end += 1
    if first >= 2 and tokens[first - 1][2] == "of" and tokens[first - 2][2].lower() in ORG_CUES:
        if not fixed or fixed[-1][1] <= first - 2:
            first, kind = first - 2, "ORG"
    return first, end, kind


def _kind_from_cues(
    tokens: list[Token], first: int, end: int, kind: str, gazetteer: dict[str, str]
) -> str:
    """`... Valley`, `... Street` are places; `... Council` is an organization (unless known)."""
    last = tokens[end - 1][2].lower()
    if kind != "LOC" and last in PLACE_CUES and last not in ORG_CUES:
        return "LOC"
    if kind in ("LOC", "PER") and last in ORG_CUES and end - first > 1:
        if _lower_text(tokens, first, end) not in gazetteer:
            return "ORG"
    return kind


@lru_cache(maxsize=1 << 16)  # names repeat across an archive; the answer depends on nothing else
def _is_junk(name: str) -> bool:
    lower = name.lower()
    if lower in JUNK_PHRASES or (lower in NEVER_NAMES and name not in ACRONYMS):
        return True
    words = lower.replace("-", " ").split()
    return all(w in NATIONALITIES for w in words)


def _shout_words(name: str, gazetteer: dict[str, str]) -> tuple[str, ...]:
    """The lower-cased words of a name in capitals (`HEAVY RAIN DELAYS THE HARVEST`) that is
    not a known name; empty for other names. Headline words in capitals that the text also
    uses in lower case are ordinary words (see `_mostly_lower`)."""
    if not name.isupper() or name in ACRONYMS:
        return ()
    words = name.lower().split()
    if " ".join(words) in gazetteer:
        return ()
    return tuple(words)


def _mostly_lower(words: tuple[str, ...], lower_vocab: LowerWords) -> bool:
    """More than half of `words` appear in lower case in the text."""
    return sum(lower_vocab[w] for w in words) * 2 > len(words)


def _first_most(counter: Counter[EntityKind]) -> EntityKind:
    """The commonest kind, the first counted winning ties."""
    return counter.most_common(1)[0][0] if len(counter) > 1 else next(iter(counter))


def _agree(found: list[Found], untagged: list[Token]) -> list[Found]:
    """One kind per string in this text (majority, first use breaking ties); a lone word that
    ends a person's full name elsewhere in the text is that person; a lone word the tagger
    passed over is a name when the same text is one elsewhere (or a known acronym)."""
    first_kind: dict[str, EntityKind] = {}
    mixed = False
    for _, _, name, kind in found:
        if first_kind.setdefault(name, kind) != kind:
            mixed = True
    # Most names have one kind throughout: kinds are counted only when some name has two.
    kinds_of = _kinds_of(found) if mixed else {}
    kind_of = {
        name: ACRONYMS.get(name)
        or (_first_most(Counter(kinds_of[name])) if name in kinds_of else kind)
        for name, kind in first_kind.items()
    }
    kind_of.update(
        (name.rsplit(" ", 1)[1], "person")
        for name, kind in first_kind.items()
        if " " in name and (kind == "person" or "person" in kinds_of.get(name, ()))
    )
    # A found name keeps its tuple when the agreed kind is the one it was found with (most do).
    agreed = [f if f[3] == kind_of[f[2]] else (*f[:3], kind_of[f[2]]) for f in found]
    for start, end, word in untagged:
        kind = kind_of.get(word) or ACRONYMS.get(word)  # known acronyms are names even alone
        if kind:
            agreed.append((start, end, word, kind))
    agreed.sort(key=_START)
    return agreed


def _kinds_of(found: list[Found]) -> dict[str, list[EntityKind]]:
    """Every kind each name was found with, in order, for names found with more than one."""
    kinds_of: dict[str, list[EntityKind]] = {}
    for _, _, name, kind in found:
        kinds_of.setdefault(name, []).append(kind)
    return {name: kinds for name, kinds in kinds_of.items() if kinds.count(kinds[0]) != len(kinds)}
