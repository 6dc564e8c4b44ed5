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
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

from scripts.common.errors import SourceError
from scripts.common.files import read_regular_file, write_atomic
from scripts.common.paths import Project
from scripts.common.run_guards import DEFAULT_TIME_LIMIT, exclusive_run
from scripts.common.slugs import APOSTROPHES, MAX_SLUG_LENGTH
from scripts.model.pages import content_hash, is_hand_edited, read_page, write_page
from scripts.reading.cleaning import load_rules
from scripts.reading.conversion import Converted, Job, convert
from scripts.reading.decoding import DEFAULT_MAX_BYTES
from scripts.reading.manifest import Manifest, ManifestEntry, read_manifest
from scripts.reading.readers import reader_for
from scripts.reading.readers.outlets import read_outlet_lines
from scripts.tagging.tagger import Tagger

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


def input_hash(fingerprint: bytes, data: bytes, entry: ManifestEntry, shared: frozenset[str] = frozenset()) -> str:
    """Hash of all a page is made from: the pipeline, the source's bytes, its manifest entry,
    and the lines its outlet's other sources share with it (none: the hash is as it always was)."""
    digest = hashlib.sha256(fingerprint)
    digest.update(hashlib.sha256(data).digest())
    digest.update(entry.model_dump_json().encode())
    if shared:
        digest.update("\n".join(["outlet lines", *sorted(shared)]).encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class PageState:
    """What ingest needs to know of a page it wrote before."""

    path: Path
    slug: str
    input_sha256: str | None
    hand_edited: bool


def shown_path(project: Project, path: Path) -> str:
    """A file's path as messages print it. Not project.relative(path): that resolves a symbolic
    link, and would name its target instead of the link."""
    return str(Path(project.relative(path.parent)) / path.name)


def _page_state(path: Path) -> tuple[str | None, PageState]:
    page = read_page(path)
    provenance = page.meta.get("provenance")
    if not isinstance(provenance, dict):
        provenance = {}
    # The file's own name, never the front matter's `slug:`, which a contributed page could set
    # to "../../x" and have ingest write outside docs/ at the next change of its source.
    state = PageState(path, path.stem, provenance.get("input_sha256"), is_hand_edited(page))
    return provenance.get("source_file"), state


def _cache_entry(path: Path, source: str | None, state: PageState) -> dict:
    stat = path.lstat()
    return {
        "key": f"{stat.st_size}:{stat.st_mtime_ns}",
        "source": source,
        "slug": state.slug,
        "input_sha256": state.input_sha256,
        "hand_edited": state.hand_edited,
    }


CACHE_FIELDS = {"key", "source", "slug", "input_sha256", "hand_edited"}


def _cache_path(project: Project) -> Path:
    return project.root / ".cache" / "ingest-pages.json"


def _save_cache(project: Project, entries: dict) -> None:
    try:
        _cache_path(project).parent.mkdir(exist_ok=True)
        write_atomic(_cache_path(project), json.dumps(entries, sort_keys=True))
    except OSError:
        pass  # a read-only checkout still works, only slower


@dataclass
class ExistingPages:
    """The French article pages: by the source they were made from, and those of no known source."""

    by_source: dict[str, PageState]
    errors: list[SourceError]
    cache: dict
    # Slugs of pages ingest cannot tie to a source (unreadable, or provenance removed): a source
    # whose slug is one of them would otherwise get a second page beside it.
    orphans: dict[str, str] = field(default_factory=dict)


def _existing_pages(project: Project) -> ExistingPages:
    """French article pages by the source file they were made from.

    Reading every page's front matter is most of a no-change run, so what was read is cached
    in .cache/ by file size and modification time; a page that changed in any way is read again.
    """
    by_source: dict[str, PageState] = {}
    errors: list[SourceError] = []
    fresh: dict = {}
    orphans: dict[str, str] = {}
    folder = project.articles("fr")
    if not folder.is_dir():
        return ExistingPages(by_source, errors, fresh)
    try:
        cache = json.loads(_cache_path(project).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    for path in sorted(folder.glob("*.md")):
        stat = path.lstat()
        key = f"{stat.st_size}:{stat.st_mtime_ns}"
        cached = cache.get(path.name) if isinstance(cache, dict) else None
        # The cache is a file on disk like any other: an entry of another shape is read again.
        if isinstance(cached, dict) and cached.get("key") == key and cached.keys() >= CACHE_FIELDS:
            source = cached["source"]
            state = PageState(path, path.stem, cached["input_sha256"], cached["hand_edited"])
        else:
            try:
                source, state = _page_state(path)
            except SourceError as exc:
                errors.append(exc.shown_as(shown_path(project, path)))
                orphans[path.stem] = f"cannot be read ({exc.problem})"
                continue
        fresh[path.name] = _cache_entry(path, source, state)
        if source in by_source:
            # Two pages from one source: what two runs at once left behind before the lock.
            problem = f"made from sources/{source}, like {shown_path(project, by_source[source].path)}: remove one"
            errors.append(SourceError(shown_path(project, path), problem))
        elif source:
            by_source[str(source)] = state
        else:
            orphans[path.stem] = "has no provenance block (was it removed?)"
    if fresh != cache:
        _save_cache(project, fresh)
    return ExistingPages(by_source, errors, fresh, orphans)


def base_slug(title: str) -> str:
    """The slug a title makes, before any collision suffix ("" when it has no letters)."""
    # An apostrophe separates words ("l’IA" -> "l-ia"), as French news sites write their URLs.
    return slugify(title, max_length=MAX_SLUG_LENGTH, word_boundary=True, save_order=True, replacements=APOSTROPHES)


def make_slug(title: str, source_name: str, taken: set[str]) -> tuple[str, str | None]:
    """A URL-safe slug from the title, unique among `taken`; (slug, warning or None)."""
    base = base_slug(title)
    # A hash of the source's name, not a counter: the same source always gets the same suffix,
    # whatever order sources arrive in.
    suffix = hashlib.sha1(source_name.encode()).hexdigest()[:6]
    if not base:
        return f"article-{suffix}", f"title has no letters to make a slug from: using article-{suffix}"
    if base not in taken:
        return base, None
    slug = f"{base[: MAX_SLUG_LENGTH - 7].rstrip('-')}-{suffix}"
    return slug, f"slug {base!r} is taken by another article: using {slug!r}"


@dataclass
class Ingest:
    """One ingest run over a project's sources."""

    project: Project
    force: bool = False
    dry_run: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    time_limit: float = DEFAULT_TIME_LIMIT

    def select(self, paths: Iterable[Path] | None) -> list[Path]:
        """The sources to process: the given paths, or every file in sources/ (links included, to refuse them)."""
        if paths:
            return [Path(p) for p in paths]
        return sorted(
            p
            for p in self.project.sources.iterdir()
            if (p.is_file() or p.is_symlink()) and not p.name.startswith(".") and p != self.project.manifest
        )

    def run(self, paths: Iterable[Path] | None = None) -> Iterator[Outcome]:
        """Process the sources, yielding one outcome per source and per manifest problem.

        Three phases: a serial plan (cheap: hashes decide what to skip), the conversions (on
        every core when there are many), and a serial finish (slugs, in source order, so that
        collisions resolve the same way on every run; then the writes). A second run started
        meanwhile on the same project is refused: both would take the same sources for new.
        """
        if self.dry_run:
            yield from self._run(paths)
            return
        try:
            with exclusive_run(self.project, "ingest"):
                yield from self._run(paths)
        except SourceError as error:  # another run holds the lock
            yield Outcome(error.path, "failed", message=str(error))

    def _run(self, paths: Iterable[Path] | None) -> Iterator[Outcome]:
        shown = self.project.relative(self.project.manifest)
        try:
            manifest: Manifest = read_manifest(self.project.manifest, shown)
        except SourceError as error:
            yield Outcome(shown, "failed", message=str(error))
            return
        problem = self._settings_problem()
        if problem is not None:  # said once, not once per source
            yield Outcome(problem.path, "failed", message=str(problem))
            return
        fingerprint = _fingerprint(self.project)
        pages = _existing_pages(self.project)
        for error in pages.errors:
            yield Outcome(error.path, "failed", message=str(error))
        taken = {state.slug for state in pages.by_source.values()}
        taken |= {p.stem for p in self.project.articles("fr").glob("*.md")}
        selected = self.select(paths)
        if not paths:
            present = {p.name for p in selected}
            for name in sorted(set(manifest.entries) | set(manifest.errors)):
                if name not in present:
                    error = SourceError(shown, f"{name}: entry has no file in sources/", manifest.lines.get(name))
                    yield Outcome(name, "failed", message=str(error))
        shared = self._outlet_lines(selected, manifest)
        planned: list[Job | Outcome] = []
        for path in selected:
            try:
                # --force rewrites hand-edited pages only when their sources are named.
                job = self._plan(path, manifest, fingerprint, pages.by_source, bool(paths), shared.get(path.name))
                planned.append(job)
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
                outcome = self._finish(item, result, taken, pages.orphans)
                if outcome.status == "converted":
                    state = PageState(outcome.page, outcome.page.stem, item.input_sha256, False)
                    pages.cache[outcome.page.name] = _cache_entry(outcome.page, item.name, state)
                yield outcome
        if jobs and not self.dry_run:
            _save_cache(self.project, pages.cache)

    def _settings_problem(self) -> SourceError | None:
        """Why the cleaning rules or the registries cannot be loaded, or None."""
        rules = self.project.cleaning_rules
        try:
            load_rules(rules)
        except SourceError as error:
            return error.shown_as(self.project.relative(rules))
        except (OSError, UnicodeDecodeError) as error:
            return SourceError(self.project.relative(rules), f"cannot be read: {error}")
        try:
            Tagger.load(self.project)
        except Exception as error:  # any failure of the registries stops the run, said once
            where = f"{self.project.relative(self.project.companies)} or {self.project.relative(self.project.topics)}"
            return SourceError(where, f"cannot be loaded: {type(error).__name__}: {error}")
        return None

    def _outlet_lines(self, selected: list[Path], manifest: Manifest) -> dict[str, frozenset[str]]:
        """The pre-pass (scripts/reading/readers/outlets.py), over every source of the project and those
        named, so that a page does not depend on which sources a run names."""
        pool = {p.name: p for p in self.select(None)} if self.project.sources.is_dir() else {}
        pool.update((p.name, p) for p in selected)
        return read_outlet_lines(pool, manifest.entries, self.max_bytes)

    def _plan(
        self,
        path: Path,
        manifest: Manifest,
        fingerprint: bytes,
        existing: dict[str, PageState],
        named: bool,
        shared: frozenset[str] | None = None,
    ) -> Job | Outcome:
        name = path.name
        shown = shown_path(self.project, path)
        if not path.is_file() and not path.is_symlink():
            raise SourceError(shown, "no such file")
        if reader_for(path) is None:
            raise SourceError(shown, f"unknown format {path.suffix!r}: sources are .txt or .html files")
        if name in manifest.errors:
            raise manifest.errors[name]
        entry = manifest.entries.get(name)
        if entry is None:
            raise SourceError(shown, f"no entry in {self.project.relative(self.project.manifest)} (date is required)")
        data = read_regular_file(path, self.max_bytes, shown, hint=" (--max-bytes)")
        shared = shared or frozenset()
        input_sha256 = input_hash(fingerprint, data, entry, shared)
        previous = existing.get(name)
        if previous is not None:
            if previous.hand_edited and not (self.force and named):
                fix = f"`python -m scripts ingest {shown} --force` overwrites it"
                return Outcome(name, "kept", previous.path, f"edited by hand: left alone ({fix})")
            if previous.input_sha256 == input_sha256 and not self.force:
                return Outcome(name, "unchanged", previous.path)
        slug = previous.slug if previous is not None else None
        return Job(name, shown, data, entry, input_sha256, slug, self.max_bytes, self.time_limit, shared)

    def _convert_all(self, jobs: list[Job]) -> list[Converted | SourceError]:
        """Conversions in job order. All of them before any write: on two cores, writing while
        two workers convert measured slower than the two phases one after the other."""
        if len(jobs) < PARALLEL_MIN_JOBS or (os.cpu_count() or 1) < 2:
            return [convert(job, self.project) for job in jobs]
        workers = min(os.cpu_count() or 2, 4)
        with ProcessPoolExecutor(workers) as pool:
            futures = [pool.submit(convert, job, self.project) for job in jobs]
            results = [_result(future, job) for future, job in zip(futures, jobs, strict=True)]
        # A worker that died (killed for memory, a crash in a C library) takes with it every
        # conversion still in the pool: each is done again in a pool of its own.
        for index, result in enumerate(results):
            if result is None:
                with ProcessPoolExecutor(1) as pool:
                    results[index] = _result(pool.submit(convert, jobs[index], self.project), jobs[index], last=True)
        return results  # type: ignore[return-value]

    def _finish(self, job: Job, result: Converted, taken: set[str], orphans: dict[str, str]) -> Outcome:
        notes = list(result.notes)
        slug = job.slug
        if slug is None:
            base = base_slug(result.meta["title"])
            if base in orphans:
                page = self.project.relative(self.project.articles("fr") / f"{base}.md")
                problem = f"its page {page} {orphans[base]}: left alone, no second copy written; fix or remove it"
                return Outcome(job.name, "failed", message=f"{job.shown}: {problem}")
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


def _result(future: object, job: Job, last: bool = False) -> Converted | SourceError | None:
    """A worker's result; None when its process died and the job may be tried again."""
    try:
        return future.result()  # type: ignore[attr-defined]
    except BrokenProcessPool:
        if last:
            return SourceError(job.shown, "the process converting it died (out of memory?)")
        return None
    except Exception as error:  # any failure is this source's, not the batch's
        return SourceError(job.shown, f"could not be converted: {type(error).__name__}: {error}")
