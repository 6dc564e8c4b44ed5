"""Reader for saved web pages: trafilatura finds the main text and the page's metadata."""

from __future__ import annotations

import html
import re
from pathlib import Path

import trafilatura

from scripts.common.errors import SourceError
from scripts.model.article import RawDocument, SourceMeta
from scripts.reading.readers.boilerplate import COMMENT_COUNT_RE

# The page's headline and <title>, found without parsing the page a second time.
H1_RE = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
TITLE_RE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
# The headline a page declares for sharing (og:title, twitter:title), attributes in either order.
SHARE_TITLE_RE = re.compile(
    r"<meta\b(?=[^>]*\b(?:property|name)\s*=\s*[\"']?(?:og|twitter):title\b)[^>]*\bcontent\s*=\s*(?:\"([^\"]*)\"|'([^']*)')",
    re.IGNORECASE,
)
TAG_RE = re.compile(r"<[^>]*>")
WORDS_RE = re.compile(r"\w+")
# An inline "À LIRE AUSSI" teaser glued to the paragraph after it ("…du pogromC'est ce que…"):
# the teaser goes (data/cleaning.yml drops such lines whole), the paragraph stays.
GLUED_TEASER_RE = re.compile(r"^\W*(?i:(?:à\s+)?lire aussi)\b.*?[a-zà-ÿ.!?»”)](?=[A-ZÀ-Ý«“][a-zà-ÿ’' ])")


def _words(fragment: str) -> str:
    return " ".join(WORDS_RE.findall(html.unescape(TAG_RE.sub(" ", fragment)).casefold()))


def _text(fragment: str) -> str:
    return " ".join(html.unescape(TAG_RE.sub(" ", fragment)).split())


def _headline(page: str, title: str | None) -> str | None:
    """trafilatura's title, unless it took a section's <h1> the <title> does not carry
    ("Allergies Health Center"): then the <title>'s first part. The <h1> when there is no title."""
    headings = [_text(h) for h in H1_RE.findall(page)]
    if not title:
        return headings[0] or None if len(headings) == 1 else None
    # A headline the page also declares for sharing is the article's, not a section's.
    shared = {_words(a or b) for a, b in SHARE_TITLE_RE.findall(page)}
    found = TITLE_RE.search(page)
    raw = _text(found.group(1)).split(" | ")[0].strip() if found else ""
    words = _words(title)
    if title in headings and len(raw.split()) >= 2 and words not in _words(raw) and words not in shared:
        return raw
    return title


def read_html(path: Path, text: str) -> RawDocument:
    """Extract the article's text and metadata (title, date, author, canonical URL) from HTML."""
    document = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        # Recall first: our cleaning rules and structure drop furniture trafilatura keeps.
        favor_recall=True,
        deduplicate=False,
    )
    body = getattr(document, "text", None) if document is not None else None
    if not body or not body.strip():
        raise SourceError(path, "HTML page has no extractable article text")
    meta = SourceMeta(
        title=_headline(text, document.title or None),
        date=document.date or None,
        author=document.author or None,
        url=document.url or None,
        sitename=document.sitename or None,
    )
    # trafilatura separates paragraphs with single newlines; list items come as "- item".
    lines = []
    for line in body.split("\n"):
        # trafilatura leaves the comments out already: a count is a link in the story's head.
        if COMMENT_COUNT_RE.fullmatch(line.strip()):
            continue
        glued = GLUED_TEASER_RE.match(line)
        if glued and len(line) > glued.end() + 1:
            line = line[glued.end() :]
        lines.append("• " + line[2:] if line.startswith("- ") else line)
        lines.append("")
    return RawDocument(path=path, lines=lines, meta=meta)
