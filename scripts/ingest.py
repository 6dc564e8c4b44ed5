"""The ingest stage: sources/ + sources.yml -> docs/fr/articles/<slug>.md.

Incremental and safe to re-run: a page is rewritten only when its inputs changed, never when a
contributor edited it (its content no longer matches the hash ingest stored), and always atomically.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

from scripts.article import Article, RawDocument
from scripts.cleaning import load_rules
from scripts.decoding import DEFAULT_MAX_BYTES, decode_source
from scripts.errors import SourceError
from scripts.manifest import Manifest, ManifestEntry, read_manifest
from scripts.pages import Page, content_hash, is_hand_edited, parse_page, write_page
from scripts.paths import Project
from scripts.readers import reader_for
from scripts.render import render_body, render_page
from scripts.structure import split_sentences, structure
from scripts.summary import describe
from scripts.tagging import Tagger

# Bump when a change to the code changes the pages it writes, so that every page is redone.
PIPELINE_VERSION = "1"
MAX_SLUG_LENGTH = 80
APOSTROPHES = [["’", "-"], ["'", "-"]]


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


def _existing_pages(project: Project) -> tuple[dict[str, Page], list[SourceError]]:
    """French article pages by the source file they were made from."""
    by_source: dict[str, Page] = {}
    errors: list[SourceError] = []
    folder = project.articles("fr")
    if not folder.is_dir():
        return by_source, errors
    for path in sorted(folder.glob("*.md")):
        try:
            page = parse_page(path, path.read_text(encoding="utf-8"))
        except SourceError as exc:
            errors.append(exc)
            continue
        source = (page.meta.get("provenance") or {}).get("source_file")
        if source:
            by_source[source] = page
    return by_source, errors


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
        """Process the sources, yielding one outcome per source and per manifest problem."""
        manifest: Manifest = read_manifest(self.project.manifest, self.project.relative(self.project.manifest))
        rules = load_rules(self.project.cleaning_rules)
        tagger = Tagger.load(self.project)
        fingerprint = _fingerprint(self.project)
        existing, page_errors = _existing_pages(self.project)
        for error in page_errors:
            yield Outcome(error.path, "failed", message=str(error))
        taken = {page.meta.get("slug") for page in existing.values()}
        taken |= {p.stem for p in self.project.articles("fr").glob("*.md")}
        selected = self.select(paths)
        if not paths:
            present = {p.name for p in selected}
            for name in sorted(set(manifest.entries) | set(manifest.errors)):
                if name not in present:
                    where = manifest.lines.get(name)
                    shown = self.project.relative(self.project.manifest)
                    error = SourceError(shown, f"{name}: entry has no file in sources/", where)
                    yield Outcome(name, "failed", message=str(error))
        for path in selected:
            try:
                yield self._one(path, manifest, rules, tagger, fingerprint, existing, taken)
            except SourceError as error:
                yield Outcome(path.name, "failed", message=str(error))

    def _one(self, path, manifest, rules, tagger, fingerprint, existing, taken) -> Outcome:
        name = path.name
        shown = self.project.relative(path)
        if not path.is_file():
            raise SourceError(shown, "no such file")
        reader = reader_for(path)
        if reader is None:
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
            if is_hand_edited(previous):
                return Outcome(name, "kept", previous.path, "edited by hand: left alone (--force to overwrite)")
            if (previous.meta.get("provenance") or {}).get("input_sha256") == input_sha256:
                return Outcome(name, "unchanged", previous.path)

        text, notes = decode_source(Path(shown), data, self.max_bytes)
        document = reader(Path(shown), text)
        article = structure(document, rules, author=entry.author or document.meta.author)
        if not article.blocks:
            raise SourceError(shown, "no article text left after cleaning")
        title, title_notes = _title(article, document, entry)
        notes += title_notes
        if previous is not None:
            slug = previous.meta["slug"]
        else:
            slug, warning = make_slug(title, name, taken)
            if warning:
                notes.append(warning)
            taken.add(slug)
        meta = build_meta(tagger, article, document, entry, title, slug, name, input_sha256)
        body = render_body(article)
        # Hash what a reader of the file will get back, so the check after a round trip agrees.
        reread = parse_page(path, render_page(meta, body))
        meta["provenance"]["page_sha256"] = content_hash(reread.meta, reread.body)
        target = self.project.articles("fr") / f"{slug}.md"
        if self.dry_run:
            return Outcome(name, "would convert", target, notes=notes)
        write_page(target, meta, body)
        return Outcome(name, "converted", target, notes=notes)
