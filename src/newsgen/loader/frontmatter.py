"""Optional YAML front matter between `---` lines at the very top of a file (any format).

The YAML is read with a safe loader that refuses aliases (no "billion laughs"), deep nesting and
huge documents; timestamps stay strings so a bad date is a key warning, not a crash. Values of the
wrong type are dropped with a `front-matter-key` warning; unknown keys are kept as strings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from newsgen.diagnostics import Diagnostic, error, warning
from newsgen.extract.dates import parse_date_value
from newsgen.model import Image, quicken_module

MAX_FRONT_MATTER_CHARS = 64 * 1024
_MAX_DEPTH = 20
_OPEN = "---"
_CLOSE = ("---", "...")
_KEY_LINE = re.compile(r"^[A-Za-z_][\w-]{0,40}\s*:(?:\s|$)")
_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")
_STRING_KEYS = ("title", "slug", "section", "summary", "standfirst", "author")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The recognised keys, typed; None means "not given (or ignored)"."""

    title: str | None = None
    date: dt.date | None = None
    slug: str | None = None
    section: str | None = None
    tags: tuple[str, ...] | None = None
    summary: str | None = None
    standfirst: str | None = None
    image: Image | None = None
    author: str | None = None
    draft: bool = False
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class SplitText:
    """The YAML text (None when there is no front matter) and the body with its first line.

    `unclosed` is set when the file opens with `---` and a `key:` line but never closes it.
    """

    yaml_text: str | None
    body: str
    body_line: int
    unclosed: bool = False


class _Guarded:
    """The composer hook both loaders share: no aliases, no deep nesting."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            mark = self.peek_event().start_mark  # type: ignore[attr-defined]
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed", mark)
        self._depth += 1
        try:
            if self._depth > _MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[attr-defined]
                raise yaml.composer.ComposerError(None, None, "nested too deeply", mark)
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self._depth -= 1


class _Loader(_Guarded, yaml.SafeLoader):
    """SafeLoader without aliases or deep nesting; timestamps left as strings."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)
try:
    from yaml.cyaml import CParser as _CParser
except ImportError:  # PyYAML built without libyaml: the pure loader reads everything
    _CParser = None
_FastLoader: Any = None
if _CParser is not None:

    class _FastLoader(  # type: ignore[no-redef]
        _Guarded,
        yaml.composer.Composer,
        _CParser,
        yaml.constructor.SafeConstructor,
        yaml.resolver.Resolver,
    ):
        """`_Loader` with libyaml's scanner and parser (about 4x faster); the Python composer
        above the C parser keeps the alias and depth guards, and the C composer's recursion
        (which crashes on deep nesting) out of the way."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _FastLoader.construct_yaml_str)

# Where libyaml and PyYAML's own scanner disagree (which accepts what, and how it reads it):
# tabs, BOMs and Unicode line breaks, tags, `|#` block headers, directives, and `?` inside
# flow collections. Such text, and text PyYAML refuses to read, take the pure loader.
_LIBYAML_DIFFERS = re.compile(r"(?m)[\t\ufeff\x85\u2028\u2029]|(?:^|[\s\[{,])!|[|>][-+0-9]*#|^%")
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE


def split_front_matter(text: str) -> SplitText:
    """Separate a leading `---` … `---` (or `...`) block from the body."""
    if not (text.startswith(_OPEN) and text[3:].split("\n", 1)[0].strip() == ""):
        return SplitText(None, text, 1)
    lines = text.split("\n")
    for i in range(1, len(lines)):
        if lines[i].rstrip() in _CLOSE:
            return SplitText("\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2)
    looks_like_yaml = len(lines) > 1 and _KEY_LINE.match(lines[1]) is not None
    return SplitText(None, text, 1, unclosed=looks_like_yaml)


def unclosed_error(path: str) -> Diagnostic:
    return _fm_error(path, 1, "front matter opened with --- on line 1 is never closed")


def parse_front_matter(
    yaml_text: str, path: str
) -> tuple[FrontMatter | None, list[Diagnostic]]:
    """The typed front matter, or None with a `front-matter` error naming the file's line."""
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        return None, [_fm_error(path, 2, "front matter is too large (over 64 KB)")]
    simple = load_simple(yaml_text)
    if simple is not None:
        return _typed(*simple, path)
    fast = _load_fast(yaml_text)
    if fast is not None:
        node, data = fast
    else:
        try:
            loader = _Loader(yaml_text)
        except yaml.reader.ReaderError as exc:  # the reader refuses control characters at once
            return None, [_unprintable(path, yaml_text, exc)]
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else {}
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 2 if mark else 2
            return None, [_fm_error(path, line, f"front matter is not valid YAML: {exc.problem}")]
        except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
            return None, [_fm_error(path, 2, f"front matter is not valid YAML: {exc}")]
        finally:
            loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [_fm_error(path, 2, "front matter must be a mapping of keys to values")]
    key_lines = _key_lines(node)
    return _typed(data, key_lines, path)


# The front matter most files have: `key: value` lines, each value a quoted string, a plain
# word or date, or a one-line list of them. Anything else is left to the YAML loaders.
_SIMPLE_LINE = re.compile(r"([A-Za-z_][\w-]*):(?: (.*))?")
_QUOTED = re.compile(r"\"([^\"\\]*)\"|'([^']*)'")
_FLOW_ITEM = re.compile(  # a quoted item, or a plain one that opens with no indicator
    r" *(?:\"([^\"\\]*)\"|'([^']*)'|([^\s,\[\]{}#&*!|>'\"%@`?:-][^,\[\]{}#:?]*?)) *(,|\])"
)
# What a plain scalar may not open with, or hold, for it to be read as it stands.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_STRING_TAGS = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp")  # timestamps stay text
_RESOLVER = yaml.resolver.Resolver()


def load_simple(yaml_text: str) -> tuple[dict[str, Any], dict[str, int]] | None:
    """(data, key lines) of front matter made only of `key: value` lines whose values are
    quoted strings, plain text that YAML reads as a string (or a date, kept as text), or a
    one-line `[...]` list of those; None for anything else. Such front matter (most of it)
    then needs no YAML parser: the reading is the one PyYAML's safe loader gives, and
    `tests/test_frontmatter.py` checks that on generated front matter."""
    data: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for number, line in enumerate(yaml_text.split("\n"), start=2):
        # Python's printable characters are YAML's, less tabs, BOMs and other line breaks.
        if not line.isprintable():
            return None
        if not line.strip() or line[0] == "#":
            continue
        match = _SIMPLE_LINE.fullmatch(line)
        if match is None or not _reads_as_string(match.group(1)):
            return None
        raw = (match.group(2) or "").strip(" ")
        if not raw:
            value: Any = None
        elif raw[0] == "[":
            value = _simple_list(raw)
        else:
            value = _simple_scalar(raw)
        if value is _NOT_SIMPLE:
            return None
        data[match.group(1)] = value
        lines[match.group(1)] = number
    return data, lines


_NOT_SIMPLE = object()


def _simple_scalar(raw: str) -> Any:
    """A quoted or plain scalar's string; `_NOT_SIMPLE` for anything else."""
    quoted = _QUOTED.fullmatch(raw)
    if quoted is not None:
        return quoted.group(1) if quoted.group(1) is not None else quoted.group(2)
    if raw[0] in _INDICATORS or ": " in raw or " #" in raw or raw[-1] == ":":
        return _NOT_SIMPLE
    return raw if _reads_as_string(raw) else _NOT_SIMPLE


def _simple_list(raw: str) -> Any:
    """A one-line `[...]` of quoted or plain strings; `_NOT_SIMPLE` for anything else."""
    if raw[1:-1].strip() == "" and raw[-1] == "]":
        return []
    items: list[str] = []
    pos = 1
    while True:
        item = _FLOW_ITEM.match(raw, pos)
        if item is None:
            return _NOT_SIMPLE
        double, single, plain, end = item.groups()
        if plain is not None and not _reads_as_string(plain):
            return _NOT_SIMPLE
        items.append(double if double is not None else single if single is not None else plain)
        pos = item.end()
        if end == "]":
            return items if pos == len(raw) else _NOT_SIMPLE


@lru_cache(maxsize=1 << 12)  # keys, sections, dates: the same few words again and again
def _reads_as_string(plain: str) -> bool:
    """YAML reads `plain` (unquoted) as a string or a timestamp, not a number, bool or null."""
    return _RESOLVER.resolve(yaml.ScalarNode, plain, (True, False)) in _STRING_TAGS


def _load_fast(yaml_text: str) -> tuple[Any, Any] | None:
    """(node, data) read by libyaml, or None: then the pure loader reads the text again, so
    every error (message and line) is PyYAML's own."""
    if _FastLoader is None or not _libyaml_agrees(yaml_text):
        return None
    loader = _FastLoader(yaml_text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else {}
    except Exception:  # noqa: BLE001 - any failure is reported by the pure loader
        return None
    finally:
        loader.dispose()


def _libyaml_agrees(yaml_text: str) -> bool:
    """No construct the two scanners read differently; `?` only before any `[` or `{`."""
    if _LIBYAML_DIFFERS.search(yaml_text) or _NON_PRINTABLE.search(yaml_text):
        return False
    flow = [i for i in (yaml_text.find("["), yaml_text.find("{")) if i >= 0]
    return "?" not in yaml_text[min(flow) :] if flow else True


def _unprintable(path: str, yaml_text: str, exc: yaml.reader.ReaderError) -> Diagnostic:
    line = yaml_text.count("\n", 0, max(0, exc.position)) + 2
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return error(path, line, "front-matter", f"front matter contains the control character U+{code:04X}",
                 "remove it (most editors do not show it)")  # fmt: skip


def _fm_error(path: str, line: int, message: str) -> Diagnostic:
    return error(path, line, "front-matter", message, "check the YAML between the --- lines")


def _key_lines(node: Any) -> dict[str, int]:
    """File line of each top-level key (YAML starts on the file's line 2)."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 2 for k, _ in node.value}


def _typed(
    data: dict[Any, Any], key_lines: dict[str, int], path: str
) -> tuple[FrontMatter, list[Diagnostic]]:
    """Known keys (any letter case) typed or rejected; empty values ignored; the rest kept."""
    found: list[Diagnostic] = []
    values: dict[str, Any] = {}
    extra: list[tuple[str, str]] = []
    for raw_key, value in data.items():
        key = str(raw_key)
        take = _TAKERS.get(key.lower())
        if take is None:
            extra.append((key, "" if value is None else str(value)))
        elif value is not None:

            def reject(name: str, expected: str, value: Any, key: str = key) -> None:
                message = (
                    f"front matter key {name!r} must be {expected} "
                    f"(got {type(value).__name__}); ignored"
                )
                found.append(warning(path, key_lines.get(key), "front-matter-key", message))

            take(key.lower(), value, values, reject)
    return FrontMatter(**values, extra=tuple(sorted(extra))), found


def _take_string(key: str, value: Any, values: dict[str, Any], reject: Any) -> None:
    if isinstance(value, (bool, list, dict)):
        reject(key, "a string", value)
        return
    text = str(value).strip()
    if text:
        values[key] = text


def _take_date(key: str, value: Any, values: dict[str, Any], reject: Any) -> None:
    parsed = parse_date_value(value)
    if parsed is None:
        reject("date", "a valid date such as 2025-04-16", value)
    else:
        values["date"] = parsed


def _take_tags(key: str, value: Any, values: dict[str, Any], reject: Any) -> None:
    if isinstance(value, str):
        items: list[Any] = value.split(",")
    elif isinstance(value, list) and all(
        isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value
    ):
        items = value
    else:
        reject("tags", "a list of strings or a comma-separated string", value)
        return
    values["tags"] = unique_tags(str(v) for v in items)


def unique_tags(items: Any) -> tuple[str, ...]:
    """Stripped, non-empty, first spelling kept when tags differ only in case."""
    seen: set[str] = set()
    tags: list[str] = []
    for item in items:
        tag = " ".join(item.split())
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tuple(tags)


def _take_image(key: str, value: Any, values: dict[str, Any], reject: Any) -> None:
    if isinstance(value, str) and value.strip() and safe_src(value.strip()):
        values["image"] = Image(caption="", src=value.strip())
        return
    fields = ("src", "caption", "credit", "alt")
    if (
        isinstance(value, dict)
        and all(isinstance(value.get(f), (str, type(None))) for f in fields)
        and safe_src((value.get("src") or "").strip())
    ):
        parts = {f: (value.get(f) or "").strip() or None for f in fields}
        if any(parts.values()):
            values["image"] = Image(
                caption=parts["caption"] or "",
                credit=parts["credit"],
                src=parts["src"],
                alt=parts["alt"],
            )
            return
    reject(
        "image",
        "a relative path or http(s) URL, or a mapping of src, caption, credit and alt strings",
        value,
    )


def safe_src(src: str) -> bool:
    """A relative path or an http(s) URL: never `javascript:` or `data:` in a page."""
    scheme = _SCHEME.match(src)
    return scheme is None or scheme.group(1).lower() in ("http", "https")


def _take_draft(key: str, value: Any, values: dict[str, Any], reject: Any) -> None:
    if isinstance(value, bool):
        values["draft"] = value
    else:
        reject("draft", "true or false", value)


_TAKERS = {
    **{key: _take_string for key in _STRING_KEYS},
    "date": _take_date,
    "tags": _take_tags,
    "image": _take_image,
    "draft": _take_draft,
}


quicken_module(globals())  # a quicker `__init__` (see `newsgen.model.quicken`)
