"""Converting one source, the work ingest hands to worker processes: decode, read, clean,
structure, tag. Whatever goes wrong comes back as that source's SourceError, within its time limit."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from scripts.common.errors import SourceError
from scripts.common.paths import Project
from scripts.common.run_guards import DEFAULT_TIME_LIMIT, TimeLimitExceeded, time_limit
from scripts.common.typography import french, typeset_article
from scripts.model.article import Article, RawDocument
from scripts.reading.cleaning import load_rules
from scripts.reading.decoding import UNCLEAN_RE, clean_characters, decode_source
from scripts.reading.manifest import ManifestEntry
from scripts.reading.readers import reader_for
from scripts.reading.readers.text import read_text
from scripts.reading.render import render_body
from scripts.reading.structure import split_sentences, structure
from scripts.reading.summary import describe
from scripts.tagging.tagger import Tagger

# Line breaks and tabs inside a headline, an outlet or an author name (a scraper's wrapped line, a
# hostile manifest) would make a one-line value the page schema refuses; no-break spaces stay.
LINE_BREAKS_RE = re.compile(r"[\t\n\r\f\v\x85\u2028\u2029]+| {2,}")


def one_line(value: str | None) -> str | None:
    """The value on one line: tabs and line breaks become single spaces."""
    return LINE_BREAKS_RE.sub(" ", value).strip() if value else value


def _title(article: Article, document: RawDocument, entry: ManifestEntry) -> tuple[str, list[str]]:
    for title in (entry.title, document.meta.title, article.title):
        if one_line(title):
            return one_line(title), []
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
        "outlet": one_line(entry.outlet or document.meta.sitename),
        "author": one_line(entry.author or document.meta.author),
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
    time_limit: float = DEFAULT_TIME_LIMIT
    # Lines of this source that other sources of its outlet show too (scripts/reading/readers/outlets.py):
    # only a .txt source gets any, and its text reader drops them.
    shared_lines: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Converted:
    """A converted source: its front matter (without slug) and Markdown body."""

    meta: dict
    body: str
    notes: tuple[str, ...]


def convert(job: Job, project: Project) -> Converted | SourceError:
    """Decode, read, clean, structure and tag one source, within its time limit (runs in a worker).

    Whatever goes wrong is returned as this source's SourceError: the batch goes on.
    """
    try:
        with time_limit(job.time_limit):
            return _convert(job, project)
    except TimeLimitExceeded:
        return SourceError(job.shown, f"took over {job.time_limit:g} s to convert: left out (--time-limit)")
    except SourceError as error:
        return error
    except Exception as error:  # a bug or a library failing on one source
        return SourceError(job.shown, f"could not be converted: {type(error).__name__}: {error}")


def _convert(job: Job, project: Project) -> Converted:
    text, notes = decode_source(Path(job.shown), job.data, job.max_bytes)
    if job.shared_lines:  # ingest gives them to .txt sources only
        document = read_text(Path(job.shown), text, job.shared_lines)
    else:
        document = reader_for(Path(job.name))(Path(job.shown), text)
    # A reader's output is cleaned too: an HTML page can spell a control or bidi character as an entity.
    if UNCLEAN_RE.search("\n".join(document.lines)):
        document.lines = [clean_characters(line) for line in document.lines]
    document.meta = dataclasses.replace(
        document.meta, **{k: clean_characters(v) or None for k, v in vars(document.meta).items() if v}
    )
    article = structure(document, load_rules(project.cleaning_rules), author=job.entry.author or document.meta.author)
    if not article.blocks:
        raise SourceError(job.shown, "no article text left after cleaning")
    article = typeset_article(article)  # French spaces, quotes and apostrophes (scripts/common/typography.py)
    title, title_notes = _title(article, document, job.entry)
    title = french(title)
    meta = build_meta(Tagger.load(project), article, document, job.entry, title, "", job.name, job.input_sha256)
    del meta["slug"]
    return Converted(meta, render_body(article), tuple(notes + title_notes))
