"""What a build is asked to do (`BuildOptions`), what it did (`BuildResult`) and the stage
functions it runs (`Stages`, replaced by fakes in tests)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgen.diagnostics import Diagnostic

if TYPE_CHECKING:
    from newsgen.model import Article


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """Command-line overrides. `output_dir` is absolute or relative to the site folder."""

    output_dir: str | Path | None = None
    base_url: str | None = None
    drafts: bool = False
    strict: bool = False
    clean: bool = False
    jobs: int | None = None
    quiet: bool = False
    verbose: bool = False


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build did; `exit_code` is 1 on errors (or on warnings under `--strict`)."""

    articles: int
    pages_written: int
    pages_unchanged: int
    pages_removed: int
    diagnostics: tuple[Diagnostic, ...]
    elapsed_s: float
    output_dir: Path
    strict: bool = False

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def exit_code(self) -> int:
        if self.errors or (self.strict and self.diagnostics):
            return 1
        return 0


def _lazy(module: str, name: str) -> Callable[..., Any]:
    """A stage function imported on first call, so fakes can stand in for unwritten modules."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__module__ = module
    return call


@dataclass(frozen=True, slots=True)
class Stages:
    """The stage functions `build()` runs; tests replace some with small fakes."""

    discover: Callable[..., list[str]] = _lazy("newsgen.loader", "discover")
    load_article: Callable[..., Any] = _lazy("newsgen.loader", "load_article")
    annotate_article: Callable[[Article], Article] = _lazy("newsgen.entities", "annotate_article")
    load_curation: Callable[..., Any] = _lazy("newsgen.entities", "load_curation")
    resolve_entities: Callable[..., Any] = _lazy("newsgen.entities", "resolve_entities")
    build_index: Callable[..., Any] = _lazy("newsgen.index", "build_index")
    plan_pages: Callable[..., Iterable[Any]] = _lazy("newsgen.pages", "plan_pages")
    make_plan: Callable[..., Any] = _lazy("newsgen.pages", "make_plan")
    make_environment: Callable[..., Any] = _lazy("newsgen.render", "make_environment")
    render_page: Callable[[Any, Any], bytes] = _lazy("newsgen.render", "render_page")
    shared_view: Callable[[Article], Any] = _lazy("newsgen.index.shared", "shared_view")
    plan_tables: Callable[..., Iterable[tuple[str, str, Any]]] = _lazy(
        "newsgen.pages.single", "plan_tables"
    )
    lone_article_pages: Callable[..., list[Any] | None] = _lazy(
        "newsgen.pages.single", "lone_article_pages"
    )
    forget_plan: Callable[[], None] = _lazy("newsgen.pages.plan", "forget_plan")
    compile_templates: Callable[[Any], None] = _lazy("newsgen.render", "compile_templates")
    template_fingerprints: Callable[[Any], dict[str, str]] = _lazy(
        "newsgen.render", "template_fingerprints"
    )
    theme_static_files: Callable[[Path, str], dict[str, Path]] = _lazy(
        "newsgen.render", "theme_static_files"
    )
    theme_dirs: Callable[[], list[Path]] = lambda: _theme_dirs()


def _theme_dirs() -> list[Path]:
    """Folders of the shipped theme, watched by the fast path."""
    from newsgen.render import theme_dir

    return [theme_dir()]



@dataclass(slots=True)
class Counts:
    articles: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # (content path, its diagnostics) for files that had some, in path order: the quick path
    # replaces one file's while keeping the rest
    file_diagnostics: list[tuple[str, tuple[Diagnostic, ...]]] = field(default_factory=list)
