"""A contributor's pull request, played on a copy of the fixture project, and the English
editions it leaves to make: `edition`, `mark-reviewed`, and what `check` says meanwhile."""

from __future__ import annotations

import shutil

import pytest

from scripts.common.paths import Project
from scripts.model.pages import read_page
from scripts.tagging.tagger import Tagger
from scripts.translation.document import french_sha256
from tests.conftest import EN_NVLM, NVLM, add_source, run_cli
from tests.site_builds import FIXTURE, build, copy_content, copy_project

NEW_COMPANY = """- name: Kyutai
  website: https://kyutai.org
  description:
    fr: Laboratoire français de recherche ouverte en intelligence artificielle, fondé en 2023.
    en: French open artificial intelligence research lab, founded in 2023.
"""
NEW_ARTICLE = """Kyutai dévoile Moshi, un assistant vocal qui répond en temps réel

Le laboratoire parisien Kyutai a présenté Moshi, un modèle vocal capable de tenir une conversation sans délai perceptible.

Selon Kyutai, le modèle a été entraîné sur des grappes de GPU NVIDIA et sera publié sous une licence ouverte dans les prochains mois.

Les chercheurs de Kyutai expliquent que Moshi écoute et parle en même temps, comme le ferait une personne au téléphone.
"""


@pytest.mark.build
def test_a_contributors_pull_request_goes_green(tmp_path, monkeypatch):
    project = Project(copy_project(tmp_path / "project"))
    copy_content(project.root, "sources")
    # 1. A French article, with no English edition.
    add_source(project, "005_kyutai.txt", NEW_ARTICLE, "date: 2025-02-03\noutlet: Exemple Tech")
    ingested = run_cli(project, "ingest")
    # (How many of the fixture's pages ingest converts again depends on the pipeline's version.)
    assert ingested.exit_code == 0, ingested.stdout + ingested.stderr
    new = next(p for p in project.articles("fr").glob("kyutai-*.md"))
    # 2. The company it is about, added to the registry.
    with project.companies.open("a", encoding="utf-8") as registry:
        registry.write(NEW_COMPANY)
    # 3. A typo fixed in another French article, whose English edition becomes stale.
    typo = project.articles("fr") / f"{NVLM}.md"
    text = typo.read_text(encoding="utf-8")
    typo.write_text(text.replace("les data centers", "les centres de données", 1), encoding="utf-8")
    # Then what CONTRIBUTING.md says to run.
    assert run_cli(project, "tag").exit_code == 0
    assert run_cli(project, "pages").exit_code == 0
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    checked = run_cli(project, "check")

    assert checked.exit_code == 0, checked.stdout + checked.stderr
    lines = checked.stdout.splitlines()
    assert all(line.startswith(("warning: ", "  fix: ")) for line in lines), checked.stdout
    assert any(
        line.startswith(f"warning: docs/fr/articles/{new.name}: translation: no English edition") for line in lines
    )
    assert any(line.startswith(f"warning: docs/en/articles/{NVLM}.md: translation: stale") for line in lines)
    assert "Kyutai" in read_page(new).meta["companies"]
    assert f"| `{new.stem}` | missing |" in summary.read_text(encoding="utf-8")

    site = tmp_path / "site"
    built = build(project.root, site)
    assert built.returncode == 0, built.stderr
    assert (site / "articles" / f"{new.stem}.html").exists() and (site / "entreprises" / "kyutai.html").exists()
    assert not (site / "en" / "articles" / f"{new.stem}.html").exists()
    assert "The French original has changed" in (site / "en" / "articles" / f"{EN_NVLM}.html").read_text(
        encoding="utf-8"
    )


@pytest.fixture
def french_only(tmp_path) -> Project:
    project = copy_content(tmp_path / "project", "data", "docs")
    shutil.rmtree(project.articles("en"))
    return project


def test_edition_makes_the_front_matter_and_puts_the_french_in_place(french_only):
    result = run_cli(french_only, "edition", NVLM)
    assert result.exit_code == 0, result.stderr
    assert (
        result.stdout
        == f"wrote docs/en/articles/{NVLM}.md: translate it, then `python -m scripts mark-reviewed {NVLM}`\n"
    )
    french, english = (
        read_page(french_only.articles("fr") / f"{NVLM}.md"),
        read_page(french_only.articles("en") / f"{NVLM}.md"),
    )
    tagger = Tagger.load(french_only)
    assert english.meta["lang"] == "en" and english.meta["slug"] == NVLM
    assert english.meta["tags"] == tagger.labels(tagger.topic_ids(french.meta["tags"], "fr"), "en")
    assert english.meta["companies"] == french.meta["companies"]
    assert english.meta["translation"]["status"] == "machine"
    assert english.meta["translation"]["source_sha256"] == french_sha256(french)
    assert english.body == french.body and "provenance" not in english.meta

    again = run_cli(french_only, "edition", NVLM)
    assert again.exit_code == 1 and f"error: docs/en/articles/{NVLM}.md exists (--force to replace it)" in again.stderr
    # Untranslated, it must not be published as English, nor marked reviewed.
    checked = run_cli(french_only, "check")
    assert checked.exit_code == 1
    assert (
        f"docs/en/articles/{NVLM}.md: text: still in French: paragraph “Le géant des cartes graphiques"
        in checked.stdout
    )
    refused = run_cli(french_only, "mark-reviewed", NVLM)
    assert refused.exit_code == 1 and "text: still in French" in refused.stderr


def test_mark_reviewed_refuses_an_edition_whose_lang_is_not_en(french_only):
    french = french_only.articles("fr") / f"{NVLM}.md"
    french_only.articles("en").mkdir(parents=True)
    shutil.copy(french, french_only.articles("en") / french.name)  # copied by hand: still `lang: fr`
    result = run_cli(french_only, "mark-reviewed", NVLM)
    assert result.exit_code == 1
    assert f"error: docs/en/articles/{NVLM}.md: lang: 'fr', an English edition needs `lang: en`" in result.stderr
    assert (french_only.articles("en") / french.name).read_bytes() == french.read_bytes()


def test_fixture_is_what_tests_expect():
    assert len(list(FIXTURE.articles("fr").glob("*.md"))) == len(list(FIXTURE.articles("en").glob("*.md"))) == 5


def test_edition_with_a_backend_is_a_machine_draft(french_only, monkeypatch):
    from tests.translation_servers import MARK, Behaviour, serve

    monkeypatch.setenv("TEST_LT_KEY", "key")
    with serve("libretranslate", Behaviour()) as url:
        (french_only.data / "translation.yml").write_text(
            f"backend: libretranslate\ntimeout: 5\nretries: 0\nlibretranslate:\n  url: {url}\n  api_key_env: TEST_LT_KEY\n",
            encoding="utf-8",
        )
        result = run_cli(french_only, "edition", NVLM, "--backend", "libretranslate")
    assert result.exit_code == 0, result.stderr
    english = read_page(french_only.articles("en") / f"{NVLM}.md")
    assert (
        english.meta["translation"]["status"] == "machine"
        and english.meta["translation"]["backend"] == "libretranslate"
    )
    assert english.meta["title"].startswith(MARK)
