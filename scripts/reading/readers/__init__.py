"""One reader per source format, all with the same contract: read(path, text) -> RawDocument.

Adding a format means adding a module here and a line to READERS.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from scripts.model.article import RawDocument
from scripts.reading.readers.html import read_html
from scripts.reading.readers.text import read_text

Reader = Callable[[Path, str], RawDocument]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".html": read_html,
    ".htm": read_html,
}


def reader_for(path: Path) -> Reader | None:
    """The reader for a source file, by its extension, or None when the format is unknown."""
    return READERS.get(path.suffix.lower())
