"""Where things live in a project tree. Tests and the benchmark point it at a temporary copy."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent.parent  # scripts/common/paths.py
LANGUAGES = ("fr", "en")


@dataclass(frozen=True)
class Project:
    """The folders and files of one project tree (the repository, or a test's copy)."""

    root: Path

    @property
    def sources(self) -> Path:
        return self.root / "sources"

    @property
    def manifest(self) -> Path:
        return self.sources / "sources.yml"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def cleaning_rules(self) -> Path:
        return self.data / "cleaning.yml"

    @property
    def companies(self) -> Path:
        return self.data / "companies.yml"

    @property
    def topics(self) -> Path:
        return self.data / "topics.yml"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def articles(self, lang: str) -> Path:
        """The folder of one language's article pages."""
        return self.docs / lang / "articles"

    def article_names(self, lang: str) -> list[str]:
        """The file names of one language's article pages (x.md), sorted. Names, not Path
        objects: a preview lists 20,000 pages at every rebuild."""
        folder = self.articles(lang)
        return sorted(name for name in os.listdir(folder) if name.endswith(".md")) if folder.is_dir() else []

    def relative(self, path: Path) -> str:
        """A path as a contributor sees it: relative to the project root when inside it."""
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)


REPO = Project(REPO_ROOT)
