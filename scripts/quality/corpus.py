"""The development corpus: public extraction test pages, each in both forms ingest reads.

Regenerate with `python -m scripts.quality.corpus --readability GIT_DIR` (a clone of
mozilla/readability). Each page keeps its saved HTML (gzipped), the text Chromium gives for
the whole page (`document.body.innerText`, JavaScript off, no network), and the reference
article text and title from Readability's expected output.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import yaml

from scripts.common import safe_yaml
from scripts.common.paths import REPO

CORPUS = REPO.root / "tests" / "corpus"
READABILITY_REPO = "mozilla/readability"
PAGES_DIR = "test/test-pages"
# Real pages from many outlets, French ones first; the synthetic unit cases of the suite and
# the pages over ~800 kB (yahoo, guardian, breitbart, wikia, nytimes-5) are left out to keep
# the corpus small; seattletimes-1 shows no text without JavaScript. Non-Latin pages (yahoo-4,
# youth, qq, rtl-*) are left out: our stop-word lists are French and English.
PAGES = [
    "lemonde-1",
    "liberation-1",
    "aclu",
    "aktualne",
    "archive-of-our-own",
    "ars-1",
    "bbc-1",
    "blogger",
    "buzzfeed-1",
    "citylab-1",
    "cnet",
    "cnn",
    "daringfireball-1",
    "dev418",
    "dropbox-blog",
    "ebb-org",
    "ehow-1",
    "ehow-2",
    "engadget",
    "firefox-nightly-blog",
    "folha",
    "gitlab-blog",
    "google-sre-book-1",
    "heise",
    "herald-sun-1",
    "iab-1",
    "ietf-1",
    "la-nacion",
    "lifehacker-working",
    "lwn-1",
    "medicalnewstoday",
    "medium-1",
    "medium-2",
    "medium-3",
    "mercurial",
    "mozilla-1",
    "mozilla-2",
    "msn",
    "nytimes-1",
    "nytimes-2",
    "nytimes-3",
    "nytimes-4",
    "quanta-1",
    "royal-road",
    "salon-1",
    "simplyfound-1",
    "spiceworks",
    "telegraph",
    "theverge",
    "tmz-1",
    "topicseed-1",
    "tumblr",
    "v8-blog",
    "wapo-1",
    "wapo-2",
    "webmd-1",
    "webmd-2",
    "wikipedia",
]
# Elements whose text is a block of its own in the reference.
BLOCK_TAGS = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "td",
    "th",
    "tr",
    "figcaption",
    "dd",
    "dt",
    "br",
    "section",
    "article",
    "header",
    "footer",
    "table",
    "ul",
    "ol",
    "dl",
    "figure",
]
# Languages Readability's metadata gets wrong (la-nacion is Spanish, tagged "en").
LANGUAGE_FIXES = {"la-nacion": "es"}
SPACES_RE = re.compile(r"[ \t\u00a0\u200b]+")


@dataclass(frozen=True)
class Page:
    """One corpus page: its name, language, reference title and the paths of its forms."""

    name: str
    lang: str
    title: str
    folder: Path

    def html(self) -> str:
        """The saved page as received."""
        return gzip.decompress((self.folder / "source.html.gz").read_bytes()).decode("utf-8")

    def copied(self) -> str:
        """The page's text as a browser copies it."""
        return (self.folder / "copied.txt").read_text(encoding="utf-8")

    def reference(self) -> str:
        """The article text a reader should keep, one block a line."""
        return (self.folder / "reference.txt").read_text(encoding="utf-8")


def load_corpus(root: Path = CORPUS) -> list[Page]:
    """The corpus pages, in manifest order."""
    manifest = safe_yaml.load((root / "manifest.yml").read_text(encoding="utf-8"))
    return [
        Page(entry["name"], entry["lang"], entry["title"], root / "pages" / entry["name"])
        for entry in manifest["pages"]
    ]


def html_to_text(html: str) -> str:
    """The text of an HTML fragment, one block a line (how the reference is made)."""
    root = lxml.html.fromstring(html)
    for element in root.iter(*BLOCK_TAGS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    lines = (SPACES_RE.sub(" ", line).strip() for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


def _git_show(git_dir: Path, spec: str) -> bytes:
    return subprocess.run(["git", "-C", str(git_dir), "show", spec], check=True, capture_output=True).stdout


def _copied_texts(htmls: dict[str, str]) -> dict[str, str]:
    """Each page rendered in Chromium without JavaScript or network: its body's innerText."""
    from playwright.sync_api import sync_playwright

    texts = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
        )
        context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
        context.route("**/*", lambda route: route.abort())
        for name, html in htmls.items():
            page = context.new_page()
            page.set_content(html, wait_until="domcontentloaded", timeout=60_000)
            texts[name] = page.evaluate("document.body ? document.body.innerText : ''")
            page.close()
        browser.close()
    return texts


def build_corpus(git_dir: Path, root: Path = CORPUS) -> None:
    """Write every page's three forms, the manifest with provenance, and the licence."""
    commit = subprocess.run(
        ["git", "-C", str(git_dir), "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()
    htmls, entries = {}, []
    for name in PAGES:
        folder = f"{PAGES_DIR}/{name}"
        html = _git_show(git_dir, f"{commit}:{folder}/source.html").decode("utf-8")
        expected = _git_show(git_dir, f"{commit}:{folder}/expected.html").decode("utf-8")
        meta = json.loads(_git_show(git_dir, f"{commit}:{folder}/expected-metadata.json"))
        out = root / "pages" / name
        out.mkdir(parents=True, exist_ok=True)
        # mtime=0: the same page always gzips to the same bytes.
        (out / "source.html.gz").write_bytes(gzip.compress(html.encode("utf-8"), 9, mtime=0))
        (out / "reference.txt").write_text(html_to_text(expected), encoding="utf-8")
        htmls[name] = html
        entries.append(
            {
                "name": name,
                "lang": LANGUAGE_FIXES.get(name, (meta.get("lang") or "en")[:2].lower()),
                "title": meta.get("title") or "",
                "source": {"repo": READABILITY_REPO, "commit": commit, "path": f"{folder}/source.html"},
                "reference": f"{folder}/expected.html, {folder}/expected-metadata.json",
                "licence": "Apache-2.0",
            }
        )
    for name, text in _copied_texts(htmls).items():
        (root / "pages" / name / "copied.txt").write_text(text.rstrip() + "\n", encoding="utf-8")
    manifest = {
        "about": "Pages from Mozilla Readability's test suite (Apache-2.0, see LICENSE-readability); "
        "regenerate with `python -m scripts.quality.corpus --readability GIT_DIR`.",
        "pages": entries,
    }
    (root / "manifest.yml").write_text(yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (root / "LICENSE-readability").write_bytes(_git_show(git_dir, f"{commit}:LICENSE.md"))


def main() -> None:
    """Command line of the corpus builder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readability", type=Path, required=True, help="git directory of mozilla/readability")
    build_corpus(parser.parse_args().readability)


if __name__ == "__main__":
    main()
