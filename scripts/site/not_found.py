"""The 404 pages: links relative to where the page's file is, so that it stays styled opened
from the file system.

MkDocs renders 404.html with absolute links (/le-fil-tech/assets/…), since a host serves it for
any missing path. Over http, its script (overrides/assets/javascripts/news-404.js, loaded by
that absolute path) adds a <base> for the links after it; from the file system that script does
not load and the relative links resolve from the page's folder. Inline scripts are left as they
are: the page's Content-Security-Policy holds the hashes of their text.
"""

from __future__ import annotations

import re

SCRIPT_BLOCK_RE = re.compile(r"(<script\b[^>]*>)(.*?)(</script\s*>)", re.DOTALL | re.IGNORECASE)
ROOT_RE = re.compile(r'data-news-root="(/[^"]*)"')


def relative_not_found(html: str, lang: str) -> str:
    """The 404 page with its root-absolute links made relative to docs/<lang>/404.html's place."""
    found = ROOT_RE.search(html)
    if not found:
        return html
    root, start = found.group(1), found.start()
    start = html.index(">", start) + 1  # links before the script keep their absolute form
    prefix = "" if lang == "fr" else "../"
    attribute_re = re.compile(r'\b(href|src)="' + re.escape(root.rstrip("/") + "/"))

    def outside_scripts(text: str) -> str:
        out, last = [], 0
        for block in SCRIPT_BLOCK_RE.finditer(text):
            out.append(attribute_re.sub(rf'\1="{prefix}', text[last : block.start()]))
            out.append(attribute_re.sub(rf'\1="{prefix}', block.group(1)) + block.group(2) + block.group(3))
            last = block.end()
        out.append(attribute_re.sub(rf'\1="{prefix}', text[last:]))
        return "".join(out)

    return html[:start] + outside_scripts(html[start:])
