"""Reader for saved web pages: trafilatura finds the main text and the page's metadata."""

from __future__ import annotations

from pathlib import Path

import trafilatura

from scripts.article import RawDocument, SourceMeta
from scripts.errors import SourceError


def read_html(path: Path, text: str) -> RawDocument:
    """Extract the article's text and metadata (title, date, author, canonical URL) from HTML."""
    document = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=False,
    )
    body = getattr(document, "text", None) if document is not None else None
    if not body or not body.strip():
        raise SourceError(path, "HTML page has no extractable article text")
    meta = SourceMeta(
        title=document.title or None,
        date=document.date or None,
        author=document.author or None,
        url=document.url or None,
        sitename=document.sitename or None,
    )
    # trafilatura separates paragraphs with single newlines; list items come as "- item".
    lines = []
    for line in body.split("\n"):
        lines.append("• " + line[2:] if line.startswith("- ") else line)
        lines.append("")
    return RawDocument(path=path, lines=lines, meta=meta)
