"""`links`: every internal link, anchor and asset of the built site resolves, from the files alone.

The crawl works on the built files as a browser opening them from disk would: a link must name
a file (a link to a directory works over http but not over file://), and a #fragment must be an
id or name in the target page. External links are listed, never fetched.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}
SKIPPED_SCHEMES = {"mailto", "javascript", "data", "tel"}
DEFAULT_SITE_URL = "https://example.github.io/le-fil-tech/"  # mkdocs.yml's, when SITE_URL is unset


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.anchors.add(values[key])  # type: ignore[arg-type]
        attribute = LINK_ATTRIBUTES.get(tag)
        if attribute and values.get(attribute) is not None:
            self.links.append((self.getpos()[0], values[attribute] or ""))


@dataclass
class LinkReport:
    problems: list[str] = field(default_factory=list)
    external: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    checked: int = 0


def check_links(site: Path, site_url: str = "") -> LinkReport:
    """Crawl every HTML file of a built site. Absolute links to site_url are checked as files."""
    site = site.resolve()
    pages = {p: _parse(p) for p in sorted(site.rglob("*.html"))}  # keyed by resolved path
    own = site_url.rstrip("/") + "/" if site_url else None
    own_path = urlsplit(own).path if own else "/"
    report = LinkReport()
    for page, parsed in pages.items():
        where = page.relative_to(site).as_posix()
        for line, url in parsed.links:
            report.checked += 1
            parts = urlsplit(url)
            if parts.scheme in SKIPPED_SCHEMES:
                continue
            if own and url.startswith(own):  # canonical, og:url: the site's own pages
                parts = urlsplit(url.removeprefix(own))
                problem = _check_internal(site, site / "index.html", parts.path, parts.fragment, pages)
            elif parts.scheme or url.startswith("//"):
                report.external[url].add(where)
                continue
            elif where.rsplit("/", 1)[-1] == "404.html" and parts.path.startswith(own_path):
                # The 404 page is served at any address, so MkDocs gives it absolute links.
                rest = urlsplit(url.removeprefix(own_path))
                problem = _check_internal(site, site / "index.html", rest.path, rest.fragment, pages)
            else:
                problem = _check_internal(site, page, parts.path, parts.fragment, pages)
            if problem:
                report.problems.append(f"{where}:{line}: {url}: {problem}")
    return report


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _check_internal(site: Path, page: Path, path: str, fragment: str, pages: dict[Path, _PageParser]) -> str | None:
    if path.startswith("/"):
        return "absolute path: breaks under a sub-path and over file://"
    target = page if not path else (page.parent / unquote(path))
    try:
        target = target.resolve()
        target.relative_to(site)
    except ValueError:
        return "points outside the site"
    if target.is_dir():
        return "links to a folder: works over http, not from the file system"
    if not target.exists():
        return "no such file"
    if fragment and target.suffix == ".html":
        parsed = pages.get(target)
        if parsed is not None and unquote(fragment) not in parsed.anchors:
            return f"no element with id {unquote(fragment)!r} in {PurePosixPath(target.relative_to(site))}"
    return None


def format_external(report: LinkReport) -> str:
    """External links, one per line, with the pages that use them (a report, not a check)."""
    lines = []
    for url in sorted(report.external):
        pages = sorted(report.external[url])
        shown = ", ".join(pages[:3]) + (f" and {len(pages) - 3} more" if len(pages) > 3 else "")
        lines.append(f"{url}\t{shown}")
    return "\n".join(lines) + ("\n" if lines else "")
