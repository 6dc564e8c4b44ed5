"""`mkdocs serve --dirty`, for real: a changed article is rebuilt and served, its words reach the
preview's search index (built beside the server: scripts/site/serve_index.py), and rebuilds do not
pile up Material's index. The waits poll for an outcome with a generous deadline; nothing here
asserts how long anything took (the bench measures that: README, "Scale")."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import NVLM
from tests.site_builds import copy_project

pytestmark = pytest.mark.build

DEADLINE = 240  # seconds: a first build on a slow, busy machine


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(what: str, check, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline and server.poll() is None:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"never happened: {what} (server {'running' if server.poll() is None else 'stopped'})")


def _append_sentence(page: Path, sentence: str) -> None:
    page.write_text(page.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{sentence}\n", encoding="utf-8")


def test_a_changed_article_is_served_and_searchable_and_rebuilds_stay_small(tmp_path):
    started = time.time()
    project = copy_project(tmp_path / "project")
    port = _free_port()
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/le-fil-tech/"
    try:
        _wait_for("the first build is served", lambda: _get(base + "index.html") is not None, server)
        article = project / "docs" / "fr" / "articles" / f"{NVLM}.md"
        page_url = base + f"articles/{NVLM}.html"
        # A hand-written article keeps its edit link in a preview, which takes every page out of
        # Material's index (the hooks index them): the link is decided from the page itself.
        assert f"/edit/main/docs/fr/articles/{NVLM}.md" in (_get(page_url) or "")
        # A generated page's link leads to what it is made from.
        assert "/edit/main/data/companies.yml" in (_get(base + "entreprises/nvidia.html") or "")

        for number, word in enumerate(("Quetzalcoatlus", "Hallucigenia", "Opabinia", "Anomalocaris")):
            _append_sentence(article, f"Le modèle porte le nom de code {word} numéro {number}.")
            _wait_for(f"{word} on the served page", lambda word=word: word in (_get(page_url) or ""), server)
        assert f"/edit/main/docs/fr/articles/{NVLM}.md" in (_get(page_url) or "")  # rebuilt, still right
        # Rebuilds reuse compiled templates (serve.py, CompiledTemplates), but not an edited one.
        # MkDocs does not watch the theme: the article's next save brings the edit in.
        copyright = project / "overrides" / "partials" / "copyright.html"
        copyright.write_text(copyright.read_text(encoding="utf-8") + "<p>Gabarit modifié</p>\n", encoding="utf-8")
        _append_sentence(article, "Le modèle porte aussi le nom de Wiwaxia.")
        _wait_for("Wiwaxia on the served page", lambda: "Wiwaxia" in (_get(page_url) or ""), server)
        assert "Gabarit modifié" in (_get(page_url) or "")
        # The index job of the last rebuild swaps its index in: the new word is found in its
        # shard, and the words of the pages no rebuild touched are still there.
        shard = base + "search/shards/an.js"
        _wait_for("the last word in the preview's index", lambda: "anomalocaris" in (_get(shard) or ""), server)
        assert "zuckerberg" in (_get(base + "search/shards/zu.js") or "")
        assert "zuckerberg" in (_get(base + "en/search/shards/zu.js") or "")  # each language's
        # Material's entry file is the site's small one, rebuild after rebuild (under --dirty,
        # Material's own index would double at each: scripts/site/serve_index.py).
        entry = _get(base + "search/search_index.json") or ""
        assert '"docs":[]' in entry.replace(" ", "") and len(entry) < 20_000, entry[:300]
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: MkDocs shuts its plugins and hooks down
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    output = (tmp_path / "serve.log").read_text(encoding="utf-8", errors="replace")
    assert "ERROR" not in output and "Traceback" not in output, output[-3000:]
    # The index's work folder went with the server (MkDocs removes its own site folder).
    left = [
        work
        for work in Path(tempfile.gettempdir()).glob("mkdocs_*-search")
        if work.stat().st_mtime >= started and not Path(str(work).removesuffix("-search")).exists()
    ]
    assert not left, output[-3000:]
