"""Nothing lost, nothing duplicated (issue 13): the lock, --force, pages ingest cannot read,
broken manifests and YAML bombs, each answered by one line that names the file."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts.common.run_guards import exclusive_run, lock_path
from tests.conftest import add_source, run_cli

GOOD = "Un titre d’article\n\nNVIDIA publie un nouveau modèle. Il est rapide.\n"
OTHER = "Un autre titre\n\nAMD publie un nouveau processeur. Il est rapide.\n"
HOSTILE = Path(__file__).parent / "data" / "hostile" / "yaml"
BOMB = (HOSTILE / "alias-bomb.yml").read_text(encoding="utf-8")
PAGE = "un-titre-d-article.md"


@pytest.fixture
def ingested(empty_project):
    """Two sources ingested: un-titre-d-article.md and un-autre-titre.md."""
    add_source(empty_project, "good.txt", GOOD)
    add_source(empty_project, "other.txt", OTHER)
    assert run_cli(empty_project, "ingest").exit_code == 0
    return empty_project


def test_a_second_run_is_refused_while_one_holds_the_lock(ingested):
    with exclusive_run(ingested, "ingest"):
        result = run_cli(ingested, "ingest")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: .cache/pages.lock: `ingest` (process {os.getpid()}) is writing this project's pages:"
        " wait until it has finished, then run `ingest` again\n"
    )
    # Released with its holder: the next run goes ahead.
    assert run_cli(ingested, "ingest").exit_code == 0


def test_a_crashed_run_leaves_no_stale_lock(ingested):
    # A process that takes the lock and dies without releasing it.
    code = (
        "import os, sys; sys.path.insert(0, sys.argv[1]); from scripts.common.paths import Project; "
        "from scripts.common.run_guards import exclusive_run; "
        "ctx = exclusive_run(Project(__import__('pathlib').Path(sys.argv[2])), 'ingest'); ctx.__enter__(); os._exit(9)"
    )
    root = Path(__file__).parent.parent
    died = subprocess.run([sys.executable, "-c", code, str(root), str(ingested.root)], check=False)
    assert died.returncode == 9 and lock_path(ingested).exists()
    assert run_cli(ingested, "ingest").exit_code == 0


def test_two_runs_at_once_never_duplicate_a_page(empty_project):
    for number in range(30):
        add_source(empty_project, f"{number:02d}.txt", f"Titre numéro {number}\n\nNVIDIA publie le modèle {number}.\n")
    root = Path(__file__).parent.parent
    command = [sys.executable, "-m", "scripts", "ingest", "--root", str(empty_project.root)]
    first = subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(0.2)
    second = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    first.communicate()
    assert len(list(empty_project.articles("fr").glob("*.md"))) == 30
    # The second either found the work done or was refused while the first ran.
    assert second.returncode == 0 or "is writing this project's pages" in second.stderr


def test_force_without_paths_keeps_hand_edits(ingested):
    page = ingested.articles("fr") / PAGE
    edited = page.read_text(encoding="utf-8") + "\nAjout à la main.\n"
    page.write_text(edited, encoding="utf-8")
    result = run_cli(ingested, "ingest", "--force")
    assert result.exit_code == 0
    assert result.stdout.strip() == "1 converted, 0 unchanged, 1 kept (edited by hand), 0 failed"
    assert page.read_text(encoding="utf-8") == edited
    # Named, it is overwritten.
    assert run_cli(ingested, "ingest", str(ingested.sources / "good.txt"), "--force").exit_code == 0
    assert "Ajout à la main" not in page.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (
            lambda text: text.replace("slug: un-titre-d-article\n", "slug: [oops\n"),
            "cannot be read (front matter is not valid YAML: ",
        ),
        (lambda text: text[: text.index("provenance:")] + "---\n" + text.split("\n---\n", 1)[1], "has no provenance"),
        (
            lambda text: text[: text.index("provenance:")] + "provenance: oops\n---\n" + text.split("\n---\n", 1)[1],
            "has no provenance",
        ),
    ],
    ids=["broken-yaml", "provenance-removed", "provenance-not-a-mapping"],
)
def test_a_page_ingest_cannot_tie_to_its_source_gets_no_second_copy(ingested, damage, problem):
    page = ingested.articles("fr") / PAGE
    page.write_text(damage(page.read_text(encoding="utf-8")), encoding="utf-8")
    damaged = page.read_bytes()
    (ingested.sources / "good.txt").write_text(GOOD + "Une phrase de plus.\n", encoding="utf-8")
    result = run_cli(ingested, "ingest")
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("error: sources/good.txt")]
    assert len(lines) == 1 and f"its page docs/fr/articles/{PAGE} {problem}" in lines[0], result.stderr
    assert lines[0].endswith("left alone, no second copy written; fix or remove it")
    assert sorted(p.name for p in ingested.articles("fr").iterdir()) == ["un-autre-titre.md", PAGE]
    assert page.read_bytes() == damaged


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ("good.txt: [unclosed\n", "error: sources/sources.yml:2: not valid YAML: "),
        ("- a list\n- not a mapping\n", "error: sources/sources.yml:1: must map source file names to their entries"),
        (BOMB, "error: sources/sources.yml:4: not valid YAML: aliases expand to more than 10,000 values"),
        (b"good.txt:\n  author: Fran\xe7ois\n", "error: sources/sources.yml:2: not UTF-8 text (byte 24: invalid"),
        ("good.txt:\n  date: 86400\n", "error: sources/sources.yml:1: good.txt: date: 86400 is not an ISO date"),
    ],
    ids=["invalid", "list", "alias-bomb", "not-utf8", "number-date"],
)
def test_a_broken_manifest_is_one_line(empty_project, manifest, message):
    add_source(empty_project, "good.txt", GOOD, entry=None)
    data = manifest.encode() if isinstance(manifest, str) else manifest
    empty_project.manifest.write_bytes(data)
    result = run_cli(empty_project, "ingest")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(message), result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreadable_manifest_is_one_line(empty_project):
    add_source(empty_project, "good.txt", GOOD, entry=None)
    empty_project.manifest.unlink()
    empty_project.manifest.mkdir()  # a folder where the file should be: unreadable even to root
    result = run_cli(empty_project, "ingest")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("error: sources/sources.yml: ")


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        (BOMB, f"docs/fr/articles/{PAGE}:5: front matter is not valid YAML: aliases expand to more than 10,000"),
        ("title: [x\n", f"docs/fr/articles/{PAGE}:3: front matter is not valid YAML: "),
    ],
    ids=["alias-bomb", "invalid"],
)
def test_a_page_with_hostile_front_matter_is_named_and_the_batch_goes_on(ingested, front_matter, message):
    page = ingested.articles("fr") / PAGE
    page.write_text(f"---\n{front_matter}---\n\nTexte.\n", encoding="utf-8")
    add_source(ingested, "third.txt", "Un troisième titre\n\nIntel publie une puce.\n")
    result = run_cli(ingested, "ingest")
    assert result.exit_code == 1
    assert any(line.startswith(f"error: {message}") for line in result.stderr.splitlines()), result.stderr
    assert (ingested.articles("fr") / "un-troisieme-titre.md").exists()


def test_a_page_that_is_not_utf8_is_named_with_its_line(ingested):
    page = ingested.articles("fr") / PAGE
    page.write_bytes(page.read_bytes().replace("d’article".encode(), "d\x92article".encode("latin-1")))
    result = run_cli(ingested, "check", "--no-build")
    assert result.exit_code == 1
    assert f"docs/fr/articles/{PAGE}:2: not UTF-8 text (byte " in result.stdout


def test_a_symbolic_link_among_the_pages_is_refused(ingested, tmp_path):
    secret = tmp_path / "environ"
    secret.write_text("---\ntitle: SECRET_TOKEN=hunter2\n---\n\nSECRET_TOKEN=hunter2\n", encoding="utf-8")
    (ingested.articles("fr") / "leak.md").symlink_to(secret)
    result = run_cli(ingested, "ingest")
    assert result.exit_code == 1
    assert "error: docs/fr/articles/leak.md: is a symbolic link: copy the file itself into the project" in result.stderr


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (None, "error: data/cleaning.yml: cannot be read: "),
        (BOMB, "error: data/cleaning.yml:4: not valid YAML: aliases expand to more than 10,000 values"),
    ],
    ids=["missing", "alias-bomb"],
)
def test_broken_cleaning_rules_are_said_once_not_per_source(ingested, rules, message):
    if rules is None:
        ingested.cleaning_rules.unlink()
    else:
        ingested.cleaning_rules.write_text(rules, encoding="utf-8")
    add_source(ingested, "third.txt", "Un troisième titre\n\nIntel publie une puce.\n")
    result = run_cli(ingested, "ingest")
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(message), result.stderr


def test_a_page_s_slug_cannot_send_ingest_outside_docs(ingested):
    page = ingested.articles("fr") / PAGE
    page.write_text(
        page.read_text(encoding="utf-8").replace("slug: un-titre-d-article", "slug: ../../../escaped"), encoding="utf-8"
    )
    (ingested.sources / "good.txt").write_text(GOOD + "Une phrase de plus.\n", encoding="utf-8")
    result = run_cli(ingested, "ingest", "--force", str(ingested.sources / "good.txt"))
    assert result.exit_code == 0, result.stderr
    assert not (ingested.root / "escaped.md").exists()
    assert "Une phrase de plus." in page.read_text(encoding="utf-8")


def test_a_second_page_from_one_source_is_reported(ingested):
    # What two runs at once left behind before the lock: ingest says so on every later run.
    page = ingested.articles("fr") / PAGE
    copy = ingested.articles("fr") / "un-titre-d-article-2f1c3a.md"
    copy.write_bytes(page.read_bytes())
    for _ in range(2):
        result = run_cli(ingested, "ingest")
        assert result.exit_code == 1
        assert result.stderr == (
            f"error: docs/fr/articles/{PAGE}: made from sources/good.txt, like docs/fr/articles/{copy.name}: remove one\n"
        )
