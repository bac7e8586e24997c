"""The site index: unique slugs, URLs, sections, tags, archives, `Read more` links, related
articles, previous/next and entity pages — all the work that needs every article at once."""

from newsgen.index.build import build_index
from newsgen.index.model import (
    AttributedQuote,
    EntityMentionRef,
    EntityPageData,
    IndexedArticle,
    MonthArchive,
    ReadMore,
    Section,
    SiteIndex,
    Tag,
    YearArchive,
)

__all__ = [
    "AttributedQuote",
    "EntityMentionRef",
    "EntityPageData",
    "IndexedArticle",
    "MonthArchive",
    "ReadMore",
    "Section",
    "SiteIndex",
    "Tag",
    "YearArchive",
    "build_index",
]
