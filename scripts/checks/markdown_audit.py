"""What a reviewer must see in contributed Markdown before it is published: raw HTML,
`javascript:` and `data:` links, and resources (images, frames, media) from other hosts.

Pages written by ingest never contain any of these (it escapes everything); a page edited by
hand, or arriving in a pull request, may. Each finding is one `path:line: problem` line.
Listing pages, generated with their own markup, are not audited.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

from scripts.common.errors import SourceError
from scripts.common.paths import Project
from scripts.model.pages import read_page
from scripts.site.listings import GENERATED

# Fenced code block delimiters; inline code spans (what they hold is shown, not run).
FENCE_RE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN_RE = re.compile(r"(`+).+?\1")
# An autolink, <https://…> or <mail@host>: a link, not HTML.
AUTOLINK_RE = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
# Raw HTML as Python-Markdown passes it through: a tag, a closing tag, a comment, a
# declaration or a processing instruction.
RAW_HTML_RE = re.compile(r"<(?:(/?[a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])|!--|![a-zA-Z]|\?)")
# Link destinations: [text](url), ![alt](url), [id]: url, and HTML attributes holding URLs.
# A backslash before "[" or "{" makes it text (ingest escapes every one).
INLINE_LINK_RE = re.compile(r"(?<!\\)(!?)\[[^\]]*(?<!\\)\]\(\s*<?([^\s)>]*)")
REFERENCE_RE = re.compile(r"^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s|$)")
# An image by reference: ![alt][id], ![id][] or ![id]; its definition's URL is loaded.
IMAGE_REFERENCE_RE = re.compile(r"(?<!\\)!\[([^\]]*)\](?:\[([^\]]*)\])?(?!\()")
URL_ATTR_RE = re.compile(
    r"""\s(href|src|srcset|poster|data|action|formaction|background|xlink:href)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""",
    re.IGNORECASE,
)
CSS_URL_RE = re.compile(r"url\(\s*['\"]?([^'\")]+)", re.IGNORECASE)
# attr_list's { … } after an element can set any attribute, event handlers included.
ATTR_LIST_RE = re.compile(r"(?<!\\)\{:?\s*[^}]*?\b([a-zA-Z][\w:-]*)\s*=[^}]*\}")
# Elements whose src or data attribute the browser fetches as it renders the page.
RESOURCE_TAGS = {"img", "iframe", "frame", "embed", "object", "video", "audio", "source", "track", "script", "link"}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
# A URL with a host: http://, https://, or protocol-relative //host.
OTHER_HOST_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
# Characters browsers drop from a URL before reading its scheme ("java\tscript:" runs).
URL_NOISE_RE = re.compile(r"[\x00-\x20\x7f]+")


def _plain_url(url: str) -> str:
    """A URL as a browser reads its scheme: entities decoded, blanks and controls dropped."""
    return URL_NOISE_RE.sub("", html.unescape(html.unescape(url))).lower()


def _url_problem(url: str, loads: bool) -> str | None:
    plain = _plain_url(url.strip("\"'"))
    scheme = next((s for s in SCRIPT_SCHEMES if plain.startswith(s)), None)
    if scheme:
        return f"{scheme} link {url[:60]!r} (it can run script or hide content)"
    if loads and OTHER_HOST_RE.match(plain):
        return f"loads {url[:60]!r} from another host (the site loads nothing from other hosts)"
    return None


def audit_line(line: str, image_ids: frozenset[str] = frozenset()) -> Iterator[str]:
    """The problems of one line of Markdown outside code blocks (image_ids: the reference ids
    images use, lower case)."""
    text = CODE_SPAN_RE.sub(lambda m: " " * len(m.group(0)), line)
    for match in AUTOLINK_RE.finditer(text):
        problem = _url_problem(match.group(1), loads=False)
        if problem:
            yield problem
    text = AUTOLINK_RE.sub(lambda m: " " * len(m.group(0)), text)
    for match in INLINE_LINK_RE.finditer(text):
        problem = _url_problem(match.group(2), loads=bool(match.group(1)))
        if problem:
            yield problem
    reference = REFERENCE_RE.match(text)
    if reference:
        problem = _url_problem(reference.group(2), loads=reference.group(1).lower() in image_ids)
        if problem:
            yield problem
    for match in RAW_HTML_RE.finditer(text):
        tag = (match.group(1) or "").lower()
        if tag.startswith("/"):
            continue  # its opening tag is the finding
        start = match.group(0) if not tag else f"<{tag}>"
        yield f"raw HTML {start} (Markdown pages hold text; HTML is published as markup)"
        end = text.find(">", match.end())
        element = text[match.start() : end + 1 if end != -1 else len(text)]
        loads = tag in RESOURCE_TAGS
        for attribute in URL_ATTR_RE.finditer(element):
            name, value = attribute.group(1).lower(), attribute.group(2).strip("\"'")
            # srcset: "url 1x, url 2x"; every other attribute holds one URL.
            urls = [part.split()[0] for part in value.split(",") if part.split()] if name == "srcset" else [value]
            for url in urls:
                problem = _url_problem(url, loads=loads or name != "href")
                if problem:
                    yield problem
        for url in CSS_URL_RE.findall(element):
            problem = _url_problem(url, loads=True)
            if problem:
                yield problem
    for match in ATTR_LIST_RE.finditer(text):
        yield f"attribute list sets {match.group(1)!r} (attributes are markup)"


def audit_markdown(body: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """(line number, problem) for each finding in a Markdown body starting at first_line."""
    image_ids = frozenset((match.group(2) or match.group(1)).lower() for match in IMAGE_REFERENCE_RE.finditer(body))
    fence = None
    for number, line in enumerate(body.splitlines(), start=first_line):
        opening = FENCE_RE.match(line)
        if fence:
            if opening and opening.group(1) == fence:
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        for problem in dict.fromkeys(audit_line(line, image_ids)):
            yield number, problem


def audited_pages(project: Project) -> list[Path]:
    """Every Markdown page under docs/ but the generated listings, sorted."""
    return sorted(path for path in project.docs.rglob("*.md") if path.is_file() and not path.is_symlink())


def audit_project(project: Project) -> list[str]:
    """`path:line: problem` for every finding in the project's contributed Markdown."""
    problems = []
    for path in audited_pages(project):
        try:
            page = read_page(path)
        except SourceError:
            continue  # check_project reports unreadable pages
        text = path.read_text(encoding="utf-8")
        if GENERATED in text[: len(text) - len(page.body)]:
            continue
        first_line = text[: len(text) - len(page.body)].count("\n") + 1
        where = project.relative(path)
        problems += [f"{where}:{number}: {problem}" for number, problem in audit_markdown(page.body, first_line)]
    return problems
