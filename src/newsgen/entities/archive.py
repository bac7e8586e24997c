"""Archive-wide kind decisions: what the whole archive says about a name beats one article.

One article often cannot tell a town from a surname (`Caldwick's public library`); the archive
usually can (`in Caldwick`, `Caldwick council`, no `... Caldwick` person anywhere). `decide`
takes, per name key, its spelling, its majority kind and the cues of `evidence.py`, and returns:

- kinds that change: a multi-word name ending in an organization word (`Halcyon Freight`,
  `Caldwick Observatory`) is an organization, `River Wend`, `Sallow Strait`, `Varno Gate` are
  places; a name followed by `party` is an organization; a name mostly written in quotes
  (`“The Salt Road”`) is the title of a work (`other`); a one-word "person" that ends no
  person's full name and mostly stands where places stand (`in`, `near`, a dateline,
  `'s government`, `council`) is a place;
- names that are not entities: `...-born` words, names that stand before `Minister`
  (`Finance`, `Kestravan Foreign`), ordinary English words never seen in a name-like spot
  (`Annual`, `Head`, `the Sun`), demonyms of the archive's places (`Kestravan`);
- names that join another: the first word of exactly one organization (`Halcyon`) or of
  exactly one person (`Søren`), and an organization that ends exactly one longer one
  (`Ellery Philharmonic`).
"""

from __future__ import annotations

import gzip
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newsgen.entities.lexicon import (
    ARCHIVE_ORG_CUES,
    ARCHIVE_PLACE_CUES,
    CONNECTORS,
    DEMONYM_ENDINGS,
    PLACE_FIRST_WORDS,
)
from newsgen.model import EntityKind

COMMON_WORDS_FILE = "common_words.txt.gz"
HEADLINE_WORDS = 4  # a title-case headline read as a name: `Mayor Opens New Bridge To Town`
NAME_LIKE_SHARE = 5  # an ordinary word is a name when 1 in 5 of its mentions look like one
NameInfo = tuple[str, EntityKind, int]  # spelling, majority kind, number of articles


@dataclass(frozen=True, slots=True)
class Decisions:
    """Kind changes, names that are no entity, and joins (name key -> key it belongs to)."""

    kinds: dict[str, EntityKind]
    dropped: frozenset[str]
    joins: dict[str, str]


@cache
def common_words() -> frozenset[str]:
    """Ordinary lowercase English words (mined from the tagger's training text)."""
    raw = resources.files("newsgen.entities").joinpath("data", COMMON_WORDS_FILE).read_bytes()
    return frozenset(gzip.decompress(raw).decode("utf-8").split())


def kind_from_words(name: str) -> EntityKind | None:
    """The kind a multi-word name's own words give it, if they settle it."""
    words = name.casefold().split()
    if len(words) < 2:
        return None
    if words[-1] in ARCHIVE_ORG_CUES:
        return "organization"
    head = words[: words.index("of")] if "of" in words[1:] else []
    if head and head[-1] in ARCHIVE_ORG_CUES:
        return "organization"  # `Bank of Maranthe`
    if words[-1] in ARCHIVE_PLACE_CUES or words[0] in PLACE_FIRST_WORDS:
        return "place"
    return None


def _not_a_name(name: str, cues: Counter[str], common: frozenset[str]) -> bool:
    words = name.casefold().split()
    if any(w.endswith(("-born", "–born")) for w in words):
        return True
    if cues["title"] * 2 >= max(cues["mentions"], 1):
        return True  # `Finance Minister ...`
    if cues["name_like"] * NAME_LIKE_SHARE >= max(cues["mentions"], 1):
        return False
    if len(words) == 1:
        return words[0] in common
    content = [w for w in words if w not in CONNECTORS]
    return len(content) >= HEADLINE_WORDS and sum(w in common for w in content) * 2 > len(content)


def _place_evidence(kind: EntityKind, cues: Counter[str]) -> bool:
    """Mostly where places stand, hardly where people do (firms need the stronger cues)."""
    found = cues["place"] + (cues["weak_place"] if kind != "organization" else 0)
    return found >= 2 and found > 2 * cues["person"] and found * 4 >= cues["mentions"]


def _owners(names: dict[str, NameInfo], kind: EntityKind, first: bool) -> dict[str, set[str]]:
    """First (or last) word key -> keys of the multi-word names of `kind` with it there."""
    owners: dict[str, set[str]] = {}
    for key, (_, found, _) in names.items():
        words = key.split()
        if found == kind and len(words) > 1 and "and" not in words:
            owners.setdefault(words[0] if first else words[-1], set()).add(key)
    return owners


def _org_suffixes(names: dict[str, NameInfo]) -> dict[str, set[str]]:
    """Trailing word sequences (two words or more) of organization names -> their names;
    not when the words left out are a name of their own (`Bosael Federal Nurses Federation` is
    Bosael's branch, not the `Federal Nurses Federation`)."""
    owners: dict[str, set[str]] = {}
    for key, (_, kind, _) in names.items():
        words = key.split()
        if kind == "organization" and "and" not in words:
            for i in range(1, len(words) - 1):
                if words[i] not in CONNECTORS and " ".join(words[:i]) not in names:
                    owners.setdefault(" ".join(words[i:]), set()).add(key)
    return owners


def _is_demonym(key: str, places: set[str]) -> bool:
    """`kestravan` of `kestrava`, `norwegian`-like words of the archive's one-word places."""
    for ending in DEMONYM_ENDINGS:
        stem = key[: -len(ending)]
        if key.endswith(ending) and len(stem) >= 3:
            if stem in places or stem + "a" in places or stem + "e" in places:
                return True
    return False


def decide(
    names: dict[str, NameInfo],
    cues: dict[str, Counter[str]],
    common: frozenset[str] | None = None,
) -> Decisions:
    """The archive-wide decisions for `names` (key -> spelling, majority kind, articles)."""
    common = common_words() if common is None else common
    empty: Counter[str] = Counter()
    dropped = {k for k, (s, _, _) in names.items() if _not_a_name(s, cues.get(k, empty), common)}
    dropped |= {k for k in names if _coordination(k, names)}
    kinds: dict[str, EntityKind] = {}
    for key, (spelling, kind, _) in names.items():
        found = kind_from_words(spelling)
        seen = cues.get(key, empty)
        if found == "place" and seen["person"]:
            found = None  # `Elin Bridge said`: a person after all
        if found is None and seen["party"] and not seen["person"]:
            found = "organization"
        if seen["quoted"] * 2 >= seen["mentions"] > 0:
            found = "other"  # mostly in quotes: a book, a film, a play
        if found and found != kind:
            kinds[key] = found
    current = {
        k: (s, kinds.get(k, kind), n) for k, (s, kind, n) in names.items() if k not in dropped
    }
    surnames = _owners(current, "person", first=False)
    for key, (_, kind, _) in current.items():
        if " " not in key and kind != "place" and key not in surnames:
            if _place_evidence(kind, cues.get(key, empty)):
                kinds[key] = "place"
    current = {k: (s, kinds.get(k, kind), n) for k, (s, kind, n) in current.items()}
    kinds.update(_people_by_surname(current, cues))
    current = {k: (s, kinds.get(k, kind), n) for k, (s, kind, n) in current.items()}
    joins = _joins(current, _owners(current, "person", first=False), cues)
    kinds.update((key, current[owner][1]) for key, owner in joins.items())  # the full name's
    places = {k for k, (_, kind, _) in current.items() if kind == "place" and " " not in k}
    dropped |= {k for k in current if " " not in k and k not in places and _is_demonym(k, places)}
    return Decisions(kinds, frozenset(dropped), joins)


def _people_by_surname(
    names: dict[str, NameInfo], cues: dict[str, Counter[str]]
) -> dict[str, EntityKind]:
    """A short name voted organization or other whose last word is, alone, a person who speaks
    or has a title (`Nepeta Zoluova`, with `Ms Zoluova said`) is that person."""
    speakers = {
        k for k, (_, kind, _) in names.items()
        if kind == "person" and " " not in k and k in cues and cues[k]["person"] >= 2
    }  # fmt: skip
    found: dict[str, EntityKind] = {}
    for key, (spelling, kind, _) in names.items():
        words = key.split()
        if kind in ("organization", "other") and 1 < len(words) <= 3 and words[-1] in speakers:
            if kind_from_words(spelling) is None and not set(words) & set(CONNECTORS):
                found[key] = "person"
    return found


def _joins(
    names: dict[str, NameInfo], surnames: dict[str, set[str]], cues: dict[str, Counter[str]]
) -> dict[str, str]:
    """Short names that belong to exactly one longer name of the archive (an organization's
    tail only when it mostly follows a capitalised word: the rest of the name)."""
    org_firsts = _owners(names, "organization", first=True)
    person_firsts = _owners(names, "person", first=True)
    suffixes = _org_suffixes(names)
    joins: dict[str, str] = {}
    for key, (_, kind, articles) in names.items():
        if " " in key:
            cut = key in cues and cues[key]["fragment"] * 2 >= cues[key]["mentions"] > 0
            owners = suffixes.get(key, set()) if kind == "organization" and cut else set()
        elif kind in ("person", "other") and key not in surnames:
            speaks = key in cues and cues[key]["person"] >= 2  # a firm's name does not speak
            owners = (set() if speaks else org_firsts.get(key, set())) or person_firsts.get(
                key, set()
            )
        else:
            continue
        if len(owners) == 1 and (owner := next(iter(owners))) != key:
            if " " not in key or names[owner][2] >= articles:  # the full name is the usual one
                joins[key] = owner
    return joins


def _coordination(key: str, names: dict[str, NameInfo]) -> bool:
    """`Ilse Marten and Free Harbour Party`: two names the finder ran together, when what
    precedes `and` is a name of the archive on its own, or what follows it is one in as many
    articles."""
    if " and " not in key:
        return False
    left, right = key.rsplit(" and ", 1)
    return left in names or right in names and names[right][2] >= names[key][2]
