"""The Jinja environment (the site's `templates/` over the shipped theme) and template dependencies.

Templates see only `page`, the typed context of the page being rendered: no globals that query
the site, so what a page shows is decided by its context and the templates it uses.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, MutableMapping
from importlib import resources
from pathlib import Path
from types import FunctionType
from typing import Any

import jinja2
import markupsafe
from jinja2 import meta, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Macro, missing
from markupsafe import Markup

from newsgen.config import SiteConfig

AUTOESCAPE_EXTENSIONS = ("html", "htm", "xml")
GENERATOR_VERSION = "fast-code-3"  # part of compiled templates' cache keys (see FastCode)


def theme_dir() -> Path:
    """The shipped theme: inside the wheel, or the repository's `templates/` in a source tree."""
    shipped = resources.files("newsgen") / "templates"
    if shipped.is_dir():
        return Path(str(shipped))
    return Path(__file__).resolve().parents[2] / "templates"


# markupsafe's C escaper for plain text (what `escape` runs inside); its pure form if absent
_escape_text: Callable[[str], str] = getattr(
    markupsafe, "_escape_inner", lambda text: str(markupsafe.escape(text))
)


def output_escape(value: object) -> str:
    """`{{ value }}` as text: markupsafe's `escape` without wrapping every result in `Markup`.

    Compiled templates only join or buffer what an output expression gives (a macro's buffer
    becomes `Markup` as a whole), so plain escaped text is the same bytes for less work:
    every page makes hundreds of these calls. Markup passes through; other values escape as ever.
    """
    kind = type(value)
    if kind is str:
        return _escape_text(value)  # type: ignore[arg-type]
    if kind is Markup:
        return value  # type: ignore[return-value]
    if kind is int:
        return str(value)  # digits and a sign: nothing to escape
    return markupsafe.escape(value)


class Template(jinja2.Template):
    """A compiled template whose output expressions escape with `output_escape`."""

    @classmethod
    def _from_namespace(cls, environment, namespace, globals):  # type: ignore[no-untyped-def]
        if "escape" in namespace:  # the name the generated module imports from jinja2.runtime
            namespace["escape"] = output_escape
        namespace["_escape_text"] = _escape_text  # see FastCode._output_child_pre
        return super()._from_namespace(environment, namespace, globals)


class Context(jinja2.runtime.Context):
    """Jinja's context, calling macros and plain functions without looking for `pass_context`.

    `Context.call` asks every callable whether it wants the context, environment or eval
    context; a `Macro` or an undecorated function never does, and pages make tens of such
    calls each (`once`, `article_list`, `pager`).
    """

    def call(self, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        kind = type(obj)
        if kind is Macro or (kind is FunctionType and "jinja_pass_arg" not in obj.__dict__):
            if kwargs:
                kwargs.pop("_block_vars", None)
                kwargs.pop("_loop_vars", None)
            try:
                if kind is Macro and not kwargs:
                    return call_macro(obj, args)
                return obj(*args, **kwargs)
            except StopIteration:
                return self.environment.undefined(
                    "value was undefined because a callable raised a StopIteration exception"
                )
        return super().call(obj, *args, **kwargs)


def call_macro(macro: Macro, args: tuple[Any, ...]) -> Any:
    """`macro(*args)` without `Macro.__call__` sorting out keywords, `caller` and extra
    arguments when there are none: what a theme's macro calls (list entries, headings) are.

    Missing trailing arguments are passed as `missing`, as `Macro.__call__` does, so the
    macro applies its defaults. Anything else goes the ordinary way.
    """
    count = macro._argument_count
    if (
        len(args) > count
        or macro.caller
        or macro.catch_kwargs
        or macro.catch_varargs
        or macro._environment.is_async
    ):
        return macro(*args)
    if len(args) < count:
        args = (*args, *(missing,) * (count - len(args)))
    rendered = macro._func(*args)
    return Markup(rendered) if macro._default_autoescape else rendered


_RUN = "_output_run"  # never a name in compiled code: Jinja's own names are l_, t_ and the like
_RUN_LINE = re.compile(rf"^([ ]*){_RUN}\.(extend\(|append)\($", re.MULTILINE)


def _yield_run(line: re.Match[str]) -> str:
    """`_output_run.extend((` → `yield environment.concat((`; `append(` (a single constant
    piece) → `yield identity(`."""
    call = "environment.concat(" if line[2] == "extend(" else "identity"
    return f"{line[1]}yield {call}("


def _plain_escape(frame: Frame, finalize: Any) -> bool:
    """Whether Jinja would write `escape(x)` for an output expression here."""
    return bool(frame.eval_ctx.autoescape) and not frame.eval_ctx.volatile and finalize.src is None


class FastCode(CodeGenerator):
    """Jinja's code generator with fewer Python calls per page for the same output: `a.b`,
    `{{ x }}` and runs of output written inline (a page makes hundreds of each).

    The walrus names (`_ga_v`, `_ga_o`, `_oe_v`) are locals of whatever function the
    expression is in, and each is read right after it is set, so nested expressions do not
    disturb one another.
    """

    @jinja2.compiler.optimizeconst
    def visit_Getattr(self, node: nodes.Getattr, frame: Frame) -> None:
        """`a.b` as the built-in `getattr(a, "b", missing)`, calling `environment.getattr`
        (the item lookup, then undefined) only when that misses: Jinja calls that Python
        method for every `.`, nearly all plain attributes of the page's context values."""
        if self.environment.is_async:
            super().visit_Getattr(node, frame)
            return
        self.write("(_ga_v if (_ga_v := getattr((_ga_o := ")
        self.visit(node.node, frame)
        self.write(f"), {node.attr!r}, missing)) is not missing")
        self.write(f" else environment.getattr(_ga_o, {node.attr!r}))")

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        """`{{ x }}` escaped by markupsafe's C escaper inline when `x` is plain text (most
        are), passed on when it is `Markup` (a macro's output), and given to `output_escape`
        otherwise: one Python call less per output expression."""
        if _plain_escape(frame, finalize):
            self.write("(_escape_text(_oe_v) if type(_oe_v := ")
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if _plain_escape(frame, finalize):
            self.write(") is str else _oe_v if type(_oe_v) is Markup else escape(_oe_v))")
        else:
            super()._output_child_post(node, frame, finalize)

    def visit_Output(self, node: nodes.Output, frame: Frame) -> None:
        """A run of text and `{{ }}` between two tags as one `yield` of the run joined, where
        Jinja yields every piece, each passing up through the page, its base and its block.

        Jinja's own buffered form of the run (`buffer.extend((piece, ...))`, as in a macro) is
        written under a marker name, then its first line is turned into a `yield`.
        """
        if frame.buffer is not None or self.environment.is_async or len(node.nodes) < 2:
            super().visit_Output(node, frame)
            return
        start = self.stream.tell()
        frame.buffer = _RUN
        try:
            super().visit_Output(node, frame)
        finally:
            frame.buffer = None
        self.stream.seek(start)
        written = _RUN_LINE.sub(_yield_run, self.stream.read())
        self.stream.seek(start)
        self.stream.truncate()
        self.stream.write(written)


class Environment(jinja2.Environment):
    """Jinja's environment with template globals in one plain dict, the code generator,
    `Template` and `Context` above, and loaded templates kept by name.

    Jinja layers globals over the environment's in a `ChainMap`, read key by key in Python on
    every render and every `{% import %}`; ours are all set before the first template loads.
    Templates are never reloaded during a build (`auto_reload` is off), so `get_template`,
    called for every `{% extends %}` and `{% import %}` of every page, can be a dict lookup.
    """

    template_class = Template
    context_class = Context
    code_generator_class = FastCode

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._loaded: dict[str, jinja2.Template] = {}

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}

    def overlay(self, *args: Any, **kwargs: Any) -> jinja2.Environment:
        overlay = super().overlay(*args, **kwargs)
        overlay._loaded = {}  # type: ignore[attr-defined]  # it may load other templates
        return overlay

    def get_template(
        self,
        name: str | jinja2.Template,
        parent: str | None = None,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        if globals is not None or type(name) is not str:
            return super().get_template(name, parent, globals)
        if parent is not None:
            name = self.join_path(name, parent)
        template = self._loaded.get(name)
        if template is None:
            template = self._loaded[name] = super().get_template(name)
        return template


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between builds in the site's cache folder (Jinja checks each
    against its source's checksum): a small edit's build need not compile the theme again.
    A damaged or unwritable folder only means compiling again."""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """Jinja's key, with the code generator's version: code compiled by another generator
        gives the same pages but is not what this version would have written."""
        return super().get_cache_key(f"{GENERATOR_VERSION}|{name}", filename)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged file can raise almost anything while unpickling
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


def make_environment(
    site_dir: Path, config: SiteConfig, compiled_dir: Path | None = None
) -> jinja2.Environment:
    """Site templates first, then the theme; autoescaped HTML/XML; undefined names are errors.
    Compiled templates are kept in `compiled_dir` when given."""
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(str(Path(site_dir) / config.templates_dir)),
            jinja2.FileSystemLoader(str(theme_dir())),
        ]
    )
    env = Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(AUTOESCAPE_EXTENSIONS, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a fresh environment per build: no need to stat templates per page
        bytecode_cache=CompiledTemplates(str(compiled_dir)) if compiled_dir else None,
    )
    env.globals["once"] = rendered_once()
    return env


# fragments kept per environment (about 1 kB each); past it the store starts afresh. Above the
# entries of a worker's share of a batch of list pages (2,000 pages of 20 entries), so a big
# archive's lists do not empty it again and again.
ONCE_LIMIT = 50_000


def rendered_once() -> Callable[..., Markup]:
    """`once(macro, *args)`: the macro's output, rendered once per build for the same arguments.

    Pages share their refs (the site frame, article refs), and a macro shows only its
    arguments, so the frame or an article's list entry need not be rendered on every page.
    Arguments are matched by identity (and kept alive, so an id is never reused).
    """
    rendered: dict[tuple[int, ...], tuple[object, Markup]] = {}

    def once(macro: Callable[..., Markup], *args: object) -> Markup:
        key = (id(macro), *map(id, args))
        hit = rendered.get(key)
        if hit is None:
            if len(rendered) >= ONCE_LIMIT:
                rendered.clear()
            html = call_macro(macro, args) if type(macro) is Macro else macro(*args)
            hit = rendered[key] = ((macro, args), html)
        return hit[1]

    return once


def render_page(env: jinja2.Environment, page: Any) -> bytes:
    """The page's bytes (UTF-8); template errors propagate as `jinja2.TemplateError`.

    Each piece the template yields is encoded on its own and the bytes joined: most pieces
    are ASCII, which encodes as a copy, where the whole page (wide as its widest character,
    an ellipsis in one summary) would be encoded character by character.
    """
    template = env.get_template(page.template)
    context = page.context
    try:
        pieces = template.root_render_func(template.new_context({"page": context}))
        return b"".join([piece.encode("utf-8") for piece in pieces])
    except UnicodeEncodeError:  # a lone surrogate: the error the whole page's encoding gives
        return template.render(page=context).encode("utf-8")
    except Exception:
        env.handle_exception()  # Jinja's traceback rewriting, as `Template.render` does
        raise  # not reached: handle_exception raises


def compile_templates(env: jinja2.Environment) -> None:
    """Compile every template once, in the parent: forked render workers inherit them instead
    of compiling them again for every batch. A broken one is left for its pages to report."""
    for name in _template_names(env):
        try:
            env.get_template(name)
        except (jinja2.TemplateError, UnicodeDecodeError, OSError):
            continue


def _template_names(env: jinja2.Environment) -> list[str]:
    """Every template name, without the theme's static assets."""
    assert env.loader is not None
    return sorted(n for n in env.loader.list_templates() if not n.startswith("static/"))


def _direct_references(env: jinja2.Environment, name: str) -> tuple[str, tuple[str, ...] | None]:
    """(source, referenced names); None when a reference is dynamic (could be any template)."""
    assert env.loader is not None
    try:
        source, _, _ = env.loader.get_source(env, name)
    except (UnicodeDecodeError, OSError, jinja2.TemplateNotFound):
        return "", ()  # not a template (an editor's stray file); rendering will report it
    try:
        refs = list(meta.find_referenced_templates(env.parse(source)))
    except jinja2.TemplateSyntaxError:
        return source, ()  # still fingerprinted by its source; rendering reports the error
    if any(r is None for r in refs):
        return source, None
    return source, tuple(sorted({r for r in refs if r is not None}))


def template_fingerprints(env: jinja2.Environment) -> dict[str, str]:
    """Template name → digest of its source and, recursively, of every template it uses."""
    names = _template_names(env)
    direct = {name: _direct_references(env, name) for name in names}
    result: dict[str, str] = {}
    for name in names:
        closure = _closure(name, direct, names)
        h = hashlib.sha256()
        for dep in sorted(closure):
            h.update(dep.encode("utf-8") + b"\0" + direct[dep][0].encode("utf-8") + b"\0")
        result[name] = h.hexdigest()
    return result


def _closure(
    name: str, direct: dict[str, tuple[str, tuple[str, ...] | None]], names: list[str]
) -> set[str]:
    """`name` and all the templates it reaches (all of them if it reaches a dynamic include)."""
    seen = {name}
    todo = [name]
    while todo:
        refs = direct[todo.pop()][1]
        for ref in names if refs is None else refs:
            if ref in direct and ref not in seen:
                seen.add(ref)
                todo.append(ref)
    return seen


def theme_static_files(site_dir: Path, static_dir: str = "static") -> dict[str, Path]:
    """Output path (`static/style.css`) → source file; the site's `static/` beats the theme's."""
    found: dict[str, Path] = {}
    for root in (theme_dir() / "static", Path(site_dir) / static_dir):
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                found["static/" + path.relative_to(root).as_posix()] = path
    return dict(sorted(found.items()))
