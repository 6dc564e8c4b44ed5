"""`python -m scripts <command>`: the project's one command line. Commands stay thin: each calls
the stage it names. They are grouped as the stages are: content (ingest, check, tag, translate),
site (pages, links, build, weight) and tools (bench, quality report)."""

from scripts.cli import content, site, tools  # noqa: F401 (importing them registers their commands)
from scripts.cli.app import app

__all__ = ["app"]
