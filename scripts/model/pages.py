"""Markdown pages with YAML front matter: read, hash, write atomically."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from scripts.common.errors import SourceError
from scripts.common.files import read_regular_file, write_atomic
from scripts.common.safe_yaml import Loader, describe_error, load
from scripts.model.schema import ArticlePage, order_keys, schema_problem
from scripts.reading.render import render_page

# Ingest writes pages of a few KB; a page a thousand times larger is not an article.
MAX_PAGE_BYTES = 8 * 1024 * 1024

__all__ = ["Loader", "Page", "read_page", "write_atomic", "write_page"]


@dataclass
class Page:
    """A page as found on disk: its front matter (a dict) and its Markdown body."""

    path: Path
    meta: dict
    body: str

    def article(self) -> ArticlePage:
        """The front matter as the typed model `check` validates (pydantic's ValidationError if not)."""
        return ArticlePage.model_validate(self.meta)


def _split(path: Path, text: str) -> tuple[str | None, str]:
    """The front matter's YAML (None when the page has none) and the body."""
    if not text.startswith("---\n"):
        return None, text
    end = text.find("\n---\n", 3)
    if end == -1:
        raise SourceError(path, "front matter has no closing '---' line", line=1)
    body = text[end + 5 :]
    return text[4 : end + 1], body[1:] if body.startswith("\n") else body


def parse_page(path: Path, text: str) -> Page:
    """Split a page into front matter and body; a page without front matter has empty meta."""
    front, body = _split(path, text)
    if front is None:
        return Page(path, {}, body)
    try:
        meta = load(front) or {}
    except yaml.YAMLError as exc:
        problem, line = describe_error(exc, first_line=2)
        raise SourceError(path, f"front matter is not valid YAML: {problem}", line) from None
    if not isinstance(meta, dict):
        raise SourceError(path, "front matter must be a mapping of keys to values", line=2)
    return Page(path, meta, body)


def _read_text(path: Path) -> str:
    data = read_regular_file(path, MAX_PAGE_BYTES)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(path, f"not UTF-8 text (byte {exc.start}: {exc.reason})", line) from None


def read_page(path: Path) -> Page:
    """Read and parse one page; SourceError when it is a symbolic link, unreadable or not UTF-8."""
    return parse_page(path, _read_text(path))


def read_body(path: Path) -> str:
    """A page's Markdown body, without parsing its front matter (the build reads the bodies of
    pages whose front matter read_article_cached has)."""
    return _split(path, _read_text(path))[1]


# Each page's front matter as the typed model, with the (mtime, size) it was read at: the site
# build's stages pass these on. Not the pages: the build reads every page of both languages in
# each language's build, and 20,000 bodies kept for the whole build would be a third of its
# memory at 10,000 articles per language.
# Keyed by the path as a string: a preview's rebuild looks up 20,000 pages, and a Path's hash
# is computed again for every new Path object.
_ARTICLES: dict[str, tuple[tuple[int, int], ArticlePage]] = {}


def content_key(path: str | Path) -> tuple[int, int]:
    """What says a page changed: its modification time and size (SourceError if it cannot be stat'ed)."""
    try:
        stat = os.stat(path)
    except OSError as exc:  # a dangling or looping symbolic link
        raise SourceError(Path(path), f"cannot be read ({exc.strerror})") from None
    return stat.st_mtime_ns, stat.st_size


def read_page_caching_article(path: Path) -> Page:
    """Read a page; when its front matter matches the schema, keep the model for read_article_cached."""
    key = content_key(path)  # before reading: a page changed meanwhile is read again next time
    page = read_page(path)
    try:
        _ARTICLES[os.fspath(path)] = (key, ArticlePage.model_validate(page.meta))
    except ValidationError:
        _ARTICLES.pop(os.fspath(path), None)
    return page


def read_article_cached(path: str | Path) -> ArticlePage:
    """A page's front matter as the typed model `check` validates, read and validated once per
    content. SourceError when the page cannot be read, pydantic's ValidationError when it does
    not match the schema. Callers must not change it: it is shared."""
    name = os.fspath(path)
    key = content_key(name)
    cached = _ARTICLES.get(name)
    if cached and cached[0] == key:
        return cached[1]
    article = ArticlePage.model_validate(read_page(Path(name)).meta)
    _ARTICLES[name] = (key, article)
    return article


def content_hash(meta: dict, body: str) -> str:
    """Hash of what a page says, front matter included, but not of the hash stored in it.

    Ingest stores this in provenance.page_sha256 when it writes a page; a page whose hash no
    longer matches was edited by a contributor, and ingest leaves it alone.
    """
    stripped = dict(meta)
    # Ingest keeps the hash in provenance, translate (machine drafts) in translation.
    for key in ("provenance", "translation"):
        if isinstance(stripped.get(key), dict):
            stripped[key] = {k: v for k, v in stripped[key].items() if k != "page_sha256"}
    stripped.setdefault("provenance", {})
    canonical = json.dumps(stripped, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(f"{canonical}\n{body}".encode()).hexdigest()


def is_hand_edited(page: Page) -> bool:
    """True when a generated page no longer has the content its generator wrote."""
    blocks = [page.meta.get(key) for key in ("provenance", "translation")]
    # A block of another shape (`provenance: oops`) holds no hash: the page is no generator's.
    stored = next((b.get("page_sha256") for b in blocks if isinstance(b, dict) and b.get("page_sha256")), None)
    return stored is not None and stored != content_hash(page.meta, page.body)


def write_page(path: Path, meta: dict, body: str) -> None:
    """Write an article page atomically, once its front matter matches the schema `check` uses
    (SourceError naming each problem otherwise), its keys in the schema's order."""
    try:
        ArticlePage.model_validate(meta)
    except ValidationError as exc:
        raise SourceError(path, schema_problem(exc)) from None
    write_atomic(path, render_page(order_keys(meta), body))
