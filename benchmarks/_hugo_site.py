"""A minimal Hugo site for the Markdown form of a synthetic archive: config and our own layouts.

The layouts give Hugo roughly the work newsgen does: article pages with headline, date,
standfirst, caption, body, tag and entity links, related articles and prev/next; paginated
home, section and term lists; taxonomy indexes; RSS feeds (Hugo's built-in template, limited
to 20 items like newsgen's feeds).
"""

from __future__ import annotations

from pathlib import Path

TAXONOMIES = {"tag": "tags", "person": "people", "organization": "organizations", "place": "places"}

BASEOF = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ site.Title }}</title>
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" \
href="{{ .RelPermalink }}" title="{{ site.Title }}">{{ end }}
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
{{ partialCached "nav.html" . }}
</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""

SINGLE = """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="standfirst">{{ . }}</p>{{ end }}
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "Monday, January 2, 2006" }}\
</time> in <a href="{{ .CurrentSection.RelPermalink }}">{{ .CurrentSection.Title }}</a></p>
{{ with .Params.caption }}<figure><figcaption>{{ . }}{{ with $.Params.credit }} ({{ . }})\
{{ end }}</figcaption></figure>{{ end }}
{{ .Content }}
{{ range $taxonomy := slice "tags" "people" "organizations" "places" }}
{{ with $.GetTerms $taxonomy }}<p>{{ $taxonomy | humanize }}: {{ range . }}\
<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
{{ end }}
{{ with site.RegularPages.Related . | first 5 }}<h2>Related</h2>
<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
<nav>{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
</article>
{{ end }}
"""

LIST = """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .RegularPagesRecursive }}
<ul>{{ range $pager.Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time>
<p>{{ .Description }}</p></li>{{ end }}
</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
"""

NAV = """<nav>{{ range site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}\
</nav>
"""

TAXONOMY = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}
</ul>
{{ end }}
"""

LAYOUTS = {
    "baseof.html": BASEOF,
    "single.html": SINGLE,
    "list.html": LIST,
    "term.html": LIST,
    "taxonomy.html": TAXONOMY,
    "_partials/nav.html": NAV,  # cached once, as Hugo sites do for site-wide menus
}


def hugo_config(title: str, sections: tuple[str, ...]) -> str:
    """`hugo.toml`: taxonomies, date-based permalinks like newsgen's, pagination, related."""
    lines = [
        'baseURL = "https://example.org/"',
        f"title = {_toml_string(title)}",
        "",
        "[services.rss]",
        "limit = 20  # newsgen's feed_limit",
        "",
        "[pagination]",
        "pagerSize = 20",
        "",
        "[taxonomies]",
        *(f'{singular} = "{plural}"' for singular, plural in TAXONOMIES.items()),
        "",
        "[permalinks.page]",
        *(f'{section} = "/:year/:month/:day/:slug/"' for section in sections),
        "",
        "[related]",
        "includeNewer = true",
        "threshold = 50",
        "toLower = false",
    ]
    for plural in TAXONOMIES.values():
        lines += ["", "[[related.indices]]", f'name = "{plural}"', "weight = 100"]
    return "\n".join(lines) + "\n"


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_hugo_site(out_dir: Path, title: str, sections: tuple[str, ...]) -> None:
    """Writes `hugo.toml` and `layouts/` into `out_dir` (content is written by the generator)."""
    (out_dir / "hugo.toml").write_text(hugo_config(title, sections), encoding="utf-8")
    layouts = out_dir / "layouts"
    for name, text in LAYOUTS.items():
        (layouts / name).parent.mkdir(parents=True, exist_ok=True)
        (layouts / name).write_text(text, encoding="utf-8")
