"""suggest-companies: organisations that recur across the articles, as registry entries to paste."""

from __future__ import annotations

import yaml

from scripts.model.registry import load_registry
from tests.conftest import run_cli

PAGES = {
    "audit-1": (
        "Un cabinet sous enquête",
        "Le cabinet d’audit Deloitte est visé par une enquête.\n"
        "LE POINT SUR LA SITUATION ce matin.\n"
        "Le géant sud-coréen Samsung Electronics et NVIDIA ne sont pas concernés.\n",
    ),
    "audit-2": ("Deloitte recrute", "Deloitte annonce 500 embauches en France, selon la FNAC et la FNAC seule.\n"),
    "sport": ("Le club gagne", "Le PSG bat Lyon.\n"),
}


def _corpus(project) -> None:
    corpus = project.root / "corpus"
    for name, (_title, text) in PAGES.items():
        (corpus / "pages" / name).mkdir(parents=True)
        (corpus / "pages" / name / "reference.txt").write_text(text, encoding="utf-8")
    manifest = {"pages": [{"name": name, "lang": "fr", "title": title} for name, (title, _) in PAGES.items()]}
    (corpus / "manifest.yml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")


def test_suggests_recurring_organisations_with_count_and_context(project):
    _corpus(project)
    result = run_cli(project, "suggest-companies", "--corpus", "corpus")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    # Deloitte: introduced by a cue in one article, named in two: proposed with its count.
    assert "# 2 articles; audit-1: « Le cabinet d’audit Deloitte est visé par une enquête. »\n- name: Deloitte\n" in out
    assert "FNAC" not in out  # one article, however many mentions
    assert "SUR" not in out and "POINT" not in out  # a line in capitals has no acronyms
    assert "name: Samsung" not in out and "name: NVIDIA" not in out  # known, or a known company's division
    assert result.stderr.strip() == "1 name(s) not in data/companies.yml"


def test_suggestions_paste_into_the_registry_and_check_asks_for_descriptions(project):
    _corpus(project)
    pasted = run_cli(project, "suggest-companies", "--corpus", "corpus", "--min", "1").stdout
    entries = yaml.safe_load(pasted)
    assert {e["name"] for e in entries} >= {"Deloitte", "FNAC", "PSG"}
    with project.companies.open("a", encoding="utf-8") as registry:
        registry.write("\n" + pasted + "\n")
    _registry, errors = load_registry(project)
    assert any("(Deloitte): description.fr is missing" in e for e in errors), errors
    # Once pasted, a name is known and no longer proposed.
    again = run_cli(project, "suggest-companies", "--corpus", "corpus", "--min", "1").stdout
    assert "Deloitte" not in again


def test_suggest_reads_the_articles_and_never_tags(project):
    run_cli(project, "ingest")
    before = {p.name: p.read_bytes() for p in project.articles("fr").iterdir()}
    result = run_cli(project, "suggest-companies", "--min", "1")
    assert result.exit_code == 0
    assert "- name: SCMP\n" in result.stdout and "Le rapport du SCMP se lit comme suit" in result.stdout
    assert "name: NVIDIA" not in result.stdout
    assert {p.name: p.read_bytes() for p in project.articles("fr").iterdir()} == before
