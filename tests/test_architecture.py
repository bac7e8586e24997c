"""The import rules of docs/architecture.md, checked over the source with `ast`.

Stages import one way, top to bottom; `cli` is imported by nothing; the data model and the
diagnostics import nothing of newsgen. Also the public API (`newsgen.__all__`).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import newsgen

SRC = Path(__file__).resolve().parents[1] / "src" / "newsgen"

LATER_THAN_LOADER = {"index", "pages", "render", "output", "cache", "build", "serve", "cli", "scaffold"}
FORBIDDEN: dict[str, set[str]] = {
    "model": {"*"},
    "diagnostics": {"*"},
    "lazy": {"*"},
    "yamlnodes": {"model", "config", "loader", "extract", "entities", "urls"} | LATER_THAN_LOADER,
    "config": {"loader", "extract", "entities", "urls"} | LATER_THAN_LOADER,
    "urls": {"loader", "extract", "entities"} | LATER_THAN_LOADER,
    "loader": LATER_THAN_LOADER,
    "extract": {"loader", "entities"} | LATER_THAN_LOADER,
    "entities": LATER_THAN_LOADER,
    "inspect": LATER_THAN_LOADER - {"index"},
    "index": LATER_THAN_LOADER - {"index"},
    "pages": {"render", "output", "cache", "build", "serve", "cli", "scaffold"},
    "render": {"index", "output", "cache", "build", "serve", "cli", "scaffold"},
    "output": {"loader", "extract", "entities", "index", "pages", "render", "cache", "build", "serve", "cli"},
    "cache": {"loader", "extract", "index", "pages", "render", "output", "build", "serve", "cli"},
    "report": {"loader", "extract", "entities", "index", "pages", "render", "output", "cache", "serve", "cli"},
    "build": {"serve", "cli", "scaffold"},
    "buildsteps": {"serve", "cli", "scaffold"},
    "scaffold": {"build", "serve", "cli"},
    "serve": {"cli"},
    # the up-to-date check runs before the pipeline is imported (see its docstring)
    "uptodate": {"model", "config", "yamlnodes", "urls", "inspect"} | LATER_THAN_LOADER - {"output"},
}


def module_group(path: Path) -> str:
    """`src/newsgen/loader/decode.py` -> `loader`; `src/newsgen/build.py` -> `build`."""
    rel = path.relative_to(SRC)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def imported_groups(path: Path) -> set[str]:
    """The newsgen modules (by group) that `path` imports, at any depth of the file."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    package = list(path.relative_to(SRC.parent).with_suffix("").parts)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package[: len(package) - node.level]
                base = ".".join([*anchor, base] if base else anchor)
            names = [base] if base != "newsgen" else [f"newsgen.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "newsgen" and len(parts) > 1:
                group = parts[1]
                found.add(group if (SRC / group).is_dir() or (SRC / f"{group}.py").exists() else "__init__")
    return found


def source_files() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "scaffold_site" not in p.parts)


@pytest.mark.parametrize("path", source_files(), ids=lambda p: str(p.relative_to(SRC)))
def test_imports_go_one_way(path: Path) -> None:
    group = module_group(path)
    if group in ("__init__", "__main__"):
        return
    imported = imported_groups(path) - {group}
    forbidden = FORBIDDEN.get(group, set())
    if "*" in forbidden:
        assert imported == set(), f"{group} must import nothing of newsgen"
    else:
        assert imported & forbidden == set()


def test_cli_is_imported_by_nothing() -> None:
    importers = [
        p.relative_to(SRC).as_posix()
        for p in source_files()
        if "cli" in imported_groups(p) and module_group(p) not in ("cli", "__main__")
    ]
    assert importers == []


def test_rules_see_real_imports() -> None:
    """Guard the checker itself: it must find the imports the pipeline is known to have."""
    assert {"cache", "config", "report", "uptodate"} <= imported_groups(SRC / "buildsteps" / "run.py")


def test_public_api() -> None:
    assert sorted(newsgen.__all__) == [
        "BuildOptions", "BuildResult", "Diagnostic", "SiteConfig", "Stages", "UrlConfig",
        "__version__", "build", "init_site", "inspect_file", "load_config", "read_settings",
    ]  # fmt: skip
    for name in newsgen.__all__:
        assert hasattr(newsgen, name), name
