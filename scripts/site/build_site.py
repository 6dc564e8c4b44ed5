"""`python -m scripts build`: the site in three stages, each language its own MkDocs build.

1. prepare: read the pages and the registries for what the final steps need, while the
   languages build (each language's build checks its own pages, as `check` does, and stops
   at an invalid one);
2. build each language: one `mkdocs build` process per language, side by side (one per core),
   each with static-i18n's documented `build_only_locale` (NEWS_BUILD_LOCALE, mkdocs.yml) into
   its own staging folder. A third language is one more entry in LANGUAGES;
3. assemble: move each language into place (the default language at the root, the others under
   <lang>/, with their own 404 page) and write what needs every language: the search indexes,
   the feeds, the sitemap with its alternates, robots.txt.

The pages are the bytes a plain `mkdocs build` gives (static-i18n building the languages in
turn, the hooks doing the final steps): tests/test_language_builds.py compares the two.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from scripts.checks.pages import article_pages, check_page
from scripts.common.errors import SourceError
from scripts.common.paths import LANGUAGES, Project
from scripts.model.pages import read_page_cached
from scripts.model.registry import Registry, load_registry
from scripts.site.catalogue import Catalogue
from scripts.site.feeds import write_feeds
from scripts.site.pairs import DEFAULT_LANGUAGE, PageMap
from scripts.site.search_index import write_indexes
from scripts.site.sitemap import write_robots, write_sitemap


class BuildError(Exception):
    """The build stopped: what went wrong, for the command line."""


@dataclass
class Prepared:
    """What the final steps need, computed once from the pages and the registries."""

    catalogues: dict[str, Catalogue]
    pages: PageMap


@dataclass
class LanguageBuild:
    """One language's `mkdocs build`, once it has run."""

    lang: str
    folder: Path
    returncode: int
    output: str  # its messages (stderr), shown once it ends so that languages do not interleave


def check_pages(
    project: Project, registry: Registry, languages: tuple[str, ...] = LANGUAGES, known: dict | None = None
) -> list[str]:
    """The problems of every article page, as `check` reports them. known: results of an earlier
    call with the same registries (a preview's rebuild), reused for the pages unchanged since."""
    problems = []
    for lang in languages:
        for path in article_pages(project, lang):
            if known is not None:
                stat = path.stat()
                key = (lang, stat.st_mtime_ns, stat.st_size)
                if path in known and known[path][0] == key:
                    problems.extend(known[path][1])
                    continue
            try:
                found = list(check_page(read_page_cached(path), lang, registry, project))
            except SourceError as exc:
                found = [str(exc)]
            if known is not None:
                known[path] = (key, found)
            problems.extend(found)
    return problems


def existing_pages(project: Project, languages: tuple[str, ...] = LANGUAGES) -> dict[str, set[str]]:
    """Per language, the paths of its Markdown pages in docs/<lang>/."""
    return {
        lang: {p.relative_to(project.docs / lang).as_posix() for p in (project.docs / lang).rglob("*.md")}
        for lang in languages
    }


def prepare(project: Project, languages: tuple[str, ...] = LANGUAGES) -> Prepared:
    """What the final steps need, from the pages and the registries. The pages are checked by
    each language's build (the hooks' on_config, as `check` does), not here a second time."""
    registry, problems = load_registry(project)
    if problems:
        raise BuildError("pages or data files are invalid (`python -m scripts check`):\n" + "\n".join(problems))
    catalogues = {lang: Catalogue.load(project, lang, registry) for lang in languages}
    return Prepared(catalogues, PageMap.build(registry, existing_pages(project, languages)))


def build_language(config_file: Path, lang: str, folder: Path, strict: bool) -> LanguageBuild:
    """`mkdocs build` of one language into folder."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file), "-d", str(folder)]
    if strict:
        command.append("--strict")
    env = dict(os.environ, NEWS_BUILD_LOCALE=lang)
    done = subprocess.run(command, env=env, cwd=config_file.parent, capture_output=True, text=True, check=False)
    return LanguageBuild(lang, folder, done.returncode, done.stderr + done.stdout)


def build_languages(
    config_file: Path, staging: Path, languages: tuple[str, ...], strict: bool, jobs: int
) -> list[LanguageBuild]:
    """Every language's build, `jobs` at a time; raises BuildError naming those that failed."""
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        builds = list(pool.map(lambda lang: build_language(config_file, lang, staging / lang, strict), languages))
    for built in builds:
        sys.stderr.write(built.output)
    failed = [built.lang for built in builds if built.returncode != 0]
    if failed:
        raise BuildError(f"the build of {', '.join(failed)} failed (see the messages above)")
    return builds


def assemble(site_dir: Path, builds: list[LanguageBuild], prepared: Prepared, site_url: str) -> None:
    """Move each language's build into site_dir and write what needs every language."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    more_search_docs: list[dict] = []
    for built in builds:
        if built.lang == DEFAULT_LANGUAGE:
            shutil.move(built.folder, site_dir)
    for built in builds:
        if built.lang == DEFAULT_LANGUAGE:
            continue
        # Its pages are under <lang>/ already (scripts/site/build_language.py); the theme's
        # files beside them are the same as the default language's, and stay behind.
        shutil.move(built.folder / built.lang, site_dir / built.lang)
        shutil.move(built.folder / "404.html", site_dir / built.lang / "404.html")
        index = json.loads((built.folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        more_search_docs.extend(index["docs"])
    languages = tuple(built.lang for built in builds)
    write_indexes(site_dir, languages, more_search_docs, prepared.catalogues)
    write_feeds(site_dir, prepared.catalogues, site_url)
    write_sitemap(site_dir, prepared.pages, site_url)
    write_robots(site_dir, site_url)


def _site_url(config_file: Path) -> str:
    from mkdocs.config import load_config

    return load_config(str(config_file)).site_url or ""


def build_one_language(config_file: Path, lang: str, staging: Path, *, strict: bool = True) -> None:
    """One language into staging/<lang>, for the assembly to take later (a CI matrix job)."""
    if lang not in LANGUAGES:
        raise BuildError(f"unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}")
    build_languages(config_file.resolve(), staging.resolve(), (lang,), strict, 1)


def assemble_languages(config_file: Path, staging: Path, site_dir: Path) -> None:
    """The site from every language's build in staging/<lang> (build_one_language's output)."""
    config_file = config_file.resolve()
    missing = [lang for lang in LANGUAGES if not (staging / lang / "404.html").is_file()]
    if missing:
        raise BuildError(f"no build of {', '.join(missing)} in {staging}")
    builds = [LanguageBuild(lang, staging.resolve() / lang, 0, "") for lang in LANGUAGES]
    assemble(site_dir.resolve(), builds, prepare(Project(config_file.parent)), _site_url(config_file))


def build_site(config_file: Path, site_dir: Path, *, strict: bool = True, jobs: int | None = None) -> None:
    """The whole site into site_dir: prepare, build each language, assemble."""
    config_file = config_file.resolve()
    site_url = _site_url(config_file)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # Beside site_dir, on the same file system: the assembly moves folders, it does not copy.
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-languages-", dir=site_dir.parent))
    try:
        # The final steps' inputs are read while the languages build (they wait on processes).
        with ThreadPoolExecutor(max_workers=1) as pool:
            preparing = pool.submit(prepare, Project(config_file.parent))
            builds = build_languages(config_file, staging, LANGUAGES, strict, jobs or os.cpu_count() or 1)
            prepared = preparing.result()
        assemble(site_dir, builds, prepared, site_url)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
