"""From cleaned lines to an Article: title, lead, headings, lists, credits, end of the text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.model.article import Article, Block, Image, RawDocument
from scripts.reading.cleaning import Rule, match_rule, repair_text, split_bullet

# A tweet-like teaser ends with hashtags: "… en marche! 🌍✨ #IA #NVIDIA". They are found word
# by word from the end (TRAILING_HASHTAGS_RE searched for "(\s+#\w+)+\s*$" at every position:
# quadratic, minutes on a 180 KB line of hashtags followed by a word).
HASHTAG_RE = re.compile(r"#([^\W_][\w-]*)")
# Pictographs and their joiners; decoration in a teaser, not text.
SPACES_RE = re.compile(r"\s+")
EMOJI_RE = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d]+")
# Where a sentence ends: the spaces after . ! ? … that come before a capital, a digit or an
# opening quote. The pattern starts with the punctuation, not a look-behind, so that re can skip
# to candidate characters instead of trying every position. (Initials, "M. Dupont", still end a
# sentence here, as they always have: a known limit.)
SENTENCE_BREAK_RE = re.compile(r"[.!?…](\s+)(?=[«“\"A-ZÀ-ÖØ-Þ0-9])")
# A line that ends like a sentence or a clause cannot be a heading.
CLAUSE_END = tuple('.,;:!?…»"”)')
# A line that looks like Markdown (a numbered item, a quote…) stays the paragraph it was.
MARKUP_START_RE = re.compile(r"^(\d+[.)]\s|[#>+*\[-])")
MAX_HEADING_CHARS = 100
MAX_HEADING_WORDS = 14
MAX_TITLE_CHARS = 160


@dataclass
class _Line:
    text: str
    item: bool
    headline: bool = False  # made from a teaser: the title, whatever its punctuation


def _is_heading_like(text: str) -> bool:
    return (
        not MARKUP_START_RE.match(text)
        and len(text) <= MAX_HEADING_CHARS
        and len(text.split()) <= MAX_HEADING_WORDS
        and not text.endswith(CLAUSE_END)
        and (text[0].isupper() or text[0].isdigit())
    )


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (French and English punctuation)."""
    pieces, start = [], 0
    for found in SENTENCE_BREAK_RE.finditer(text):
        pieces.append(text[start : found.start(1)])
        start = found.end(1)
    pieces.append(text[start:])
    return [s for s in pieces if s]


def _join_broken_wraps(lines: list[_Line]) -> list[_Line]:
    """Join a line to the previous one when the previous cannot end there (hard-wrapped text)."""
    joined: list[_Line] = []
    # The pieces of each joined line, joined once at the end: adding to a growing string line
    # by line is quadratic (minutes for 4 MB of short lowercase lines).
    pieces: list[list[str]] = []
    for line in lines:
        prev = joined[-1] if joined else None
        if (
            prev is not None
            and prev.text
            and line.text
            and not line.item
            and not pieces[-1][-1].endswith(CLAUSE_END)
            and line.text[0].islower()
        ):
            pieces[-1].append(line.text)
            continue
        joined.append(line)
        pieces.append([line.text])
    for line, parts in zip(joined, pieces, strict=True):
        if len(parts) > 1:
            line.text = " ".join(parts)
    return joined


def split_trailing_hashtags(text: str) -> tuple[str, list[str]] | None:
    """(text before, hashtags) when a line ends with a run of hashtags after a word, else None."""
    count = 0
    for word in reversed(text.split()[1:]):  # the line's first word is text, not a trailing tag
        if not HASHTAG_RE.fullmatch(word):
            break
        count += 1
    if not count:
        return None
    before, *tags = text.rsplit(None, count)
    return before, [HASHTAG_RE.fullmatch(tag).group(1) for tag in tags]


def _headline_from_teaser(teaser: str) -> str:
    first = split_sentences(teaser)[0].rstrip()
    if first.endswith(".") and not first.endswith("..."):
        first = first[:-1]
    return first


def structure(document: RawDocument, rules: tuple[Rule, ...], author: str | None = None) -> Article:
    """Clean a source's lines and give the article its structure."""
    lines: list[_Line] = []
    for raw in document.lines:
        item, text = split_bullet(raw.strip())
        lines.append(_Line(repair_text(text), item))
    lines = _join_broken_wraps(lines)

    images: list[Image] = []
    cites: list[str] = []
    hashtags: list[str] = []
    bio: list[str] | None = None
    content: list[_Line] = []
    dropped_comments = 0
    ended = False
    for line in lines:
        if not line.text:
            continue
        if ended:
            if match_rule(line.text, rules) is None:
                dropped_comments += 1
            continue
        found = match_rule(line.text, rules)
        if found is not None:
            kind = found.rule.kind
            if kind == "end":
                ended = True
            elif kind == "credit" or kind == "caption":
                caption = found.groups.get("caption") if kind == "credit" else line.text
                image = Image(caption=caption or None, credit=found.groups.get("credit"))
                if image not in images:
                    images.append(image)
                ended = found.rule.ends_article and bool(content)
            elif kind == "cite" and found.groups["cite"] not in cites:
                cites.append(found.groups["cite"])
            continue
        if author and line.text == author and content:
            bio = []
            continue
        if bio is not None:
            bio.append(line.text)
            continue
        if not content and not line.item:
            split = split_trailing_hashtags(line.text)
            if split is not None:
                before, hashtags = split
                teaser = EMOJI_RE.sub("", before).strip()
                teaser = SPACES_RE.sub(" ", teaser)
                content.append(_Line(_headline_from_teaser(teaser), False, headline=True))
                # The teaser's first sentence is the title: kept in the lead too, it was the
                # title, the lead and the description, one sentence three times (issue 14).
                rest = " ".join(split_sentences(teaser)[1:])
                if not rest:
                    continue
                line = _Line(rest, False)
        if content and not line.item and line.text == content[-1].text:
            continue  # the scraper duplicated the line
        content.append(line)

    title, blocks = _title_and_blocks(content)
    return Article(
        title=title,
        blocks=blocks,
        images=images,
        cites=cites,
        hashtags=hashtags,
        author=author,
        author_bio=" ".join(bio) if bio else None,
        dropped_comments=dropped_comments,
    )


def _title_and_blocks(content: list[_Line]) -> tuple[str | None, list[Block]]:
    title = None
    if content and not content[0].item:
        first = content[0]
        if first.headline or (len(first.text) <= MAX_TITLE_CHARS and not first.text.endswith((".", ",", ";", ":"))):
            title = first.text
            content = content[1:]
    blocks: list[Block] = []
    index = 0
    while index < len(content):
        line = content[index]
        if line.item:
            items = []
            while index < len(content) and content[index].item:
                items.append(content[index].text)
                index += 1
            # A lone "•" line is page layout (a standfirst in a styled box), not a list.
            blocks.append(Block("list", items=tuple(items)) if len(items) > 1 else Block("paragraph", items[0]))
            continue
        following = content[index + 1] if index + 1 < len(content) else None
        if blocks and following is not None and _is_heading_like(line.text) and not _is_heading_like(following.text):
            blocks.append(Block("heading", line.text))
        else:
            blocks.append(Block("paragraph", line.text))
        index += 1
    return title, blocks
