"""The invented cast of a synthetic archive: people, organizations and places, with Zipf weights.

A `World` is a pure function of the seed, so every worker process that builds it (or receives it)
sees the same names in the same order; rank 0 of each kind is the most often mentioned.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from benchmarks import _vocab as v


@dataclass(frozen=True, slots=True)
class Person:
    """Someone the archive writes about; `title` is prefixed on first mention."""

    first: str
    last: str
    title: str | None
    honorific: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True, slots=True)
class Org:
    """An organization; `acronym` is defined in the text on first mention when present."""

    name: str
    acronym: str | None = None


@dataclass(frozen=True, slots=True)
class World:
    """All names of one archive and the cumulative Zipf weights to draw them with."""

    people: tuple[Person, ...]
    orgs: tuple[Org, ...]
    places: tuple[str, ...]
    photographers: tuple[str, ...]
    people_cw: tuple[float, ...]
    orgs_cw: tuple[float, ...]
    places_cw: tuple[float, ...]
    tags_cw: tuple[float, ...]


def zipf_weights(count: int, exponent: float = 1.05) -> tuple[float, ...]:
    """Cumulative weights 1/rank^s, for `random.choices(cum_weights=...)`."""
    return tuple(itertools.accumulate(1.0 / (rank**exponent) for rank in range(1, count + 1)))


def _word(rng: random.Random, syllables: int, endings: tuple[str, ...]) -> str:
    stem = "".join(rng.choice(v.ONSETS) for _ in range(syllables))
    return (stem + rng.choice(endings)).capitalize()


def _unique_words(rng: random.Random, count: int, syllables: tuple[int, ...],
                  endings: tuple[str, ...], taken: set[str]) -> list[str]:
    """`count` distinct invented words, none already in `taken` (which grows)."""
    words: list[str] = []
    while len(words) < count:
        word = _word(rng, rng.choice(syllables), endings)
        if word not in taken:
            taken.add(word)
            words.append(word)
    return words


def _people(rng: random.Random, count: int, taken: set[str]) -> tuple[Person, ...]:
    surnames = _unique_words(rng, count, (1, 2, 2), v.SURNAME_ENDINGS, taken)
    firsts = _unique_words(rng, max(count // 6, 40), (1, 2), v.FIRST_ENDINGS, taken)
    people = []
    for last in surnames:
        title = rng.choice(v.PERSON_TITLES) if rng.random() < 0.45 else None
        honorific = "Dr" if title == "Professor" else rng.choice(("Mr", "Ms"))
        people.append(Person(rng.choice(firsts), last, title, honorific))
    return tuple(people)


def _acronym(words: list[str]) -> str:
    return "".join(word[0] for word in words if word[0].isupper())


def _org(rng: random.Random, stems: list[str], countries: list[str]) -> Org:
    kind = rng.random()
    if kind < 0.40:
        return Org(f"{stems.pop()} {rng.choice(v.ORG_SUFFIXES)}")
    if kind < 0.55:
        return Org(f"{rng.choice(countries)} {rng.choice(v.MINISTRY_TOPICS)} Ministry")
    if kind < 0.70:
        words = [rng.choice(v.PARTY_ADJECTIVES), rng.choice(v.PARTY_NOUNS), "Party"]
        return Org(" ".join(words), _acronym(words) if rng.random() < 0.5 else None)
    words = [rng.choice(group) for group in v.UNION_WORDS]
    if rng.random() < 0.5:
        words.insert(0, stems.pop())
    return Org(" ".join(words), _acronym(words))


def _orgs(rng: random.Random, count: int, taken: set[str], countries: list[str]) -> tuple[Org, ...]:
    stems = _unique_words(rng, count, (1, 2), v.TOWN_ENDINGS + v.FIRST_ENDINGS, taken)
    orgs: dict[str, Org] = {}
    while len(orgs) < count:
        org = _org(rng, stems, countries)
        orgs.setdefault(org.name, org)
        if not stems:
            stems = _unique_words(rng, count, (1, 2), v.TOWN_ENDINGS, taken)
    return tuple(orgs.values())


def make_world(seed: int, people: int = 3000, orgs: int = 600, places: int = 400) -> World:
    """The cast for `seed`; sizes are the number of distinct names of each kind."""
    rng = random.Random(f"world:{seed}")
    taken: set[str] = set()
    countries = _unique_words(rng, max(places // 10, 8), (1, 2), v.COUNTRY_ENDINGS, taken)
    towns = _unique_words(rng, places - len(countries), (1, 2), v.TOWN_ENDINGS, taken)
    mixed = towns + countries
    rng.shuffle(mixed)
    photographers = tuple(p.full for p in _people(rng, 60, taken))
    return World(
        people=_people(rng, people, taken),
        orgs=_orgs(rng, orgs, taken, countries),
        places=tuple(mixed),
        photographers=photographers,
        people_cw=zipf_weights(people),
        orgs_cw=zipf_weights(orgs),
        places_cw=zipf_weights(places),
        tags_cw=zipf_weights(len(v.TAGS)),
    )
