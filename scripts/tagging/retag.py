"""`tag`: re-tag existing pages without touching their text, keeping tags added by hand."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from scripts.common.errors import SourceError
from scripts.common.paths import Project
from scripts.common.run_guards import exclusive_run
from scripts.model.pages import Page, content_hash, is_hand_edited, read_page, write_page
from scripts.tagging.tagger import Tagger

HEADING_PREFIX = "#"


# A backslash escape, as render.escape_inline writes them; the tagger reads the plain text.
ESCAPE_RE = re.compile(r"\\(.)")
LIST_MARK_RE = re.compile(r"^- ", re.MULTILINE)


def split_lead(body: str) -> tuple[str, str]:
    """(lead, rest) of a Markdown body as plain text: the lead is its first paragraph."""
    body = LIST_MARK_RE.sub("", ESCAPE_RE.sub(r"\1", body.replace("&lt;", "<")))
    blocks = [b for b in body.strip().split("\n\n") if b.strip()]
    paragraphs = [b for b in blocks if not b.startswith(HEADING_PREFIX)]
    lead = paragraphs[0] if paragraphs else ""
    rest = "\n".join(b for b in blocks if b is not lead)
    return lead, rest


def merge(current: list[str], last_auto: list[str], computed: list[str]) -> list[str]:
    """Computed tags, plus those a contributor added by hand (present but never computed)."""
    by_hand = [t for t in current if t not in last_auto and t not in computed]
    return computed + by_hand


@dataclass
class Retagged:
    path: Path
    changed: bool
    problem: str | None = None  # why the page was left alone


def retag_french(page: Page, tagger: Tagger) -> bool:
    """Re-tag a French page in place (in memory); True when its tags changed."""
    lead, rest = split_lead(page.body)
    companies, topic_ids = tagger.tag(page.meta.get("title", ""), lead, rest, page.meta.get("hashtags") or [])
    labels = tagger.labels(topic_ids, "fr")
    provenance = page.meta.setdefault("provenance", {}) if page.meta.get("provenance") else None
    last = (provenance or {}).get("tagged") or {}
    new_companies = merge(page.meta.get("companies") or [], last.get("companies") or [], companies)
    new_tags = merge(page.meta.get("tags") or [], last.get("tags") or [], labels)
    changed = (new_companies, new_tags) != (page.meta.get("companies"), page.meta.get("tags"))
    page.meta["companies"], page.meta["tags"] = new_companies, new_tags
    if provenance is not None:
        provenance["tagged"] = {"companies": companies, "tags": labels}
    return changed


def _auto(page: Page) -> dict:
    return ((page.meta.get("provenance") or {}).get("tagged")) or {}


def retag_english(page: Page, french: Page, tagger: Tagger) -> bool:
    """Give an English edition the French page's companies and the English labels of its topics."""
    fr_ids = [i for i in tagger.topic_ids(french.meta.get("tags") or [], "fr") if i]
    fr_auto_ids = set(tagger.topic_ids(_auto(french).get("tags") or [], "fr"))
    current = page.meta.get("tags") or []
    # Keep English-only tags a translator added: those whose topic the French side never had.
    # Anything not an English label (the French labels of a page copied from the French) goes.
    extra = [
        tag
        for tag, topic_id in zip(current, tagger.topic_ids(current, "en"), strict=True)
        if topic_id is not None and topic_id not in fr_ids and topic_id not in fr_auto_ids
    ]
    tags = tagger.labels(fr_ids, "en") + extra
    fr_companies = french.meta.get("companies") or []
    fr_auto_companies = _auto(french).get("companies") or []
    companies = fr_companies + [
        c for c in page.meta.get("companies") or [] if c not in fr_companies and c not in fr_auto_companies
    ]
    changed = (companies, tags) != (page.meta.get("companies"), page.meta.get("tags"))
    page.meta["companies"], page.meta["tags"] = companies, tags
    return changed


def _shape_problem(meta: dict) -> str | None:
    """What stops re-tagging a page: a key the tagger reads that is not of its type."""
    if not isinstance(meta.get("title", ""), str):
        return "title: must be a text"
    for key in ("companies", "tags", "hashtags"):
        value = meta.get(key) or []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return f"{key}: must be a list of names"
    for key in ("provenance", "translation"):
        if not isinstance(meta.get(key) or {}, dict):
            return f"{key}: must be a mapping"
    tagged = (meta.get("provenance") or {}).get("tagged") or {}
    if not isinstance(tagged, dict):
        return "provenance.tagged: must be a mapping"
    return None


def retag(project: Project, paths: list[Path] | None = None) -> list[Retagged]:
    """Re-tag the given pages (default: every article page, French first); one bad page does not stop the rest."""
    tagger = Tagger.load(project)
    if paths:
        targets = [Path(p).resolve() for p in paths]
    else:
        targets = sorted(project.articles("fr").glob("*.md")) + sorted(project.articles("en").glob("*.md"))
    try:
        with exclusive_run(project, "tag"):
            results = [_retag_one(project, path, tagger) for path in targets]
    except SourceError as error:  # another run holds the lock
        return [Retagged(Path(error.path), False, str(error))]
    # An English edition of a broken French page meets the same problem: it is told once.
    told: set[str] = set()
    for result in results:
        if result.problem in told:
            result.problem = None
        told.add(result.problem or "")
    return results


def _retag_one(project: Project, path: Path, tagger: Tagger) -> Retagged:
    try:
        page = read_page(path)
        lang = path.parent.parent.name
        french = None
        if lang == "en":
            french_path = project.articles("fr") / path.name
            if not french_path.exists():
                return Retagged(path, False)
            french = read_page(french_path)
        # Tags are lists of names: a page whose front matter has another shape is left to `check`.
        for checked in (page, french):
            problem = _shape_problem(checked.meta) if checked is not None else None
            if problem:
                fix = "fix it first: `python -m scripts check`"
                raise SourceError(project.relative(checked.path), f"{problem} ({fix})")
    except SourceError as error:
        return Retagged(path, False, str(error.shown_as(project.relative(Path(error.path)))))
    edited = is_hand_edited(page)
    changed = retag_english(page, french, tagger) if french is not None else retag_french(page, tagger)
    if changed:
        # A page ingest wrote stays "as generated": re-tagging is not a hand edit. A page a
        # contributor edited keeps its old hash, so ingest still leaves it alone.
        if not edited and (page.meta.get("provenance") or {}).get("page_sha256"):
            page.meta["provenance"]["page_sha256"] = content_hash(page.meta, page.body)
        write_page(path, page.meta, page.body)
    return Retagged(path, changed)
