"""Every article of one language, as the listings and the page context need it."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import chain
from pathlib import Path

from pydantic import ValidationError
from slugify import slugify

from scripts.common.errors import SourceError
from scripts.common.paths import Project
from scripts.common.slugs import APOSTROPHES, publish_under, title_slug
from scripts.model.pages import read_article_cached, read_body
from scripts.model.registry import Registry
from scripts.model.schema import ArticlePage, schema_problem
from scripts.site.strings import SECTIONS
from scripts.tagging.retag import split_lead

DEFAULT_LANGUAGE = "fr"  # as scripts/site/pairs.py, which imports this module


@dataclass(frozen=True)
class Entry:
    """One article: what listings show and what links to it (paths relative to docs/<lang>/)."""

    lang: str
    slug: str
    title: str
    date: dt.date
    description: str
    companies: tuple[str, ...]  # in order of salience (Salience), not the front matter's
    tags: tuple[str, ...]
    article: ArticlePage  # the front matter, as the schema `check` validates

    @property
    def path(self) -> str:
        return f"articles/{self.slug}.md"


def published_slugs(entries: list[Entry]) -> dict[str, str]:
    """Each edition's slug on the site: from its own title; its file's (the French article's) when
    the title gives none, or one that another edition, or another edition's file, already has."""
    files = {e.slug for e in entries}
    names: dict[str, str] = {}
    taken: set[str] = set()
    for entry in sorted(entries, key=lambda e: (e.date, e.slug)):  # the older edition keeps a shared name
        slug = title_slug(entry.title)
        if not slug or slug in taken or (slug in files and slug != entry.slug):
            slug = entry.slug
        names[entry.slug] = slug
        taken.add(slug)
    return names


@cache  # slugify is slow, and every page links to the same few hundred names
def company_slug(name: str) -> str:
    """The file name of a company's page. "C++" and "C#" must not meet: symbols are spelled out."""
    return slugify(name, replacements=[*APOSTROPHES, ["+", "-plus"], ["#", "-sharp"], ["&", "-and-"]])


def label_slug(label: str) -> str:
    """The file name of a topic's page in one language."""
    return company_slug(label)


# (path, mtime, size) -> the tagger's scores of a French page: both languages order by them.
# They hold for one registry (_SCORED_WITH): a preview whose data/ changes scores again.
_SCORES: dict[tuple[str, int, int], tuple[dict[str, int], dict[str, int]]] = {}
_SCORED_WITH: Registry | None = None


class Salience:
    """Chips in the order of how central each company and topic is to the article.

    The front matter lists them in registry order (the tagger's, plus any added by hand); the
    tagger's scores of the French text (title 3, lead 2, body 1, scripts/tagging/tagger.py) say which
    the article is most about. An English edition follows its French article's scores. Names
    the tagger did not score (added by hand) keep their place after the scored ones.
    """

    def __init__(self, project: Project, registry: Registry) -> None:
        global _SCORED_WITH
        if registry != _SCORED_WITH:  # other names, other patterns: other scores
            _SCORES.clear()
            _SCORED_WITH = registry
        self.registry = registry
        self._french = str(project.articles("fr"))  # a string: 20,000 Path objects per load add up
        self._tagger = None
        self._topic_ids = {lang: {t.labels[lang]: t.id for t in registry.topics} for lang in ("fr", "en")}

    def scores(self, slug: str) -> tuple[dict[str, int], dict[str, int]]:
        path = f"{self._french}/{slug}.md"
        try:
            stat = os.stat(path)
        except OSError:
            return {}, {}
        key = (path, stat.st_mtime_ns, stat.st_size)
        if key not in _SCORES:
            if self._tagger is None:
                from scripts.tagging.tagger import Tagger  # the tagger's patterns take a moment to build

                self._tagger = Tagger(self.registry)
            try:
                french = read_article_cached(Path(path))
            except (SourceError, ValidationError):
                return {}, {}  # `check` reports it; the chips keep the front matter's order
            lead, rest = split_lead(read_body(Path(path)))
            _SCORES[key] = self._tagger.scores(french.title, lead, rest, french.hashtags)
        return _SCORES[key]

    def order(self, lang: str, slug: str, article: ArticlePage) -> tuple[tuple[str, ...], tuple[str, ...]]:
        companies, tags = list(article.companies), list(article.tags)
        if len(companies) < 2 and len(tags) < 2:
            return tuple(companies), tuple(tags)
        # An English edition has its French article's file name (docs/<lang>/articles/<slug>.md).
        company_scores, topic_scores = self.scores(slug)
        ids = self._topic_ids.get(lang, {})
        # sorted() is stable: equal scores keep the front matter's order.
        companies.sort(key=lambda name: -company_scores.get(name, 0))
        tags.sort(key=lambda label: -topic_scores.get(ids.get(label, ""), 0))
        return tuple(companies), tuple(tags)


@dataclass
class Catalogue:
    """One language's articles, newest first, and the registry they are tagged against."""

    lang: str
    entries: list[Entry]
    registry: Registry
    docs: Path | None = None  # docs/ of the project, where the articles' text is
    skipped: list[str] = field(default_factory=list)  # pages left out, each as a one-line problem

    @classmethod
    def load(cls, project: Project, lang: str, registry: Registry, *, strict: bool = False) -> Catalogue:
        """The language's articles. A page that cannot be read or fails the schema raises
        SourceError when strict; otherwise it is left out and named in `skipped` (a build checks
        its own language's pages first, and names the other language's it left out)."""
        folder = str(project.articles(lang))
        entries, skipped = [], []
        salience = Salience(project, registry)
        for name in project.article_names(lang):  # string paths too: 20,000 a preview's rebuild
            path, slug = os.path.join(folder, name), name.removesuffix(".md")
            try:
                article = read_article_cached(path)
            except (SourceError, ValidationError) as exc:
                problem = SourceError(Path(path), schema_problem(exc)) if isinstance(exc, ValidationError) else exc
                if strict:
                    raise problem from None
                skipped.append(str(problem.shown_as(project.relative(Path(path)))))
                continue
            companies, tags = salience.order(lang, slug, article)
            entry = Entry(lang, slug, article.title, article.date, article.description, companies, tags, article)
            entries.append(entry)
        # Newest first; on the same day, by slug, so the order never depends on the file system.
        entries.sort(key=lambda e: (-e.date.toordinal(), e.slug))
        if lang != DEFAULT_LANGUAGE:
            publish_under(lang, published_slugs(entries))
        return cls(lang, entries, registry, project.docs, skipped)

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

    @cached_property
    def _slugs_by_name(self) -> dict[str, list[str]]:
        return {name: [e.slug for e in entries] for name, entries in self._by_name.items()}

    @cached_property
    def _day_of(self) -> dict[str, int]:
        return {e.slug: e.date.toordinal() for e in self.entries}

    def related(self, entry: Entry, limit: int = 3) -> list[Entry]:
        """Articles sharing the most companies and topics with this one, the closest in time first
        (then by slug)."""
        names = [*(f"company:{c}" for c in entry.companies), *(f"topic:{t}" for t in entry.tags)]
        # Counting and ranking by score run in C (Counter, most_common): a page costs
        # O(articles per tag) at C speed, and only the candidates that can still make the cut
        # (score at least that of the limit-th) are ranked by date in Python.
        scores = Counter(chain.from_iterable(self._slugs_by_name.get(name, ()) for name in names))
        scores.pop(entry.slug, None)
        ranked = scores.most_common()
        if len(ranked) > limit:
            floor, end = ranked[limit - 1][1], limit
            while end < len(ranked) and ranked[end][1] == floor:
                end += 1
            ranked = ranked[:end]
        day = entry.date.toordinal()
        ranked.sort(key=lambda item: (-item[1], abs(self._day_of[item[0]] - day), item[0]))
        return [self.by_slug[slug] for slug, _ in ranked[:limit]]


def relative_link(from_path: str, to_path: str) -> str:
    """A Markdown link target from one page to another, both relative to docs/<lang>/."""
    depth = from_path.count("/")
    return "../" * depth + to_path


def docs_path(project: Project, lang: str, path: str) -> Path:
    return project.docs / lang / path
