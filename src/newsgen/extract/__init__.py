"""Pure functions of text that derive an article's metadata: dates, quotes, links, summary."""
