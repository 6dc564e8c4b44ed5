"""Real MkDocs builds of the site, and a real HTTP server to browse them, for the site tests."""

from __future__ import annotations

import functools
import gzip
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

from scripts.common.paths import REPO, Project
from tests.local_server import local_server

SITE_URL = "https://news.example.org/le-fil-tech/"
MKDOCS = [sys.executable, "-m", "mkdocs"]
# The content tests run on: five articles, their English editions, the listing pages, the sources
# and the registries, frozen. A change to the repository's content fails only the content
# commands (check, pages --check, the strict build, links), which CI runs on it.
FIXTURE = Project(Path(__file__).parent / "fixtures" / "project")
# The pipeline's own settings are code, not content: copies take them from the repository, so a
# change to ingest's noise rules or the translation settings is tested as it is made.
SETTINGS = ("cleaning.yml", "translation.yml", "translation")


def copy_content(dest: Path, *parts: str) -> Project:
    """A copy of the fixture's sources, data or docs, with the repository's pipeline settings."""
    for part in parts:
        shutil.copytree(FIXTURE.root / part, dest / part)
    if "data" in parts:
        for name in SETTINGS:
            copy = shutil.copytree if (REPO.data / name).is_dir() else shutil.copy
            copy(REPO.data / name, dest / "data" / name)
    return Project(dest)


def copy_project(dest: Path) -> Path:
    """A copy of everything the site build reads; scripts/ is linked, not copied."""
    dest.mkdir(parents=True, exist_ok=True)
    copy_content(dest, "docs", "data")
    shutil.copytree(REPO.root / "overrides", dest / "overrides")
    shutil.copy(REPO.root / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "scripts").symlink_to(REPO.root / "scripts")
    return dest


def build(project: Path, site_dir: Path, *, strict: bool = True, **env_vars: str) -> subprocess.CompletedProcess:
    """`mkdocs build` of a project into site_dir, as the README says to run it."""
    env = dict(os.environ, SITE_URL=SITE_URL, NO_MKDOCS_2_WARNING="1", **env_vars)
    command = [*MKDOCS, "build", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, cwd=project)


class _StaticHostHandler(SimpleHTTPRequestHandler):
    """Serves files as a static host such as GitHub Pages does: gzip for text, a short cache."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.suffix in self.COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve a folder over HTTP on 127.0.0.1; yields the base URL (ending with /)."""
    with local_server(functools.partial(_StaticHostHandler, directory=str(root))) as url:
        yield url + "/"
