"""The five seed articles, converted and compared with expected pages written by reading them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.common.paths import REPO
from tests.conftest import DATA, run_cli
from tests.site_builds import FIXTURE

EXPECTED = DATA / "ingest" / "expected"
SEEDS = REPO.root.parent / "shared" / "seeds"

# Lines of the seeds a reader never wanted: none may survive on any page.
NOISE = [
    "Advertisement",
    "Physical Address",
    "304 North Cardinal",
    "Dorchester Center",
    "Consultez notre autre site",
    "Suivez-nous",
    "Patreon",
    "Redirection en cours",
    "cliquez ici",
    "Laisser un commentaire",
    "Votre adresse e-mail",
    "FrançaisFrançais",
    "#TechQC",
    "Pour me contacter",
    "Hypocrisie ou simple buzz",  # a reader comment under seed 002
    "Trop de pouvoir à Zuckerberg",  # another one
    " l IA",
    " d heures",
]


def test_fixture_sources_are_the_seeds_unchanged():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this clone")
    for seed in sorted(SEEDS.iterdir()):
        assert (FIXTURE.sources / seed.name).read_bytes() == seed.read_bytes(), seed.name


def test_seeds_give_the_expected_pages(project):
    result = run_cli(project, "ingest")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "5 converted, 0 unchanged, 0 kept (edited by hand), 0 failed"
    produced = sorted(p.name for p in project.articles("fr").iterdir())
    assert produced == sorted(p.name for p in EXPECTED.iterdir())
    for expected in sorted(EXPECTED.iterdir()):
        assert (project.articles("fr") / expected.name).read_text(encoding="utf-8") == expected.read_text(
            encoding="utf-8"
        ), f"{expected.name} differs from its expected page"


@pytest.mark.parametrize("expected", sorted(EXPECTED.iterdir()), ids=lambda p: p.stem[:40])
def test_no_noise_survives(expected: Path):
    text = expected.read_text(encoding="utf-8")
    for noise in NOISE:
        assert noise not in text, f"{noise!r} survived in {expected.name}"


def test_every_article_sentence_is_kept():
    """Each long sentence of each seed's article text is on its page (modulo repaired apostrophes)."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this clone")
    pages = {p.name: p.read_text(encoding="utf-8") for p in EXPECTED.iterdir()}
    by_source = {re.search(r"source_file: (\S+)", text).group(1): text for text in pages.values()}
    for seed in sorted(SEEDS.iterdir()):
        page = _typography_free(re.sub(r"\s+", " ", by_source[seed.name].replace("\\", "")))
        article = seed.read_text(encoding="utf-8").split("Crédit d’image")[0].split("Houssen Moshinaly\n")[0]
        for line in article.splitlines():
            line = re.sub(r"\s+", " ", line.strip().lstrip("• ")).replace("’", "'")
            if len(line) < 120 or "Patreon" in line or "©" in line or "#" in line:
                continue
            line = re.sub(r"\b([ld]) (?=[aeiouhé])", r"\1'", line)
            line = line.replace("étrangers.« .", "étrangers. »").replace("sélectionnées.« .", "sélectionnées. »")
            line = _typography_free(line)
            assert line in page, f"{seed.name}: lost {line[:80]!r}"


def _typography_free(text: str) -> str:
    """The text without what French typography changes at ingest (scripts/common/typography.py): quotes,
    apostrophes, spaces inside guillemets and before : ; ! ?"""
    text = text.replace("’", "'").replace("“", "«").replace("”", "»")
    return re.sub(r"\s*([:;!?»])", r"\1", re.sub(r"«\s*", "«", text))


def test_fixture_pages_match_a_fresh_ingest():
    """The fixture's French pages are what ingest makes of its sources (or hand edits)."""
    for expected in sorted(EXPECTED.iterdir()):
        committed = FIXTURE.articles("fr") / expected.name
        assert committed.exists(), f"{committed} is missing: run python -m scripts ingest"
