"""Entity extraction: people, organizations and places in articles, and across the archive.

`find_mentions` finds names in one text; `annotate_article` places them in an article under
article-local canonical names; `load_curation` reads `entities.yaml`; `resolve_entities` decides
one entity per real-world name across the archive; `entity_report` feeds `newsgen entities`.
"""

from __future__ import annotations

from newsgen.entities.article import annotate_article
from newsgen.entities.curation import CuratedEntity, Curation, load_curation, parse_curation
from newsgen.entities.finder import find_mentions
from newsgen.entities.resolve import entity_report, resolve_entities

__all__ = [
    "CuratedEntity",
    "Curation",
    "annotate_article",
    "entity_report",
    "find_mentions",
    "load_curation",
    "parse_curation",
    "resolve_entities",
]
