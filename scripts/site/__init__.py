"""The site around the articles: listing pages, per-page context, search index, feeds."""
