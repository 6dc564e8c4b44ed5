"""`mark-reviewed`: a person has checked an English edition against the current French text."""

from __future__ import annotations

from scripts.pages import read_page, write_page
from scripts.paths import Project
from scripts.translation.document import compare_structure, french_sha256


def mark_reviewed(project: Project, slug: str) -> str | None:
    """Set status: reviewed and the current French hash on one edition; the problem, if any."""
    fr_path, en_path = project.articles("fr") / f"{slug}.md", project.articles("en") / f"{slug}.md"
    if not fr_path.exists() or not en_path.exists():
        missing = fr_path if not fr_path.exists() else en_path
        return f"{project.relative(missing)} does not exist"
    french, english = read_page(fr_path), read_page(en_path)
    difference = compare_structure(french, english)
    if difference:
        # A reviewed edition must at least have the French's shape: say what to fix first.
        return f"{project.relative(en_path)}: structure: {difference}"
    translation = dict(english.meta.get("translation") or {})
    translation.pop("page_sha256", None)  # reviewed pages are a person's: no generator owns them
    translation |= {"status": "reviewed", "source_sha256": french_sha256(french)}
    english.meta["translation"] = translation
    write_page(en_path, english.meta, english.body)
    return None
