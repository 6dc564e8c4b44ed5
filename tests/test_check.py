"""`check`: the schema, the allow-lists and the data files, with messages that name the fix."""

from __future__ import annotations

import shutil

import pytest

from scripts.common.paths import Project
from tests.conftest import NVLM, run_cli
from tests.site_builds import FIXTURE, copy_project


@pytest.fixture
def ingested(project):
    """The fixture's articles, both languages (copied, not ingested: what ingest makes is another test's)."""
    for lang in ("fr", "en"):
        shutil.copytree(FIXTURE.articles(lang), project.articles(lang), dirs_exist_ok=True)
    return project


def page_path(project):
    return next(project.articles("fr").glob("nvidia-lance-*.md"))


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_clean_project_passes(ingested):
    result = run_cli(ingested, "check")
    assert result.exit_code == 0 and result.stdout == ""


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "companies:\n- NVIDIA",
            "companies:\n- Nvidea",
            "companies: 'Nvidea' is not in data/companies.yml (did you mean 'NVIDIA'?)",
        ),
        (
            "- Modèles multimodaux\n",
            "- Modèles multimodal\n",
            "tags: 'Modèles multimodal' is not a fr label in data/topics.yml (did you mean 'Modèles multimodaux'?)",
        ),
        ("date: 2024-10-02", "date: 2024-02-30", "date: '2024-02-30' is not an ISO date (YYYY-MM-DD)"),
        (
            "lang: fr",
            "lang: fr\nauthor: X",
            "author: unknown key (see scripts/model/schema.py for the keys a page may have)",
        ),
        ("lang: fr", "lang: de", "lang: Input should be 'fr' or 'en'"),
        (
            "slug: nvidia-lance",
            "slug: Nvidia_lance",
            "slug: 'Nvidia_lance-nvlm-1-0-une-famille-de-modeles-multimodaux-open-source' does not match",
        ),
        ("title: NVIDIA lance", "tittle: NVIDIA lance", "title: required key is missing"),
        # YAML's bytes: lax pydantic took them as a string, which the page hash cannot read.
        (
            "title: NVIDIA lance",
            "title: !!binary TlZJRElB\nsummary: NVIDIA lance",
            "title: Input should be a valid string",
        ),
    ],
    ids=["company", "tag", "date", "unknown-key", "lang", "slug", "missing-title", "binary-title"],
)
def test_broken_front_matter_gives_the_exact_message(ingested, old, new, message):
    path = page_path(ingested)
    edit(path, old, new)
    result = run_cli(ingested, "check")
    assert result.exit_code == 1
    assert any(line.startswith(f"docs/fr/articles/{path.name}: {message}") for line in result.stdout.splitlines()), (
        result.stdout
    )


def test_description_over_160_characters(ingested):
    path = page_path(ingested)
    edit(path, "description: Le géant", "description: " + "x" * 150 + " Le géant")
    result = run_cli(ingested, "check")
    assert f"docs/fr/articles/{path.name}: description: 235 characters, at most 160" in result.stdout


def test_unparsable_front_matter_names_the_line(ingested):
    path = page_path(ingested)
    edit(path, "lang: fr", "lang: [fr")
    result = run_cli(ingested, "check")
    assert result.exit_code == 1
    assert f"docs/fr/articles/{path.name}:" in result.stdout and "front matter is not valid YAML" in result.stdout


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "companies.yml",
            "  aliases: [Nvidia, nVidia]",
            "  aliases: [Nvidia, Nvidia]",
            "data/companies.yml: entry 1 (NVIDIA): 'Nvidia' is listed twice",
        ),
        (
            "companies.yml",
            "  aliases: [Meta Platforms, Facebook]",
            "  aliases: [Meta Platforms, Facebook, Nvidia]",
            "data/companies.yml: entry 2 (Meta): 'Nvidia' is also listed under 'NVIDIA'",
        ),
        (
            "companies.yml",
            "  website: https://www.nvidia.com",
            "  website: https://www.nvidia.com\n  colour: green",
            "data/companies.yml: entry 1 (NVIDIA): unknown key(s) colour",
        ),
        (
            "topics.yml",
            "  en: Open source and licensing\n",
            "",
            "data/topics.yml: entry 1 (open-source): the en label is missing",
        ),
        (
            "topics.yml",
            "- id: china\n",
            "- id: china\n  icon: flag\n",
            "data/topics.yml: entry 8 (china): unknown key(s) icon",
        ),
        (
            "topics.yml",
            "- id: china\n",
            "- id: open-source\n",
            "data/topics.yml: entry 8 (open-source): id 'open-source' is used by another topic",
        ),
    ],
)
def test_data_file_errors_name_the_entry(ingested, file, old, new, message):
    edit(ingested.data / file, old, new)
    result = run_cli(ingested, "check")
    assert result.exit_code == 1
    assert any(line.startswith(message) for line in result.stdout.splitlines()), result.stdout


# The whole site project: listings, company tags of both editions, the strict build and its links.


@pytest.fixture
def site_project(tmp_path):
    return Project(copy_project(tmp_path / "site-project"))


@pytest.mark.build
def test_check_runs_the_listing_build_and_link_checks(site_project):
    clean = run_cli(site_project, "check")
    assert clean.exit_code == 0 and clean.stdout == "", clean.stdout + clean.stderr

    french = site_project.articles("fr") / f"{NVLM}.md"
    edit(french, "title: NVIDIA lance NVLM 1.0", "title: NVIDIA présente NVLM 1.0")
    result = run_cli(site_project, "check")
    listings = "8 listing page(s) out of date: run `python -m scripts pages`"
    assert result.exit_code == 1 and listings in result.stdout.splitlines(), result.stdout
    assert listings in run_cli(site_project, "pages", "--check").stderr  # the same message

    assert run_cli(site_project, "pages").exit_code == 0
    edit(french, "\n## ", "\nVoir [ceci](nulle-part.md).\n\n## ")
    result = run_cli(site_project, "check")
    assert result.exit_code == 1
    assert f"mkdocs build --strict: Doc file 'fr/articles/{NVLM}.md' contains a link 'nulle-part.md'" in result.stdout
    assert "  fix: run `mkdocs build --strict` and fix the page it names" in result.stdout


def test_translation_debt_warns_and_goes_to_the_job_summary(ingested, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    (ingested.articles("en") / f"{NVLM}.md").unlink()
    page = next(p for p in ingested.articles("fr").glob("*.md") if p.stem != NVLM)
    edit(page, "\n\n", "\n\nUne phrase de plus.\n\n")  # the French changed: its edition is stale
    result = run_cli(ingested, "check")
    assert result.exit_code == 0, result.stdout
    lines = result.stdout.splitlines()
    assert any(
        line.startswith(f"warning: docs/fr/articles/{NVLM}.md: translation: no English edition") for line in lines
    )
    assert any(line.startswith(f"warning: docs/en/articles/{page.name}: translation: stale") for line in lines)
    table = summary.read_text(encoding="utf-8")
    assert f"| `{NVLM}` | missing | `python -m scripts edition {NVLM}` |" in table
    assert (
        f"| `{page.stem}` | stale | update the English, then `python -m scripts mark-reviewed {page.stem}` |" in table
    )


def test_company_tags_out_of_step_between_editions_warn(ingested):
    edit(ingested.articles("fr") / f"{NVLM}.md", "companies:\n- NVIDIA\n", "companies:\n- NVIDIA\n- Meta\n")
    result = run_cli(ingested, "check")
    assert (
        f"warning: docs/en/articles/{NVLM}.md: companies: ['NVIDIA'] differ from the French edition's ['NVIDIA', 'Meta']"
        in result.stdout
    )
    assert f"  fix: run `python -m scripts tag docs/en/articles/{NVLM}.md`" in result.stdout
    assert run_cli(ingested, "tag", f"docs/en/articles/{NVLM}.md").exit_code == 0
    assert "companies:" not in run_cli(ingested, "check").stdout
