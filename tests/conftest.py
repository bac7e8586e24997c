"""Shared fixtures: inline site trees, the CLI in-process, and tiny fake stage functions.

The fakes let the orchestration tests (build, cache, output, incremental) run without the real
loader, index and renderer: one page per article plus a home page listing every title.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsgen.build import Stages
from newsgen.diagnostics import Diagnostic, error, warning
from newsgen.model import Article, SourceInfo


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    """`make_site({"content/a.txt": "..."})` -> a site folder holding exactly those files."""

    def make(files: dict[str, str | bytes] | None = None, name: str = "site") -> Path:
        site = tmp_path / name
        site.mkdir()
        write_tree(site, files or {})
        return site

    return make


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[[list[str]], tuple[int, str, str]]:
    """Run `newsgen ARGV` in-process: (exit code, stdout, stderr)."""
    from newsgen.cli import main

    def run(argv: list[str]) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
        return code, out.getvalue(), err.getvalue()

    return run


# ---- fake stages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FakeLoad:
    article: Article | None
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class FakePage:
    output_path: str
    template: str
    context: object
    fingerprint: str


def fake_discover(content_root: Path) -> list[str]:
    """Like the real one: paths relative to the content folder."""
    found = [p for p in content_root.rglob("*") if p.is_file() and p.suffix in (".txt", ".md")]
    return sorted(p.relative_to(content_root).as_posix() for p in found)


def fake_load_article(content_rel: str, data: bytes, settings: object) -> FakeLoad:
    """First line: title; a line `draft` marks a draft; `WARN` a warning; no text: an error."""
    rel = "content/" + content_rel
    text = data.decode("utf-8", errors="replace")
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return FakeLoad(None, (error(rel, 1, "empty-article", "no headline found"),))
    found = (warning(rel, 2, "undated", "no date found"),) if "WARN" in lines else ()
    source = SourceInfo(rel, "text", "utf-8", hashlib.sha256(data).hexdigest())
    slug = Path(rel).stem
    body = "\n".join(lines[1:])
    return FakeLoad(Article(source, lines[0], summary=body, slug=slug, draft="draft" in lines), found)


def fake_build_index(articles: list[Article], resolution: object, config: object, jobs: object = None) -> tuple:
    return tuple(articles), []


def fake_plan_pages(index: tuple[Article, ...], config: object) -> Iterator[FakePage]:
    titles = "\n".join(a.title for a in index)
    yield FakePage("index.html", "home", titles, hashlib.sha256(titles.encode()).hexdigest())
    for article in index:
        yield fake_article_page(article)


def fake_article_page(article: Article) -> FakePage:
    context = (article.title, article.summary)
    digest = hashlib.sha256(repr(context).encode()).hexdigest()
    return FakePage(f"{article.slug}/index.html", "article", context, digest)


def fake_plan_tables(index: tuple[Article, ...], config: object) -> Iterator[tuple[str, str, object]]:
    for article in index:
        yield "item", article.source.path, article.slug


def fake_lone_article_pages(fetch: object, article: Article, config: object) -> list[FakePage] | None:
    found = fetch("item", [article.source.path])  # type: ignore[operator]
    return [fake_article_page(article)] if found else None


def fake_make_environment(site_dir: Path, config: object, compiled_dir: object = None) -> dict[str, str]:
    templates = {"home": "HOME {title}\n{body}", "article": "<h1>{title}</h1>\n{body}"}
    folder = site_dir / "templates"
    for name in templates:
        if (folder / f"{name}.txt").is_file():
            templates[name] = (folder / f"{name}.txt").read_text("utf-8")
    return templates


def fake_render_page(env: dict[str, str], page: FakePage) -> bytes:
    if page.template == "home":
        return env["home"].format(title="home", body=page.context).encode()
    title, body = page.context  # type: ignore[misc]
    if "BOOM" in title:
        raise ValueError("template exploded")
    return env["article"].format(title=title, body=body).encode()


def fake_template_fingerprints(env: dict[str, str]) -> dict[str, str]:
    return {name: hashlib.sha256(text.encode()).hexdigest() for name, text in env.items()}


def fake_static_files(site_dir: Path, static_dir: str = "static") -> dict[str, Path]:
    folder = site_dir / static_dir
    return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}


FAKE_STAGES = Stages(
    discover=fake_discover,
    load_article=fake_load_article,
    annotate_article=lambda article: article,
    load_curation=lambda site_dir: (None, []),
    resolve_entities=lambda articles, curation, config: None,
    build_index=fake_build_index,
    plan_pages=fake_plan_pages,
    shared_view=lambda article: (article.title, article.slug, article.draft),
    plan_tables=fake_plan_tables,
    lone_article_pages=fake_lone_article_pages,
    make_plan=lambda index, config: None,
    forget_plan=lambda: None,
    make_environment=fake_make_environment,
    render_page=fake_render_page,
    compile_templates=lambda env: None,
    template_fingerprints=fake_template_fingerprints,
    theme_static_files=fake_static_files,
    theme_dirs=lambda: [],
)


@pytest.fixture
def fake_stages() -> Stages:
    return FAKE_STAGES


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by relative path, for byte-for-byte comparisons."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
