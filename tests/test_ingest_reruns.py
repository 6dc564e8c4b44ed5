"""Re-runs: idempotent, incremental, hand edits kept, writes atomic, dry runs write nothing."""

from __future__ import annotations

import os

import pytest

from scripts.common import files
from tests.conftest import run_cli

SUMMARY_ALL_UNCHANGED = "0 converted, 5 unchanged, 0 kept (edited by hand), 0 failed"


def snapshot(project):
    return {p.name: p.read_bytes() for p in sorted(project.articles("fr").iterdir())}


def test_second_run_changes_no_byte(project):
    assert run_cli(project, "ingest").exit_code == 0
    before = snapshot(project)
    result = run_cli(project, "ingest")
    assert result.stdout.strip() == SUMMARY_ALL_UNCHANGED
    assert snapshot(project) == before


def test_forced_run_rewrites_identical_bytes(project):
    run_cli(project, "ingest")
    before = snapshot(project)
    assert run_cli(project, "ingest", "--force").stdout.startswith("5 converted")
    assert snapshot(project) == before


def test_changed_source_is_converted_again(project):
    run_cli(project, "ingest")
    source = project.sources / "003_bab0462ace7c3f19.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\nUne phrase ajoutée à la fin.\n", encoding="utf-8")
    result = run_cli(project, "ingest")
    assert result.stdout.strip() == "1 converted, 4 unchanged, 0 kept (edited by hand), 0 failed"
    page = next(project.articles("fr").glob("la-recente-*.md")).read_text(encoding="utf-8")
    assert page.endswith("Une phrase ajoutée à la fin.\n")


def test_hand_edit_survives_reingest(project):
    run_cli(project, "ingest")
    page = next(project.articles("fr").glob("nvidia-lance-*.md"))
    edited = page.read_text(encoding="utf-8").replace("Le géant des cartes graphiques", "Le géant des GPU")
    page.write_text(edited, encoding="utf-8")
    source = project.sources / "001_97d6eda0036c0f16.txt"
    source.write_bytes(source.read_bytes() + b"\nUne phrase de plus.\n")  # the source changes too

    result = run_cli(project, "ingest")
    assert result.stdout.strip() == "0 converted, 4 unchanged, 1 kept (edited by hand), 0 failed"
    fix = "`python -m scripts ingest sources/001_97d6eda0036c0f16.txt --force` overwrites it"
    assert f"kept: docs/fr/articles/{page.name}: edited by hand: left alone ({fix})" in result.stderr
    assert page.read_text(encoding="utf-8") == edited


def test_force_on_a_named_source_overwrites_only_that_page(project):
    run_cli(project, "ingest")
    edits = {}
    for pattern in ("nvidia-lance-*.md", "l-ia-selon-*.md"):
        page = next(project.articles("fr").glob(pattern))
        edits[pattern] = page.read_text(encoding="utf-8") + "\nAjout à la main.\n"
        page.write_text(edits[pattern], encoding="utf-8")
    result = run_cli(project, "ingest", str(project.sources / "001_97d6eda0036c0f16.txt"), "--force")
    assert result.stdout.strip() == "1 converted, 0 unchanged, 0 kept (edited by hand), 0 failed"
    assert "Ajout à la main" not in next(project.articles("fr").glob("nvidia-lance-*.md")).read_text(encoding="utf-8")
    assert next(project.articles("fr").glob("l-ia-selon-*.md")).read_text(encoding="utf-8") == edits["l-ia-selon-*.md"]


def test_dry_run_writes_nothing(project):
    result = run_cli(project, "ingest", "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.strip() == "5 would convert, 0 unchanged, 0 kept (edited by hand), 0 failed"
    assert list(project.articles("fr").iterdir()) == []


def test_a_failed_write_leaves_the_old_page_whole(project, monkeypatch):
    run_cli(project, "ingest")
    page = next(project.articles("fr").glob("nvidia-lance-*.md"))
    before = page.read_bytes()

    def crash(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        files.write_atomic(page, "half")
    assert page.read_bytes() == before
    assert [p.name for p in project.articles("fr").iterdir() if p.name.startswith(".")] == []
    assert os.replace is not None
