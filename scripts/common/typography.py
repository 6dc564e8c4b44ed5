"""French typography for article text, applied at ingest: the spaces, quotes and apostrophes a
French reader expects, which scraped text loses.

The convention, the Imprimerie nationale's as the site's own strings follow it
(scripts/site/strings.py):

- a narrow no-break space (U+202F) before ; ! ? and inside « », a no-break space (U+00A0) before
  a colon: the punctuation never starts a line, the quote never ends one;
- “ ” and "…" around a quotation become « … »;
- a typewriter apostrophe between letters becomes ’ (l'IA → l’IA).

Never inside a web address, an e-mail address, inline code, a Markdown link target or text that
reads as an HTML entity (&lt;), and never between digits (10:30, 1:2). Applying it twice changes
nothing (tests/test_typography.py).

Why not a library: typographeur (MIT, last release 2020) writes HTML entities and spaces the
colon of "https://" and "10:30"; french-typo (MIT, 2026, one author) leaves “ ” and ' alone and
writes <sup> HTML into the text. Our text is Markdown made from escaped text: neither fits.

English text follows English typography (`english`): no space before punctuation, “ ” quotes.
"""

from __future__ import annotations

import dataclasses
import re

from scripts.model.article import Article

NNBSP, NBSP = "\u202f", "\u00a0"
# Spans left exactly as they are: addresses, e-mail addresses, inline code, link targets.
PROTECTED_RE = re.compile(
    r"`[^`\n]*`"
    r"|\]\([^)\s]*\)"
    r"|<[^>\s]*>"
    r"|\b(?:https?|ftp)://[^\s<>«»“”\"]*[^\s<>«»“”\".,;:!?)\]]"
    r"|\bwww\.[^\s<>«»“”\"]*[^\s<>«»“”\".,;:!?)\]]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    # Text that reads as an HTML entity (&lt; &#60;) stays as written: its ; is part of it.
    r"|&#?\w+;"
)
PLACEHOLDER_RE = re.compile("\ue000(\\d+)\ue001")
SPACES = "[ \u00a0\u202f\u2009]"
# A high punctuation mark (; ! ?) after a word or closing mark, with or without a space before
# it: the space becomes a narrow no-break one. Runs like "?!" or "!!!" take one space, before
# the first. Not after an opening mark or the start of a line ("?" alone, "(!)").
HIGH_RE = re.compile(rf"(?<=[\w»)\]”’.…%€$*_\ue001]){SPACES}?(?<![;!?])([;!?]+)")
# A colon after a word, followed by a space or the end: "Cosmos: 20M", "dit :". Not 10:30,
# not "https://" (protected anyway), not "::".
COLON_RE = re.compile(rf"(?<=[\w»)\]”’%€$*_\ue001]){SPACES}?:(?=\s|$)")
OPEN_GUILLEMET_RE = re.compile(rf"«{SPACES}*")
CLOSE_GUILLEMET_RE = re.compile(rf"{SPACES}*»")
CURLY_QUOTES_RE = re.compile(rf"“{SPACES}*([^“”\n]*?){SPACES}*”")
STRAIGHT_QUOTES_RE = re.compile(r'(?<![\w"])"(?=\S)([^"\n]*?)(?<=\S)"(?![\w"])')
APOSTROPHE_RE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")
# English: no space before ; : ! ? (narrow or not), and « » as “ ”.
EN_SPACE_BEFORE_RE = re.compile(rf"{SPACES}+([;:!?])")
EN_GUILLEMETS_RE = re.compile(rf"«{SPACES}*([^«»\n]*?){SPACES}*»")


def _outside_protected(text: str, change) -> str:
    """Apply `change` to the text with its protected spans held aside as placeholders (a private
    use character and the span's number), which the rules read as a word."""
    spans: list[str] = []

    def hold(match: re.Match) -> str:
        spans.append(match.group(0))
        return f"\ue000{len(spans) - 1}\ue001"

    changed = change(PROTECTED_RE.sub(hold, text.replace("\ue000", "").replace("\ue001", "")))
    return PLACEHOLDER_RE.sub(lambda m: spans[int(m.group(1))], changed)


def _french(text: str) -> str:
    text = CURLY_QUOTES_RE.sub(lambda m: f"«{NNBSP}{m.group(1)}{NNBSP}»", text)
    text = STRAIGHT_QUOTES_RE.sub(lambda m: f"«{NNBSP}{m.group(1)}{NNBSP}»", text)
    text = APOSTROPHE_RE.sub("’", text)
    text = OPEN_GUILLEMET_RE.sub("«" + NNBSP, text)
    text = CLOSE_GUILLEMET_RE.sub(NNBSP + "»", text)
    text = HIGH_RE.sub(lambda m: NNBSP + m.group(1), text)
    return COLON_RE.sub(NBSP + ":", text)


def french(text: str | None) -> str | None:
    """A French text with French spaces, quotes and apostrophes."""
    if not text:
        return text
    return _outside_protected(text, _french)


def _english(text: str) -> str:
    text = EN_GUILLEMETS_RE.sub(lambda m: f"“{m.group(1)}”", text)
    text = APOSTROPHE_RE.sub("’", text)
    return EN_SPACE_BEFORE_RE.sub(r"\1", text)


def english(text: str | None) -> str | None:
    """An English text with English quotes and apostrophes and no space before punctuation."""
    if not text:
        return text
    return _outside_protected(text, _english)


def typeset_article(article: Article) -> Article:
    """The article with French typography in its title, text, captions and author's bio (not in
    names, addresses or hashtags)."""
    blocks = [
        dataclasses.replace(block, text=french(block.text), items=tuple(french(item) for item in block.items))
        for block in article.blocks
    ]
    images = [dataclasses.replace(image, caption=french(image.caption)) for image in article.images]
    return dataclasses.replace(
        article, title=french(article.title), blocks=blocks, images=images, author_bio=french(article.author_bio)
    )
