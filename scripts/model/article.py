"""The plain-data contract between the pipeline's stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SourceMeta:
    """What a reader found in a source besides its text (an HTML page's metadata)."""

    title: str | None = None
    date: str | None = None
    author: str | None = None
    url: str | None = None
    sitename: str | None = None


@dataclass
class RawDocument:
    """A source read and decoded: its lines, plus whatever metadata the format carries."""

    path: Path
    lines: list[str]
    meta: SourceMeta = field(default_factory=SourceMeta)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Block:
    """One block of the article body: a paragraph, a heading or a list."""

    kind: str  # "paragraph" | "heading" | "list"
    text: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Image:
    """An image's caption and credit; the image itself never survives scraping."""

    caption: str | None = None
    credit: str | None = None


@dataclass
class Article:
    """A cleaned, structured article, ready to be written as Markdown."""

    title: str | None
    blocks: list[Block]
    images: list[Image] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    hashtags: list[str] = field(default_factory=list)
    author: str | None = None
    author_bio: str | None = None
    dropped_comments: int = 0
