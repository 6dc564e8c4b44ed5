"""The other languages built by a forked process (scripts/site/language_builds.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import NVLM
from tests.site_builds import build, copy_project

pytestmark = [
    pytest.mark.build,
    pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the build forks only with two cores or more"),
]


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_forked_build_gives_the_same_site_as_the_sequential_one(tmp_path):
    project = copy_project(tmp_path / "project")
    forked = build(project, tmp_path / "forked")
    assert forked.returncode == 0, forked.stderr
    assert "Building en in a second process" in forked.stderr
    sequential = build(project, tmp_path / "sequential", NEWS_SEQUENTIAL_BUILD="1")
    assert sequential.returncode == 0, sequential.stderr
    assert "second process" not in sequential.stderr

    forked_files, sequential_files = tree(tmp_path / "forked"), tree(tmp_path / "sequential")
    assert forked_files.keys() == sequential_files.keys()
    differing = [name for name in forked_files if forked_files[name] != sequential_files[name]]
    assert differing == []
    assert "en/404.html" in forked_files and "en/search/search_index.json" in forked_files


def test_a_warning_in_the_english_build_fails_the_strict_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "en" / "articles" / f"{NVLM}.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [this page](no-such-page.md).\n", encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "no-such-page.md" in result.stderr
    assert "the build of en failed" in result.stderr
    assert not (tmp_path / "site" / "_language-builds").exists()
