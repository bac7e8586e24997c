"""Reading content files: discovery, decoding, front matter, the plain-text and Markdown formats."""

from newsgen.loader.article import LoadResult, load_article
from newsgen.loader.discover import discover

__all__ = ["LoadResult", "discover", "load_article"]
