"""`translate`: machine-translated drafts of missing or stale English editions.

Translate -> validate -> retry: the backend's answer is checked segment by segment, then the
page it makes is checked against the French structure; a rejected answer is asked for again with
the problem fed back. Nothing is written for a page that never passes. A reviewed edition, or a
draft a contributor has edited since it was written, is never replaced unless named with --force.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from scripts.common.errors import SourceError
from scripts.common.paths import Project
from scripts.common.run_guards import exclusive_run
from scripts.common.typography import english as english_typography
from scripts.model.pages import Page, content_hash, is_hand_edited, write_page
from scripts.model.registry import load_registry
from scripts.model.schema import FORBIDDEN_CHARACTER_RE
from scripts.translation.backends import Backend, PermanentError, TranslationError
from scripts.translation.checks import read_valid_page, translation_state
from scripts.translation.document import LINK_RE, compare_structure
from scripts.translation.edition import Segment, build_english, extract_segments
from scripts.translation.markup import added_markup

# What would turn a translated text into a different kind of Markdown block.
BLOCK_MARKS = ("#", "- ", "* ", "+ ", "> ")


@dataclass
class Outcome:
    slug: str
    status: str  # "drafted", "kept", "failed"
    detail: str = ""


def check_answer(segments: list[Segment], translated: list[str]) -> str | None:
    """Why a backend's answer cannot be used, or None when it can."""
    if len(translated) != len(segments):
        return f"expected {len(segments)} texts, got {len(translated)}"
    for number, (segment, text) in enumerate(zip(segments, translated, strict=True), 1):
        excerpt = segment.text[:50] + ("…" if len(segment.text) > 50 else "")
        if not text.strip():
            return f"text {number} ({segment.where}) came back empty: “{excerpt}” was dropped"
        if "\n\n" in text.strip():
            return f"text {number} ({segment.where}) came back as several paragraphs"
        if FORBIDDEN_CHARACTER_RE.search(text.replace("\n", "")):
            return f"text {number} ({segment.where}) has a control or invisible character"
        markup = added_markup(segment.text, text)
        if markup:
            return f"text {number} ({segment.where}) {markup}"
        if text.lstrip().startswith(BLOCK_MARKS) and not segment.text.startswith(BLOCK_MARKS):
            return f"text {number} ({segment.where}) would become a heading, list or quote: {text[:50]!r}"
        if [m.group(2) for m in LINK_RE.finditer(segment.text)] != [m.group(2) for m in LINK_RE.finditer(text)]:
            return f"text {number} ({segment.where}) does not keep the links of “{excerpt}”"
    return None


def draft_edition(french: Page, backend: Backend, project: Project, retries: int) -> Page:
    """A machine-translated English edition of a French page; TranslationError when none passes."""
    registry, _errors = load_registry(project)
    segments = extract_segments(french)
    texts = [s.text for s in segments]
    feedback = None
    for _attempt in range(retries + 1):
        try:
            translated = backend.translate(texts, feedback)
        except PermanentError:
            raise
        except TranslationError as exc:
            feedback = None
            last_problem = str(exc)
            continue
        problem = check_answer(segments, translated)
        if problem is None:
            # A backend often keeps the French spaces before : ; ! ? and the « » quotes: the
            # English edition follows English typography.
            answer = {s.where: english_typography(t.strip()) for s, t in zip(segments, translated, strict=True)}
            english = build_english(french, answer, registry, "machine", backend.name)
            problem = compare_structure(french, english)
            if problem is None:
                english.meta["translation"]["page_sha256"] = content_hash(english.meta, english.body)
                return english
        feedback = problem
        last_problem = f"{backend.name}: rejected answer: {problem}"
    raise TranslationError(f"{last_problem} (after {retries + 1} attempts)")


def select(project: Project, slugs: list[str], all_missing: bool, stale: bool, force: bool) -> Iterator[Outcome | Path]:
    """The French pages to translate, and an Outcome for each one left alone and why."""
    fr_folder, en_folder = project.articles("fr"), project.articles("en")
    candidates = [fr_folder / f"{slug}.md" for slug in slugs] if slugs else sorted(fr_folder.glob("*.md"))
    for fr_path in candidates:
        slug, en_path = fr_path.stem, en_folder / fr_path.name
        if not fr_path.exists():
            yield Outcome(slug, "failed", f"no French article {project.relative(fr_path)}")
            continue
        if not en_path.exists():
            if slugs or all_missing:
                yield fr_path
            continue
        try:
            french, english = read_valid_page(project, fr_path), read_valid_page(project, en_path)
        except SourceError as error:
            yield Outcome(slug, "failed", str(error))
            continue
        state = translation_state(french, english)
        if not slugs and not (stale and state == "stale"):
            continue
        reviewed = (english.meta.get("translation") or {}).get("status") == "reviewed"
        if reviewed and not (force and slugs):
            yield Outcome(slug, "kept", "reviewed by a person; name it with --force to redraft it")
        elif is_hand_edited(english) and not (force and slugs):
            yield Outcome(slug, "kept", "draft edited by hand since it was written; name it with --force to redraft it")
        elif state == "current" and not force:
            yield Outcome(slug, "kept", "already up to date")
        else:
            yield fr_path


def translate_pages(
    project: Project, backend: Backend, slugs: list[str], *, all_missing: bool, stale: bool, force: bool, retries: int
) -> Iterator[Outcome]:
    """Draft each selected English edition; one failure does not stop the batch."""
    try:
        with exclusive_run(project, "translate"):
            yield from _translate_selected(project, backend, slugs, all_missing, stale, force, retries)
    except SourceError as error:  # another run holds the lock
        yield Outcome(", ".join(slugs) or "translate", "failed", str(error))


def _translate_selected(
    project: Project, backend: Backend, slugs: list[str], all_missing: bool, stale: bool, force: bool, retries: int
) -> Iterator[Outcome]:
    for item in select(project, slugs, all_missing, stale, force):
        if isinstance(item, Outcome):
            yield item
            continue
        try:
            english = draft_edition(read_valid_page(project, item), backend, project, retries)
        except PermanentError:
            raise
        except (TranslationError, SourceError) as exc:
            yield Outcome(item.stem, "failed", str(exc))
            continue
        write_page(english.path, english.meta, english.body)
        yield Outcome(item.stem, "drafted", project.relative(english.path))
