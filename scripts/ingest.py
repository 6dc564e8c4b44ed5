"""The ingest stage: sources/ + sources.yml -> docs/fr/articles/<slug>.md.

Incremental and safe to re-run: a page is rewritten only when its inputs changed, never when a
contributor edited it (its content no longer matches the hash ingest stored), and always atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

from scripts.article import Article, RawDocument
from scripts.cleaning import load_rules
from scripts.decoding import DEFAULT_MAX_BYTES, decode_source
from scripts.errors import SourceError
from scripts.manifest import Manifest, ManifestEntry, read_manifest
from scripts.pages import content_hash, is_hand_edited, parse_page, write_atomic, write_page
from scripts.paths import Project
from scripts.readers import reader_for
from scripts.render import render_body
from scripts.slugs import APOSTROPHES, MAX_SLUG_LENGTH
from scripts.structure import split_sentences, structure
from scripts.summary import describe
from scripts.tagging import Tagger

# Bump when a change to the code changes the pages it writes, so that every page is redone.
PIPELINE_VERSION = "1"
# Below this many conversions, starting worker processes costs more than it saves.
PARALLEL_MIN_JOBS = 40


@dataclass
class Outcome:
    """What happened to one source."""

    source: str
    status: str  # converted | unchanged | kept | failed | would convert
    page: Path | None = None
    message: str = ""
    notes: list[str] = field(default_factory=list)


def _fingerprint(project: Project) -> bytes:
    """Everything besides a source and its manifest entry that shapes the page ingest writes."""
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    for path in (project.cleaning_rules, project.companies, project.topics):
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.digest()


def input_hash(fingerprint: bytes, data: bytes, entry: ManifestEntry) -> str:
    """Hash of all a page is made from: the pipeline, the source's bytes, its manifest entry."""
    digest = hashlib.sha256(fingerprint)
    digest.update(hashlib.sha256(data).digest())
    digest.update(entry.model_dump_json().encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class PageState:
    """What ingest needs to know of a page it wrote before."""

    path: Path
    slug: str
    input_sha256: str | None
    hand_edited: bool


def _page_state(path: Path) -> tuple[str | None, PageState]:
    page = parse_page(path, path.read_text(encoding="utf-8"))
    provenance = page.meta.get("provenance") or {}
    slug = str(page.meta.get("slug") or path.stem)
    state = PageState(path, slug, provenance.get("input_sha256"), is_hand_edited(page))
    return provenance.get("source_file"), state


def _cache_entry(path: Path, source: str | None, state: PageState) -> dict:
    stat = path.stat()
    return {
        "key": f"{stat.st_size}:{stat.st_mtime_ns}",
        "source": source,
        "slug": state.slug,
        "input_sha256": state.input_sha256,
        "hand_edited": state.hand_edited,
    }


def _cache_path(project: Project) -> Path:
    return project.root / ".cache" / "ingest-pages.json"


def _save_cache(project: Project, entries: dict) -> None:
    try:
        _cache_path(project).parent.mkdir(exist_ok=True)
        write_atomic(_cache_path(project), json.dumps(entries, sort_keys=True))
    except OSError:
        pass  # a read-only checkout still works, only slower


def _existing_pages(project: Project) -> tuple[dict[str, PageState], list[SourceError], dict]:
    """French article pages by the source file they were made from.

    Reading every page's front matter is most of a no-change run, so what was read is cached
    in .cache/ by file size and modification time; a page that changed in any way is read again.
    """
    by_source: dict[str, PageState] = {}
    errors: list[SourceError] = []
    fresh: dict = {}
    folder = project.articles("fr")
    if not folder.is_dir():
        return by_source, errors, fresh
    try:
        cache = json.loads(_cache_path(project).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    for path in sorted(folder.glob("*.md")):
        stat = path.stat()
        key = f"{stat.st_size}:{stat.st_mtime_ns}"
        cached = cache.get(path.name)
        if cached and cached["key"] == key:
            source = cached["source"]
            state = PageState(path, cached["slug"], cached["input_sha256"], cached["hand_edited"])
        else:
            try:
                source, state = _page_state(path)
            except SourceError as exc:
                errors.append(exc)
                continue
        fresh[path.name] = _cache_entry(path, source, state)
        if source:
            by_source[source] = state
    if fresh != cache:
        _save_cache(project, fresh)
    return by_source, errors, fresh


def make_slug(title: str, source_name: str, taken: set[str]) -> tuple[str, str | None]:
    """A URL-safe slug from the title, unique among `taken`; (slug, warning or None)."""
    # An apostrophe separates words ("l’IA" -> "l-ia"), as French news sites write their URLs.
    base = slugify(title, max_length=MAX_SLUG_LENGTH, word_boundary=True, save_order=True, replacements=APOSTROPHES)
    # A hash of the source's name, not a counter: the same source always gets the same suffix,
    # whatever order sources arrive in.
    suffix = hashlib.sha1(source_name.encode()).hexdigest()[:6]
    if not base:
        return f"article-{suffix}", f"title has no letters to make a slug from: using article-{suffix}"
    if base not in taken:
        return base, None
    slug = f"{base[: MAX_SLUG_LENGTH - 7].rstrip('-')}-{suffix}"
    return slug, f"slug {base!r} is taken by another article: using {slug!r}"


def _title(article: Article, document: RawDocument, entry: ManifestEntry) -> tuple[str, list[str]]:
    if entry.title:
        return entry.title, []
    if document.meta.title:
        return document.meta.title, []
    if article.title:
        return article.title, []
    lead = next((b.text for b in article.blocks if b.kind == "paragraph"), "")
    fallback = split_sentences(lead)[0].rstrip(".") if lead else ""
    return fallback, ["no headline in the text: title made from the first sentence (set `title:` in sources.yml)"]


def build_meta(
    project_tagger: Tagger,
    article: Article,
    document: RawDocument,
    entry: ManifestEntry,
    title: str,
    slug: str,
    source_name: str,
    input_sha256: str,
) -> dict:
    """The front matter of a French article page, in the order contributors read it."""
    lead_block = next((b for b in article.blocks if b.kind == "paragraph"), None)
    lead = lead_block.text if lead_block else ""
    source = {
        "url": entry.url or document.meta.url,
        "outlet": entry.outlet or document.meta.sitename,
        "author": entry.author or document.meta.author,
        "author_bio": article.author_bio,
        "cites": article.cites,
    }
    body_text = "\n".join(b.text or "\n".join(b.items) for b in article.blocks if b is not lead_block)
    companies, topic_ids = project_tagger.tag(title, lead, body_text, hashtags=article.hashtags)
    tags = project_tagger.labels(topic_ids, "fr")
    meta = {
        "title": title,
        "slug": slug,
        "date": entry.date,
    }
    if entry.date_estimated:
        meta["date_estimated"] = True
    meta.update(
        {
            "description": describe(lead or title),
            "lang": "fr",
            "source": {k: v for k, v in source.items() if v},
            "images": [{k: v for k, v in vars(i).items() if v} for i in article.images],
            "hashtags": article.hashtags,
            "companies": companies,
            "tags": tags,
            "provenance": {
                "source_file": source_name,
                "input_sha256": input_sha256,
                "page_sha256": "",
                "tagged": {"companies": companies, "tags": tags},
            },
        }
    )
    return meta


@dataclass
class Ingest:
    """One ingest run over a project's sources."""

    project: Project
    force: bool = False
    dry_run: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES

    def select(self, paths: Iterable[Path] | None) -> list[Path]:
        """The sources to process: the given paths, or every file in sources/."""
        if paths:
            return [Path(p) for p in paths]
        return sorted(
            p
            for p in self.project.sources.iterdir()
            if p.is_file() and not p.name.startswith(".") and p != self.project.manifest
        )

    def run(self, paths: Iterable[Path] | None = None) -> Iterator[Outcome]:
        """Process the sources, yielding one outcome per source and per manifest problem.

        Three phases: a serial plan (cheap: hashes decide what to skip), the conversions (on
        every core when there are many), and a serial finish (slugs, in source order, so that
        collisions resolve the same way on every run; then the writes).
        """
        manifest: Manifest = read_manifest(self.project.manifest, self.project.relative(self.project.manifest))
        fingerprint = _fingerprint(self.project)
        existing, page_errors, cache = _existing_pages(self.project)
        for error in page_errors:
            yield Outcome(error.path, "failed", message=str(error))
        taken = {state.slug for state in existing.values()}
        taken |= {p.stem for p in self.project.articles("fr").glob("*.md")}
        selected = self.select(paths)
        if not paths:
            present = {p.name for p in selected}
            shown = self.project.relative(self.project.manifest)
            for name in sorted(set(manifest.entries) | set(manifest.errors)):
                if name not in present:
                    error = SourceError(shown, f"{name}: entry has no file in sources/", manifest.lines.get(name))
                    yield Outcome(name, "failed", message=str(error))
        planned: list[Job | Outcome] = []
        for path in selected:
            try:
                planned.append(self._plan(path, manifest, fingerprint, existing))
            except SourceError as error:
                planned.append(Outcome(path.name, "failed", message=str(error)))
        jobs = [job for job in planned if isinstance(job, Job)]
        converted = iter(self._convert_all(jobs))
        for item in planned:
            if isinstance(item, Outcome):
                yield item
                continue
            result = next(converted)
            if isinstance(result, SourceError):
                yield Outcome(item.name, "failed", message=str(result))
            else:
                outcome = self._finish(item, result, taken)
                if outcome.status == "converted":
                    state = PageState(outcome.page, outcome.page.stem, item.input_sha256, False)
                    cache[outcome.page.name] = _cache_entry(outcome.page, item.name, state)
                yield outcome
        if jobs and not self.dry_run:
            _save_cache(self.project, cache)

    def _plan(
        self, path: Path, manifest: Manifest, fingerprint: bytes, existing: dict[str, PageState]
    ) -> Job | Outcome:
        name = path.name
        shown = self.project.relative(path)
        if not path.is_file():
            raise SourceError(shown, "no such file")
        if reader_for(path) is None:
            raise SourceError(shown, f"unknown format {path.suffix!r}: sources are .txt or .html files")
        if name in manifest.errors:
            raise manifest.errors[name]
        entry = manifest.entries.get(name)
        if entry is None:
            raise SourceError(shown, f"no entry in {self.project.relative(self.project.manifest)} (date is required)")
        data = path.read_bytes()
        input_sha256 = input_hash(fingerprint, data, entry)
        previous = existing.get(name)
        if previous is not None and not self.force:
            if previous.hand_edited:
                return Outcome(name, "kept", previous.path, "edited by hand: left alone (--force to overwrite)")
            if previous.input_sha256 == input_sha256:
                return Outcome(name, "unchanged", previous.path)
        slug = previous.slug if previous is not None else None
        return Job(name, shown, data, entry, input_sha256, slug, self.max_bytes)

    def _convert_all(self, jobs: list[Job]) -> list[Converted | SourceError]:
        """Conversions in job order. All of them before any write: on two cores, writing while
        two workers convert measured slower than the two phases one after the other."""
        if len(jobs) < PARALLEL_MIN_JOBS or (os.cpu_count() or 1) < 2:
            return [convert(job, self.project) for job in jobs]
        workers = min(os.cpu_count() or 2, 4)
        with ProcessPoolExecutor(workers) as pool:
            return list(pool.map(convert, jobs, [self.project] * len(jobs), chunksize=16))

    def _finish(self, job: Job, result: Converted, taken: set[str]) -> Outcome:
        notes = list(result.notes)
        slug = job.slug
        if slug is None:
            slug, warning = make_slug(result.meta["title"], job.name, taken)
            if warning:
                notes.append(warning)
            taken.add(slug)
        meta = {"title": result.meta["title"], "slug": slug, **result.meta}
        # content_hash works on values, not YAML text: what ingest hashes here is what a later
        # run reads back (the safe dumper quotes every string YAML could read as another type).
        meta["provenance"]["page_sha256"] = content_hash(meta, result.body)
        target = self.project.articles("fr") / f"{slug}.md"
        if self.dry_run:
            return Outcome(job.name, "would convert", target, notes=notes)
        write_page(target, meta, result.body)
        return Outcome(job.name, "converted", target, notes=notes)


@dataclass(frozen=True)
class Job:
    """A source that needs converting, with what the conversion needs to know."""

    name: str
    shown: str
    data: bytes
    entry: ManifestEntry
    input_sha256: str
    slug: str | None
    max_bytes: int


@dataclass(frozen=True)
class Converted:
    """A converted source: its front matter (without slug) and Markdown body."""

    meta: dict
    body: str
    notes: tuple[str, ...]


def convert(job: Job, project: Project) -> Converted | SourceError:
    """Decode, read, clean, structure and tag one source (runs in a worker process)."""
    try:
        text, notes = decode_source(Path(job.shown), job.data, job.max_bytes)
        document = reader_for(Path(job.name))(Path(job.shown), text)
        article = structure(
            document, load_rules(project.cleaning_rules), author=job.entry.author or document.meta.author
        )
        if not article.blocks:
            raise SourceError(job.shown, "no article text left after cleaning")
        title, title_notes = _title(article, document, job.entry)
        meta = build_meta(Tagger.load(project), article, document, job.entry, title, "", job.name, job.input_sha256)
        del meta["slug"]
        return Converted(meta, render_body(article), tuple(notes + title_notes))
    except SourceError as error:
        return error
