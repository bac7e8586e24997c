"""Archive-wide entities: one per real-world name, decided from every article and the curation.

Linear in the number of mentions: names are grouped by key in dicts built once. Within the
archive a name's kind is the one most articles give it, unless the words around its mentions
decide otherwise (`archive.py`, on the cues of `evidence.py`: a town voted person, junk words,
short forms of firms); a person's short form (`Hewitt`, from `Mr Hewitt`) joins the one full
name ending with it, if there is only one; `entities.yaml` aliases, ignores and kinds win over
all of that. Names seen only in `Read more` titles take the kind those give them; other names
get no vote from them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from slugify import slugify

from newsgen.entities.archive import Decisions, decide
from newsgen.entities.curation import CuratedEntity, Curation
from newsgen.entities.evidence import RELATED, article_cues, block_text
from newsgen.entities.names import join_short_forms, name_key, person_name_span
from newsgen.model import (
    ENTITY_KINDS,
    Article,
    ArticleMention,
    Entity,
    EntityKind,
    EntityResolution,
)

_KIND_ORDER = {kind: i for i, kind in enumerate(ENTITY_KINDS)}


@dataclass(slots=True)
class _NameStats:
    """What the archive says about one name key."""

    kinds: Counter[EntityKind] = field(default_factory=Counter)  # one vote per article
    spellings: Counter[str] = field(default_factory=Counter)
    mentions: int = 0
    cues: Counter[str] = field(default_factory=Counter)  # see `evidence.mention_cues`
    headline_kinds: Counter[EntityKind] = field(default_factory=Counter)  # `Read more` only


def _person_key(name: str) -> str:
    start, end = person_name_span(name)
    return name_key(name[start:end] or name)


def name_counts(mentions: Sequence[ArticleMention]) -> dict[str, tuple[EntityKind, int, bool]]:
    """Article-local name, in first-mention order -> (its kind in the article, mention count,
    whether the article's own text names it, not just a `Read more` title).

    `annotate_article` gives every mention of a name the same kind, so the first one is it."""
    found: dict[str, tuple[EntityKind, int, bool]] = {}
    for mention in mentions:
        kind, count, own = found.get(mention.name, (mention.kind, 0, False))
        found[mention.name] = (kind, count + 1, own or mention.block > RELATED)
    return found


def _annotated(article: Article) -> bool:
    """Whether `annotate_article` stored what this step reads (`entity_cues`, `acronyms`): it
    stores cues for every article that has mentions."""
    return bool(article.entity_cues) or not article.mentions


def _cues(article: Article) -> dict[str, tuple[tuple[str, int], ...]]:
    """The article's cue counts per local name: those `annotate_article` stored, else (an
    article built without it) computed now."""
    if _annotated(article):
        return dict(article.entity_cues)
    return {name: tuple(c.items()) for name, c in article_cues(article).items()}


def _majority(votes: Counter[EntityKind]) -> EntityKind:
    """The commonest kind; ties go to a known kind, then to the order of ENTITY_KINDS."""
    return min(votes, key=lambda k: (-votes[k], k == "other", _KIND_ORDER[k]))


def written_acronyms(
    article: Article, mentions: Sequence[ArticleMention]
) -> tuple[tuple[str, str], ...]:
    """(surface, name) of each mention written as an acronym of its name (`MSC` where the
    article's name is `Maritime Safety Commission`): the same acronym alone elsewhere in the
    archive can then join that name."""
    texts: dict[int, str] = {}
    found = []
    for mention in mentions:
        if mention.start < 0 or mention.kind == "person":
            continue
        text = texts.get(mention.block)
        if text is None:
            text = texts[mention.block] = block_text(article, mention.block)
        surface = text[mention.start : mention.end]
        if surface != mention.name and surface.isupper() and " " not in surface:
            found.append((surface, mention.name))
    return tuple(found)


def _gather(
    articles: Sequence[Article],
) -> tuple[dict[str, _NameStats], list[dict[str, str]], dict[str, set[str]]]:
    """Stats per name key; per article, local name -> key; acronym key -> the name keys it
    was written for."""
    stats: dict[str, _NameStats] = defaultdict(_NameStats)
    acronyms: dict[str, set[str]] = {}
    keys_per_article: list[dict[str, str]] = []
    key_of: dict[tuple[str, bool], str] = {}  # names repeat across articles: key each once
    for article in articles:
        keys: dict[str, str] = {}
        cues = _cues(article)
        for name, (kind, count, own) in name_counts(article.mentions).items():
            key = key_of.get((name, kind == "person"))
            if key is None:
                key = _person_key(name) if kind == "person" else name_key(name)
                key_of[name, kind == "person"] = key
            keys[name] = key
            entry = stats[key]
            (entry.kinds if own else entry.headline_kinds)[kind] += 1
            entry.spellings[name] += 1
            entry.mentions += count
            for cue, n in cues.get(name, ()):
                entry.cues[cue] += n
        keys_per_article.append(keys)
        if _annotated(article):
            written = article.acronyms
        else:  # an article built without `annotate_article`
            written = written_acronyms(article, article.mentions)
        for surface, name in written:
            owners = acronyms.setdefault(name_key(surface), set())
            if len(owners) < 2:
                owners.add(keys[name])
    for entry in stats.values():
        if not entry.kinds:  # named only in `Read more` titles: those decide
            entry.kinds = entry.headline_kinds
    return stats, keys_per_article, acronyms


def _curated_targets(curation: Curation) -> dict[str, CuratedEntity]:
    """Name and alias keys -> the curated entry they belong to."""
    targets: dict[str, CuratedEntity] = {}
    for entry in curation.entities:
        for alias in (entry.name, *entry.aliases):
            targets.setdefault(name_key(alias), entry)
    return targets


def _targets(
    stats: dict[str, _NameStats],
    curated: dict[str, CuratedEntity],
    acronyms: dict[str, set[str]],
    joins: dict[str, str],
) -> dict[str, str]:
    """Name key -> the key of the entity it belongs to."""
    target = {key: name_key(curated[key].name) if key in curated else key for key in stats}
    for key in stats:
        owners = acronyms.get(key, ())
        if target[key] == key and len(owners) == 1:
            target[key] = target[next(iter(owners))]
    for key, owner in joins.items():
        if target[key] == key:
            target[key] = target[owner]
    persons = [
        _spelling(stats[key]) for key in stats
        if target[key] == key and _majority(stats[key].kinds) == "person"
    ]
    persons += [e.name for e in {id(e): e for e in curated.values()}.values() if e.kind == "person"]
    joined = join_short_forms(persons)
    for key in stats:
        if target[key] == key and key in joined:
            target[key] = name_key(joined[key])
    return target


def _spelling(stats: _NameStats) -> str:
    """The spelling most articles use (then the one not in capitals, then alphabetical)."""
    return min(stats.spellings, key=lambda s: (-stats.spellings[s], s.isupper(), s))


@dataclass(slots=True)
class _Group:
    """The name keys that make one entity, and what they add up to."""

    keys: list[str] = field(default_factory=list)
    kinds: Counter[EntityKind] = field(default_factory=Counter)
    spellings: Counter[str] = field(default_factory=Counter)
    own_spellings: Counter[str] = field(default_factory=Counter)  # of the full name itself
    articles: int = 0
    mentions: int = 0


def resolve_entities(
    articles: Sequence[Article], curation: Curation = Curation(), cfg: object = None
) -> EntityResolution:
    """One entity per real-world name across `articles`, sorted by name; all of them, however
    few articles they are in (the site applies `curation.min_articles`). `cfg` is unused."""
    stats, keys_per_article, acronyms = _gather(articles)
    curated = _curated_targets(curation)
    decisions = _archive_decisions(stats, curated)
    target = _targets(stats, curated, acronyms, decisions.joins)
    ignored = {name_key(name) for name in curation.ignore} | decisions.dropped
    groups: dict[str, _Group] = defaultdict(_Group)
    for key, entry in stats.items():
        if key in ignored or target[key] in ignored:
            continue
        group = groups[target[key]]
        group.keys.append(key)
        group.kinds.update(entry.kinds)
        group.spellings.update(entry.spellings)
        if key == target[key]:
            group.own_spellings.update(entry.spellings)
        group.mentions += entry.mentions
    for keys in keys_per_article:
        for group_key in {target[k] for k in keys.values()}:
            if group_key in groups:
                groups[group_key].articles += 1
    by_curated_key = {name_key(e.name): e for e in curation.entities}
    entities, id_of = _entities(groups, by_curated_key)
    per_article = tuple(
        {name: id_of[target[key]] for name, key in keys.items() if target[key] in id_of}
        for keys in keys_per_article
    )
    per_article = tuple(
        _with_speakers(article, names, stats, target, id_of)
        for article, names in zip(articles, per_article)
    )
    return EntityResolution(entities, per_article)


def _archive_decisions(
    stats: dict[str, _NameStats], curated: dict[str, CuratedEntity]
) -> Decisions:
    """`archive.decide` on the names entities.yaml leaves open; kind changes are applied to
    `stats` (every article's vote goes to the decided kind)."""
    names = {
        key: (_spelling(entry), _majority(entry.kinds), sum(entry.kinds.values()))
        for key, entry in stats.items()
        if key not in curated
    }
    decisions = decide(names, {key: stats[key].cues for key in names})
    for key, kind in decisions.kinds.items():
        stats[key].kinds = Counter({kind: sum(stats[key].kinds.values())})
    return decisions


def _entities(
    groups: dict[str, _Group], curated: dict[str, CuratedEntity]
) -> tuple[tuple[Entity, ...], dict[str, int]]:
    """Entities sorted by name (then kind), with slugs unique within their kind."""
    rows = []
    for key, group in groups.items():
        entry = curated.get(key)
        name = entry.name if entry else _spelling(
            _NameStats(spellings=group.own_spellings or group.spellings)
        )
        kind = entry.kind if entry and entry.kind else _majority(group.kinds)
        aliases = {s for s in group.spellings if s != name} | set(entry.aliases if entry else ())
        description = entry.description if entry else ""
        rows.append((name.casefold(), kind, name, key, tuple(sorted(aliases)), description, group))
    rows.sort(key=lambda row: row[:3])
    used: dict[EntityKind, set[str]] = defaultdict(set)
    entities, id_of = [], {}
    for i, (_, kind, name, key, aliases, description, group) in enumerate(rows):
        slug = _unique_slug(name, used[kind])
        entities.append(
            Entity(i, name, kind, slug, aliases, description, group.articles, group.mentions)
        )
        id_of[key] = i
    return tuple(entities), id_of


def _unique_slug(name: str, used: set[str]) -> str:
    base = slugify(name) or "entity"
    slug, n = base, 1
    while slug in used:
        n += 1
        slug = f"{base}-{n}"
    used.add(slug)
    return slug


def _with_speakers(
    article: Article,
    names: dict[str, int],
    stats: dict[str, _NameStats],
    target: dict[str, str],
    id_of: dict[str, int],
) -> dict[str, int]:
    """Add the article's quote speakers that name an entity of the archive."""
    for quote in article.quotes:
        speaker = quote.speaker
        if speaker and speaker not in names:
            key = _person_key(speaker)
            group_key = target.get(key, key) if key in stats else None
            if group_key in id_of:
                names[speaker] = id_of[group_key]
    return names


def entity_report(
    resolution: EntityResolution,
    kind: EntityKind | None = None,
    min_articles: int = 1,
    unresolved: bool = False,
) -> list[dict[str, object]]:
    """Rows for `newsgen entities`: name, kind, articles, aliases; most-cited first.

    `unresolved` keeps only names whose kind could not be decided (kind `other`)."""
    rows = [
        {"name": e.name, "kind": e.kind, "articles": e.article_count, "aliases": list(e.aliases)}
        for e in resolution.entities
        if (kind is None or e.kind == kind)
        and e.article_count >= min_articles
        and (not unresolved or e.kind == "other")
    ]
    rows.sort(key=lambda row: (-row["articles"], row["name"]))  # type: ignore[operator]
    return rows
