"""`mark-reviewed`: a person has checked an English edition against the current French text."""

from __future__ import annotations

from scripts.common.errors import SourceError
from scripts.common.paths import Project
from scripts.common.run_guards import exclusive_run
from scripts.model.pages import write_page
from scripts.translation.checks import read_valid_page
from scripts.translation.document import compare_structure, french_sha256
from scripts.translation.edition import untranslated_blocks


def mark_reviewed(project: Project, slug: str) -> str | None:
    """Set status: reviewed and the current French hash on one edition; the problem, if any."""
    try:
        with exclusive_run(project, "mark-reviewed"):
            return _mark(project, slug)
    except SourceError as error:
        return str(error)


def _mark(project: Project, slug: str) -> str | None:
    fr_path, en_path = project.articles("fr") / f"{slug}.md", project.articles("en") / f"{slug}.md"
    if not fr_path.exists() or not en_path.exists():
        missing = fr_path if not fr_path.exists() else en_path
        return f"{project.relative(missing)} does not exist"
    french, english = read_valid_page(project, fr_path), read_valid_page(project, en_path)
    where = project.relative(en_path)
    if english.meta.get("lang") != "en":
        # A copy of the French page keeps `lang: fr`: reviewed, it would be a French page in docs/en/.
        return (
            f"{where}: lang: {english.meta.get('lang')!r}, an English edition needs `lang: en`"
            f" (or make it with `python -m scripts edition {slug} --force`)"
        )
    untranslated = untranslated_blocks(french, english)
    if untranslated:
        return f"{where}: text: still in French: {untranslated[0]} (translate it first)"
    difference = compare_structure(french, english)
    if difference:
        # A reviewed edition must at least have the French's shape: say what to fix first.
        return f"{where}: structure: {difference}"
    translation = dict(english.meta.get("translation") or {})
    translation.pop("page_sha256", None)  # reviewed pages are a person's: no generator owns them
    translation |= {"status": "reviewed", "source_sha256": french_sha256(french)}
    english.meta["translation"] = translation
    write_page(en_path, english.meta, english.body)
    return None
