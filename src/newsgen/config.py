"""The site's settings (`newsgen.yaml`), validated in one place into a frozen `SiteConfig`.

Every other module receives these typed values; none reads the YAML itself.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal
from urllib.parse import urlsplit

import yaml

from newsgen.diagnostics import Diagnostic, error
from newsgen.model import ReadSettings
from newsgen.yamlnodes import NodeProblems, scalar_value


@dataclass(frozen=True, slots=True)
class UrlConfig:
    """Output paths, relative to the site root, each ending in `/` (pretty URLs).

    Placeholders: `{yyyy}` `{mm}` `{dd}` `{slug}` `{section}` `{tag}`.
    """

    article: str = "{yyyy}/{mm}/{dd}/{slug}/"
    undated_article: str = "undated/{slug}/"
    undated_index: str = "undated/"
    section: str = "{section}/"
    tags_index: str = "tags/"
    tag: str = "tags/{tag}/"
    year: str = "{yyyy}/"
    month: str = "{yyyy}/{mm}/"
    people_index: str = "people/"
    person: str = "people/{slug}/"
    organizations_index: str = "organizations/"
    organization: str = "organizations/{slug}/"
    places_index: str = "places/"
    place: str = "places/{slug}/"


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Everything `newsgen.yaml` can set; defaults give a working site."""

    title: str = "A newsgen archive"
    description: str = ""
    base_url: str = "/"
    language: str = "en"
    content_dir: str = "content"
    output_dir: str = "build"
    templates_dir: str = "templates"
    static_dir: str = "static"
    per_page: int = 20
    feed_limit: int = 20
    related_count: int = 5
    allow_raw_html: bool = False
    default_section: str = "news"
    link_entities: bool = True
    entity_min_articles: int = 2
    urls: UrlConfig = field(default_factory=UrlConfig)


CONFIG_FILE = "newsgen.yaml"

# Which placeholders each URL pattern needs, and which it may use.
_DATE = {"yyyy", "mm", "dd"}
_URL_RULES: dict[str, tuple[set[str], set[str]]] = {
    "article": ({"slug"}, _DATE | {"slug", "section"}),
    "undated_article": ({"slug"}, {"slug", "section"}),
    "undated_index": (set(), set()),
    "section": ({"section"}, {"section"}),
    "tags_index": (set(), set()),
    "tag": ({"tag"}, {"tag"}),
    "year": ({"yyyy"}, {"yyyy"}),
    "month": ({"yyyy", "mm"}, {"yyyy", "mm"}),
    "people_index": (set(), set()),
    "person": ({"slug"}, {"slug"}),
    "organizations_index": (set(), set()),
    "organization": ({"slug"}, {"slug"}),
    "places_index": (set(), set()),
    "place": ({"slug"}, {"slug"}),
}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _shown(node: yaml.Node) -> str:
    """The value as the user wrote it, for messages."""
    if isinstance(node, yaml.ScalarNode):
        return json.dumps(node.value, ensure_ascii=False)
    return "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"


def _check_str(name: str, node: yaml.Node, problems: NodeProblems) -> str | None:
    value = scalar_value(node)
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return node.value  # type: ignore[attr-defined, no-any-return]
    problems.error(node, f"{name} must be a string (got {_shown(node)})")
    return None


def _check_int(name: str, node: yaml.Node, problems: NodeProblems, minimum: int) -> int | None:
    value = scalar_value(node)
    if isinstance(value, int) and not isinstance(value, bool) and value >= minimum:
        return value
    kind = "a positive integer" if minimum > 0 else "an integer >= 0"
    problems.error(node, f"{name} must be {kind} (got {_shown(node)})")
    return None


def _check_bool(name: str, node: yaml.Node, problems: NodeProblems) -> bool | None:
    value = scalar_value(node)
    if isinstance(value, bool):
        return value
    problems.error(node, f"{name} must be true or false (got {_shown(node)})")
    return None


def _check_dir(name: str, node: yaml.Node, problems: NodeProblems) -> str | None:
    value = _check_str(name, node, problems)
    if value is None:
        return None
    parts = PurePosixPath(value.replace("\\", "/")).parts
    if not value.strip() or ".." in parts:
        problems.error(node, f"{name} must be a folder inside the site (got {_shown(node)})")
        return None
    return value.rstrip("/") or value


def normalise_base_url(value: str) -> str | None:
    """`https://x.org/a` -> `https://x.org/a/`; `/a` -> `/a/`; None when it is not a URL or path."""
    value = value.strip()
    split = urlsplit(value)
    if split.scheme and (split.scheme not in ("http", "https") or not split.netloc):
        return None
    if not split.scheme and (split.netloc or not value.startswith("/")):
        return None
    if split.query or split.fragment or " " in value:
        return None
    return value if value.endswith("/") else value + "/"


def _check_base_url(name: str, node: yaml.Node, problems: NodeProblems) -> str | None:
    value = _check_str(name, node, problems)
    if value is None:
        return None
    normalised = normalise_base_url(value)
    if normalised is None:
        problems.error(
            node,
            f"{name} must be an http(s) URL or a path starting with / (got {_shown(node)})",
            "e.g. https://example.org/archive/ or /archive/",
        )
    return normalised


def check_url_pattern(key: str, pattern: str) -> str | None:
    """Why a URL pattern is unusable, or None when it is fine."""
    needed, allowed = _URL_RULES[key]
    used = set(_PLACEHOLDER.findall(pattern))
    if not pattern.endswith("/"):
        return f"urls.{key} must end with / (got {json.dumps(pattern)})"
    if pattern.startswith("/") or ".." in pattern.split("/") or "\\" in pattern:
        return f"urls.{key} must be a relative path without .. (got {json.dumps(pattern)})"
    if unknown := sorted(used - allowed):
        names = ", ".join("{" + u + "}" for u in unknown)
        return f"urls.{key} uses unknown placeholder {names} (got {json.dumps(pattern)})"
    if missing := sorted(needed - used):
        names = ", ".join("{" + m + "}" for m in missing)
        return f"urls.{key} must contain {names} (got {json.dumps(pattern)})"
    return None


def _check_urls(name: str, node: yaml.Node, problems: NodeProblems) -> UrlConfig | None:
    if not isinstance(node, yaml.MappingNode):
        problems.error(node, f"urls must be a mapping of page kind to pattern (got {_shown(node)})")
        return None
    values: dict[str, str] = {}
    for key, key_node, value_node in _mapping_items(node, problems, "urls."):
        if key not in _URL_RULES:
            _unknown_key(f"urls.{key}", key, key_node, _URL_RULES, problems)
            continue
        pattern = _check_str(f"urls.{key}", value_node, problems)
        if pattern is None:
            continue
        if reason := check_url_pattern(key, pattern):
            problems.error(value_node, reason)
            continue
        values[key] = pattern
    return UrlConfig(**values)


_Checker = Callable[[str, yaml.Node, NodeProblems], object]


def _int_at_least(minimum: int) -> _Checker:
    return lambda name, node, problems: _check_int(name, node, problems, minimum)


_CHECKS: dict[str, _Checker] = {
    "title": _check_str,
    "description": _check_str,
    "base_url": _check_base_url,
    "language": _check_str,
    "content_dir": _check_dir,
    "output_dir": _check_dir,
    "templates_dir": _check_dir,
    "static_dir": _check_dir,
    "per_page": _int_at_least(1),
    "feed_limit": _int_at_least(1),
    "related_count": _int_at_least(0),
    "allow_raw_html": _check_bool,
    "default_section": _check_str,
    "link_entities": _check_bool,
    "entity_min_articles": _int_at_least(1),
    "urls": _check_urls,
}


def _mapping_items(
    node: yaml.MappingNode, problems: NodeProblems, prefix: str = ""
) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
    """(key, key node, value node) of a mapping; non-string and repeated keys are reported."""
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key = scalar_value(key_node)
        if not isinstance(key, str):
            problems.error(key_node, f"keys must be names (got {_shown(key_node)})")
            continue
        if key in seen:
            problems.error(key_node, f"{prefix}{key} is set twice")
            continue
        seen.add(key)
        yield key, key_node, value_node


def _unknown_key(
    name: str, key: str, node: yaml.Node, known: Iterable[str], problems: NodeProblems
) -> None:
    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f"did you mean {close[0]}?" if close else ""
    problems.warning(node, f"unknown key {name} (ignored)", hint)


def _compose(text: str, problems: NodeProblems) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problems.found.append(error(CONFIG_FILE, line, "config", f"invalid YAML: {exc.problem}"))
    except yaml.YAMLError as exc:
        problems.found.append(error(CONFIG_FILE, None, "config", f"invalid YAML: {exc}"))
    return None


def parse_config(text: str) -> tuple[SiteConfig, list[Diagnostic]]:
    """The config in `text` (the contents of newsgen.yaml); bad values keep their defaults."""
    problems = NodeProblems(CONFIG_FILE, "config-key")
    root = _compose(text, problems)
    if root is None:
        return SiteConfig(), problems.found
    if not isinstance(root, yaml.MappingNode):
        if not (isinstance(root, yaml.ScalarNode) and root.tag.endswith(":null")):
            problems.error(root, f"newsgen.yaml must be a mapping of settings (got {_shown(root)})")
        return SiteConfig(), problems.found
    values: dict[str, object] = {}
    for key, key_node, value_node in _mapping_items(root, problems):
        check = _CHECKS.get(key)
        if check is None:
            _unknown_key(key, key, key_node, _CHECKS, problems)
            continue
        value = check(key, value_node, problems)
        if value is not None:
            values[key] = value
    config = SiteConfig(**values)  # type: ignore[arg-type]
    _check_folders(config, root, problems)
    return config, problems.found


def _check_folders(config: SiteConfig, root: yaml.MappingNode, problems: NodeProblems) -> None:
    """The output folder is replaced on every build, so it must hold nothing of the site's own."""
    if reason := output_dir_problem(config.output_dir, config.content_dir):
        node = next((v for k, v in root.value if getattr(k, "value", None) == "output_dir"), root)
        problems.error(node, reason)


def output_dir_problem(output_dir: str, content_dir: str) -> str | None:
    """Why `output_dir` (relative to the site root) cannot be the output folder, or None."""
    out = PurePosixPath(output_dir.replace("\\", "/"))
    content = PurePosixPath(content_dir.replace("\\", "/"))
    if out.is_absolute():
        return None
    if out.parts in ((), (".",)):
        return f"output_dir must not be the site folder itself (got {json.dumps(output_dir)})"
    if out.parts[: len(content.parts)] == content.parts or content.parts[: len(out.parts)] == out.parts:
        return (
            f"output_dir must not be inside content_dir or contain it "
            f"(got {json.dumps(output_dir)} and {json.dumps(content_dir)})"
        )
    return None


def load_config(site_dir: Path) -> tuple[SiteConfig, list[Diagnostic]]:
    """Read `newsgen.yaml` from the site root (defaults when absent) and validate all of it."""
    path = site_dir / CONFIG_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return SiteConfig(), []
    except OSError as exc:
        return SiteConfig(), [error(CONFIG_FILE, None, "config", f"cannot read: {exc.strerror}")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return SiteConfig(), [error(CONFIG_FILE, None, "config", f"not UTF-8 text ({exc.reason})")]
    return parse_config(text)


def read_settings(cfg: SiteConfig) -> ReadSettings:
    """The part of the config that shapes reading one file (and keys the article cache)."""
    return ReadSettings(
        allow_raw_html=cfg.allow_raw_html,
        default_section=cfg.default_section,
        content_dir=cfg.content_dir,
    )


def config_fingerprint(cfg: SiteConfig, part: Literal["read", "site"] = "site") -> str:
    """A digest of the settings that shape reading (`read`) or every page (`site`)."""
    value: object = read_settings(cfg) if part == "read" else cfg
    return hashlib.sha256(repr(value).encode("utf-8")).hexdigest()[:32]
