"""The other languages' builds, run in a forked process while the default language builds.

static-i18n builds each language in turn, in one process: on two cores, half the machine idles.
When `mkdocs build` runs on a machine with more than one core, the hooks fork at the start of
the French build. The child builds the other languages as static-i18n would (same plugin state,
same `build()` call) but into a staging folder; the parent builds French, then waits, moves the
child's pages into place and gives the final steps (search indexes, 404 pages) what the child
built. The site is byte-identical to a sequential build (tests/test_language_builds.py compares
them).

Sequential instead: on one core, where fork() does not exist, under `mkdocs serve` (a threaded
server must not fork), and with NEWS_SEQUENTIAL_BUILD=1.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.news")

# Inside site_dir and not hidden: if a build dies before cleaning up, the next build's clean
# removes it (MkDocs leaves hidden entries of site_dir alone).
STAGING = "_language-builds"


def wanted(config) -> bool:
    """Whether this build should fork for its other languages."""
    i18n = config.plugins.get("i18n")
    return (
        i18n is not None
        and len(i18n.build_languages) > 1
        and hasattr(os, "fork")
        and (os.cpu_count() or 1) > 1
        and sys.argv[1:2] == ["build"]
        and os.environ.get("NEWS_SEQUENTIAL_BUILD") != "1"
    )


@dataclass
class Built:
    """What the child built that the parent's final steps use."""

    not_found_pages: dict[str, str]  # language -> its 404 page
    search_docs: list[dict]  # the other languages' search entries


@dataclass
class LanguageBuilds:
    """The forked child building the other languages, as the parent sees it."""

    pid: int
    site_dir: Path
    staging: Path
    languages: list[str]

    @classmethod
    def start(cls, config) -> LanguageBuilds:
        i18n = config.plugins["i18n"]
        languages = [lang for lang in i18n.build_languages if lang != i18n.default_language]
        site_dir = Path(config.site_dir)
        staging = site_dir / STAGING
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _build_in_child(config, staging, languages)  # never returns
        log.info("Building %s in a second process, into %s", ", ".join(languages), staging)
        # static-i18n builds the other languages at the end of this build unless it believes it
        # is already doing so; reset in finish().
        i18n.building = True
        return cls(pid, site_dir, staging, languages)

    def finish(self, config) -> Built:
        """Wait for the child and move its pages into site_dir; what the final steps need."""
        config.plugins["i18n"].building = False
        _, status = os.waitpid(self.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            shutil.rmtree(self.staging, ignore_errors=True)
            raise PluginError(f"the build of {', '.join(self.languages)} failed (see the messages above)")
        not_found = {}
        for lang in self.languages:
            shutil.move(self.staging / lang, self.site_dir / lang)
            not_found[lang] = (self.staging / f"404.{lang}.html").read_text(encoding="utf-8")
        # Sequentially, static-i18n's index lists every language's entries, the default
        # language's first: the parent's file, then these.
        index = json.loads((self.staging / "search" / "search_index.json").read_text(encoding="utf-8"))
        shutil.rmtree(self.staging)
        return Built(not_found, index["docs"])

    def abandon(self) -> None:
        """The parent's build failed: stop the child and remove what it wrote."""
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        shutil.rmtree(self.staging, ignore_errors=True)


def _build_in_child(config, staging: Path, languages: list[str]) -> None:
    """The child: build the other languages into the staging folder, then exit (never return
    into the parent's build)."""
    code = 1
    try:
        from mkdocs.commands.build import build

        i18n = config.plugins["i18n"]
        i18n.building = True  # what static-i18n sets around its own loop over languages
        config["site_dir"] = str(staging)
        for lang in languages:
            i18n.current_language = lang
            build(config)
            # Each language's 404 page goes to the root (static-i18n), the next overwriting it.
            shutil.move(staging / "404.html", staging / f"404.{lang}.html")
        code = 0
    except BaseException as exc:  # reported here; the exit code tells the parent
        log.error("building %s: %s", ", ".join(languages), exc)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
