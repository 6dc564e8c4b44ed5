"""Tagging: the seeds' companies and topics, the labelled traps, re-tagging, registry checks."""

from __future__ import annotations

import pytest
import yaml

from scripts.evaluation import evaluate
from scripts.pages import read_page, write_page
from scripts.tagging import Tagger
from tests.conftest import run_cli
from tests.site_builds import FIXTURE

# Written by reading each seed: what the article is about, not every name it drops.
SEED_TAGS = {
    "000_692ff35ba2734ee9.txt": (
        ["NVIDIA"],  # Meta appears once, about Llama's licence: a passing mention
        ["open-source", "virtual-worlds", "gpus-chips", "ai-ethics", "business-strategy"],
    ),
    "001_97d6eda0036c0f16.txt": (
        ["NVIDIA"],  # OpenAI, Google, Meta and Mistral AI are each named once, in passing
        # Its angle is NVIDIA's move into models; "le géant des cartes graphiques" and one
        # mention of its GPUs do not make chips a topic.
        ["open-source", "language-models", "multimodal-models", "business-strategy", "research"],
    ),
    "002_3e7e5caf8101d127.txt": (["NVIDIA", "Meta"], ["open-source", "language-models"]),
    "003_bab0462ace7c3f19.txt": (["NVIDIA", "OpenAI"], ["video-generation", "gpus-chips", "export-controls", "china"]),
    "004_53805e7bd5e7d9b3.txt": (
        ["Meta"],
        ["open-source", "language-models", "gpus-chips", "data-centres", "business-strategy"],
    ),
}


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger.load(FIXTURE)


def test_seed_pages_carry_the_expected_tags(project, tagger):
    assert run_cli(project, "ingest").exit_code == 0
    found = {}
    for path in project.articles("fr").iterdir():
        page = read_page(path)
        found[page.meta["provenance"]["source_file"]] = (page.meta["companies"], page.meta["tags"])
    expected = {name: (companies, tagger.labels(ids, "fr")) for name, (companies, ids) in SEED_TAGS.items()}
    assert found == expected


def test_every_labelled_snippet_comes_out_exactly():
    evaluation = evaluate(FIXTURE)
    assert evaluation.snippets >= 30
    assert evaluation.mistakes == []


def test_labelled_set_covers_both_languages_and_the_traps():
    snippets = yaml.safe_load((FIXTURE.data / "labelled" / "tagging.yml").read_text(encoding="utf-8"))
    assert {s["lang"] for s in snippets} == {"fr", "en"}
    traps = " ".join(s["trap"] for s in snippets)
    for trap in ("inside another word", "passing mention", "URL", "elision", "product", "accent", "plural"):
        assert trap in traps, trap


def test_report_prints_precision_and_recall(project):
    result = run_cli(project, "tag", "--report")
    assert result.exit_code == 0
    assert "100.0% / 100.0%   100.0% / 100.0%  <- in use" in result.stdout


@pytest.mark.parametrize(
    ("text", "companies"),
    [
        ("Les métadonnées et la méta-analyse.", []),
        ("Voir https://www.nvidia.com/fr-fr ou écrire à presse@meta.com.", []),
        ("Le match à l’Allianz Riviera.", []),
        ("l’OpenAI de demain", ["OpenAI"]),
        ("NVLM-D-72B et GPT-4o", ["NVIDIA", "OpenAI"]),
        ("Meta-analyse", []),
    ],
)
def test_matching_traps(tagger, text, companies):
    found, _ = tagger.tag(text, text, text)  # title, lead and body: salient if matched at all
    assert found == companies


def test_retag_keeps_hand_added_tags_and_text(project):
    run_cli(project, "ingest")
    path = next(project.articles("fr").glob("nvidia-lance-*.md"))
    page = read_page(path)
    page.meta["tags"].append("Chine")  # a contributor's own tag
    page.meta["companies"].append("Mistral AI")
    write_page(path, page.meta, page.body)
    body = page.body
    result = run_cli(project, "tag")
    assert result.exit_code == 0
    after = read_page(path)
    assert "Chine" in after.meta["tags"] and "Mistral AI" in after.meta["companies"]
    assert after.body == body
    # Ingest still sees the contributor's edit and keeps the page.
    assert "1 kept" in run_cli(project, "ingest").stdout


def test_retag_drops_tags_the_tagger_no_longer_finds(project):
    run_cli(project, "ingest")
    topics = project.topics.read_text(encoding="utf-8")
    project.topics.write_text(topics.replace("'multimod(al|aux|ale|ales|alité)', ", ""), encoding="utf-8")
    path = next(project.articles("fr").glob("nvidia-lance-*.md"))
    assert "Modèles multimodaux" in read_page(path).meta["tags"]
    assert run_cli(project, "tag").exit_code == 0
    assert "Modèles multimodaux" not in read_page(path).meta["tags"]


def test_english_edition_gets_english_labels_of_the_same_topics(project, tagger):
    run_cli(project, "ingest")
    french = read_page(next(project.articles("fr").glob("nvidia-lance-*.md")))
    meta = {
        **{k: v for k, v in french.meta.items() if k not in ("provenance", "hashtags")},
        "lang": "en",
        "tags": ["Video games"],  # a translator's own English tag survives
        "companies": [],
        "translation": {"status": "reviewed", "source_sha256": "0" * 64},
    }
    english = project.articles("en") / french.path.name
    write_page(english, meta, "Text.\n")
    run_cli(project, "tag")
    tags = read_page(english).meta["tags"]
    ids = tagger.topic_ids(french.meta["tags"], "fr")
    assert tags == [*tagger.labels(ids, "en"), "Video games"]
    assert read_page(english).meta["companies"] == ["NVIDIA"]


def test_english_page_copied_from_the_french_gets_english_labels_only(project, tagger):
    run_cli(project, "ingest")
    french = read_page(next(project.articles("fr").glob("nvidia-lance-*.md")))
    english = project.articles("en") / french.path.name
    meta = {**french.meta, "lang": "en", "translation": {"status": "reviewed", "source_sha256": "0" * 64}}
    write_page(english, meta, french.body)  # the French page copied, French tags and all
    assert run_cli(project, "tag", f"docs/en/articles/{english.name}").exit_code == 0
    ids = tagger.topic_ids(french.meta["tags"], "fr")
    assert read_page(english).meta["tags"] == tagger.labels(ids, "en")  # replaced, not added beside


def test_tag_takes_paths_from_the_project_folder_and_refuses_others(project, tmp_path):
    run_cli(project, "ingest")
    page = next(project.articles("fr").glob("nvidia-lance-*.md"))
    assert run_cli(project, "tag", f"docs/fr/articles/{page.name}").exit_code == 0
    outside = tmp_path / "elsewhere.md"
    outside.write_text("---\ntitle: x\n---\n", encoding="utf-8")
    result = run_cli(project, "tag", str(outside))
    assert result.exit_code == 2 and "error: not a page of docs/" in result.stderr


def test_suggest_companies_lists_unknown_names_and_never_tags(project):
    run_cli(project, "ingest")
    before = {p.name: p.read_bytes() for p in project.articles("fr").iterdir()}
    result = run_cli(project, "suggest-companies", "--min", "1")
    assert result.exit_code == 0
    assert "SCMP" in result.stdout and "Le rapport du SCMP se lit comme suit" in result.stdout
    assert "NVIDIA" not in result.stdout.split("—")[0]
    assert {p.name: p.read_bytes() for p in project.articles("fr").iterdir()} == before
