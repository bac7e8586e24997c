"""URL scheme: patterns, sub-path deploys, and segments that cannot leave the output folder."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgen.config import SiteConfig, UrlConfig
from newsgen.urls import UrlScheme, clean_path, fill_by_regex

DAY = dt.date(2025, 4, 16)


def test_default_article_path_and_href_at_root() -> None:
    urls = UrlScheme(SiteConfig())
    path = urls.article_dir(DAY, "bridge-opens")
    assert path == "2025/04/16/bridge-opens/"
    assert urls.base_path == "/"
    assert urls.href(path) == "/2025/04/16/bridge-opens/"
    assert urls.output_file(path) == "2025/04/16/bridge-opens/index.html"
    assert urls.output_file("") == "index.html"
    assert urls.output_file("feed.xml") == "feed.xml"


def test_sub_path_deploy_prefixes_every_href_and_absolute_has_host() -> None:
    urls = UrlScheme(SiteConfig(base_url="https://example.org/archive/"))
    assert urls.base_path == "/archive/"
    assert urls.href(urls.article_dir(DAY, "x")) == "/archive/2025/04/16/x/"
    assert urls.href("") == "/archive/"
    assert urls.absolute(urls.tag_dir("harbour")) == "https://example.org/archive/tags/harbour/"
    assert urls.absolute("feed.xml") == "https://example.org/archive/feed.xml"


def test_base_url_without_host_gives_root_relative_absolute_urls() -> None:
    urls = UrlScheme(SiteConfig(base_url="/news-archive"))
    assert urls.base_path == "/news-archive/"
    assert urls.absolute("") == "/news-archive/"


@pytest.mark.parametrize(
    "slug",
    ["../../etc/passwd", "..", "/abs/path", "a\\..\\b", "C:\\windows", "x/../../y", "  "],
)
def test_unsafe_slugs_stay_inside_the_output(slug: str) -> None:
    urls = UrlScheme(SiteConfig())
    path = urls.article_dir(DAY, slug)
    assert path.startswith("2025/04/16/")
    segments = path.rstrip("/").split("/")
    assert len(segments) == 4
    assert all(s and s not in (".", "..") and "\\" not in s for s in segments)


def test_hostile_url_patterns_are_neutralised() -> None:
    config = SiteConfig(urls=UrlConfig(section="../../{section}/", tag="/etc\\{tag}/"))
    urls = UrlScheme(config)
    assert urls.section_dir("World News") == "world-news/"
    assert urls.tag_dir("gaza") == "etc/gaza/"
    assert clean_path("a/./b//../c") == "a/b/c/"


def test_unicode_and_spaces_in_sections_become_slugs() -> None:
    urls = UrlScheme(SiteConfig())
    assert urls.section_dir("Économie & Finance") == "economie-finance/"
    assert urls.entity_dir("person", "ilsa-vantree") == "people/ilsa-vantree/"
    assert urls.entity_dir("place", "corvale") == "places/corvale/"
    assert urls.entity_index_dir("organization") == "organizations/"


def test_pagination_and_archive_dirs() -> None:
    urls = UrlScheme(SiteConfig())
    assert urls.page_dir("", 1) == ""
    assert urls.page_dir("", 2) == "page/2/"
    assert urls.page_dir("world/", 3) == "world/page/3/"
    assert urls.year_dir(2025) == "2025/"
    assert urls.month_dir(2025, 4) == "2025/04/"
    assert urls.article_dir(None, "x") == "undated/x/"
    assert urls.undated_dir() == "undated/"


def test_custom_patterns_are_followed() -> None:
    config = SiteConfig(urls=UrlConfig(article="stories/{yyyy}/{slug}/", section="s/{section}/"))
    urls = UrlScheme(config)
    assert urls.article_dir(DAY, "x") == "stories/2025/x/"
    assert urls.section_dir("World") == "s/world/"


def test_base_path_keeps_its_case_but_loses_dot_segments() -> None:
    assert UrlScheme(SiteConfig(base_url="https://example.org/News-Archive")).base_path == (
        "/News-Archive/"
    )
    assert UrlScheme(SiteConfig(base_url="/a/../b/./c\\d/")).base_path == "/a/b/c/d/"
    assert UrlScheme(SiteConfig(base_url="/with space/")).base_path == "/with%20space/"
    assert UrlScheme(SiteConfig(base_url="")).base_path == "/"


@settings(max_examples=200, deadline=None)
@given(value=st.text(max_size=40), pattern_junk=st.sampled_from(["", "../", "/", "\\..\\", "./"]))
def test_any_text_gives_safe_relative_paths(value: str, pattern_junk: str) -> None:
    config = SiteConfig(urls=UrlConfig(section=pattern_junk + "{section}/", tag="tags/{tag}/"))
    urls = UrlScheme(config)
    for path in (
        urls.article_dir(DAY, value),
        urls.article_dir(None, value),
        urls.section_dir(value),
        urls.tag_dir(value),
        urls.entity_dir("person", value),
    ):
        assert path.endswith("/") and not path.startswith("/")
        segments = path[:-1].split("/")
        assert all(s and s not in (".", "..") and "\\" not in s and s.isascii() for s in segments)
        assert urls.href(path).startswith("/")


_PIECES = st.sampled_from(["{yyyy}", "{mm}", "{slug}", "{tag}", "{nope}", "/", "\\", "//", ".",
                           "..", "news", "News Desk", "a-b", "x{slug}", "{", "}", "é", ""])


@given(st.lists(_PIECES, max_size=8).map("".join),
       st.dictionaries(st.sampled_from(["yyyy", "mm", "slug", "tag"]),
                       st.sampled_from(["2025", "04", "my-story", "Big News", "../up", "", "a/b", "Ü"])))
@settings(max_examples=400, deadline=None)
def test_filling_a_pattern_by_segments_gives_what_the_regex_way_gives(pattern, values) -> None:
    assert UrlScheme(SiteConfig())._fill(pattern, **values) == fill_by_regex(pattern, values)

