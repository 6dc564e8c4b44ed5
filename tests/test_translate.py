"""`translate`: machine drafts through each backend, against stand-in servers on 127.0.0.1.

The real services cannot run here; tests/translation_servers.py speaks their protocols.
"""

from __future__ import annotations

import pytest

from scripts.model.pages import read_page
from tests.conftest import NVLM, run_cli
from tests.translation_servers import MARK, Behaviour, serve

SORA = "la-recente-technologie-de-conversion-texte-video-sora-d-openai-a-epoustoufle-la"


@pytest.fixture
def french(project):
    """The seeds ingested; no English edition yet."""
    assert run_cli(project, "ingest").exit_code == 0
    return project


def configure(project, url: str, retries: int = 1) -> None:
    (project.data / "translation.yml").write_text(
        f"backend: libretranslate\ntimeout: 0.5\nretries: {retries}\n"
        f"libretranslate:\n  url: {url}\n  api_key_env: TEST_LT_KEY\n"
        f"openai:\n  base_url: {url}/v1\n  model: test-model\n  api_key_env: TEST_OPENAI_KEY\n",
        encoding="utf-8",
    )


def english(project, slug=NVLM):
    return project.articles("en") / f"{slug}.md"


def test_libretranslate_draft(french, monkeypatch):
    monkeypatch.setenv("TEST_LT_KEY", "secret-key")
    behaviour = Behaviour()
    with serve("libretranslate", behaviour) as url:
        configure(french, url)
        result = run_cli(french, "translate", NVLM)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"drafted docs/en/articles/{NVLM}.md\n"
    [request] = behaviour.requests
    assert request["path"] == "/translate"
    assert request["body"]["source"] == "fr" and request["body"]["target"] == "en"
    assert request["body"]["api_key"] == "secret-key"
    page = read_page(english(french))
    assert page.meta["translation"]["status"] == "machine"
    assert page.meta["translation"]["backend"] == "libretranslate"
    assert page.meta["title"] == MARK + "NVIDIA lance NVLM 1.0, une famille de modèles multimodaux open source"
    assert page.meta["tags"][:2] == ["Open source and licensing", "Language models"]
    assert page.meta["images"][0]["credit"] == "NVIDIA"
    assert "\n## " + MARK + "NVIDIA sort l’artillerie lourde avec NVLM 1.0\n" in page.body
    # Only the French pages still untranslated fail the check; the draft itself is sound.
    problems = run_cli(french, "check").stdout
    assert f"docs/en/articles/{NVLM}.md" not in problems


def french_spacing(text: str) -> bool:
    return any(f"{space}{mark}" in text for space in "\u00a0\u202f" for mark in ":;!?»")


def test_a_draft_takes_english_typography(french):
    # The stand-in echoes the French, with its spaces before : ; ! ? and its « ».
    slug = next(p.stem for p in sorted(french.articles("fr").glob("*.md")) if french_spacing(read_page(p).body))
    with serve("libretranslate", Behaviour()) as url:
        configure(french, url)
        result = run_cli(french, "translate", slug)
    assert result.exit_code == 0, result.stderr
    body = read_page(english(french, slug)).body
    assert not french_spacing(body) and "«" not in body


@pytest.mark.parametrize(
    ("modes", "message"),
    [
        (["timeout"], "did not answer within 0.5 s (after 2 attempts)"),
        (["http500"], 'answered HTTP 500: {"error": "the stand-in failed on purpose"} (after 2 attempts)'),
        (["malformed"], "answered something that is not JSON: '<html>Bad gateway</html>' (after 2 attempts)"),
        (
            ["drop"],
            "libretranslate: rejected answer: text 3 (caption:0) came back empty: “Le P.-D.G. et fondateur de NVIDIA, Jensen Huang, e…” was dropped (after 2 attempts)",
        ),
        (["short"], "libretranslate: rejected answer: expected 14 texts, got 13 (after 2 attempts)"),
    ],
)
def test_libretranslate_failures_write_nothing(french, modes, message):
    behaviour = Behaviour(modes=modes, delay=1.5)
    with serve("libretranslate", behaviour) as url:
        configure(french, url)
        result = run_cli(french, "translate", NVLM)
    assert result.exit_code == 1
    assert f"error: {NVLM}: libretranslate: " in result.stderr
    assert message in result.stderr
    assert len(behaviour.requests) == 2
    assert not english(french).exists()


def test_a_rejected_answer_is_asked_for_again(french):
    behaviour = Behaviour(modes=["drop", "ok"])
    with serve("libretranslate", behaviour) as url:
        configure(french, url)
        result = run_cli(french, "translate", NVLM)
    assert result.exit_code == 0 and len(behaviour.requests) == 2
    assert english(french).exists()


def test_a_refused_key_stops_at_once(french):
    behaviour = Behaviour(modes=["http401"])
    with serve("libretranslate", behaviour) as url:
        configure(french, url)
        result = run_cli(french, "translate", "--all-missing")
    assert result.exit_code == 1 and len(behaviour.requests) == 1
    assert "refused the request (HTTP 401): check the API key" in result.stderr


def test_one_failure_does_not_stop_the_batch(french):
    # Pages go in slug order: the first fails twice (retries: 1), the next ones succeed.
    behaviour = Behaviour(modes=["drop", "drop", "ok"])
    with serve("libretranslate", behaviour) as url:
        configure(french, url)
        result = run_cli(french, "translate", "--all-missing")
    assert result.exit_code == 1
    assert "4 drafted, 0 kept, 1 failed" in result.stderr
    assert len(list(french.articles("en").glob("*.md"))) == 4


def test_openai_compatible_draft_with_feedback(french, monkeypatch):
    monkeypatch.setenv("TEST_OPENAI_KEY", "sk-test")
    behaviour = Behaviour(modes=["short", "fenced"])
    with serve("openai", behaviour) as url:
        configure(french, url)
        result = run_cli(french, "translate", NVLM, "--backend", "openai")
    assert result.exit_code == 0, result.stderr
    first, second = behaviour.requests
    assert first["path"] == "/v1/chat/completions"
    assert first["headers"]["Authorization"] == "Bearer sk-test"
    assert first["body"]["model"] == "test-model"
    system = first["body"]["messages"][0]["content"]
    assert "Never translate company, product or people's names" in system and "- PDG → CEO" in system
    # The second request carries the reason the first answer was rejected.
    assert second["body"]["messages"][-1]["content"] == (
        "Your previous answer was rejected: expected 14 texts, got 13. Try again."
    )
    assert read_page(english(french)).meta["translation"]["backend"] == "openai"


def test_openai_prose_answer_is_rejected(french):
    behaviour = Behaviour(modes=["prose"])
    with serve("openai", behaviour) as url:
        configure(french, url)
        result = run_cli(french, "translate", NVLM, "--backend", "openai")
    assert result.exit_code == 1
    assert (
        "openai: the model did not answer with a JSON array: 'Sure! Here is the translation you asked for.'"
        in result.stderr
    )
    assert not english(french).exists()


def test_argos_missing_says_how_to_install(french):
    result = run_cli(french, "translate", NVLM, "--backend", "argos")
    assert result.exit_code == 1
    assert "argos: argostranslate is not installed; install it into the project's environment:" in result.stderr
    assert "pip install argostranslate" in result.stderr and "translate-fr_en" in result.stderr


def test_reviewed_and_hand_edited_pages_are_kept(french):
    behaviour = Behaviour()
    with serve("libretranslate", behaviour) as url:
        configure(french, url)
        assert run_cli(french, "translate", NVLM, SORA).exit_code == 0
        run_cli(french, "mark-reviewed", NVLM)
        draft = english(french, SORA)
        draft.write_text(draft.read_text(encoding="utf-8").replace(MARK + "OpenAI", "OpenAI", 1), encoding="utf-8")
        reviewed_before, draft_before = english(french).read_bytes(), draft.read_bytes()
        # Both French pages change: both editions are stale now.
        for slug in (NVLM, SORA):
            fr = french.articles("fr") / f"{slug}.md"
            fr.write_text(fr.read_text(encoding="utf-8") + "\nUn paragraphe ajouté.\n", encoding="utf-8")
        result = run_cli(french, "translate", "--stale")
        assert "kept: " + NVLM + ": reviewed by a person" in result.stderr
        assert "kept: " + SORA + ": draft edited by hand" in result.stderr
        assert english(french).read_bytes() == reviewed_before and draft.read_bytes() == draft_before
        forced = run_cli(french, "translate", NVLM, "--force")
    assert forced.exit_code == 0
    page = read_page(english(french))
    assert page.meta["translation"]["status"] == "machine"
    assert page.body.endswith(MARK + "Un paragraphe ajouté.\n")


def test_stale_machine_draft_is_redrafted(french):
    behaviour = Behaviour()
    with serve("libretranslate", behaviour) as url:
        configure(french, url)
        run_cli(french, "translate", NVLM)
        fr = french.articles("fr") / f"{NVLM}.md"
        fr.write_text(fr.read_text(encoding="utf-8").replace("Ironiquement", "Paradoxalement"), encoding="utf-8")
        assert "translation: stale" in run_cli(french, "check").stdout
        result = run_cli(french, "translate", "--stale")
    assert result.stdout == f"drafted docs/en/articles/{NVLM}.md\n"
    assert MARK + "L’initiative de NVIDIA" in english(french).read_text(encoding="utf-8")
    assert "Paradoxalement" in english(french).read_text(encoding="utf-8")


def test_nothing_to_do_without_slugs_or_flags(french):
    result = run_cli(french, "translate")
    assert result.exit_code == 2
    assert "name the articles to translate, or use --all-missing or --stale" in result.stderr
