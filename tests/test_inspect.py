"""The stable JSON view of an article."""

import json
from pathlib import Path

from newsgen.diagnostics import warning
from newsgen.inspect import KEYS, article_json
from newsgen.loader import load_article
from newsgen.model import ReadSettings

FIXTURES = Path(__file__).parent / "fixtures" / "articles"


def wire_article():  # type: ignore[no-untyped-def]
    data = (FIXTURES / "wire-line-layout.txt").read_bytes()
    article = load_article("city/wire-line-layout.txt", data, ReadSettings()).article
    assert article is not None
    return article


def test_keys_and_values() -> None:
    article = wire_article()
    problem = warning("content/city/wire-line-layout.txt", 3, "undated", "no date")
    view = article_json(
        article,
        "/2025/03/04/velmora/",
        entities=[{"name": "Mara Quill", "type": "person", "count": 2}],
        warnings=[problem],
        related_urls=["/old/"],
    )
    assert tuple(view) == KEYS
    assert view["date"] == "2025-03-04"
    assert view["url"] == "/2025/03/04/velmora/"
    assert view["image"] == {
        "caption": "A Northwind Ferries vessel leaves the harbour in Velmora, Tuesday, March 4, 2025",
        "credit": "Reuters/Ines Barrow",
    }
    assert view["subheadings"] == ["Timetable changes ahead"]
    assert view["related"] == [
        {"title": "Storm damage closes Tarnby piers for winter", "url": "/old/"}
    ]
    assert view["quotes"][0] == {
        "text": "We rebuilt the north pier almost from nothing, and the crews worked through every weekend",
        "speaker": "Quill",
    }
    assert view["entities"] == [{"name": "Mara Quill", "type": "person", "count": 2}]
    assert view["source"] == {
        "path": "content/city/wire-line-layout.txt",
        "format": "text",
        "encoding": "utf-8",
    }
    assert view["warnings"] == ["content/city/wire-line-layout.txt:3: warning[undated]: no date"]
    assert view["word_count"] == article.word_count > 0
    json.dumps(view)  # JSON-ready


def test_defaults_are_empty_and_unresolved() -> None:
    view = article_json(wire_article(), None)
    assert view["url"] is None and view["entities"] == [] and view["warnings"] == []
    title = "Storm damage closes Tarnby piers for winter"
    assert view["related"] == [{"title": title, "url": None}]


def test_undated_and_no_image() -> None:
    article = load_article("x.txt", b"Head\nBody.\n", ReadSettings()).article
    assert article is not None
    view = article_json(article, None)
    assert view["date"] is None and view["image"] is None and view["standfirst"] is None
    assert view["tags"] == [] and view["quotes"] == []


def test_docstring_documents_every_key() -> None:
    import newsgen.inspect as module

    assert module.__doc__ is not None
    for key in KEYS:
        assert f"\n  {key} " in module.__doc__
