"""`python -m scripts build`: the site in two stages, each language its own MkDocs build.

1. build each language: one `mkdocs build` process per language, side by side (one per core),
   each with static-i18n's documented `build_only_locale` (NEWS_BUILD_LOCALE, mkdocs.yml) into
   its own staging folder. Each checks its own pages, as `check` does, and stops at an invalid
   one; prepares what its pages show from both languages' articles (the hooks' on_config);
   renders them; and writes its language's search index and feed. The default language's
   build also writes the sitemap, with every language's alternates (the hooks' on_post_build).
   A third language is one more entry in LANGUAGES;
2. assemble: move each language into place, the default language at the root and the others
   under <lang>/ with their own 404 page.

The assembly reads no page: at 10,000 articles per language, a third process holding the
articles beside the two builds took the build's memory past 1.5 GB.

The pages are the bytes a plain `mkdocs build` gives (static-i18n building the languages in
turn, the hooks doing the final steps): tests/test_language_builds.py compares the two.
"""

from __future__ import annotations

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
from scripts.model.pages import content_key, read_page_caching_article
from scripts.model.registry import Registry
from scripts.site.pairs import DEFAULT_LANGUAGE


class BuildError(Exception):
    """The build stopped: what went wrong, for the command line."""


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
                name = str(path)  # a Path's hash is computed again for every new Path: 20,000 a rebuild
                try:
                    key: tuple | None = (lang, *content_key(name))
                except SourceError:  # a dangling link: reading it says what is wrong
                    key = None
                if key and name in known and known[name][0] == key:
                    problems.extend(known[name][1])
                    continue
            try:
                found = list(check_page(read_page_caching_article(path), lang, registry, project))
            except SourceError as exc:
                found = [str(exc)]
            if known is not None:
                known[name] = (key, found)
            problems.extend(found)
    return problems


def existing_pages(project: Project, languages: tuple[str, ...] = LANGUAGES) -> dict[str, set[str]]:
    """Per language, the paths of its Markdown pages in docs/<lang>/ (strings, not Path objects:
    a preview lists 20,000 pages at every rebuild)."""
    found: dict[str, set[str]] = {}
    for lang in languages:
        root, pages = str(project.docs / lang), set()
        for folder, _, names in os.walk(root):
            prefix = os.path.relpath(folder, root).replace(os.sep, "/") + "/"
            pages.update((prefix + name).removeprefix("./") for name in names if name.endswith(".md"))
        found[lang] = pages
    return found


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


def assemble(site_dir: Path, builds: list[LanguageBuild]) -> None:
    """Move each language's build into site_dir: the default language's at the root (with the
    sitemap and robots.txt), the others' pages, index and feed under <lang>/, with their 404 page."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
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


def build_one_language(config_file: Path, lang: str, staging: Path, *, strict: bool = True) -> None:
    """One language into staging/<lang>, for the assembly to take later (a CI matrix job)."""
    if lang not in LANGUAGES:
        raise BuildError(f"unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}")
    build_languages(config_file.resolve(), staging.resolve(), (lang,), strict, 1)


def assemble_languages(staging: Path, site_dir: Path) -> None:
    """The site from every language's build in staging/<lang> (build_one_language's output)."""
    missing = [lang for lang in LANGUAGES if not (staging / lang / "404.html").is_file()]
    if missing:
        raise BuildError(f"no build of {', '.join(missing)} in {staging}")
    assemble(site_dir.resolve(), [LanguageBuild(lang, staging.resolve() / lang, 0, "") for lang in LANGUAGES])


def build_site(config_file: Path, site_dir: Path, *, strict: bool = True, jobs: int | None = None) -> None:
    """The whole site into site_dir: build each language, assemble."""
    config_file = config_file.resolve()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # Beside site_dir, on the same file system: the assembly moves folders, it does not copy.
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-languages-", dir=site_dir.parent))
    try:
        assemble(site_dir, build_languages(config_file, staging, LANGUAGES, strict, jobs or os.cpu_count() or 1))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
