"""Entity extraction: people, organizations and places in articles, and across the archive.

`find_mentions` finds names in one text; `annotate_article` places them in an article under
article-local canonical names; `load_curation` reads `entities.yaml`; `resolve_entities` decides
one entity per real-world name across the archive; `entity_report` feeds `newsgen entities`.
"""

from __future__ import annotations

from newsgen.entities.finder import find_mentions

__all__ = ["find_mentions"]
