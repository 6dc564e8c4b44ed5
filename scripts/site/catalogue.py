"""Every article of one language, as the listings and the page context need it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from slugify import slugify

from scripts.pages import read_page_cached
from scripts.paths import Project
from scripts.registry import Registry
from scripts.site.strings import SECTIONS
from scripts.slugs import APOSTROPHES


@dataclass(frozen=True)
class Entry:
    """One article: what listings show and what links to it (paths relative to docs/<lang>/)."""

    lang: str
    slug: str
    title: str
    date: dt.date
    description: str
    companies: tuple[str, ...]
    tags: tuple[str, ...]
    meta: dict

    @property
    def path(self) -> str:
        return f"articles/{self.slug}.md"


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def company_slug(name: str) -> str:
    """The file name of a company's page. "C++" and "C#" must not meet: symbols are spelled out."""
    return slugify(name, replacements=[*APOSTROPHES, ["+", "-plus"], ["#", "-sharp"], ["&", "-and-"]])


def label_slug(label: str) -> str:
    """The file name of a topic's page in one language."""
    return company_slug(label)


@dataclass
class Catalogue:
    """One language's articles, newest first, and the registry they are tagged against."""

    lang: str
    entries: list[Entry]
    registry: Registry

    @classmethod
    def load(cls, project: Project, lang: str, registry: Registry) -> Catalogue:
        folder = project.articles(lang)
        entries = []
        for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
            meta = read_page_cached(path).meta
            entries.append(
                Entry(
                    lang,
                    path.stem,
                    str(meta.get("title", path.stem)),
                    _as_date(meta.get("date", "1970-01-01")),
                    str(meta.get("description", "")),
                    tuple(meta.get("companies") or []),
                    tuple(meta.get("tags") or []),
                    meta,
                )
            )
        # Newest first; on the same day, by slug, so the order never depends on the file system.
        entries.sort(key=lambda e: (-e.date.toordinal(), e.slug))
        return cls(lang, entries, registry)

    @cached_property
    def by_slug(self) -> dict[str, Entry]:
        return {e.slug: e for e in self.entries}

    @cached_property
    def _by_name(self) -> dict[str, list[Entry]]:
        # Companies and topics to their articles, newest first: one pass, not one per page.
        index: dict[str, list[Entry]] = {}
        for entry in self.entries:
            for name in {*(f"company:{c}" for c in entry.companies), *(f"topic:{t}" for t in entry.tags)}:
                index.setdefault(name, []).append(entry)
        return index

    @cached_property
    def topic_by_label(self) -> dict:
        return {t.labels[self.lang]: t for t in self.registry.topics}

    def company_path(self, name: str) -> str:
        return f"{SECTIONS[self.lang]['companies']}/{company_slug(name)}.md"

    def topic_path(self, label: str) -> str | None:
        """The page of a topic, named after its label in this language (French URLs in French)."""
        if label not in self.topic_by_label:
            return None
        return f"{SECTIONS[self.lang]['topics']}/{label_slug(label)}.md"

    def by_company(self, name: str) -> list[Entry]:
        return self._by_name.get(f"company:{name}", [])

    def by_topic(self, label: str) -> list[Entry]:
        return self._by_name.get(f"topic:{label}", [])

    def related(self, entry: Entry, limit: int = 3) -> list[Entry]:
        """Articles sharing the most companies and topics with this one, the closest in time first."""
        # Only articles that share something are candidates: O(articles per tag), not O(all).
        scores: dict[str, int] = {}
        for company in entry.companies:
            for other in self.by_company(company):
                scores[other.slug] = scores.get(other.slug, 0) + 1
        for label in entry.tags:
            for other in self.by_topic(label):
                scores[other.slug] = scores.get(other.slug, 0) + 1
        shared = []
        for slug, score in scores.items():
            if slug != entry.slug:
                other = self.by_slug[slug]
                shared.append((-score, abs((other.date - entry.date).days), other.slug, other))
        return [item[-1] for item in sorted(shared, key=lambda item: item[:3])[:limit]]


def relative_link(from_path: str, to_path: str) -> str:
    """A Markdown link target from one page to another, both relative to docs/<lang>/."""
    depth = from_path.count("/")
    return "../" * depth + to_path


def docs_path(project: Project, lang: str, path: str) -> Path:
    return project.docs / lang / path
