"""`weight`: what each kind of page transfers on a first visit and once its assets are cached.

Sizes are gzip-compressed, as a static host serves them. A first visit loads the page, its
stylesheets, scripts, icons and images, and what search loads at start-up: the site's search
worker (a stemmer only comes when a query needs it). The search index is loaded when the
reader turns to search (overrides/main.html), and is reported apart. A later visit with a warm
cache transfers the HTML only.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

LIMITS = {"article": {"first": 150_000, "cached": 40_000}}
REFRESH_RE = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')
CSS_URL_RE = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")

# One example of each kind of page, per language (paths in the built site).
PAGE_TYPES = {
    "home": {"fr": "index.html", "en": "en/index.html"},
    "article": {"fr": "articles/{article}.html", "en": "en/articles/{article}.html"},
    "archive": {"fr": "archives.html", "en": "en/archive.html"},
    "company index": {"fr": "entreprises/index.html", "en": "en/companies/index.html"},
    "company page": {"fr": "entreprises/{company}.html", "en": "en/companies/{company}.html"},
    "topic index": {"fr": "sujets/index.html", "en": "en/topics/index.html"},
}


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.config: dict = {}
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        rel = (a.get("rel") or "").split()
        if tag == "link" and ({"stylesheet", "icon"} & set(rel)) and a.get("href"):
            self.urls.append(a["href"])  # type: ignore[arg-type]
        elif tag in ("script", "img", "source") and a.get("src"):
            self.urls.append(a["src"])  # type: ignore[arg-type]
        self._in_config = tag == "script" and a.get("id") == "__config"

    def handle_data(self, data: str) -> None:
        if self._in_config and data.strip():
            self.config = json.loads(data)
            self._in_config = False


@cache
def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


@dataclass
class PageWeight:
    kind: str
    lang: str
    path: str
    html: int
    first: int
    search_index: int
    files: list[str]

    @property
    def cached(self) -> int:
        return self.html


@cache
def _parsed(page: Path) -> _Resources:
    parser = _Resources()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def resources_of(site: Path, page: Path) -> list[Path]:
    """Every file a first visit to the page loads, the page excepted."""
    parser = _parsed(page)
    files: list[Path] = []

    def add(url: str, relative_to: Path) -> None:
        if re.match(r"[a-z]+:|//", url):
            return
        target = (relative_to.parent / url.split("?")[0].split("#")[0]).resolve()
        if target.is_file() and target not in files:
            files.append(target)
            if target.suffix == ".css":  # fonts and images a stylesheet pulls in
                for inner in CSS_URL_RE.findall(target.read_text(encoding="utf-8")):
                    if not inner.startswith("data:"):
                        add(inner, target)

    for url in parser.urls:
        add(url, page)
    if parser.config:
        add(parser.config["search"], page)
        # The site's worker loads nothing else at start-up: a stemmer only for a query word the
        # index lacks (overrides/assets/javascripts/workers/news-search.js).
    return [f for f in files if f.exists()]


def search_index_of(site: Path, page: Path) -> Path:
    """The search index the page's search loads when used."""
    return (page.parent / _parsed(page).config["base"]).resolve() / "search" / "search_index.json"


def _redirected(page: Path) -> Path:
    """The page a redirect page (scripts/site/published.py) sends readers to; any other page itself."""
    found = REFRESH_RE.search(page.read_text(encoding="utf-8")) if page.is_file() else None
    return page.parent / found.group(1) if found else page


def measure(site: Path, article: str, company: str) -> list[PageWeight]:
    """The weight of one page of each kind in each language."""
    rows = []
    for kind, paths in PAGE_TYPES.items():
        for lang, pattern in paths.items():
            path = pattern.format(article=article, company=company)
            page = _redirected(site / path)  # an English edition's old address leads to its page
            path = page.relative_to(site).as_posix()
            files = resources_of(site, page)
            html = gzip_size(page)
            first = html + sum(gzip_size(f) for f in files)
            index = gzip_size(search_index_of(site, page))
            shown = [f.relative_to(site.resolve()).as_posix() for f in files]
            rows.append(PageWeight(kind, lang, path, html, first, index, shown))
    return rows


def format_table(rows: list[PageWeight]) -> str:
    lines = [
        "| page | lang | first visit (KB) | cached (KB) | search index, on first search (KB) | limit |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        limit = LIMITS.get(row.kind)
        shown = f"{limit['first'] // 1000} / {limit['cached'] // 1000} KB" if limit else ""
        lines.append(
            f"| {row.kind} | {row.lang} | {row.first / 1000:.1f} | {row.cached / 1000:.1f} "
            f"| {row.search_index / 1000:.1f} | {shown} |"
        )
    return "\n".join(lines) + "\n"


def over_limit(rows: list[PageWeight]) -> list[str]:
    problems = []
    for row in rows:
        limit = LIMITS.get(row.kind)
        if limit and row.first > limit["first"]:
            problems.append(f"{row.path}: first visit {row.first} bytes, over {limit['first']}")
        if limit and row.cached > limit["cached"]:
            problems.append(f"{row.path}: cached visit {row.cached} bytes, over {limit['cached']}")
    return problems
