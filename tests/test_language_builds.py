"""Each language its own MkDocs build (`python -m scripts build`, scripts/site/build_site.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NVLM
from tests.site_builds import SITE_URL, build, copy_project

pytestmark = pytest.mark.build


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def build_command(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`python -m scripts build` of a project, as CI runs it."""
    env = dict(os.environ, SITE_URL=SITE_URL, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "scripts", "build", "--root", str(project), "-d", str(site_dir)]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, cwd=project)


def test_one_build_per_language_gives_the_same_site_as_mkdocs_build(tmp_path):
    project = copy_project(tmp_path / "project")
    separate = build_command(project, tmp_path / "separate")
    assert separate.returncode == 0, separate.stderr
    assert "Building 'en' documentation" in separate.stderr
    together = build(project, tmp_path / "together")
    assert together.returncode == 0, together.stderr

    separate_files, together_files = tree(tmp_path / "separate"), tree(tmp_path / "together")
    assert separate_files.keys() == together_files.keys()
    differing = [name for name in separate_files if separate_files[name] != together_files[name]]
    assert differing == []
    assert "en/404.html" in separate_files and "en/search/search_index.json" in separate_files
    assert b'lang="en"' in separate_files["en/404.html"] and b'lang="fr"' in separate_files["404.html"]
    assert not list(tmp_path.glob(".separate-languages-*"))  # the staging folders are gone


def test_a_warning_in_the_english_build_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "en" / "articles" / f"{NVLM}.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [this page](no-such-page.md).\n", encoding="utf-8")
    result = build_command(project, tmp_path / "site")
    assert result.returncode == 1
    assert "no-such-page.md" in result.stderr
    assert "error: the build of en failed" in result.stderr
    assert not list(tmp_path.glob(".site-languages-*"))


def test_languages_built_apart_then_assembled_give_the_same_site(tmp_path):
    # What the deploy does: one CI job per language (--language), then one that assembles.
    project = copy_project(tmp_path / "project")
    env = dict(os.environ, SITE_URL=SITE_URL, NO_MKDOCS_2_WARNING="1")
    scripts = [sys.executable, "-m", "scripts", "build", "--root", str(project)]
    for step in (["--language", "fr"], ["--language", "en"], ["--assemble", "-d", str(tmp_path / "assembled")]):
        done = subprocess.run([*scripts, *step], env=env, capture_output=True, text=True, timeout=600, cwd=project)
        assert done.returncode == 0, done.stderr
    together = build(project, tmp_path / "together")
    assert together.returncode == 0, together.stderr
    assert tree(tmp_path / "assembled") == tree(tmp_path / "together")
