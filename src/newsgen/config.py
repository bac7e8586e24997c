"""The site's settings (`newsgen.yaml`), validated in one place into a frozen `SiteConfig`.

Every other module receives these typed values; none reads the YAML itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
