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

from scripts.paths import Project
from scripts.registry import Registry

log = logging.getLogger("mkdocs.hooks.news")


def watched(project: Project) -> list[Path]:
    """What MkDocs does not watch by itself: the registries and the sources (docs/ it does)."""
    return [folder for folder in (project.data, project.sources) if folder.is_dir()]


def ingest_changes(project: Project) -> None:
    """Convert new or changed sources (incremental: unchanged ones cost a hash each)."""
    from scripts.errors import SourceError
    from scripts.ingest import Ingest

    try:
        for outcome in Ingest(project).run():
            if outcome.status == "converted":
                log.info("ingest: %s", project.relative(outcome.page) if outcome.page else outcome.source)
            elif outcome.status == "failed":
                log.warning("ingest: %s", outcome.message)
    except SourceError as error:  # a manifest being edited: say so, and preview the pages as they are
        log.warning("ingest: %s", error)


def regenerate_listings(project: Project, registry: Registry, catalogues: dict) -> None:
    """Rewrite the listing pages that differ from what the articles make."""
    from scripts.site.listings import generate_pages, write_pages

    for path in write_pages(project, generate_pages(project, registry, catalogues)):
        log.info("listing page regenerated: %s", path)
