"""ProperDocs (the maintained continuation of MkDocs 1.x) builds the same site as MkDocs."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import NVLM
from tests.site_builds import SITE_URL, build, copy_project

PROPERDOCS = shutil.which("properdocs", path=str(Path(os.sys.executable).parent))
pytestmark = [
    pytest.mark.build,
    pytest.mark.skipif(PROPERDOCS is None, reason="properdocs is not installed (requirements-dev.txt)"),
]


def properdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, SITE_URL=SITE_URL, NO_MKDOCS_2_WARNING="1")
    command = [PROPERDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, cwd=project)


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("properdocs")
    project = copy_project(tmp / "project")
    mkdocs = build(project, tmp / "mkdocs")
    assert mkdocs.returncode == 0, mkdocs.stderr
    properdocs = properdocs_build(project, tmp / "properdocs")
    assert properdocs.returncode == 0, properdocs.stderr
    return files(tmp / "mkdocs"), files(tmp / "properdocs")


def test_properdocs_builds_the_same_pages(both_builds):
    mkdocs, properdocs = both_builds
    assert sorted(properdocs) == sorted(mkdocs)
    # The hooks ran under ProperDocs: the pages carry the site's own switcher.
    assert b"news-switch" in properdocs[f"articles/{NVLM}.html"]


def test_properdocs_builds_the_same_bytes(both_builds):
    # Nothing needs normalising: Material prints no generator (extra.generator: false), and
    # ProperDocs 1.6.7 renders MkDocs 1.6.1's pages, search, sitemap and 404 the same.
    mkdocs, properdocs = both_builds
    assert [name for name in mkdocs if properdocs.get(name) != mkdocs[name]] == []
