"""`entities.yaml`: the newsroom's corrections to the names newsgen finds.

An optional file at the site root::

    min_articles: 2            # entity pages need this many articles (default 2)
    ignore:                    # names never treated as entities
      - Read more
    entities:
      - name: Vladimir Putin   # the canonical name (required)
        kind: person           # person | organization | place | other (overrides the vote)
        aliases: [Putin, President Putin]
        description: President of Russia.

Every problem is a diagnostic naming `entities.yaml` and the line, what was expected and what
came; unknown keys are warnings with a "did you mean" hint. Bad entries are skipped.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from newsgen.diagnostics import Diagnostic, error
from newsgen.model import ENTITY_KINDS, EntityKind
from newsgen.yamlnodes import NodeProblems, scalar_value

CURATION_FILE = "entities.yaml"
TOP_KEYS = ("entities", "ignore", "min_articles")
ENTRY_KEYS = ("name", "kind", "aliases", "description")


@dataclass(frozen=True, slots=True)
class CuratedEntity:
    """One entry of `entities:`; `kind` None leaves the kind to the archive's majority."""

    name: str
    kind: EntityKind | None = None
    aliases: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True, slots=True)
class Curation:
    """What `entities.yaml` says (all defaults when there is no file)."""

    entities: tuple[CuratedEntity, ...] = ()
    ignore: tuple[str, ...] = ()
    min_articles: int = 2


def _shown(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        value = scalar_value(node)
        return json.dumps(node.value, ensure_ascii=False) if isinstance(value, str) else node.value
    return "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"


def _text(name: str, node: yaml.Node, problems: NodeProblems) -> str | None:
    value = scalar_value(node)
    if isinstance(value, str) and value.strip():
        return value.strip()
    problems.error(node, f"{name} must be a non-empty string (got {_shown(node)})")
    return None


def _texts(name: str, node: yaml.Node, problems: NodeProblems) -> tuple[str, ...]:
    """A list of strings (a single string is accepted as a list of one)."""
    if isinstance(node, yaml.ScalarNode):
        one = _text(name, node, problems)
        return (one,) if one else ()
    if not isinstance(node, yaml.SequenceNode):
        problems.error(node, f"{name} must be a list of strings (got {_shown(node)})")
        return ()
    items = (_text(f"{name}[{i + 1}]", item, problems) for i, item in enumerate(node.value))
    return tuple(item for item in items if item)


def _items(node: yaml.MappingNode, known: tuple[str, ...], where: str, problems: NodeProblems
           ) -> Iterator[tuple[str, yaml.Node]]:
    """(key, value node) of a mapping; unknown keys warned about with a suggestion."""
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key = scalar_value(key_node)
        if not isinstance(key, str) or key in seen:
            what = "is repeated" if key in seen else "is not a name"
            problems.error(key_node, f"{where}key {_shown(key_node)} {what}")
            continue
        seen.add(key)
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"did you mean {close[0]}?" if close else f"known keys: {', '.join(known)}"
            problems.warning(key_node, f"unknown key {where}{key} (ignored)", hint)
            continue
        yield key, value_node


def _kind(name: str, node: yaml.Node, problems: NodeProblems) -> EntityKind | None:
    value = scalar_value(node)
    if isinstance(value, str) and value in ENTITY_KINDS:
        return value  # type: ignore[return-value]
    close = difflib.get_close_matches(str(value), ENTITY_KINDS, n=1)
    problems.error(
        node,
        f"{name} must be one of {', '.join(ENTITY_KINDS)} (got {_shown(node)})",
        f"did you mean {close[0]}?" if close else "",
    )
    return None


def _entry(i: int, node: yaml.Node, problems: NodeProblems) -> CuratedEntity | None:
    where = f"entities[{i}]."
    if not isinstance(node, yaml.MappingNode):
        problems.error(node, f"entities[{i}] must be a mapping with a name (got {_shown(node)})")
        return None
    values: dict[str, object] = {}
    for key, value_node in _items(node, ENTRY_KEYS, where, problems):
        if key == "kind":
            values[key] = _kind(where + key, value_node, problems)
        elif key == "aliases":
            values[key] = _texts(where + key, value_node, problems)
        else:
            values[key] = _text(where + key, value_node, problems)
    if "kind" in values and values["kind"] is None:
        return None
    if not values.get("name"):
        if "name" not in values:
            problems.error(node, f"entities[{i}] has no name", "add name: <canonical name>")
        return None
    return CuratedEntity(
        str(values["name"]),
        values.get("kind"),  # type: ignore[arg-type]
        values.get("aliases", ()),  # type: ignore[arg-type]
        str(values.get("description") or ""),
    )


def _entries(node: yaml.Node, problems: NodeProblems) -> tuple[CuratedEntity, ...]:
    if not isinstance(node, yaml.SequenceNode):
        problems.error(node, f"entities must be a list of entries (got {_shown(node)})")
        return ()
    entries = [_entry(i + 1, item, problems) for i, item in enumerate(node.value)]
    kept: list[CuratedEntity] = []
    claimed: dict[str, str] = {}
    for item, entry in zip(node.value, entries):
        if entry is None:
            continue
        aliases = []
        for alias in (entry.name, *entry.aliases):
            owner = claimed.setdefault(alias.casefold(), entry.name)
            if owner == entry.name:
                aliases.append(alias)
                continue
            problems.warning(item, f"{json.dumps(alias)} is already claimed by {owner}; "
                             f"this entry's use of it is ignored")
        if aliases and aliases[0] == entry.name:
            kept.append(replace(entry, aliases=tuple(aliases[1:])))
    return tuple(kept)


def _min_articles(node: yaml.Node, problems: NodeProblems) -> int | None:
    value = scalar_value(node)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    problems.error(node, f"min_articles must be a positive integer (got {_shown(node)})")
    return None


def parse_curation(text: str) -> tuple[Curation, list[Diagnostic]]:
    """The curation in `text` (the contents of entities.yaml); bad parts are left out."""
    problems = NodeProblems(CURATION_FILE, "entities")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        return Curation(), [error(CURATION_FILE, line, "config", f"invalid YAML: {problem}")]
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag.endswith(":null")):
        return Curation(), []
    if not isinstance(root, yaml.MappingNode):
        problems.error(root, f"entities.yaml must be a mapping with {', '.join(TOP_KEYS)} "
                             f"(got {_shown(root)})")
        return Curation(), problems.found
    values: dict[str, object] = {}
    for key, node in _items(root, TOP_KEYS, "", problems):
        if key == "entities":
            values[key] = _entries(node, problems)
        elif key == "ignore":
            values[key] = _texts("ignore", node, problems)
        elif (minimum := _min_articles(node, problems)) is not None:
            values[key] = minimum
    return Curation(**values), problems.found  # type: ignore[arg-type]


def load_curation(site_dir: Path) -> tuple[Curation, list[Diagnostic]]:
    """Read `entities.yaml` from the site root; defaults (and no diagnostics) when absent."""
    try:
        data = (site_dir / CURATION_FILE).read_bytes()
    except FileNotFoundError:
        return Curation(), []
    except OSError as exc:
        return Curation(), [error(CURATION_FILE, None, "config", f"cannot read: {exc.strerror}")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Curation(), [error(CURATION_FILE, None, "config", f"not UTF-8 text ({exc.reason})")]
    return parse_curation(text)
