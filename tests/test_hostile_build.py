"""The site build refuses what a hostile pull request could slip into docs/."""

from __future__ import annotations

import pytest

from tests.site_builds import build, copy_project

pytestmark = pytest.mark.build


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("fr/secret.md", "docs/fr/secret.md: a symbolic link; pages and assets must be real files"),
        ("fr/assets/environ.txt", "docs/fr/assets/environ.txt: a symbolic link; pages and assets must be real files"),
        ("fr/dossier", "docs/fr/dossier/secret.md: a symbolic link; pages and assets must be real files"),
    ],
    ids=["page", "asset", "folder"],
)
def test_a_symbolic_link_in_docs_stops_the_build_and_publishes_nothing(tmp_path, link, message):
    secret = tmp_path / "environ"
    secret.write_text("---\ntitle: Secret\n---\n\nSECRET_TOKEN=hunter2\n", encoding="utf-8")
    if not link.endswith((".md", ".txt")):  # a linked folder, with the secret as a page in it
        (tmp_path / "outside").mkdir()
        secret = secret.rename(tmp_path / "outside" / "secret.md").parent
    project = copy_project(tmp_path / "project")
    target = project / "docs" / link
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(secret)
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode != 0
    assert message in result.stderr
    published = [p for p in site.rglob("*") if p.is_file()] if site.exists() else []
    assert not any("hunter2" in p.read_text(encoding="utf-8", errors="replace") for p in published)
