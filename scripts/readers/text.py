"""Reader for scraped plain text: one line per paragraph, heading or list item."""

from __future__ import annotations

from pathlib import Path

from scripts.article import RawDocument


def read_text(path: Path, text: str) -> RawDocument:
    """Split scraped plain text into lines; the text itself carries no metadata."""
    return RawDocument(path=path, lines=text.split("\n"))
