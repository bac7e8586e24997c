"""The default theme: valid HTML, structured data, feeds, sitemap, search index, links."""

from __future__ import annotations

import datetime as dt
import html.parser
import itertools
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import html5lib
import pytest
from sitecheck import broken_links

from newsgen.config import SiteConfig
from newsgen.index import build_index
from newsgen.model import (
    Article,
    ArticleMention,
    Entity,
    EntityResolution,
    Image,
    Paragraph,
    Quote,
    SourceInfo,
    Subheading,
)
from newsgen.pages import plan_pages
from newsgen.render import make_environment, render_page, theme_static_files

LEAD = 'Mayor Ilsa Vantree said "the bridge is ready" as crowds gathered in Corvale.'
ARTICLE = "2025/04/16/corvale-bridge-opens-after-delays/index.html"


def source(name: str) -> SourceInfo:
    return SourceInfo(f"content/{name}", "text", "utf-8", f"sha-{name}")


def fixture_articles() -> list[Article]:
    mentions = (
        ArticleMention("Ilsa Vantree", "person", 0, 6, 18),
        ArticleMention("Corvale", "place", 0, 69, 76),
        ArticleMention("Corvale", "place", -1, 0, 7),
    )
    lead = Article(
        source("bridge.txt"),
        "Corvale bridge opens after <delays>",
        standfirst="The crossing took six years & two budgets.",
        date=dt.date(2025, 4, 16),
        section="local",
        tags=("Bridges", "Tolls"),
        summary="The crossing opened.",
        author="Tam Oduya",
        image=Image("Crowds on the new bridge", "Harbour Wire/Lin Ashe"),
        blocks=(Paragraph(LEAD), Subheading("What comes next"), Paragraph("Tolls start in May.")),
        quotes=(Quote('"the bridge is ready"', "Ilsa Vantree", 0, 24, 45),),
        related_titles=("Tolls approved for Corvale bridge", "A story never written"),
        mentions=mentions,
        word_count=19,
        reading_minutes=1,
    )
    older = Article(
        source("tolls.txt"),
        "Tolls approved for Corvale bridge",
        date=dt.date(2025, 2, 3),
        section="local",
        tags=("Tolls",),
        blocks=(Paragraph(LEAD),),
        mentions=mentions[:2],
    )
    undated = Article(source("letter.txt"), "A letter from the harbour", section="opinion")
    return [lead, older, undated]


def resolution() -> EntityResolution:
    entities = (
        Entity(0, "Ilsa Vantree", "person", "ilsa-vantree"),
        Entity(1, "Corvale", "place", "corvale"),
    )
    names = {"Ilsa Vantree": 0, "Corvale": 1}
    return EntityResolution(entities, (names, names, {}))


def build_site(out: Path, config: SiteConfig) -> None:
    index, _ = build_index(fixture_articles(), resolution(), config)
    env = make_environment(out.parent, config)
    for page in plan_pages(index, config):
        target = out / page.output_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render_page(env, page))
    for rel, path in theme_static_files(out.parent).items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, out / rel)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("theme") / "out"
    build_site(out, SiteConfig(title="Harbour Times", base_url="https://example.org/"))
    return out


class Outline(html.parser.HTMLParser):
    """Headings in order, and JSON-LD blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.json_ld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))
        self._in_ld = tag == "script" and ("type", "application/ld+json") in attrs

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.json_ld.append(data)
            self._in_ld = False


def outline(path: Path) -> Outline:
    parser = Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_html_page_parses_strictly_with_lang_and_one_h1(site: Path) -> None:
    parser = html5lib.HTMLParser(strict=True)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        document = parser.parse(page.read_bytes())
        assert document.get("lang") == "en", page
        found = outline(page)
        assert found.headings.count(1) == 1, page
        levels = found.headings
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (page, levels)


def test_article_page_markup(site: Path) -> None:
    text = (site / ARTICLE).read_text(encoding="utf-8")
    assert "<h1>Corvale bridge opens after &lt;delays&gt;</h1>" in text
    assert '<time datetime="2025-04-16">16 April 2025</time>' in text
    assert "<figcaption>Crowds on the new bridge" in text and "Harbour Wire/Lin Ashe" in text
    assert "<h2>What comes next</h2>" in text
    assert '<q class="quote" data-speaker="Ilsa Vantree">"the bridge is ready"</q>' in text
    assert text.count('<a href="/people/ilsa-vantree/">Ilsa Vantree</a>') == 2  # body + list
    assert '<a href="/2025/02/03/tolls-approved-for-corvale-bridge/">Tolls approved' in text
    assert "<li>A story never written</li>" in text
    canonical = "https://example.org/" + ARTICLE[: -len("index.html")]
    assert f'<link rel="canonical" href="{canonical}">' in text
    assert '<meta property="og:type" content="article">' in text
    assert 'class="skip-link" href="#main"' in text and '<main id="main"' in text


def test_article_json_ld_parses_with_news_fields(site: Path) -> None:
    blocks = outline(site / ARTICLE).json_ld
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Corvale bridge opens after <delays>"
    assert data["datePublished"] == "2025-04-16"
    assert data["articleSection"] == "Local"
    assert data["keywords"] == ["Bridges", "Tolls"]
    assert data["wordCount"] == 19
    assert data["image"]["caption"] == "Crowds on the new bridge"
    assert data["image"]["creditText"] == "Harbour Wire/Lin Ashe"
    assert {m["name"] for m in data["mentions"]} == {"Ilsa Vantree", "Corvale"}
    assert data["about"] == [
        {"@type": "Place", "name": "Corvale", "url": "https://example.org/places/corvale/"}
    ]


def test_feeds_parse_with_feedparser(site: Path) -> None:
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Harbour Times"
    assert feed.feed.language == "en"
    assert [e.title for e in feed.entries] == [
        "Corvale bridge opens after <delays>",
        "Tolls approved for Corvale bridge",
    ]
    assert feed.entries[0].link == "https://example.org/" + ARTICLE[: -len("index.html")]
    section = feedparser.parse((site / "local" / "feed.xml").read_bytes())
    assert not section.bozo and len(section.entries) == 2
    assert not (site / "opinion" / "feed.xml").exists()  # undated only: no Atom feed


def test_sitemap_and_search_index_are_valid(site: Path) -> None:
    root = ET.parse(site / "sitemap.xml").getroot()
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [loc.text for loc in root.iter(f"{ns}loc")]
    assert "https://example.org/" + ARTICLE[: -len("index.html")] in locs
    assert all(loc and loc.startswith("https://example.org/") for loc in locs)
    entries = json.loads((site / "search" / "index-1.json").read_text(encoding="utf-8"))
    assert entries[0] == {
        "title": "Corvale bridge opens after <delays>",
        "url": "/" + ARTICLE[: -len("index.html")],
        "date": "2025-04-16",
        "section": "Local",
        "summary": "The crossing opened.",
    }
    assert "Sitemap: https://example.org/sitemap.xml" in (site / "robots.txt").read_text()


def test_no_broken_links_and_no_external_requests(site: Path) -> None:
    assert broken_links(site, "/") == []
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert 'src="http' not in text and "//fonts." not in text


def test_sub_path_site_keeps_every_link_inside(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_site(out, SiteConfig(base_url="https://example.org/archive/"))
    assert broken_links(out, "/archive/") == []
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="/archive/static/style.css"' in home
    assert 'href="/2' not in home and 'href="/tags' not in home
    search = (out / "search" / "index.html").read_text(encoding="utf-8")
    assert 'data-shards="/archive/search/index-1.json"' in search
