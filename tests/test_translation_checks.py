"""`check` on translations: missing, orphaned, stale and structurally different English editions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts.model.pages import read_page
from scripts.model.schema import ArticlePage
from scripts.translation.document import article_sha256, french_sha256
from tests.conftest import run_cli
from tests.site_builds import FIXTURE

STRUCTURE = Path(__file__).parent / "data" / "translation" / "structure"
SLUG = "un-titre"


def install_pair(project, case: Path) -> tuple[Path, Path]:
    fr, en = project.articles("fr") / f"{SLUG}.md", project.articles("en") / f"{SLUG}.md"
    shutil.copy(case / "fr.md", fr)
    shutil.copy(case / "en.md", en)
    return fr, en


@pytest.mark.parametrize("case", sorted(p.name for p in STRUCTURE.iterdir()))
def test_structure_check_names_the_first_difference(empty_project, case):
    install_pair(empty_project, STRUCTURE / case)
    expected = (STRUCTURE / case / "expected.txt").read_text(encoding="utf-8").strip()
    result = run_cli(empty_project, "check")
    # The pairs are stale (never marked reviewed): their differences are translation debt, warnings.
    structure_lines = [line.removeprefix("warning: ") for line in result.stdout.splitlines() if ": structure: " in line]
    if expected:
        assert structure_lines == [f"docs/en/articles/{SLUG}.md: structure: {expected}"]
    else:
        assert structure_lines == []


def test_missing_english_edition_is_a_warning(empty_project):
    shutil.copy(STRUCTURE / "same-structure" / "fr.md", empty_project.articles("fr") / f"{SLUG}.md")
    result = run_cli(empty_project, "check")
    assert result.exit_code == 0
    assert result.stdout == (
        f"warning: docs/fr/articles/{SLUG}.md: translation: no English edition (write docs/en/articles/{SLUG}.md by hand,"
        f" or draft it with `python -m scripts translate {SLUG}`)\n"
    )


def test_english_edition_without_french_fails_check(empty_project):
    shutil.copy(STRUCTURE / "same-structure" / "en.md", empty_project.articles("en") / f"{SLUG}.md")
    result = run_cli(empty_project, "check")
    assert f"docs/en/articles/{SLUG}.md: translation: no French article {SLUG}.md to translate" in result.stdout


def test_stale_until_marked_reviewed(empty_project):
    fr, en = install_pair(empty_project, STRUCTURE / "same-structure")
    result = run_cli(empty_project, "check")
    assert (
        f"warning: docs/en/articles/{SLUG}.md: translation: stale, docs/fr/articles/{SLUG}.md changed" in result.stdout
    )

    reviewed = run_cli(empty_project, "mark-reviewed", SLUG)
    assert reviewed.exit_code == 0 and reviewed.stdout == f"reviewed {SLUG}\n"
    assert read_page(en).meta["translation"] == {"status": "reviewed", "source_sha256": french_sha256(read_page(fr))}
    assert "warning" not in run_cli(empty_project, "check").stdout

    # A change to the French text makes the edition stale again; a change to its tags does not.
    fr.write_text(fr.read_text(encoding="utf-8").replace("Troisième paragraphe.", "Troisième paragraphe, revu."))
    assert "translation: stale" in run_cli(empty_project, "check").stdout
    run_cli(empty_project, "mark-reviewed", SLUG)
    fr.write_text(fr.read_text(encoding="utf-8").replace("lang: fr\n", "lang: fr\ntags:\n- Chine\n"))
    assert "warning" not in run_cli(empty_project, "check").stdout


def test_mark_reviewed_refuses_an_edition_with_a_different_structure(empty_project):
    _fr, en = install_pair(empty_project, STRUCTURE / "dropped-paragraph")
    before = en.read_bytes()
    result = run_cli(empty_project, "mark-reviewed", SLUG)
    assert result.exit_code == 1
    assert "structure: block 3: the French paragraph “Deuxième paragraphe.” has no English counterpart" in result.stderr
    assert en.read_bytes() == before


def test_fixture_editions_are_reviewed_and_current():
    for en_path in sorted(FIXTURE.articles("en").glob("*.md")):
        english, french = read_page(en_path), read_page(FIXTURE.articles("fr") / en_path.name)
        assert english.meta["translation"]["status"] == "reviewed", en_path.name
        assert english.meta["translation"]["source_sha256"] == french_sha256(french), en_path.name
    assert {p.name for p in FIXTURE.articles("en").glob("*.md")} == {
        p.name for p in FIXTURE.articles("fr").glob("*.md")
    }


def test_the_build_hashes_the_french_text_as_editions_record_it():
    # The site build keeps each page's model, not its front matter (scripts/site/context.py): the
    # hash it compares must be the one `edition` and `translate` record from the page itself.
    pages = [read_page(path) for path in sorted(FIXTURE.articles("fr").glob("*.md"))]
    assert any(page.meta.get("images") for page in pages) and any(
        (page.meta.get("source") or {}).get("author_bio") for page in pages
    )
    for page in pages:
        assert article_sha256(ArticlePage.model_validate(page.meta), page.body) == french_sha256(page), page.path
