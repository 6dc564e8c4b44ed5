"""Reader for scraped plain text: one line per paragraph, heading or list item."""

from __future__ import annotations

from pathlib import Path

from scripts.model.article import RawDocument, SourceMeta
from scripts.reading.readers.boilerplate import extract_article
from scripts.reading.readers.headline import extract_head
from scripts.reading.readers.outlets import drop_shared


def read_text(path: Path, text: str, shared: frozenset[str] = frozenset()) -> RawDocument:
    """Split scraped plain text into lines; a whole-page copy is cut down to its article.

    `shared`: the normalised lines other sources of the same outlet also show (its menus and
    footers, scripts/reading/readers/outlets.py): furniture in a whole page, dropped from a tidy text."""
    lines = text.split("\n")
    found = extract_article(lines, shared)
    if found is None:
        lines, author = extract_head(drop_shared(lines, shared))
        return RawDocument(path=path, lines=lines, meta=SourceMeta(author=author))
    return RawDocument(path=path, lines=found.lines, meta=SourceMeta(title=found.title, author=found.author))
