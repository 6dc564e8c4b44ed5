"""Markup a translation must not add: raw HTML, links and images the French text does not have.

A translation backend is a third party. Whatever it answers becomes Markdown, and Python-Markdown
passes raw HTML through and turns URLs in angle brackets into links: an answer with `<script>`,
an `<img>` from another host or a `javascript:` link would run in readers' browsers. The French
side is escaped by ingest, so any such construct in a translation that the French text lacks is
refused, and named.
"""

from __future__ import annotations

import re
from collections import Counter

from scripts.model.pages import Page
from scripts.translation.document import read_blocks, translatable_text

# Each construct, with how a message names it. Order matters: an autolink is tried before a tag.
MARKUP_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # <https://example.com>, <mailto:x@y>, <x@y.z>: Markdown makes a link of each.
    ("an autolink", re.compile(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s<>@]+@[^\s<>@]+>")),
    # An HTML tag, closing tag, comment, processing instruction or CDATA section.
    ("raw HTML", re.compile(r"<(?:/?[A-Za-z][\w:-]*(?=[\s/>])|!--|\?|!\[CDATA\[|![A-Za-z])")),
    # An image, which the browser fetches: ![alt](target) or ![alt][ref].
    ("an image", re.compile(r"!\[(?:[^\]\\]|\\.)*\]\s*[(\[]")),
    # A link reference definition, "[id]: https://…", which gives [text][id] a target.
    ("a link definition", re.compile(r"^ {0,3}\[(?:[^\]\\]|\\.)+\]:", re.MULTILINE)),
    # A raw URL or a script or data URL (not the word "data:" of a sentence), which the site's
    # Markdown extensions or a reader may follow.
    (
        "a raw link",
        re.compile(r"\b(?:https?|ftp)://[^\s<>)\]]+|\bwww\.[^\s<>)\]]+|\b(?:javascript|vbscript):\S|\bdata:\w+/", re.I),
    ),
)


def find_markup(text: str) -> Counter[tuple[str, str]]:
    """The markup constructs of a text, as (kind, what) pairs with their counts."""
    found: Counter[tuple[str, str]] = Counter()
    for kind, pattern in MARKUP_RES:
        for match in pattern.finditer(text):
            found[(kind, match.group().strip().lower())] += 1
        if kind == "an autolink":
            text = pattern.sub(" ", text)  # an autolink is not also raw HTML and a raw link
    return found


def added_markup(french: str, english: str) -> str | None:
    """How the English adds markup the French lacks, as a message, or None."""
    extra = find_markup(english) - find_markup(french)
    if not extra:
        return None
    (kind, what), _count = next(iter(extra.items()))
    shown = what if len(what) <= 60 else what[:57] + "…"
    return f"adds {kind} the French does not have: {shown!r}"


def compare_markup(french: Page, english: Page) -> str | None:
    """The first place where an English edition adds markup to its French page, or None."""
    fr_text, en_text = translatable_text(french), translatable_text(english)
    for key in ("title", "description", "author_bio"):
        problem = added_markup(str(fr_text[key] or ""), str(en_text[key] or ""))
        if problem:
            return f"{key}: {problem}"
    fr_captions, en_captions = fr_text["captions"], en_text["captions"]
    for number, en_caption in enumerate(en_captions, 1):
        fr_caption = fr_captions[number - 1] if number <= len(fr_captions) else ""
        problem = added_markup(str(fr_caption or ""), str(en_caption or ""))
        if problem:
            return f"images: caption {number}: {problem}"
    fr_blocks, en_blocks = read_blocks(french.body), read_blocks(english.body)
    if len(fr_blocks) != len(en_blocks):
        problem = added_markup(french.body, english.body)
        return f"body: {problem}" if problem else None
    for number, (fr_block, en_block) in enumerate(zip(fr_blocks, en_blocks, strict=True), 1):
        problem = added_markup("\n".join(fr_block.lines), "\n".join(en_block.lines))
        if problem:
            return f"block {number}: {problem}"
    return None
