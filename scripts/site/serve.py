"""`mkdocs serve`: what a preview redoes when sources, data or articles change.

A build never writes into docs/ (CI checks the committed pages instead). A preview does, so that
a contributor sees a new source, a registry entry or an article's new title on the home page
without running `scripts ingest` and `scripts pages` by hand. The hooks call these from on_config,
before the articles are read and the pages mapped: from on_pre_build, which comes after, a new
page or company page would show only in the next rebuild.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from scripts.common.files import tree_entries
from scripts.common.paths import Project
from scripts.model.registry import Registry

if TYPE_CHECKING:
    from scripts.site.listings import GeneratedPages

log = logging.getLogger("mkdocs.hooks.news")


def watched(project: Project) -> list[Path]:
    """What MkDocs does not watch by itself: the registries and the sources (docs/ it does)."""
    return [folder for folder in (project.data, project.sources) if folder.is_dir()]


def tree_state(*folders: Path) -> tuple:
    """What a folder's files and folders are, cheaply: each one's path, modification time and
    size, links not followed (sources/ holds 10,000 files at 10,000 articles)."""
    found: list[tuple[str, int, int]] = []
    for entry in (entry for folder in folders for entry in tree_entries(folder)):
        try:  # an editor's lock file is a dangling link; its swap file comes and goes
            info = entry.stat(follow_symlinks=False)
        except FileNotFoundError:
            continue
        found.append((entry.path, info.st_mtime_ns, info.st_size))
    return tuple(found)


# What sources/ and data/ were when ingest last ran in this preview: a rebuild for an edited
# article does not hash every source again (1.8 s at 10,000 sources).
_ingested_state: tuple | None = None


def ingest_changes(project: Project) -> None:
    """Convert new or changed sources (incremental: unchanged ones cost a hash each)."""
    global _ingested_state
    from scripts.common.errors import SourceError
    from scripts.reading.ingest import Ingest

    state = tree_state(project.sources, project.data)
    if state == _ingested_state or not project.sources.is_dir():
        return  # nothing new since the last time, or nothing to ingest (a copy of docs/ alone)
    try:
        for outcome in Ingest(project).run():
            if outcome.status == "converted":
                log.info("ingest: %s", project.relative(outcome.page) if outcome.page else outcome.source)
            elif outcome.status == "failed":
                log.warning("ingest: %s", outcome.message)
    except SourceError as error:  # a manifest being edited: say so, and preview the pages as they are
        log.warning("ingest: %s", error)
    else:
        _ingested_state = state  # a run that did not finish is tried again at the next rebuild


_checked: dict[str, tuple[tuple | None, list[str]]] = {}
_checked_data: tuple | None = None


def check_pages_cached(project: Project, registry: Registry, languages: tuple[str, ...]) -> list[str]:
    """check_pages for a preview's rebuild: a page checked before and unchanged since, with the
    same registries, keeps its result (the check reads each page's front matter against data/)."""
    global _checked_data
    from scripts.site.build_site import check_pages

    data = tree_state(project.data)
    if data != _checked_data:
        _checked.clear()
        _checked_data = data
    return check_pages(project, registry, languages, _checked)


# The listing pages a preview last made, with what they were made from: most rebuilds follow
# an edit to an article's text, which no listing shows, and making every listing again took
# most of a second at 10,000 articles per language.
_listings: tuple[tuple, GeneratedPages] | None = None


def listing_inputs(registry: Registry, catalogues: dict) -> tuple:
    """What the listing pages show of the registry and the articles (scripts/site/listings.py)."""
    shown = tuple(
        (lang, tuple((e.slug, e.title, e.date, e.description, e.companies, e.tags) for e in catalogue.entries))
        for lang, catalogue in sorted(catalogues.items())
    )
    return registry, shown


def regenerate_listings(project: Project, registry: Registry, catalogues: dict) -> None:
    """Rewrite the listing pages that differ from what the articles make."""
    global _listings
    from scripts.site.listings import generate_pages, write_pages

    inputs = listing_inputs(registry, catalogues)
    if _listings is None or _listings[0] != inputs:
        _listings = (inputs, generate_pages(project, registry, catalogues))
    # Compared with the files even when nothing they show changed: a listing page deleted or
    # edited by hand comes back as generated.
    for path in write_pages(project, _listings[1]):
        log.info("listing page regenerated: %s", path)


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates, kept in memory for the length of a preview. Each build makes a
    new Jinja environment, and a rebuild is two builds (static-i18n builds the other language):
    compiling Material's templates again was a quarter of a rebuild at 1,000 articles (py-spy).
    Jinja checks a compiled template against a checksum of its source, so an edited override is
    compiled again. Both languages' environments are set up alike (same theme, same extensions),
    which is what sharing compiled templates between environments needs."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
