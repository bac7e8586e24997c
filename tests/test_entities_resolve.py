"""Archive-wide entity resolution, entities.yaml curation and the `newsgen entities` report."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from newsgen.entities import (
    CuratedEntity,
    Curation,
    entity_report,
    load_curation,
    parse_curation,
    resolve_entities,
)
from newsgen.model import Article, ArticleMention, EntityKind, Quote, SourceInfo


def article(n: int, *names: tuple[str, EntityKind], quotes: tuple[Quote, ...] = ()) -> Article:
    """An article whose mentions are already annotated (one per name, in paragraph 0)."""
    mentions = tuple(ArticleMention(name, kind, 0, 0, len(name)) for name, kind in names)
    source = SourceInfo(f"content/{n}.txt", "text", "utf-8", f"{n:064d}")
    return Article(source=source, title=f"Story {n}", mentions=mentions, quotes=quotes)


def by_name(resolution) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {e.name: e for e in resolution.entities}


def test_honorific_forms_and_full_name_are_one_person() -> None:
    articles = [
        article(0, ("Patricia Hewlin", "person")),
        article(1, ("Ms Hewlin", "person")),
        article(2, ("Mr Hewlin", "person"), ("Dunmore", "place")),
        article(3, ("Hewlin", "person")),
    ]
    resolution = resolve_entities(articles, Curation())
    entities = by_name(resolution)
    hewlin = entities["Patricia Hewlin"]
    assert (hewlin.kind, hewlin.article_count, hewlin.mention_count) == ("person", 4, 4)
    assert set(hewlin.aliases) == {"Ms Hewlin", "Mr Hewlin", "Hewlin"}
    assert [p[name] for p, name in zip(resolution.per_article, ("Patricia Hewlin", "Ms Hewlin"))] == [hewlin.id] * 2
    assert "Hewlin" not in entities


def test_a_surname_shared_by_two_full_names_stays_apart() -> None:
    articles = [
        article(0, ("Ivo Brask", "person")),
        article(1, ("Una Brask", "person")),
        article(2, ("Brask", "person")),
    ]
    names = set(by_name(resolve_entities(articles, Curation())))
    assert names == {"Ivo Brask", "Una Brask", "Brask"}


def test_kind_is_the_majority_across_articles() -> None:
    articles = [
        article(0, ("Solvik", "place")),
        article(1, ("Solvik", "place")),
        article(2, ("Solvik", "organization")),
    ]
    (solvik,) = resolve_entities(articles, Curation()).entities
    assert (solvik.kind, solvik.article_count) == ("place", 3)
    assert resolve_entities(articles, Curation()).per_article[2] == {"Solvik": 0}


def test_curation_aliases_ignore_and_kind_override() -> None:
    curation = Curation(
        entities=(CuratedEntity("Harbour Board of Dunmore", "organization", ("HBD", "the Board"), "Runs the port."),
                  CuratedEntity("Solvik", "place")),
        ignore=("Read More",),
    )
    articles = [
        article(0, ("HBD", "organization"), ("Read more", "organization")),
        article(1, ("Harbour Board of Dunmore", "organization"), ("Solvik", "person")),
        article(2, ("Solvik", "person")),
    ]
    resolution = resolve_entities(articles, curation)
    entities = by_name(resolution)
    board = entities["Harbour Board of Dunmore"]
    assert (board.article_count, board.description) == (2, "Runs the port.")
    assert set(board.aliases) >= {"HBD", "the Board"}
    assert entities["Solvik"].kind == "place"
    assert "Read more" not in entities
    assert "Read more" not in resolution.per_article[0]
    assert resolution.per_article[0]["HBD"] == board.id


def test_slugs_are_unique_within_a_kind() -> None:
    articles = [article(0, ("Åsa Lind", "person"), ("Asa Lind", "person"), ("Asa-Lind", "place"))]
    entities = resolve_entities(articles, Curation()).entities
    slugs = sorted((e.kind, e.slug) for e in entities)
    assert slugs == [("person", "asa-lind"), ("person", "asa-lind-2"), ("place", "asa-lind")]


def test_output_does_not_depend_on_article_order() -> None:
    names = [("Ivo Brask", "person"), ("Dunmore", "place"), ("Harbour Board", "organization"),
             ("Brask", "person"), ("Solvik", "place"), ("Solvik", "organization")]
    articles = [article(i, *names[i % 3 : i % 3 + 3]) for i in range(12)]
    first = resolve_entities(articles, Curation()).entities
    shuffled = articles[:]
    random.Random(4).shuffle(shuffled)
    assert resolve_entities(shuffled, Curation()).entities == first
    assert [e.id for e in first] == list(range(len(first)))
    assert [e.name.casefold() for e in first] == sorted(e.name.casefold() for e in first)


def test_quote_speakers_are_mapped_to_their_entity() -> None:
    articles = [
        article(0, ("Ilse Marten", "person"), quotes=(Quote('"Yes"', "Ilse Marten"),)),
        article(1, ("Dunmore", "place"), quotes=(Quote('"No"', "Ilse Marten"), Quote('"?"', "Nobody"))),
    ]
    resolution = resolve_entities(articles, Curation())
    marten = by_name(resolution)["Ilse Marten"].id
    assert resolution.per_article[1] == {"Dunmore": by_name(resolution)["Dunmore"].id, "Ilse Marten": marten}


def test_many_articles_resolve() -> None:
    articles = [
        article(i, (f"Person{i % 5000} Surname{i % 5000}", "person"), (f"Surname{i % 5000}", "person"),
                (f"Town{i % 700}", "place"))
        for i in range(30_000)
    ]
    resolution = resolve_entities(articles, Curation())
    assert len(resolution.entities) == 5700
    assert all(e.article_count == 6 for e in resolution.entities if e.kind == "person")


def test_entity_report_sorting_and_filters() -> None:
    articles = [
        article(0, ("Dunmore", "place"), ("Ilse Marten", "person"), ("Nordcup", "other")),
        article(1, ("Dunmore", "place"), ("Bergstad", "place")),
        article(2, ("Ilse Marten", "person"), ("Dunmore", "place")),
    ]
    resolution = resolve_entities(articles, Curation())
    rows = entity_report(resolution)
    assert [(r["name"], r["articles"]) for r in rows] == [
        ("Dunmore", 3), ("Ilse Marten", 2), ("Bergstad", 1), ("Nordcup", 1)]
    assert [r["name"] for r in entity_report(resolution, kind="place")] == ["Dunmore", "Bergstad"]
    assert [r["name"] for r in entity_report(resolution, min_articles=2)] == ["Dunmore", "Ilse Marten"]
    assert [r["name"] for r in entity_report(resolution, unresolved=True)] == ["Nordcup"]
    assert set(rows[0]) == {"name", "kind", "articles", "aliases"}


CURATION = """\
min_articles: 3
ignore:
  - Read more
entities:
  - name: Ilse Marten
    kind: person
    aliases: [Marten, Dr Marten]
    description: Harbour master.
  - name: Harbour Board
    aliases: Dunmore Harbour Board
"""


def test_curation_parses() -> None:
    curation, problems = parse_curation(CURATION)
    assert problems == []
    assert curation == Curation(
        entities=(CuratedEntity("Ilse Marten", "person", ("Marten", "Dr Marten"), "Harbour master."),
                  CuratedEntity("Harbour Board", None, ("Dunmore Harbour Board",), "")),
        ignore=("Read more",),
        min_articles=3,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("entitys: []\n", ["entities.yaml:1: warning[entities]: unknown key entitys (ignored) "
                           "(hint: did you mean entities?)"]),
        ("min_articles: 0\n", ["entities.yaml:1: error[config]: min_articles must be a positive "
                               "integer (got 0)"]),
        ("entities:\n  - name: Solvik\n    kind: plase\n",
         ["entities.yaml:3: error[config]: entities[1].kind must be one of person, organization, "
          "place, other (got \"plase\") (hint: did you mean place?)"]),
        ("entities:\n  - name: A\n  - kind: place\n",
         ["entities.yaml:3: error[config]: entities[2] has no name (hint: add name: <canonical name>)"]),
        ("entities:\n  - name: A\n    alias: [B]\n",
         ["entities.yaml:3: warning[entities]: unknown key entities[1].alias (ignored) "
          "(hint: did you mean aliases?)"]),
        ("ignore: {a: 1}\n", ["entities.yaml:1: error[config]: ignore must be a list of strings "
                              "(got a mapping)"]),
        ("entities:\n  - name: A\n  - name: B\n    aliases: [a]\n",
         ["entities.yaml:3: warning[entities]: \"a\" is already claimed by A; this entry's use of "
          "it is ignored"]),
        ("- a\n", ["entities.yaml:1: error[config]: entities.yaml must be a mapping with entities, "
                   "ignore, min_articles (got a list)"]),
        ("entities: [\n", ["entities.yaml:2: error[config]: invalid YAML: expected the node content, "
                           "but found '<stream end>'"]),
    ],
)
def test_curation_problems_name_the_line_and_what_came(text: str, expected: list[str]) -> None:
    _, problems = parse_curation(text)
    assert [p.format() for p in problems] == expected


def test_load_curation_reads_the_site_root(tmp_path: Path) -> None:
    assert load_curation(tmp_path) == (Curation(), [])
    (tmp_path / "entities.yaml").write_text(CURATION, encoding="utf-8")
    curation, problems = load_curation(tmp_path)
    assert (curation.min_articles, problems) == (3, [])
    (tmp_path / "entities.yaml").write_bytes(b"\xff\xfe\x00")
    assert load_curation(tmp_path)[1][0].code == "config"


def test_an_acronym_defined_in_one_article_joins_its_name_everywhere() -> None:
    from newsgen.entities import annotate_article
    from newsgen.model import Paragraph

    def story(n: int, text: str) -> Article:
        source = SourceInfo(f"content/{n}.txt", "text", "utf-8", f"{n:064d}")
        return annotate_article(Article(source=source, title="Port news", blocks=(Paragraph(text),)))

    defined = story(0, "The Maritime Safety Commission (MSC) met in Dunmore on Friday. "
                       "The MSC said the quay was safe.")
    alone = story(1, "Ferries may sail again, the MSC said in Dunmore.")
    resolution = resolve_entities([defined, alone], Curation())
    entities = by_name(resolution)
    commission = entities["Maritime Safety Commission"]
    assert "MSC" not in entities
    assert (commission.article_count, "MSC" in commission.aliases) == (2, True)
    assert resolution.per_article[1]["MSC"] == commission.id


def test_what_annotation_stores_for_resolution_is_what_resolution_would_work_out() -> None:
    """`annotate_article` stores each article's written acronyms, so the archive-wide step need
    not go over every mention on every build; articles made without it (as in the tests above)
    are worked out from their mentions, the same way."""
    import dataclasses

    from newsgen.entities import annotate_article
    from newsgen.entities.resolve import name_counts, written_acronyms
    from newsgen.model import Paragraph

    source = SourceInfo("content/0.txt", "text", "utf-8", "0" * 64)
    text = ("The Maritime Safety Commission (MSC) met Ilse Marten in Dunmore. The MSC said "
            "the quay was safe, Marten said.")
    annotated = annotate_article(Article(source=source, title="Port news in Dunmore",
                                         blocks=(Paragraph(text),),
                                         related_titles=("Mayor Juta Lund opens the new quay",)))
    assert annotated.acronyms == written_acronyms(annotated, annotated.mentions)
    assert annotated.acronyms == (("MSC", "Maritime Safety Commission"),) * 2
    assert list(name_counts(annotated.mentions).items()) == [
        ("Dunmore", ("place", 2, True)),
        ("Maritime Safety Commission", ("organization", 3, True)),
        ("Ilse Marten", ("person", 2, True)),
        ("Juta Lund", ("person", 1, False)),  # only in a `Read more` title
    ]
    stripped = dataclasses.replace(annotated, acronyms=(), entity_cues=())
    assert resolve_entities([stripped], Curation()) == resolve_entities([annotated], Curation())
