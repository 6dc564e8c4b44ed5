"""The translation checks `check` runs: every French article has an up-to-date English edition
whose structure matches it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from scripts.common.errors import SourceError
from scripts.common.paths import Project
from scripts.model.pages import Page, read_page
from scripts.translation.document import compare_structure, french_sha256
from scripts.translation.markup import compare_markup


def translation_state(french: Page, english: Page) -> str:
    """The edition's state: current, stale (the French changed since) or machine (an unreviewed draft)."""
    translation = english.meta.get("translation") or {}
    return edition_state(french_sha256(french), translation.get("source_sha256"), translation.get("status"))


def edition_state(french_hash: str, source_sha256: str | None, status: str | None) -> str:
    """translation_state, from the French text's hash and what the edition records: the hash it
    was made from, its status."""
    if source_sha256 != french_hash:
        return "stale"
    return "machine" if status == "machine" else "current"


def _text_or_none(value: object) -> bool:
    return value is None or isinstance(value, str)


def shape_problem(meta: dict) -> str | None:
    """What keeps a page from being translated or compared: a translatable key of the wrong type.

    Narrower than the schema on purpose: an edition with, say, an odd hash can still be compared
    and marked reviewed; `images: oops` cannot."""
    for key in ("title", "description"):
        if not isinstance(meta.get(key), str):
            return f"{key}: must be a text"
    source = meta.get("source") or {}
    if not isinstance(source, dict) or not _text_or_none(source.get("author_bio")):
        return "source: must be a mapping (url, outlet, author, author_bio)"
    images = meta.get("images") or []
    if not isinstance(images, list) or not all(
        isinstance(i, dict) and _text_or_none(i.get("caption")) and _text_or_none(i.get("credit")) for i in images
    ):
        return "images: must be a list of {caption, credit}"
    return None


def read_valid_page(project: Project, path: Path) -> Page:
    """A page the translation commands can work on; SourceError naming it when it is not one."""
    shown = project.relative(path)
    try:
        page = read_page(path)
    except SourceError as error:
        raise error.shown_as(shown) from None
    problem = shape_problem(page.meta)
    if problem:
        raise SourceError(shown, f"{problem} (fix it first: `python -m scripts check`)")
    return page


def check_translations(project: Project) -> Iterator[str]:
    """One line per missing, orphaned, stale or structurally different English edition."""
    fr_folder, en_folder = project.articles("fr"), project.articles("en")
    french = {p.name: p for p in sorted(fr_folder.glob("*.md"))} if fr_folder.is_dir() else {}
    english = {p.name: p for p in sorted(en_folder.glob("*.md"))} if en_folder.is_dir() else {}
    for name in sorted(english.keys() - french.keys()):
        yield f"{project.relative(english[name])}: translation: no French article {name} to translate"
    for name, fr_path in french.items():
        en_path = en_folder / name
        if name not in english:
            yield (
                f"{project.relative(fr_path)}: translation: no English edition (write {project.relative(en_path)}"
                f" by hand, or draft it with `python -m scripts translate {fr_path.stem}`)"
            )
            continue
        try:
            fr_page, en_page = read_page(fr_path), read_page(en_path)
        except SourceError:
            continue  # the schema check reports unreadable pages
        if shape_problem(fr_page.meta) or shape_problem(en_page.meta):
            continue  # and malformed ones (`images: oops` would break the comparisons)
        where = project.relative(en_path)
        markup = compare_markup(fr_page, en_page)
        if markup:
            yield f"{where}: markup: {markup}"
        if translation_state(fr_page, en_page) == "stale":
            yield (
                f"{where}: translation: stale, {project.relative(fr_path)} changed since it was translated"
                f" (update the English, then `python -m scripts mark-reviewed {fr_path.stem}`;"
                f" or redraft it with `python -m scripts translate --stale`)"
            )
        difference = compare_structure(fr_page, en_page)
        if difference:
            yield f"{where}: structure: {difference}"
