"""tag, pages, mark-reviewed and translate on a broken page, and front matter the schema must
refuse before the build does (issue 13): one line naming the file, exit 1, no traceback."""

from __future__ import annotations

import os
import stat

import pytest

from tests import test_hostile_ingest_runs
from tests.conftest import run_cli

# The same fixture: two sources ingested, un-titre-d-article and un-autre-titre.
ingested = test_hostile_ingest_runs.ingested
SLUG = "un-titre-d-article"


def break_yaml(project, lang="fr", slug=SLUG):
    page = project.articles(lang) / f"{slug}.md"
    page.write_text(page.read_text(encoding="utf-8").replace("lang: ", "lang: [", 1), encoding="utf-8")
    return page


def edition(project, slug):
    """A reviewed English edition of a French page (its text kept: only the structure matters here)."""
    assert run_cli(project, "edition", slug).exit_code == 0
    assert run_cli(project, "mark-reviewed", slug).exit_code == 0


def test_tag_names_a_page_with_invalid_yaml_once_and_retags_the_others(ingested):
    edition(ingested, SLUG)  # its English edition meets the same broken French page
    break_yaml(ingested)
    result = run_cli(ingested, "tag")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(f"error: docs/fr/articles/{SLUG}.md:")
    assert "front matter is not valid YAML: " in errors[0]
    assert result.stderr.endswith(", 1 failed\n")


def test_tag_names_a_page_whose_tags_are_not_a_list(ingested):
    page = ingested.articles("fr") / f"{SLUG}.md"
    page.write_text(page.read_text(encoding="utf-8").replace("\ntags:", "\ntags: oops\nold_tags:", 1), encoding="utf-8")
    result = run_cli(ingested, "tag")
    assert result.exit_code == 1
    assert f"error: docs/fr/articles/{SLUG}.md: tags: must be a list of names (fix it first: " in result.stderr


def test_pages_names_a_page_with_invalid_yaml(ingested):
    break_yaml(ingested)
    result = run_cli(ingested, "pages")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and f"{SLUG}.md" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_pages_names_a_page_that_fails_the_schema(ingested):
    page = ingested.articles("fr") / f"{SLUG}.md"
    page.write_text(page.read_text(encoding="utf-8").replace("\nlang: fr", "\nlang: de", 1), encoding="utf-8")
    result = run_cli(ingested, "pages")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: docs/fr/articles/{SLUG}.md: front matter does not match the schema")
    assert "lang: Input should be 'fr' or 'en'" in result.stderr and "Traceback" not in result.stderr


def test_mark_reviewed_names_a_page_with_invalid_yaml_and_does_the_others(ingested):
    edition(ingested, SLUG)
    edition(ingested, "un-autre-titre")
    break_yaml(ingested, "en")
    result = run_cli(ingested, "mark-reviewed", SLUG, "un-autre-titre")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: docs/en/articles/{SLUG}.md:")
    assert "front matter is not valid YAML" in result.stderr
    assert result.stdout == "reviewed un-autre-titre\n"


def test_mark_reviewed_names_a_page_with_images_oops(ingested):
    edition(ingested, SLUG)
    page = ingested.articles("fr") / f"{SLUG}.md"
    page.write_text(page.read_text(encoding="utf-8").replace("images: []", "images: oops"), encoding="utf-8")
    result = run_cli(ingested, "mark-reviewed", SLUG)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: docs/fr/articles/{SLUG}.md: images: must be a list of {{caption, credit}}"
        " (fix it first: `python -m scripts check`)\n"
    )


def test_translate_names_a_page_with_invalid_yaml_and_goes_on(ingested):
    edition(ingested, SLUG)
    break_yaml(ingested, "en")
    # No backend is reached: the broken page is refused first, the other is up to date.
    result = run_cli(ingested, "translate", SLUG, "un-autre-titre", "--backend", "libretranslate")
    assert result.exit_code == 1
    assert f"error: {SLUG}: docs/en/articles/{SLUG}.md:" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("date: 2024-05-01", "date: 86400", "date: 86400 is not an ISO date (YYYY-MM-DD)"),
        ("title: Un titre d’article", 'title: "Un titre\\fd’article"', "title: contains a control or invisible"),
        ("title: Un titre d’article", 'title: "Un titre\\u202Ed’article"', "title: contains a control or invisible"),
        ("images: []", "images: oops", "images: "),
    ],
    ids=["number-date", "form-feed-title", "bidi-title", "images-oops"],
)
def test_check_refuses_front_matter_that_would_crash_the_build(ingested, old, new, message):
    page = ingested.articles("fr") / f"{SLUG}.md"
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run_cli(ingested, "check", "--no-build")
    assert result.exit_code == 1
    assert any(line.startswith(f"docs/fr/articles/{SLUG}.md: {message}") for line in result.stdout.splitlines()), (
        result.stdout
    )
    assert "Traceback" not in result.stdout + result.stderr


def test_pages_and_mark_reviewed_write_files_the_umask_allows_to_read(ingested):
    previous = os.umask(0o022)
    try:
        edition(ingested, SLUG)
        assert run_cli(ingested, "pages").exit_code == 0
    finally:
        os.umask(previous)
    written = [ingested.articles("en") / f"{SLUG}.md", *ingested.docs.glob("*/index.md")]
    assert len(written) > 2
    assert {stat.S_IMODE(path.stat().st_mode) for path in written} == {0o644}


def test_edition_names_a_french_page_with_invalid_yaml(ingested):
    break_yaml(ingested)
    result = run_cli(ingested, "edition", SLUG)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: docs/fr/articles/{SLUG}.md:")
    assert "front matter is not valid YAML" in result.stderr and "Traceback" not in result.stderr
