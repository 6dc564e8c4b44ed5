"""Shared fixtures: a throw-away copy of the fixture project (tests/fixtures/project/), the real
CLI run against it, the built site and the browser that opens it."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scripts.cli import app
from scripts.common.paths import Project
from tests.site_builds import copy_content

DATA = Path(__file__).parent / "data"
# The article the site tests open: it has companies, topics, an image credit and an edition.
NVLM = "nvidia-lance-nvlm-1-0-une-famille-de-modeles-multimodaux-open-source"
# Its English edition, published under a slug of its English title (scripts/common/slugs.py).
EN_NVLM = "nvidia-launches-nvlm-1-0-a-family-of-open-source-multimodal-models"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Chromium's own background traffic is switched off so that what is recorded is the page's.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--no-first-run",
    "--allow-file-access-from-files",
]


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(project: Project, *args: str) -> Result:
    """Run `python -m scripts <args> --root <project>` in-process, as a contributor would."""
    result = CliRunner().invoke(app, [*args, "--root", str(project.root)], catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A copy of the fixture project's sources and data, with no pages yet."""
    root = tmp_path / "project"
    copy_content(root, "sources", "data")
    (root / "docs" / "fr" / "articles").mkdir(parents=True)
    (root / "docs" / "en" / "articles").mkdir(parents=True)
    return Project(root)


@pytest.fixture
def empty_project(project: Project) -> Project:
    """A project with the registry but no sources and an empty manifest."""
    for path in project.sources.iterdir():
        path.unlink()
    project.manifest.write_text("{}\n", encoding="utf-8")
    return project


def add_source(project: Project, name: str, content: bytes | str, entry: str | None = "date: 2024-05-01") -> Path:
    """Drop a source into sources/ and, unless entry is None, give it a manifest entry."""
    path = project.sources / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    if entry is not None:
        manifest = project.manifest.read_text(encoding="utf-8")
        if manifest.strip() == "{}":
            manifest = ""
        indented = "\n".join(f"  {line}" for line in entry.splitlines())
        project.manifest.write_text(f"{manifest}\n{name}:\n{indented}\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The fixture project's site, built once per test session with `mkdocs build --strict`."""
    from tests.site_builds import build, copy_project

    root = tmp_path_factory.mktemp("site-build")
    project = copy_project(root / "project")
    site = root / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium under Playwright (bin/test installs it; `playwright install` cannot)."""
    if not CHROMIUM:
        if os.environ.get("CI"):
            raise RuntimeError("chromium is missing: bin/test installs Debian's chromium package")
        pytest.skip("Debian's chromium is not installed (bin/test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
