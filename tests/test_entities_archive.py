"""Archive-wide kind decisions: evidence from the words around names, across articles.

Fixtures are invented towns, firms and people; each rule has a case where it fires and, where
it matters, one where it must not.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from newsgen.entities import Curation, annotate_article, resolve_entities
from newsgen.entities.archive import common_words, decide, kind_from_words
from newsgen.entities.evidence import article_cues, block_text, mention_cues, related_block
from newsgen.model import Article, Paragraph, SourceInfo


def story(n: int, *paragraphs: str, title: str = "", related: tuple[str, ...] = ()) -> Article:
    """An annotated plain-text article."""
    source = SourceInfo(f"content/{n}.txt", "text", "utf-8", f"{n:064d}")
    blocks = tuple(Paragraph(p, i + 1) for i, p in enumerate(paragraphs))
    raw = Article(source=source, title=title or f"Notes from the week, part {n}", blocks=blocks,
                  related_titles=related)  # fmt: skip
    return annotate_article(raw)


def entities(*articles: Article) -> dict[str, str]:
    """Entity name -> kind."""
    return {e.name: e.kind for e in resolve_entities(list(articles), Curation()).entities}


def cues_of(text: str, name: str) -> list[str]:
    start = text.index(name)
    return mention_cues(text, start, start + len(name))


# ---- evidence ----------------------------------------------------------------------------


def test_cues_read_the_words_around_a_name() -> None:
    assert "place" in cues_of("The ferry docked in Brennow at dawn.", "Brennow")
    assert "place" in cues_of("BRENNOW, Ostavia, May 2 - Rain fell.", "Ostavia")
    assert "place" in cues_of("He said Brennow council would meet.", "Brennow")
    assert "place" in cues_of("Ostavia's government said no.", "Ostavia")
    assert "weak_place" in cues_of("She drove from Brennow overnight.", "Brennow")
    assert "person" in cues_of("The plan is dead, Tamsin Orrell said.", "Tamsin Orrell")
    assert "person" in cues_of("It was approved by Mayor Orrell today.", "Orrell")
    assert "title" in cues_of("It was approved by Harvest Minister Ilse Varr.", "Harvest")
    assert "party" in cues_of("Members of the Blue Meadow party met.", "Blue Meadow")
    assert "fragment" in cues_of("The Port Ellory Choir sang.", "Ellory Choir")


def test_name_like_means_mid_sentence_and_not_after_the() -> None:
    assert "name_like" in cues_of("Prices rose as Kelderan expanded.", "Kelderan")
    assert "name_like" not in cues_of("Comets fall towards the Sun slowly.", "Sun")
    assert "name_like" not in cues_of("Rain fell. Annual output dropped.", "Annual")
    assert "name_like" not in cues_of('"We tried." People said so.', "People")
    assert "name_like" not in cues_of("VARNO, May 2 (Wire) - Critics said no.", "Critics")


def test_mentions_without_offsets_are_found_in_the_block_text() -> None:
    article = story(0, "Fishing boats left Brennow harbour as Ostavia watched from Brennow.")
    assert article_cues(article)  # a plain-text article: offsets are there
    html_like = Article(
        source=article.source, title=article.title, blocks=article.blocks,
        mentions=tuple(m.__class__(m.name, m.kind, m.block, -1, -1) for m in article.mentions),
    )  # fmt: skip
    cues = article_cues(html_like)["Brennow"]
    assert (cues["mentions"], cues["place"], cues["weak_place"]) == (2, 1, 1)


# ---- names alone ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Halvard Freight", "organization"),
        ("Lindqvist Observatory", "organization"),
        ("Orrin Prize", "organization"),
        ("Bank of Ostavia", "organization"),
        ("Port Ellory Choir", "organization"),
        ("River Osk", "place"),
        ("Brannock Strait", "place"),
        ("Varrow Gate", "place"),
        ("Mount Helvar", "place"),
        ("Tamsin Orrell", None),
        ("Brennow", None),
    ],
)
def test_the_words_of_a_name_can_settle_its_kind(name: str, kind: str | None) -> None:
    assert kind_from_words(name) == kind


def test_common_words_are_shipped() -> None:
    words = common_words()
    assert {"annual", "people", "fresh", "sun"} <= words
    assert "brennow" not in words and len(words) > 1000


# ---- decide: the archive-wide rules on their own -------------------------------------------


def counts(**found: int) -> Counter[str]:
    return Counter(found)


def test_a_one_word_person_standing_where_places_stand_is_a_place() -> None:
    names = {"brennow": ("Brennow", "person", 6), "orrell": ("Orrell", "person", 3)}
    cues = {
        "brennow": counts(mentions=8, place=3, weak_place=1, person=1),
        "orrell": counts(mentions=5, weak_place=2, person=3),
    }
    assert decide(names, cues, frozenset()).kinds == {"brennow": "place"}


def test_a_surname_stays_a_person_whatever_precedes_it() -> None:
    names = {"brennow": ("Brennow", "person", 6), "ada brennow": ("Ada Brennow", "person", 2)}
    cues = {"brennow": counts(mentions=8, place=6)}
    assert decide(names, cues, frozenset()).kinds == {}


def test_firms_need_the_strong_place_cues() -> None:
    names = {"kelder": ("Kelder", "organization", 4)}
    weak = decide(names, {"kelder": counts(mentions=4, weak_place=4)}, frozenset())
    strong = decide(names, {"kelder": counts(mentions=4, place=3)}, frozenset())
    assert (weak.kinds, strong.kinds) == ({}, {"kelder": "place"})


def test_organization_and_place_words_override_the_vote() -> None:
    names = {
        "halvard freight": ("Halvard Freight", "person", 5),
        "river osk": ("River Osk", "organization", 3),
        "ada marsh": ("Ada Marsh", "person", 3),
    }
    decided = decide(names, {}, frozenset())
    assert decided.kinds == {"halvard freight": "organization", "river osk": "place"}


def test_a_place_word_does_not_beat_a_person_who_speaks() -> None:
    names = {"ada bridge": ("Ada Bridge", "person", 3)}
    assert decide(names, {"ada bridge": counts(mentions=3, person=2)}, frozenset()).kinds == {}


def test_a_name_before_party_is_an_organization() -> None:
    names = {"blue meadow": ("Blue Meadow", "person", 2)}
    decided = decide(names, {"blue meadow": counts(mentions=2, party=1)}, frozenset())
    assert decided.kinds == {"blue meadow": "organization"}


def test_what_is_not_a_name() -> None:
    names = {
        "brennow-born": ("Brennow-born", "other", 2),
        "harvest": ("Harvest", "organization", 2),
        "annual": ("Annual", "person", 3),
        "easter": ("Easter", "other", 2),
        "sun": ("Sun", "organization", 4),
        "mayor opens new bridge to town": ("Mayor Opens New Bridge To Town", "person", 2),
        "kelderan": ("Kelderan", "person", 2),
    }
    cues = {
        "harvest": counts(mentions=2, title=2, name_like=2),
        "annual": counts(mentions=3),
        "easter": counts(mentions=2, name_like=2),
        "sun": counts(mentions=10, name_like=1),
        "kelderan": counts(mentions=2, name_like=2),
    }
    common = frozenset("annual easter sun mayor opens new bridge to town".split())
    dropped = decide(names, cues, common).dropped
    assert dropped == {"brennow-born", "harvest", "annual", "sun", "mayor opens new bridge to town"}


def test_a_demonym_of_an_archive_place_is_not_a_name() -> None:
    names = {"ostavia": ("Ostavia", "place", 5), "ostavian": ("Ostavian", "organization", 2),
             "ostavia bank": ("Ostavia Bank", "organization", 2)}  # fmt: skip
    assert decide(names, {}, frozenset()).dropped == {"ostavian"}


def test_short_forms_join_the_one_longer_name() -> None:
    names = {
        "halvard freight": ("Halvard Freight", "organization", 5),
        "halvard": ("Halvard", "person", 3),
        "sigrun": ("Sigrun", "other", 2),
        "sigrun ovald": ("Sigrun Ovald", "person", 2),
        "tamsin": ("Tamsin", "person", 2),
        "tamsin orrell": ("Tamsin Orrell", "person", 2),
        "tamsin vey": ("Tamsin Vey", "person", 2),
    }
    decided = decide(names, {}, frozenset())
    assert decided.joins == {"halvard": "halvard freight", "sigrun": "sigrun ovald"}
    assert decided.kinds == {"halvard": "organization", "sigrun": "person"}


def test_an_organization_tail_joins_only_when_cut_from_the_longer_name() -> None:
    names = {
        "port ellory choir": ("Port Ellory Choir", "organization", 3),
        "ellory choir": ("Ellory Choir", "organization", 2),
        "osk miners union": ("Osk Miners Union", "organization", 9),
        "miners union": ("Miners Union", "organization", 2),
    }
    cues = {
        "ellory choir": counts(mentions=2, fragment=2),
        "miners union": counts(mentions=3, name_like=3),
    }
    assert decide(names, cues, frozenset()).joins == {"ellory choir": "port ellory choir"}


def test_names_run_together_with_and_are_dropped() -> None:
    names = {
        "ada vey and blue meadow party": ("Ada Vey and Blue Meadow Party", "organization", 2),
        "blue meadow party": ("Blue Meadow Party", "organization", 5),
        "crumb and kettle": ("Crumb and Kettle", "organization", 3),
    }
    assert decide(names, {}, frozenset()).dropped == {"ada vey and blue meadow party"}


# ---- end to end: annotated articles, resolved across the archive -------------------------


def town_and_firm_archive() -> list[Article]:
    return [
        story(1, "Dorrick's new library opened on Monday, and Dorrick council paid for the roof.",
              "Readers in Dorrick queued from dawn, said Mayor Ilse Varr."),  # fmt: skip
        story(2, "The flood wall near Dorrick was finished in May.",
              "Dorrick's harbour reopened the same week."),  # fmt: skip
        story(3, "Halvard Freight said profits fell. Halvard's chief executive, Pim Osterlund, "
              "blamed fuel.", "Halvard Freight runs ferries from Dorrick."),  # fmt: skip
        story(4, "Wage talks between the Weavers' Guild and Halvard Freight resumed in Dorrick.",
              "Halvard offered a raise."),  # fmt: skip
        story(5, "Nothing happened this week.",
              related=("Harbour reopens in Dorrick, Osterlund says",)),  # fmt: skip
    ]


def test_the_archive_settles_towns_firms_and_unions() -> None:
    found = entities(*town_and_firm_archive())
    assert found["Dorrick"] == "place"
    assert found["Halvard Freight"] == "organization"
    assert found["Weavers' Guild"] == "organization"
    assert "Halvard" not in found and "Weavers" not in found and "Guild" not in found


def test_read_more_titles_are_scanned_as_their_own_blocks() -> None:
    archive = town_and_firm_archive()
    last = archive[-1]
    placed = {(m.name, m.block) for m in last.mentions}
    assert placed == {("Dorrick", related_block(0)), ("Osterlund", related_block(0))}
    for m in last.mentions:
        assert block_text(last, m.block)[m.start : m.end] == m.name
    resolution = resolve_entities(archive, Curation())
    osterlund = next(e for e in resolution.entities if e.name == "Pim Osterlund")
    assert resolution.per_article[-1]["Osterlund"] == osterlund.id
    assert osterlund.article_count == 2


def test_a_name_only_in_read_more_titles_takes_their_kind() -> None:
    only = story(7, "Nothing else happened.", related=("Ceasefire talks stall, Tarvanen says",))
    assert entities(only) == {"Tarvanen": "person"}


def test_a_name_ending_with_a_speaking_surname_is_that_person() -> None:
    names = {
        "nepeta zoluova": ("Nepeta Zoluova", "organization", 5),
        "zoluova": ("Zoluova", "person", 4),
        "zoluova foundation": ("Zoluova Foundation", "organization", 2),
        "ilse kemp": ("Ilse Kemp", "organization", 2),
        "kemp": ("Kemp", "person", 2),
    }
    cues = {"zoluova": counts(mentions=6, person=4), "kemp": counts(mentions=2)}
    assert decide(names, cues, frozenset()).kinds == {"nepeta zoluova": "person"}


def test_a_name_after_deputy_mayor_is_a_person() -> None:
    text = '"It is hard," said Deputy Mayor Juta Lubbe. Acting Mayor Ivo Sand agreed.'
    found = story(0, text, title="Budget approved").mentions
    assert [(m.name, m.kind) for m in found] == [("Juta Lubbe", "person"), ("Ivo Sand", "person")]


def test_a_name_mostly_in_quotes_is_a_work() -> None:
    assert "quoted" in cues_of("She won for “The Ember Road” last year.", "Ember Road")
    assert "quoted" in cues_of('He read "Ember Road" twice.', "Ember Road")
    assert "quoted" not in cues_of("He drove down Ember Road twice.", "Ember Road")
    names = {"ember road": ("Ember Road", "place", 3), "mill road": ("Mill Road", "place", 3)}
    cues = {"ember road": counts(mentions=4, quoted=2), "mill road": counts(mentions=4, quoted=1)}
    assert decide(names, cues, frozenset()).kinds == {"ember road": "other"}


# ---- cues computed once per file ------------------------------------------------------------


def test_annotate_article_stores_the_cues_of_its_mentions() -> None:
    article = story(
        0, "The ferry docked in Brennow at dawn.", "He said Brennow council would meet today."
    )
    stored = {name: Counter(dict(pairs)) for name, pairs in article.entity_cues}
    assert stored == article_cues(article)
    assert stored["Brennow"]["place"] == 2
    in_order = list(dict.fromkeys(m.name for m in article.mentions))
    assert [name for name, _ in article.entity_cues] == in_order
    assert hash(article) == hash(annotate_article(replace(article, entity_cues=())))


def test_resolve_computes_cues_when_the_article_has_none_stored() -> None:
    archive = [*town_and_firm_archive(), story(9, "Prices rose as Annual expanded its mill.")]
    bare = [replace(a, entity_cues=()) for a in archive]
    assert resolve_entities(bare) == resolve_entities(archive)
    assert "Annual" in entities(*bare)  # an ordinary word kept only by its name-like spot


def test_resolve_reads_the_stored_cues() -> None:
    """Stored cues are what the archive weighs: cues saying `... Minister` drop the name."""
    article = story(0, "Halvard Ostrem spoke to the crowd at length.")
    assert "Halvard Ostrem" in entities(article)
    claimed = replace(article, entity_cues=(("Halvard Ostrem", (("mentions", 1), ("title", 1))),))
    assert "Halvard Ostrem" not in entities(claimed)
