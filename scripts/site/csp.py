"""The Content-Security-Policy of every page, and the whitespace the build strips from pages.

GitHub Pages and file:// send no headers, so the policy is a <meta http-equiv> at the top of
<head> (overrides/main.html). It allows scripts from the site itself and inline scripts only by
the hash of their text: the inline scripts of the theme's templates, rendered for the page
(the `news_csp` filter). A value that escaped its escaping would still run nothing, and a page
would load nothing from another host.

Hashes are computed on the text the reader gets, after `compact_html`; `blocked_inline_code`
finds inline code of a built page that the page's policy blocks (a template that changed, or
markup that should have been text).
"""

from __future__ import annotations

import base64
import hashlib
import html
import re

from markupsafe import Markup

# Blank lines and line-leading indentation in the HTML Material's templates produce: about a tenth of every page.
INDENT_RE = re.compile(r"\n\s+")
PRESERVED_RE = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
SCRIPT_RE = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
SRC_ATTR_RE = re.compile(r"\ssrc\s*=", re.IGNORECASE)
TYPE_ATTR_RE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
# Inline code a policy without 'unsafe-inline' blocks whatever its hash: event-handler attributes
# and javascript: URLs. The site's templates write neither. A tag, attribute by attribute, so
# that "onload=" inside a quoted value (escaped text in a title) is not taken for one.
TAG_RE = re.compile(r"""<[a-zA-Z][^\s/>]*((?:\s*[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?|\s*/)*)\s*>""")
ATTRIBUTE_RE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
HANDLER_HINT_RE = re.compile(r"\son[a-z]+\s*=|javascript:", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction"}
POLICY_META_RE = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')
HASH_RE = re.compile(r"'(sha256-[A-Za-z0-9+/=]+)'")
# A <script> with one of these types (or none) runs; any other type is a data block (JSON-LD,
# Material's __config), which a browser never runs and the policy does not cover.
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}

# 'self' also matches file: URLs when the page itself is a file (Chromium, Firefox): the site
# opened from the file system keeps its scripts, styles, images and search worker.
POLICY = (
    "default-src 'self'",
    "script-src 'self' {hashes}",
    "style-src 'self'",
    # Material's stylesheet draws its icons from data: SVG images.
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def compact_html(output: str) -> str:
    """Drop indentation at line starts, except inside <pre> and <textarea>; a browser renders
    the result identically (a newline and spaces between elements collapse to one space)."""
    parts = PRESERVED_RE.split(output)
    # split() with two groups yields: text, whole preserved element, tag name, text, …
    for index in range(0, len(parts), 3):
        parts[index] = INDENT_RE.sub("\n", parts[index])
    return "".join(part for i, part in enumerate(parts) if i % 3 != 2)


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script of some HTML that a browser would run."""
    scripts = []
    for match in SCRIPT_RE.finditer(html):
        attributes, text = match.groups()
        kind = TYPE_ATTR_RE.search(attributes)
        if SRC_ATTR_RE.search(attributes) or (kind and kind.group(1).lower() not in SCRIPT_TYPES):
            continue
        scripts.append(text)
    return scripts


def script_hash(text: str) -> str:
    """The CSP source that allows one inline script: 'sha256-…' of its UTF-8 text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def render_policy(trusted_html: str, *, preview: bool = False) -> Markup:
    """The policy of a page whose own inline scripts are those of trusted_html (templates' output)."""
    # trusted_html is hashed as compact_html leaves it, as the reader gets it. preview: `mkdocs
    # serve` adds a live-reload script of its own to every page it serves, different each time.
    hashes = sorted({script_hash(text) for text in inline_scripts(compact_html(trusted_html))})
    sources = "'unsafe-inline'" if preview else " ".join(hashes)
    # Fixed words and base64 only: safe in an attribute as it is, its quotes left readable.
    return Markup("; ".join(POLICY).replace("{hashes}", sources))


def _inline_attributes(output: str) -> list[str]:
    """Event-handler attributes and javascript: URLs in the tags of some HTML."""
    if not HANDLER_HINT_RE.search(output):
        return []  # every page of a site without hostile input: no tag to read
    found = []
    for tag in TAG_RE.finditer(output):
        for name, value in ATTRIBUTE_RE.findall(tag.group(1)):
            name = name.lower()
            if name.startswith("on"):
                found.append(f"{name}= attribute")
            elif name in URL_ATTRIBUTES and value.strip("\"'").strip().lower().startswith("javascript:"):
                found.append(f"{name}={value[:40]}")
    return found


def blocked_inline_code(output: str) -> list[str]:
    """Inline code of a built page that its policy blocks: unhashed scripts, handlers, javascript: URLs."""
    policy = POLICY_META_RE.search(output)
    allowed = set(HASH_RE.findall(html.unescape(policy.group(1)))) if policy else set()
    blocked = [text for text in inline_scripts(output) if script_hash(text).strip("'") not in allowed]
    return blocked + _inline_attributes(output)
