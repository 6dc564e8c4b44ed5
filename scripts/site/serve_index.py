"""`mkdocs serve`: the preview's search index, rebuilt beside the server after a rebuild.

A preview's rebuild, with `--dirty`, renders only the changed pages; indexing every word of every
page would still take seconds (about 4 s at 1,000 articles per language, most of a minute at
10,000). So after the first build a preview's rebuild does not wait for it:
- the index lives in a work folder beside the site (MkDocs empties the site folder before a
  rebuild without `--dirty`), and each rebuild puts it back into the site: search answers at
  once, from the index of the previous build;
- the rebuild writes the pages' entries and starts this module in its own process, which
  indexes them in a staging folder and swaps the result in, in the work folder and in the site,
  when done (on the other core). The next rebuild stops a run still going (it would index pages
  about to change), except during its swap, which a lock covers.

The entries are the hooks' (page_entries), not Material's: under `--dirty`, Material's index
merges the previous build's entries with the rebuilt pages', and static-i18n runs that merge a
second time in the same build (to add the other languages), so the index doubles at every
rebuild (124 MB, 496 MB, 1.98 GB at 1,000 articles). A preview therefore keeps every page out of
Material's index (its documented `search.exclude`) and the hooks keep each page's entries,
replacing a page's when it is rebuilt. `mkdocs build` and `python -m scripts build` use
Material's entries and index in the build.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scripts.common.paths import Project
from scripts.site.search_index import index_folder

log = logging.getLogger("mkdocs.hooks.news")
SCRIPTS_ROOT = Path(__file__).resolve().parents[2]  # the folder holding scripts/

MERGED = "search/search_index.json"  # the entries of every page, as Material writes them
# A heading Python-Markdown's toc extension wrote, with its id (and its permalink inside).
HEADING_RE = re.compile(r'<h([1-6]) id="([^"]*)"[^>]*>(.*?)</h\1>', re.S)
PERMALINK_RE = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
# The index's entry files, which Material's own plugins also write (a dirty build writes into
# existing files): copied into the site, not linked like the rest.
ENTRY_FILES = {"search_index.json", "search_index.js"}


def page_entries(url: str, title: str, content: str) -> list[dict]:
    """A page's entries as Material's index has them: the page (its text before the first
    heading), then one per section, located by its heading's id."""
    entries = []
    location, start, heading = url, 0, title
    for match in HEADING_RE.finditer(content):
        entries.append({"location": location, "title": heading, "text": content[start : match.start()].strip()})
        location = f"{url}#{match.group(2)}"
        heading = PERMALINK_RE.sub("", match.group(3)).strip()
        start = match.end()
    entries.append({"location": location, "title": heading, "text": content[start:].strip()})
    return entries


class PreviewIndex:
    """The search index of one `mkdocs serve` session's site folder."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.work: Path | None = None

    def stop(self) -> None:
        """Stop a run still going, unless it is swapping folders in (then let it finish)."""
        if self.process is None or self.work is None:
            return
        ended = self.process.poll()
        if ended is None:
            with _swap_lock(self.work):
                self.process.kill()
                self.process.wait()
        elif ended != 0:
            # It failed: say so (a warning, as a build's), with the end of what it printed.
            printed = (self.work / "index.log").read_text(encoding="utf-8", errors="replace")
            log.warning("the preview's search index was not rebuilt:\n%s", printed[-2000:])
        self.process = None

    def close(self) -> None:
        """The server stops: so does indexing, and its work folder goes."""
        self.stop()
        if self.work is not None:
            shutil.rmtree(self.work, ignore_errors=True)

    @property
    def indexed(self) -> bool:
        return self.work is not None

    def keep(self, site_dir: Path, languages: tuple[str, ...]) -> None:
        """After the first build, which indexed the site: keep its index in the work folder."""
        self.work = _work_folder(site_dir)
        for lang in languages:
            folder = index_folder(lang)
            shutil.rmtree(self.work / "index" / folder, ignore_errors=True)
            # Linked as publish links them: the next rebuild finds the same files in the site.
            shutil.copytree(site_dir / folder, self.work / "index" / folder, copy_function=_link_or_copy)

    def refresh(self, site_dir: Path, project: Project, languages: tuple[str, ...], entries: list[bytes]) -> None:
        """After a rebuild: search answers from the previous index while a new one is built."""
        self.stop()
        assert self.work is not None
        publish(self.work / "index", site_dir, languages)
        stage = self.work / "stage"
        shutil.rmtree(stage, ignore_errors=True)
        write_entries(stage, entries)
        command = [sys.executable, "-m", "scripts.site.serve_index", str(project.root), str(site_dir), str(stage)]
        with (self.work / "index.log").open("wb") as printed:
            # The scripts these hooks run, wherever the project is.
            self.process = subprocess.Popen(
                [*command, *languages], stdout=printed, stderr=subprocess.STDOUT, cwd=SCRIPTS_ROOT
            )


def entries_json(entries: list[dict]) -> bytes:
    """A page's entries as UTF-8 JSON, without the list's brackets: what write_entries joins.
    Each page's is made once, when it is rebuilt: serialising every page's at each rebuild took
    more than a second at 10,000 articles per language, and joining them into one string, then
    encoding it, most of a second more."""
    return json.dumps(entries, ensure_ascii=False)[1:-1].encode()


def write_entries(site_dir: Path, pages: list[bytes]) -> None:
    """The entries where the index is built from (scripts/site/search_index.py: write_indexes),
    in Material's format. pages: each page's entries_json."""
    (site_dir / MERGED).parent.mkdir(parents=True, exist_ok=True)
    with (site_dir / MERGED).open("wb") as out:
        out.write(b'{"docs": [')
        out.writelines(_separated(page for page in pages if page))
        out.write(b"]}")


def _separated(parts):
    for number, part in enumerate(parts):
        yield b", " + part if number else part


def publish(index: Path, site_dir: Path, languages: tuple[str, ...]) -> None:
    """Put the index of the work folder into the site, in place of what the build wrote there."""
    for lang in languages:
        folder = index_folder(lang)
        if not (index / folder).is_dir():
            continue
        manifest = "manifest.js"
        if _same_file(index / folder / manifest, site_dir / folder / manifest):
            # A dirty rebuild: the index is still there, the build rewrote only its entry files.
            for name in ENTRY_FILES:
                shutil.copyfile(index / folder / name, site_dir / folder / name)
            continue
        # Beside it first, then renamed in: search never finds the folder half there.
        fresh, old = site_dir / f"{folder}.new", site_dir / f"{folder}.old"
        for leftover in (fresh, old):
            shutil.rmtree(leftover, ignore_errors=True)
        shutil.copytree(index / folder, fresh, copy_function=_link_or_copy)
        if (site_dir / folder).exists():
            os.replace(site_dir / folder, old)
        os.replace(fresh, site_dir / folder)
        shutil.rmtree(old, ignore_errors=True)


def _link_or_copy(source: str, target: str) -> None:
    if Path(source).name in ENTRY_FILES:
        shutil.copyfile(source, target)  # the build writes into these: a copy of its own
    else:
        os.link(source, target)


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return False


def _work_folder(site_dir: Path) -> Path:
    # Beside the site folder (MkDocs' temporary one), on the same file system: folders are
    # renamed and files linked.
    work = site_dir.parent / f"{site_dir.name}-search"
    work.mkdir(exist_ok=True)
    return work


@contextmanager
def _swap_lock(work: Path) -> Iterator[None]:
    """An exclusive lock on the work folder's lock file, held while the index is swapped in."""
    with (work / "swap.lock").open("a") as file:
        fcntl.flock(file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(file, fcntl.LOCK_UN)


def index_into(project: Project, site_dir: Path, stage: Path, languages: tuple[str, ...]) -> None:
    """Build the languages' indexes in stage/ from the merged index there, then swap them in."""
    from scripts.model.registry import load_registry
    from scripts.site.catalogue import Catalogue
    from scripts.site.search_index import write_indexes

    registry, _problems = load_registry(project)
    catalogues = {lang: Catalogue.load(project, lang, registry) for lang in languages}
    # The stemmer's scripts are found among the theme's assets (scripts/site/build_theme.py).
    (stage / "assets").symlink_to(site_dir / "assets", target_is_directory=True)
    write_indexes(stage, languages, catalogues)
    work = stage.parent
    with _swap_lock(work):
        for lang in languages:
            folder = index_folder(lang)
            old = work / f"old-{lang}"
            shutil.rmtree(old, ignore_errors=True)
            if (work / "index" / folder).exists():
                os.replace(work / "index" / folder, old)
            (work / "index" / folder).parent.mkdir(parents=True, exist_ok=True)
            os.replace(stage / folder, work / "index" / folder)
            shutil.rmtree(old, ignore_errors=True)
        publish(work / "index", site_dir, languages)


def _exit_with_parent() -> None:
    """Stop when the server stops: a server killed without its shutdown leaves no indexer behind."""
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


if __name__ == "__main__":
    _exit_with_parent()
    root, site, staged = (Path(arg) for arg in sys.argv[1:4])
    index_into(Project(root), site, staged, tuple(sys.argv[4:]))
