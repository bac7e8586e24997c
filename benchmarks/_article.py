"""One synthetic article: its plan (cheap, made for every article first) and its text.

`plan_article` draws what other articles need to know (headline, date, slug, cast);
`write_article` draws the body from a second random stream, so bodies can be written in any
order, in any process, and still come out byte-identical for a seed.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass

from benchmarks import _vocab as v
from benchmarks._world import World

FIRST_DAY = dt.date(2015, 1, 1)
DAYS = (dt.date(2024, 12, 31) - FIRST_DAY).days + 1
_SLOT = re.compile(r"\{(\w+)\}")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def _parse(template: str) -> tuple[str, ...]:
    """Literal and slot parts alternating: ("lit", "SLOT", "lit", ...)."""
    return tuple(_SLOT.split(template))


HEADLINES = tuple(_parse(t) for t in v.HEADLINES)
SENTENCES = tuple(_parse(t) for t in v.SENTENCES)
QUOTES = tuple(_parse(t) for t in v.QUOTES)
QUOTE_FORMS = tuple(_parse(t) for t in v.QUOTE_FORMS)
SUBHEADINGS = tuple(_parse(t) for t in v.SUBHEADINGS)


@dataclass(frozen=True, slots=True)
class Plan:
    """What is decided about article `index` before any body is written."""

    index: int
    section: str
    date: dt.date
    date_mode: str  # "path", "caption" or "dateline"
    people: tuple[int, ...]
    orgs: tuple[int, ...]
    places: tuple[int, ...]
    tags: tuple[str, ...]
    title: str
    slug: str
    blank_lines: bool
    read_more: int | None = None


@dataclass(frozen=True, slots=True)
class Doc:
    """A written article: blocks are ("p", text) or ("h", subheading); names as mentioned."""

    standfirst: tuple[str, ...]
    caption: str
    credit: str
    blocks: tuple[tuple[str, str], ...]
    people: tuple[str, ...]
    orgs: tuple[str, ...]
    places: tuple[str, ...]


def slugify(text: str) -> str:
    return _NON_SLUG.sub("-", text.lower()).strip("-")[:80].rstrip("-")


def long_date(day: dt.date) -> str:
    """`Tuesday, April 16, 2019`, without the locale."""
    return f"{v.WEEKDAYS[day.weekday()]}, {v.MONTHS[day.month - 1]} {day.day}, {day.year}"


class _Writer:
    """Fills templates for one article, remembering who was introduced and who was named."""

    def __init__(self, rng: random.Random, world: World, plan_cast: tuple[tuple[int, ...], ...]):
        self.rng, self.world = rng, world
        self.people, self.orgs, self.places = plan_cast
        self.introduced: set[str] = set()
        self.named: dict[str, dict[str, None]] = {"people": {}, "orgs": {}, "places": {}}
        self.slots = {
            "P": self.person, "S": self.person, "PF": self.person_full, "O": self.org,
            "OF": self.org_full, "L": self.place, "N": lambda: rng.choice(v.NOUNS),
            "G": lambda: rng.choice(v.GROUPS), "G_cap": lambda: rng.choice(v.GROUPS).capitalize(),
            "V": lambda: rng.choice(v.VERBS), "VP": lambda: rng.choice(v.VERBS_PAST),
            "T": lambda: rng.choice(v.TIMES), "MON": lambda: rng.choice(v.MONTHS),
            "NUM": lambda: str(rng.randint(2, 40) * rng.choice((1, 10, 100))),
            "YRS": lambda: str(rng.randint(2, 12)),
            "PCT": lambda: f"{rng.randint(3, 60)} percent", "Q": self.quote,
        }

    def fill(self, parts: tuple[str, ...]) -> str:
        slots = self.slots
        return "".join(slots[part]() if i % 2 else part for i, part in enumerate(parts))

    def _pick(self, cast: tuple[int, ...]) -> int:
        return cast[0] if self.rng.random() < 0.5 else self.rng.choice(cast)

    def person(self) -> str:
        person = self.world.people[self._pick(self.people)]
        self.named["people"][person.full] = None
        if person.full not in self.introduced:
            self.introduced.add(person.full)
            return f"{person.title} {person.full}" if person.title else person.full
        return person.last if self.rng.random() < 0.7 else f"{person.honorific} {person.last}"

    def person_full(self) -> str:
        person = self.world.people[self._pick(self.people)]
        self.named["people"][person.full] = None
        return person.full

    def org(self) -> str:
        org = self.world.orgs[self._pick(self.orgs)]
        self.named["orgs"][org.name] = None
        if org.name in self.introduced:
            return org.acronym or org.name
        self.introduced.add(org.name)
        return f"{org.name} ({org.acronym})" if org.acronym else org.name

    def org_full(self) -> str:
        org = self.world.orgs[self._pick(self.orgs)]
        self.named["orgs"][org.name] = None
        return org.name

    def place(self) -> str:
        place = self.world.places[self._pick(self.places)]
        self.named["places"][place] = None
        return place

    def quote(self) -> str:
        return self.fill(self.rng.choice(QUOTES))


def _draw(rng: random.Random, cum_weights: tuple[float, ...], most: int) -> tuple[int, ...]:
    picks = rng.choices(range(len(cum_weights)), cum_weights=cum_weights, k=rng.randint(1, most))
    return tuple(dict.fromkeys(picks))


def plan_article(index: int, seed: int, world: World) -> Plan:
    """The headline, date, section, cast and tags of article `index`."""
    rng = random.Random(seed * 1_000_003 + index)
    cast = (_draw(rng, world.people_cw, 4), _draw(rng, world.orgs_cw, 3),
            _draw(rng, world.places_cw, 3))
    title = _Writer(rng, world, cast).fill(rng.choice(HEADLINES))
    mode = rng.random()
    tags = _draw(rng, world.tags_cw, 4) if rng.random() < 0.4 else ()
    return Plan(
        index=index,
        section=rng.choice(v.SECTIONS),
        date=FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS)),
        date_mode="path" if mode < 0.8 else "caption" if mode < 0.9 else "dateline",
        people=cast[0], orgs=cast[1], places=cast[2],
        tags=tuple(v.TAGS[t] for t in tags),
        title=title,
        slug=slugify(title),
        blank_lines=rng.random() < 0.3,
    )


def _paragraph(writer: _Writer) -> str:
    rng = writer.rng
    if rng.random() < 0.3:
        said = writer.fill(rng.choice(QUOTE_FORMS))
        return said if rng.random() < 0.6 else f"{said} {writer.fill(rng.choice(SENTENCES))}"
    count = rng.choices((1, 2, 3), (50, 35, 15))[0]
    return " ".join(writer.fill(rng.choice(SENTENCES)) for _ in range(count))


def _caption(writer: _Writer, plan: Plan) -> tuple[str, str]:
    rng, world = writer.rng, writer.world
    lead = world.people[plan.people[0]]
    who = f"{lead.title} {lead.full}" if lead.title else lead.full
    writer.named["people"][lead.full] = None
    text = f"{who} {rng.choice(v.ACTIONS)} in {writer.place()}"
    if plan.date_mode == "caption":
        text += f", {long_date(plan.date)}"
    agency = rng.choice(v.AGENCIES)
    credit = agency if rng.random() < 0.6 else f"{agency}/{rng.choice(world.photographers)}"
    return text, credit


def write_article(plan: Plan, seed: int, world: World, read_more_title: str | None) -> Doc:
    """The body of `plan`'s article, from its own random stream."""
    rng = random.Random(seed * 1_000_003 + plan.index + 7_919_000_000)
    writer = _Writer(rng, world, (plan.people, plan.orgs, plan.places))
    standfirst = tuple(writer.fill(rng.choice(SENTENCES)) for _ in range(rng.randint(1, 2)))
    caption, credit = _caption(writer, plan)
    writer.introduced.clear()  # the body introduces everyone again, as news copy does
    blocks: list[tuple[str, str]] = [("p", _paragraph(writer)) for _ in range(rng.randint(6, 20))]
    if plan.date_mode == "dateline":
        town = world.places[plan.places[0]].upper()
        agency = credit.split("/")[0]
        day = f"{v.MONTHS[plan.date.month - 1]} {plan.date.day}"  # the year is in the path
        blocks[0] = ("p", f"{town}, {day} ({agency}) - {blocks[0][1]}")
    count = rng.randint(1, 3)
    places = sorted(rng.sample(range(2, len(blocks)), count), reverse=True)
    for at, heading in zip(places, rng.sample(SUBHEADINGS, count)):
        blocks.insert(at, ("h", writer.fill(heading)))
    if read_more_title:
        blocks.append(("r", read_more_title))
    named = writer.named
    return Doc(standfirst, caption, credit, tuple(blocks), tuple(named["people"]),
               tuple(named["orgs"]), tuple(named["places"]))
