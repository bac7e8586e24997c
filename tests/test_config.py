"""newsgen.yaml: every problem with its line, unknown keys with a suggestion, URL patterns."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from newsgen.config import (
    SiteConfig,
    UrlConfig,
    config_fingerprint,
    load_config,
    parse_config,
    read_settings,
)

REPO = Path(__file__).resolve().parents[1]


def messages(text: str) -> list[str]:
    return [d.format() for d in parse_config(text)[1]]


def test_absent_file_gives_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path) == (SiteConfig(), [])


def test_values_are_read(tmp_path: Path) -> None:
    (tmp_path / "newsgen.yaml").write_text(
        "title: Valley News\nper_page: 7\nallow_raw_html: yes\nurls:\n  tag: topics/{tag}/\n"
    )
    config, problems = load_config(tmp_path)
    assert problems == []
    assert (config.title, config.per_page, config.allow_raw_html) == ("Valley News", 7, True)
    assert config.urls == UrlConfig(tag="topics/{tag}/")


def test_bad_value_names_line_and_value() -> None:
    text = "title: x\n\nper_page: 20x\n"
    assert messages(text) == [
        'newsgen.yaml:3: error[config]: per_page must be a positive integer (got "20x")'
    ]


def test_all_problems_are_collected() -> None:
    text = "per_page: 0\nfeed_limit: -1\nlink_entities: maybe\ntitle: [a]\n"
    assert messages(text) == [
        'newsgen.yaml:1: error[config]: per_page must be a positive integer (got "0")',
        'newsgen.yaml:2: error[config]: feed_limit must be a positive integer (got "-1")',
        'newsgen.yaml:3: error[config]: link_entities must be true or false (got "maybe")',
        "newsgen.yaml:4: error[config]: title must be a string (got a list)",
    ]


def test_bad_values_keep_defaults() -> None:
    config, _ = parse_config("per_page: lots\nfeed_limit: 3\n")
    assert (config.per_page, config.feed_limit) == (SiteConfig().per_page, 3)


def test_unknown_key_is_a_warning_with_suggestion() -> None:
    config, problems = parse_config("titel: Valley\n")
    assert [d.format() for d in problems] == [
        "newsgen.yaml:1: warning[config-key]: unknown key titel (ignored) (hint: did you mean title?)"
    ]
    assert config.title == SiteConfig().title


def test_unknown_url_key_is_suggested_too() -> None:
    assert messages("urls:\n  artcle: a/{slug}/\n") == [
        "newsgen.yaml:2: warning[config-key]: unknown key urls.artcle (ignored) "
        "(hint: did you mean article?)"
    ]


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("news/{slug}", 'urls.article must end with / (got "news/{slug}")'),
        ("{yyyy}/", 'urls.article must contain {slug} (got "{yyyy}/")'),
        ("../{slug}/", 'urls.article must be a relative path without .. (got "../{slug}/")'),
        ("/a/{slug}/", 'urls.article must be a relative path without .. (got "/a/{slug}/")'),
        ("{tag}/{slug}/", 'urls.article uses unknown placeholder {tag} (got "{tag}/{slug}/")'),
    ],
)
def test_url_patterns_are_checked(pattern: str, message: str) -> None:
    assert messages(f'urls:\n  article: "{pattern}"\n') == [
        f"newsgen.yaml:2: error[config]: {message}"
    ]


def test_month_needs_both_placeholders() -> None:
    assert messages('urls:\n  month: "{yyyy}/x/"\n') == [
        'newsgen.yaml:2: error[config]: urls.month must contain {mm} (got "{yyyy}/x/")'
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("https://example.org/archive", "https://example.org/archive/"), ("/news", "/news/"), ("/", "/")],
)
def test_base_url_gets_a_trailing_slash(value: str, expected: str) -> None:
    assert parse_config(f"base_url: {value}\n")[0].base_url == expected


def test_base_url_must_be_url_or_path() -> None:
    assert messages("base_url: example.org\n") == [
        'newsgen.yaml:1: error[config]: base_url must be an http(s) URL or a path starting with / '
        '(got "example.org") (hint: e.g. https://example.org/archive/ or /archive/)'
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("output_dir: .", 'output_dir must not be the site folder itself (got ".")'),
        (
            "output_dir: content/site",
            'output_dir must not be inside content_dir or contain it (got "content/site" and "content")',
        ),
        (
            "content_dir: src/articles\noutput_dir: src",
            'output_dir must not be inside content_dir or contain it (got "src" and "src/articles")',
        ),
    ],
)
def test_output_dir_must_stay_clear_of_the_site(text: str, message: str) -> None:
    found = messages(text + "\n")
    assert len(found) == 1 and found[0].endswith(f"error[config]: {message}")


def test_folders_must_not_climb_out() -> None:
    assert messages("static_dir: ../shared\n") == [
        'newsgen.yaml:1: error[config]: static_dir must be a folder inside the site (got "../shared")'
    ]


def test_duplicate_keys_and_yaml_errors() -> None:
    assert messages("title: a\ntitle: b\n") == ["newsgen.yaml:2: error[config]: title is set twice"]
    (problem,) = parse_config("title: [unclosed\nper_page: 3\n")[1]
    assert problem.code == "config" and problem.line is not None and "invalid YAML" in problem.message


def test_top_level_must_be_a_mapping_and_empty_is_fine() -> None:
    assert messages("- a\n") == [
        "newsgen.yaml:1: error[config]: newsgen.yaml must be a mapping of settings (got a list)"
    ]
    assert parse_config("# only a comment\n") == (SiteConfig(), [])


def test_not_utf8_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "newsgen.yaml").write_bytes(b"title: caf\xe9\n")
    (problem,) = load_config(tmp_path)[1]
    assert problem.severity == "error" and problem.code == "config"


def test_read_settings_and_fingerprints() -> None:
    config = parse_config("allow_raw_html: true\ndefault_section: world\ntitle: A\n")[0]
    settings = read_settings(config)
    assert (settings.allow_raw_html, settings.default_section) == (True, "world")
    retitled = dataclasses.replace(config, title="B")
    assert config_fingerprint(config, "read") == config_fingerprint(retitled, "read")
    assert config_fingerprint(config, "site") != config_fingerprint(retitled, "site")


def test_every_field_is_documented() -> None:
    doc = (REPO / "docs" / "configuration.md").read_text("utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", doc, flags=re.MULTILINE))
    fields = {f.name for f in dataclasses.fields(SiteConfig)} | {
        f.name for f in dataclasses.fields(UrlConfig)
    }
    assert fields - documented == set()
