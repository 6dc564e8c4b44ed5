"""Markdown pages with YAML front matter: read, hash, write atomically."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.errors import SourceError
from scripts.render import render_page


class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe loader (fast), where an impossible date stays a string for the schema to report."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return node.value


Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


@dataclass
class Page:
    """A page as found on disk: its front matter (a dict) and its Markdown body."""

    path: Path
    meta: dict
    body: str


def parse_page(path: Path, text: str) -> Page:
    """Split a page into front matter and body; a page without front matter has empty meta."""
    if not text.startswith("---\n"):
        return Page(path, {}, text)
    end = text.find("\n---\n", 3)
    if end == -1:
        raise SourceError(path, "front matter has no closing '---' line", line=1)
    try:
        meta = yaml.load(text[4 : end + 1], Loader=Loader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        raise SourceError(path, f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}", line) from None
    if not isinstance(meta, dict):
        raise SourceError(path, "front matter must be a mapping of keys to values", line=2)
    body = text[end + 5 :]
    return Page(path, meta, body[1:] if body.startswith("\n") else body)


def read_page(path: Path) -> Page:
    """Read and parse one page."""
    return parse_page(path, path.read_text(encoding="utf-8"))


_CACHE: dict[Path, tuple[tuple[int, int], Page]] = {}


def read_page_cached(path: Path) -> Page:
    """Read a page once per content: the site build reads every page in each language's build.

    Callers must not change the returned page's meta (it is shared)."""
    stat = path.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(path)
    if cached and cached[0] == key:
        return cached[1]
    page = read_page(path)
    _CACHE[path] = (key, page)
    return page


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
    stored = (page.meta.get("provenance") or {}).get("page_sha256") or (page.meta.get("translation") or {}).get(
        "page_sha256"
    )
    return stored is not None and stored != content_hash(page.meta, page.body)


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that readers see the old or the new content, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_page(path: Path, meta: dict, body: str) -> None:
    """Write a page atomically."""
    write_atomic(path, render_page(meta, body))
