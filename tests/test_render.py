"""The Jinja environment: site templates over the theme, escaping, strictness, dependencies."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
import pytest
from markupsafe import Markup, escape

from newsgen.config import SiteConfig
from newsgen.index import build_index
from newsgen.model import Article, SourceInfo
from newsgen.pages import Page, plan_pages
from newsgen.render import (
    make_environment,
    output_escape,
    render_page,
    template_fingerprints,
    theme_dir,
    theme_static_files,
)

HOSTILE = "Council <script>alert('x')</script> & tolls"


def pages_for(config: SiteConfig) -> dict[str, Page]:
    articles = [
        Article(
            SourceInfo("content/a.txt", "text", "utf-8", "s1"), HOSTILE, date=dt.date(2025, 3, 1)
        ),
        Article(SourceInfo("content/b.txt", "text", "utf-8", "s2"), "Ferry strike", date=None),
    ]
    index, _ = build_index(articles, None, config)
    return {p.output_path: p for p in plan_pages(index, config)}


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_site_template_overrides_the_theme_by_name(tmp_path: Path) -> None:
    config = SiteConfig()
    write(tmp_path / "templates" / "list.html", "custom list: {{ page.heading }}")
    env = make_environment(tmp_path, config)
    pages = pages_for(config)
    assert render_page(env, pages["index.html"]) == b"custom list: Latest"
    article = render_page(env, pages["2025/03/01/council-script-alert-x-script-tolls/index.html"])
    assert article.startswith(b"<!DOCTYPE html>")


def test_templates_dir_comes_from_config(tmp_path: Path) -> None:
    config = SiteConfig(templates_dir="layouts")
    write(tmp_path / "layouts" / "robots.txt", "User-agent: nobody\n")
    env = make_environment(tmp_path, config)
    assert render_page(env, pages_for(config)["robots.txt"]) == b"User-agent: nobody\n"


def test_headlines_are_escaped_in_html_and_xml(tmp_path: Path) -> None:
    config = SiteConfig(base_url="https://example.org/")
    env = make_environment(tmp_path, config)
    pages = pages_for(config)
    html = render_page(env, pages["2025/03/01/council-script-alert-x-script-tolls/index.html"])
    text = html.decode("utf-8")
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert" in text
    feed = render_page(env, pages["feed.xml"]).decode("utf-8")
    assert "<script>" not in feed and "&lt;script&gt;" in feed


def test_undefined_names_fail_loudly(tmp_path: Path) -> None:
    config = SiteConfig()
    write(tmp_path / "templates" / "tags.html", "{{ page.no_such_field }}")
    env = make_environment(tmp_path, config)
    with pytest.raises(jinja2.UndefinedError):
        render_page(env, pages_for(config)["tags/index.html"])


def test_template_fingerprints_change_for_dependants_only(tmp_path: Path) -> None:
    config = SiteConfig()
    before = template_fingerprints(make_environment(tmp_path, config))
    assert {"base.html", "article.html", "list.html", "feed.xml", "macros.html"} <= set(before)
    assert not any(name.startswith("static/") for name in before)
    theme_macros = (theme_dir() / "macros.html").read_text(encoding="utf-8")
    write(tmp_path / "templates" / "macros.html", theme_macros + "\n{# site tweak #}\n")
    after = template_fingerprints(make_environment(tmp_path, config))
    changed = {name for name in before if before[name] != after[name]}
    users = {
        "macros.html",
        "list.html",
        "article.html",
        "entity.html",
        "entity_index.html",
        "tags.html",
        "year.html",
        "404.html",
    }
    assert changed == users
    assert before["base.html"] == after["base.html"]


def test_base_change_reaches_every_page_template_but_not_feeds(tmp_path: Path) -> None:
    config = SiteConfig()
    before = template_fingerprints(make_environment(tmp_path, config))
    write(tmp_path / "templates" / "base.html", "{% block content %}{% endblock %}")
    after = template_fingerprints(make_environment(tmp_path, config))
    assert before["article.html"] != after["article.html"]
    assert before["search.html"] != after["search.html"]
    assert before["feed.xml"] == after["feed.xml"]
    assert before["sitemap.xml"] == after["sitemap.xml"]


def test_static_files_site_wins_over_theme(tmp_path: Path) -> None:
    write(tmp_path / "static" / "style.css", "body{}")
    write(tmp_path / "static" / "img" / "logo.svg", "<svg/>")
    files = theme_static_files(tmp_path)
    assert files["static/style.css"] == tmp_path / "static" / "style.css"
    assert files["static/img/logo.svg"] == tmp_path / "static" / "img" / "logo.svg"
    assert files["static/search.js"].name == "search.js"
    assert files["static/search.js"].is_file()


def test_rendering_is_deterministic(tmp_path: Path) -> None:
    config = SiteConfig()
    env = make_environment(tmp_path, config)
    first = {p: render_page(env, page) for p, page in pages_for(config).items()}
    second = {
        p: render_page(make_environment(tmp_path, config), page)
        for p, page in pages_for(config).items()
    }
    assert first == second


def test_fingerprints_survive_broken_and_binary_files(tmp_path: Path) -> None:
    config = SiteConfig()
    write(tmp_path / "templates" / "broken.html", "{% if %}")
    (tmp_path / "templates" / "logo.bin").write_bytes(b"\xff\xfe\x00")
    prints = template_fingerprints(make_environment(tmp_path, config))
    assert "broken.html" in prints and "article.html" in prints


def test_templates_compiled_up_front_skip_broken_files_and_are_not_compiled_again(tmp_path: Path, monkeypatch) -> None:
    from newsgen.render import compile_templates

    write(tmp_path / "templates" / "broken.html", "{% if %}")
    (tmp_path / "templates" / "logo.bin").write_bytes(b"\xff\xfe\x00")
    env = make_environment(tmp_path, SiteConfig())
    compile_templates(env)
    compiled: list[str] = []
    real_compile = env.compile
    monkeypatch.setattr(env, "compile", lambda *a, **k: compiled.append(a[1]) or real_compile(*a, **k))
    for name in ("article.html", "base.html", "macros.html", "list.html"):
        env.get_template(name)
    assert compiled == []
    with pytest.raises(jinja2.TemplateSyntaxError):
        env.get_template("broken.html")  # still reported where it is used


def test_once_renders_a_macro_once_per_same_arguments(tmp_path: Path) -> None:
    env = make_environment(tmp_path, SiteConfig())
    calls: list[object] = []

    def macro(*args: object) -> Markup:  # a macro of an autoescaped template returns Markup
        calls.append(args)
        return Markup(f"<b>{len(calls)}</b>")

    site, other = object(), object()
    template = env.from_string("{{ once(m, a) }}{{ once(m, a) }}{{ once(m, b) }}")
    assert template.render(m=macro, a=site, b=other) == "<b>1</b><b>1</b><b>2</b>"
    assert calls == [(site,), (other,)]


def test_site_frame_override_reaches_every_html_page(tmp_path: Path) -> None:
    config = SiteConfig()
    before = template_fingerprints(make_environment(tmp_path, config))
    frame = (theme_dir() / "frame.html").read_text(encoding="utf-8")
    write(tmp_path / "templates" / "frame.html", frame.replace("Skip to content", "Skip ahead"))
    env = make_environment(tmp_path, config)
    after = template_fingerprints(env)
    assert before["article.html"] != after["article.html"]
    assert before["list.html"] != after["list.html"]
    assert before["feed.xml"] == after["feed.xml"]
    pages = pages_for(config)
    assert b"Skip ahead" in render_page(env, pages["index.html"])


class Html:
    """An object that is its own markup, as markupsafe's protocol allows."""

    def __html__(self) -> str:
        return "<i>own</i>"


@pytest.mark.parametrize(
    "value",
    [HOSTILE, "", "a \"quoted\" 'word'", Markup("<b>safe</b>"), 7, -3, True, 2.5, None,
     Html(), dt.date(2025, 3, 1), ("<", 1)],
)  # fmt: skip
def test_output_escape_gives_the_text_markupsafe_escape_gives(value: object) -> None:
    assert output_escape(value) == str(escape(value))


def test_templates_output_through_output_escape(tmp_path: Path) -> None:
    env = make_environment(tmp_path, SiteConfig())
    template = env.from_string(
        "{% macro m(x) %}<{{ x }}>{% endmacro %}{{ v }}|{{ m(v) }}|{{ s | safe }}|{{ n }}"
    )
    assert template.render(v=HOSTILE, s="<b>", n=3) == (
        f"{escape(HOSTILE)}|<{escape(HOSTILE)}>|<b>|3"
    )
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()


def test_calls_from_templates_keep_jinja_semantics(tmp_path: Path) -> None:
    env = make_environment(tmp_path, SiteConfig())

    @jinja2.pass_context
    def which(context: jinja2.runtime.Context, name: str) -> str:
        return str(context[name])

    def stops() -> str:
        raise StopIteration

    template = env.from_string(
        "{% macro m(x) %}[{{ x }}{{ caller() if caller is defined else '' }}]{% endmacro %}"
        "{% for i in [1] %}{{ m(i) }}{% call m(2) %}c{% endcall %}{{ which('v') }}{% endfor %}"
        "{{ plain(3) }}{{ stops() is undefined }}"
    )
    out = template.render(which=which, v="<v>", plain=lambda n: n * 2, stops=stops)
    assert out == "[1][2c]&lt;v&gt;6True"  # what plain Jinja renders


def test_compiled_templates_are_kept_between_builds_and_never_stale(tmp_path: Path, monkeypatch) -> None:
    kept = tmp_path / ".newsgen-cache" / "templates"
    write(tmp_path / "templates" / "one.html", "<p>{{ page }}</p>")
    assert make_environment(tmp_path, SiteConfig(), kept).get_template("one.html").render(page="a") == "<p>a</p>"
    assert any(kept.iterdir())
    env = make_environment(tmp_path, SiteConfig(), kept)
    monkeypatch.setattr(env, "compile", lambda *a, **k: pytest.fail("compiled again"))
    assert env.get_template("one.html").render(page="<b>") == "<p>&lt;b&gt;</p>"  # still escapes
    monkeypatch.undo()
    write(tmp_path / "templates" / "one.html", "<div>{{ page }}</div>")  # edited: not the old code
    assert make_environment(tmp_path, SiteConfig(), kept).get_template("one.html").render(page="a") == "<div>a</div>"
    for compiled in kept.iterdir():
        compiled.write_bytes(jinja2.bccache.bc_magic + b"\x80damaged")  # fails while unpickling
    assert make_environment(tmp_path, SiteConfig(), kept).get_template("one.html").render(page="a") == "<div>a</div>"


def test_an_unwritable_compiled_templates_folder_is_no_error(tmp_path: Path) -> None:
    (tmp_path / "blocked").write_text("a file where the folder should be")
    env = make_environment(tmp_path, SiteConfig(), tmp_path / "blocked" / "templates")
    assert env.get_template("robots.txt") is not None


class Attrs:
    """An object with an attribute, an item under another name, and a property that fails."""

    title = "<T>"

    def __getitem__(self, key: str) -> str:
        if key == "only_item":
            return "item & more"
        raise KeyError(key)


TEMPLATE_FEATURES = (
    "{% macro m(a, b=2) %}<{{ a }}|{{ b }}>{% endmacro %}"
    "{% macro k(a) %}{{ a }}{{ kwargs }}{{ varargs }}{% endmacro %}"
    "{{ o.title }} {{ o.only_item }} {{ d.key }} {{ d['key'] }} {{ o.nothing is undefined }}"
    "{{ m(o.title) }}{{ m(1, o.title) }}{{ m(b=3, a=4) }}{{ k(1, 2, z=3) }}"
    "{% for x in xs if x.v %}[{{ loop.index }}:{{ x.v }}{{ x.v ~ '&' }}]{% endfor %}"
    "{% set s %}<b>{{ o.title }}</b>{% endset %}{{ s }}{{ m | attr('name') }}"
    "{% filter upper %}{{ o.title }} x{% endfilter %}{{ '<' ~ n }}{{ n }}{{ f }}{{ none }}{{ mk }}"
    "{% if o.title %}a{{ o.title }}b{{ n }}c{% endif %}text only"
)


def test_compiled_code_renders_as_plain_jinja(tmp_path: Path) -> None:
    """Attribute lookups (with their item and undefined fallbacks), escaping, output runs and
    macro calls give what Jinja's own code generator gives."""
    values = {
        "o": Attrs(), "d": {"key": "<v>"}, "xs": [{"v": "a<"}, {"v": ""}, {"v": 3}], "n": 5,
        "f": 2.5, "mk": Markup("<i>ok</i>"),
    }  # fmt: skip
    plain = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    ours = make_environment(tmp_path, SiteConfig())
    expected = plain.from_string(TEMPLATE_FEATURES).render(**values)
    assert ours.from_string(TEMPLATE_FEATURES).render(**values) == expected
    assert "&lt;T&gt;" in expected and "item &amp; more" in expected  # the fallbacks were met
    with pytest.raises(jinja2.UndefinedError):
        ours.from_string("{{ o.nothing }}").render(o=Attrs())


def test_templates_are_loaded_once_per_environment(tmp_path: Path) -> None:
    write(tmp_path / "templates" / "one.html", "{% import 'two.html' as two %}{{ two.x }}")
    write(tmp_path / "templates" / "two.html", "{% set x = 1 %}")
    env = make_environment(tmp_path, SiteConfig())
    first = env.get_template("one.html")
    assert env.get_template("one.html") is first and first.render() == "1"
    assert env.get_template(first) is first
    with pytest.raises(jinja2.TemplateNotFound):
        env.get_template("absent.html")


def test_render_page_bytes_are_the_whole_page_encoded(tmp_path: Path) -> None:
    write(tmp_path / "templates" / "one.html", "<p>{{ page }} · …</p>{% for c in page %}{{ c }}{% endfor %}")
    env = make_environment(tmp_path, SiteConfig())
    page = Page("one.html", "one.html", lambda: "a…b 😀 é", "")
    assert render_page(env, page) == env.get_template("one.html").render(page="a…b 😀 é").encode("utf-8")
    with pytest.raises(UnicodeEncodeError) as raised:
        render_page(env, Page("one.html", "one.html", lambda: "x\udcff", ""))
    with pytest.raises(UnicodeEncodeError) as whole:
        env.get_template("one.html").render(page="x\udcff").encode("utf-8")
    assert str(raised.value) == str(whole.value)
