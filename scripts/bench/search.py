"""The first search, in Chromium: the site's search against Material's default search on the same
site, and Pagefind over http, at a given number of articles per language.

`python -m scripts bench` reports the site's own figures (first_search_*); this module alone
(`python -m scripts.bench.search --n 1000,10000 [--root DIR]`) builds the synthetic site once per
count and measures all three, without the rebuild and Hugo:

- time: from a click on the search field of the French home page (a reader's first search),
  a word typed at once (its letters but the last filled in, then the last keystroke, so that
  each engine searches once, for the whole word), to the first result shown: an upper bound of
  the wait after the last keystroke, that counts what each engine does when search opens;
- bytes: the files search loaded (index, worker, stemmers), as on disk (uncompressed);
- memory: the peak resident memory (VmHWM) of the browser's renderer processes, which run the
  page and its search worker.

Material's search runs on a copy of the site (links to the same files) whose French index is
Material's own, as its search plugin writes it (every word of every page, NEWS_SEARCH_MATERIAL
at build time) and whose home page uses Material's worker. Pagefind (requirements-bench.txt)
indexes the built pages; it does not work from file:// (upstream #202, #241).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

from scripts.common.paths import REPO, Project

SEARCH_FIELD = "label.md-search__icon, .md-search__input"  # the label opens search on narrow screens
ENGINES = ("ours", "material", "pagefind")
QUERY = "prudence"  # a body word of the synthetic articles (scripts/bench/synthetic.py)
# What a search loads: index files, workers, stemmers, Pagefind's files.
SEARCH_FILE_RE = re.compile(r"/search/|/workers/|/lunr/|/pagefind/|iframe-worker")
MATERIAL_WORKER_RE = re.compile(r'("search": ?")[^"]*news-search\.js"')
PAGEFIND_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Pagefind</title></head>
<body><input id="q" autocomplete="off"><ol id="results"></ol>
<script type="module">
const pagefind = await import("./pagefind/pagefind.js");
const field = document.getElementById("q"), list = document.getElementById("results");
field.addEventListener("focus", () => pagefind.init(), { once: true });
field.addEventListener("keyup", async () => {
  const found = await pagefind.debouncedSearch(field.value, {}, 0);
  if (!found) return;
  const first = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
  list.replaceChildren(...first.map((d) => Object.assign(document.createElement("li"), { textContent: d.meta.title })));
});
</script></body></html>
"""


def renderer_peak_mb() -> float:
    """Peak resident memory of the Chromium renderers this process started (MB)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, list(children.get(os.getpid(), []))
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            if b"--type=renderer" in Path(f"/proc/{pid}/cmdline").read_bytes():
                status = Path(f"/proc/{pid}/status").read_text()
                total += int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) * 1024
        except (OSError, AttributeError):
            continue
    return round(total / 1e6, 1)


def first_results(
    url: str,
    site: Path,
    *,
    query: str = QUERY,
    result: str = ".md-search-result__item",
    field: str = SEARCH_FIELD,
    text_field: str = "input.md-search__input",
) -> dict:
    """Time from opening search to the first result, bytes loaded, renderer memory."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--allow-file-access-from-files"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        loaded: list[str] = []
        page.context.on("request", lambda request: loaded.append(request.url))
        page.goto(url, wait_until="load")
        page.wait_for_timeout(500)  # the page's own scripts settle
        # Timed from opening search: over file://, Material's worker runs on the page's thread
        # and builds its index when search opens; keystrokes wait until it is done. The word's
        # letters but the last go in at once (no keyup, no search), then the last keystroke:
        # one search, for the whole word. Unblocked, typing takes a few milliseconds.
        start = time.perf_counter()
        page.locator(field).first.click()
        page.locator(text_field).fill(query[:-1])
        page.keyboard.press(query[-1])
        page.locator(result).first.wait_for(timeout=180_000)
        seconds = time.perf_counter() - start
        page.wait_for_timeout(300)
        memory = renderer_peak_mb()
        browser.close()
    searched = {u for u in loaded if SEARCH_FILE_RE.search(u)}
    return {"s": round(seconds, 3), "kb": round(sum(_file_size(u, site) for u in searched) / 1e3), "mb": memory}


def _file_size(url: str, site: Path) -> int:
    parsed = urlparse(url)
    path = Path(unquote(parsed.path)) if parsed.scheme == "file" else site / unquote(parsed.path).lstrip("/")
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


def material_variant(site: Path, target: Path) -> Path:
    """The site with Material's own French index and worker on its home page (hard links to
    the same files, except those two: Chromium resolves symbolic links out of the folder)."""
    shutil.copytree(site, target, copy_function=os.link)
    shutil.rmtree(target / "search")
    (target / "search").mkdir()
    data = (site / "search" / "material_index.json").read_text(encoding="utf-8")
    (target / "search" / "search_index.json").write_text(data, encoding="utf-8")
    (target / "search" / "search_index.js").write_text(f"var __index = {data}", encoding="utf-8")
    worker = next((site / "assets" / "javascripts" / "workers").glob("search.*.min.js")).name
    home = (site / "index.html").read_text(encoding="utf-8")
    home, found = MATERIAL_WORKER_RE.subn(lambda m: f'{m.group(1)}assets/javascripts/workers/{worker}"', home)
    assert found == 1, "the home page's search worker setting was not found"
    (target / "index.html").unlink()  # a link to the site's own page: not written through
    (target / "index.html").write_text(home, encoding="utf-8")
    return target


def pagefind_binary() -> Path | None:
    try:
        from pagefind_bin import get_executable  # type: ignore[import-not-found]
    except ImportError:
        return None
    return Path(get_executable())


def pagefind_index(site: Path) -> dict | None:
    """Pagefind's index of the built pages (site/pagefind/) and a page that searches it."""
    binary = pagefind_binary()
    if binary is None:
        return None
    seconds = None  # a site measured again (--site) keeps its index
    if not (site / "pagefind").is_dir():
        start = time.perf_counter()
        subprocess.run([str(binary), "--site", str(site), "--quiet"], check=True, capture_output=True)
        seconds = round(time.perf_counter() - start, 1)
    (site / "pagefind-bench.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
    size = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    return {"index_s": seconds, "index_mb": round(size / 1e6, 1)}


def index_size_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*.js") if p.name != "search_index.js") / 1e6, 2)


def repeated(runs: int, measure) -> dict:
    """Median time, its range, and the figures of the median run, over `runs` runs."""
    results = sorted((measure() for _ in range(runs)), key=lambda r: r["s"])
    median = results[len(results) // 2]
    if runs == 1:
        return median
    return median | {"s_min": results[0]["s"], "s_max": results[-1]["s"]}


def measure_site(site: Path, scratch: Path, runs: int = 1, engines: tuple[str, ...] = ENGINES) -> dict:
    """Every search figure of one built site (see the module's docstring); times are the median
    of `runs` runs, each in a new browser."""
    from tests.site_builds import serve  # the GitHub-Pages-like static server of the site tests

    material = material_variant(site, scratch / "material-site") if "material" in engines else None
    found = {
        "search_index_fr_mb": index_size_mb(site / "search"),
        "search_index_en_mb": index_size_mb(site / "en" / "search"),
        "search_shards_fr": len(list((site / "search" / "shards").glob("*.js"))),
    }
    if material:
        found["material_index_fr_mb"] = round((material / "search" / "search_index.json").stat().st_size / 1e6, 2)
    for scheme in ("file", "http"):
        for name, root in (("ours", site), ("material", material)):
            if name not in engines:
                continue
            if scheme == "file":
                figures = repeated(runs, lambda root=root: first_results((root / "index.html").as_uri(), root))
            else:
                with serve(root) as url:
                    figures = repeated(runs, lambda root=root, url=url: first_results(url + "index.html", root))
            found |= {f"{name}_{scheme}_{key}": value for key, value in figures.items()}
    pagefind = pagefind_index(site) if "pagefind" in engines else None
    if pagefind:
        found |= {f"pagefind_{key}": value for key, value in pagefind.items()}
        with serve(site) as url:
            page = url + "pagefind-bench.html"
            figures = repeated(
                runs, lambda: first_results(page, site, result="#results li", field="#q", text_field="#q")
            )
        found |= {f"pagefind_http_{key}": value for key, value in figures.items()}
    return found


def build_site(root: Path, count: int, base: Project) -> Path:
    """The synthetic bilingual site of `count` articles per language, built as `bench` builds it."""
    from scripts.bench.pipeline import time_ingest
    from scripts.bench.site import make_site_project, run_measured, write_english_editions
    from scripts.model.registry import load_registry
    from scripts.site.listings import generate_pages, write_pages

    project = make_site_project(root, count, base)
    time_ingest(project, count)
    write_english_editions(project)
    registry, _ = load_registry(project)
    write_pages(project, generate_pages(project, registry))
    env = dict(
        os.environ, SITE_URL="https://example.org/le-fil-tech/", NO_MKDOCS_2_WARNING="1", NEWS_SEARCH_MATERIAL="1"
    )
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(root / "mkdocs.yml")]
    measured = run_measured([*build, "-d", str(root / "site")], root, env)
    print(f"built {count} articles per language in {measured.seconds:.0f} s", file=sys.stderr)
    return root / "site"


def bench_search(count: int, base: Project = REPO, keep: Path | None = None, runs: int = 1) -> dict:
    """Build the synthetic site of `count` articles per language; its search figures. keep: a
    folder to build in and leave behind (measure it again with --site)."""
    with tempfile.TemporaryDirectory(prefix="bench-search-") as folder:
        root = keep / f"project-{count}" if keep else Path(folder) / "project"
        site = build_site(root, count, base)
        return {"articles": count} | measure_site(site, Path(folder), runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", default="1000", help="comma-separated article counts per language")
    parser.add_argument(
        "--root", type=Path, default=REPO.root, help="the project whose registry and site settings are used"
    )
    parser.add_argument("--site", type=Path, help="measure this already built site (built with NEWS_SEARCH_MATERIAL=1)")
    parser.add_argument("--keep", type=Path, help="build in this folder and leave the sites there")
    parser.add_argument("--runs", type=int, default=1, help="runs per measure (the median is reported)")
    parser.add_argument("--engines", default=",".join(ENGINES), help="which searches to measure")
    options = parser.parse_args()
    engines = tuple(options.engines.split(","))
    if options.site:
        with tempfile.TemporaryDirectory(prefix="bench-search-") as folder:
            figures = measure_site(options.site.resolve(), Path(folder), options.runs, engines)
            print(json.dumps(figures, indent=2))
        return
    for count in (int(n) for n in options.n.split(",")):
        keep = options.keep and options.keep.resolve()
        figures = bench_search(count, Project(options.root.resolve()), keep, options.runs)
        print(json.dumps(figures, indent=2), flush=True)


if __name__ == "__main__":
    main()
