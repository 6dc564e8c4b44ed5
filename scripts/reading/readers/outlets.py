"""Lines an outlet prints on every page: its menus, footers and banners, found across sources.

A whole-page copy of one article cannot tell the outlet's menu from a short paragraph; three
copies from the same outlet can: what comes back in most of them is the site's, not the
article's (Kohlschütter et al. use the same signal across a site's pages). Ingest counts the
lines in its parent process, before the conversions, and hands each source the lines of its own
that at least two other sources of its outlet share; the text reader drops them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import urlsplit

from scripts.common.errors import SourceError
from scripts.common.files import read_regular_file
from scripts.reading.decoding import decode_source
from scripts.reading.manifest import ManifestEntry
from scripts.reading.readers.headline import is_byline, is_dateline
from scripts.reading.readers.textlines import normalise

# A line is the outlet's when at least this many other sources of the outlet show it.
OTHER_SOURCES = 2
# A source that shares more than this share of its long lines' text (paragraphs, by characters)
# with the others is the same article copied again, not an article among the outlet's
# furniture: nothing of it is dropped, so its page is the one it would get alone.
MAX_SHARED_TEXT = 0.5
LONG_CHARS = 50


def outlet_key(outlet: str | None, url: str | None) -> str | None:
    """Which outlet a source is from: the manifest's `outlet:`, else its address's host."""
    if outlet and normalise(outlet):
        return "outlet:" + normalise(outlet)
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:  # a malformed address groups with nothing
        return None
    return "host:" + host.removeprefix("www.") if host else None


def _countable(text: str) -> str | None:
    # A byline is the same on every article of one author, and ingest reads the author from it.
    text = text.strip()
    return normalise(text) if text and not is_byline(text) and not is_dateline(text) else None


def shared_lines(sources: Iterable[tuple[str, str | None, str]]) -> dict[str, frozenset[str]]:
    """For each (name, outlet key, text), the normalised lines of its text that at least
    OTHER_SOURCES other sources of the same outlet also have; sources without an outlet, and
    copies of another source (most of their paragraphs shared), get none."""
    lines_of: dict[str, set[str]] = {}
    outlet_of: dict[str, str] = {}
    counts: dict[str, Counter[str]] = {}
    for name, outlet, text in sources:
        if outlet is None:
            continue
        lines = {line for line in map(_countable, text.split("\n")) if line}
        lines_of[name], outlet_of[name] = lines, outlet
        counts.setdefault(outlet, Counter()).update(lines)
    shared = {}
    for name, lines in sorted(lines_of.items()):
        count = counts[outlet_of[name]]
        own = frozenset(line for line in lines if count[line] - 1 >= OTHER_SOURCES)
        long = [line for line in lines if len(line) >= LONG_CHARS]
        text = sum(map(len, long))
        copied = sum(len(line) for line in long if line in own) > MAX_SHARED_TEXT * text if long else own == lines
        shared[name] = frozenset() if copied else own
    return shared


def read_outlet_lines(
    sources: dict[str, Path], entries: Mapping[str, ManifestEntry], max_bytes: int
) -> dict[str, frozenset[str]]:
    """shared_lines() of the .txt sources (by name) whose manifest entry gives an outlet. One read
    and decode per source of an outlet with three sources or more, with the conversions' limits;
    a source that cannot be read or decoded counts for nothing here, and its conversion says why."""
    members: dict[str, list[tuple[str, Path]]] = {}
    for name, path in sorted(sources.items()):
        entry = entries.get(name)
        key = outlet_key(entry.outlet, entry.url) if entry is not None and path.suffix.lower() == ".txt" else None
        if key is not None:
            members.setdefault(key, []).append((name, path))
    texts = []
    for key, group in members.items():
        if len(group) <= OTHER_SOURCES:
            continue
        for name, path in group:
            try:
                text, _ = decode_source(Path(name), read_regular_file(path, max_bytes, name), max_bytes)
            except (SourceError, OSError, UnicodeError, LookupError):
                continue
            texts.append((name, key, text))
    return shared_lines(texts)


def drop_shared(lines: list[str], shared: frozenset[str]) -> list[str]:
    """The lines with the outlet's own blanked (blank, so that paragraphs stay apart)."""
    if not shared:
        return lines
    return ["" if normalise(line) in shared else line for line in lines]
