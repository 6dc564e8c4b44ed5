"""Scores of one extraction against a page's reference: tokens kept, boilerplate kept, titles."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from scripts.reading.structure import split_sentences

WORD_RE = re.compile(r"\w+")
# A site's name after the headline: "Mozilla - Wikipedia", "How to Build a Terrarium | eHow".
SITE_SUFFIX_RE = re.compile(r"\s+[-|–—·]\s+.*$")
# Two titles are the same headline when their words match this closely (quotes, dashes and
# a dropped word aside).
TITLE_RATIO = 0.85
# A line longer than this is a paragraph, not a title.
MAX_TITLE_LINE = 300


def tokens(text: str) -> list[str]:
    """Lower-case words; punctuation and apostrophe styles do not count."""
    return WORD_RE.findall(unicodedata.normalize("NFKC", text).casefold())


@dataclass
class Score:
    """Counts for one reader over one or more pages; ratios are taken over the sums (micro)."""

    reference: int = 0
    kept: int = 0
    boilerplate: int = 0
    boilerplate_kept: int = 0
    sentences: int = 0
    article_sentences: int = 0
    titles: int = 0
    right_titles: int = 0
    reference_titles: int = 0  # right against the reference title alone
    pages: int = 0
    low_pages: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        """Add another score's counts to this one."""
        for name in ("reference", "kept", "boilerplate", "boilerplate_kept", "sentences", "article_sentences"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.titles += other.titles
        self.right_titles += other.right_titles
        self.reference_titles += other.reference_titles
        self.pages += other.pages
        self.low_pages += other.low_pages

    def ratios(self) -> dict[str, float | None]:
        """Article text kept, boilerplate kept, precision of sentences, right titles (0..1)."""

        def ratio(part: int, whole: int) -> float | None:
            return part / whole if whole else None

        return {
            "kept": ratio(self.kept, self.reference),
            "boilerplate": ratio(self.boilerplate_kept, self.boilerplate),
            "precision": ratio(self.article_sentences, self.sentences),
            "title": ratio(self.right_titles, self.titles),
        }


def same_title(found: str | None, expected: str) -> bool:
    """Whether a title found is the reference headline."""
    if not found:
        return False
    a = " ".join(tokens(found))
    # The headline with or without the site's name is the same headline.
    for candidate in (expected, SITE_SUFFIX_RE.sub("", expected)):
        b = " ".join(tokens(candidate))
        if a == b or SequenceMatcher(None, a, b, autojunk=False).ratio() >= TITLE_RATIO:
            return True
    return False


def shows_title(page_text: str, title: str) -> bool:
    """Whether a line of the page is the title (with or without the site's name)."""
    return any(len(line) < MAX_TITLE_LINE and same_title(line, title) for line in page_text.split("\n") if line.strip())


def score_page(
    name: str,
    page_text: str,
    reference: str,
    title: str,
    published: list[str],
    found_title: str | None,
    *,
    titled=True,
    shown_title: str | None = None,
) -> Score:
    """Score one page: `published` is the article's blocks, `page_text` all the page shows.

    The headline is article text and a page publishes its title: the reference gets its title
    (unless it starts with it already) and the published text the title found. `shown_title`:
    the headline the page shows, right too when the reference title is not in `page_text`.
    """
    first_line = " ".join(tokens(reference.lstrip().split("\n", 1)[0]))
    if title and f" {' '.join(tokens(title))} " not in f" {first_line} ":
        reference = f"{title}\n{reference}"
    published = ([found_title] if found_title else []) + list(published)
    ref = Counter(tokens(reference))
    boiler = Counter(tokens(page_text)) - ref
    out = Counter(t for block in published for t in tokens(block))
    kept = sum((out & ref).values())
    score = Score(
        reference=sum(ref.values()),
        kept=kept,
        boilerplate=sum(boiler.values()),
        boilerplate_kept=sum(((out - ref) & boiler).values()),
        pages=1,
    )
    # A published sentence is article text when its words appear, in order, in the reference.
    reference_words = " " + " ".join(tokens(reference)) + " "
    for block in published:
        for sentence in split_sentences(block):
            words = tokens(sentence)
            if words:
                score.sentences += 1
                score.article_sentences += f" {' '.join(words)} " in reference_words
    if titled:
        score.titles = 1
        score.reference_titles = int(same_title(found_title, title))
        score.right_titles = score.reference_titles or int(
            shown_title is not None and not shows_title(page_text, title) and same_title(found_title, shown_title)
        )
    if score.reference and kept / score.reference < 0.8:
        score.low_pages.append(name)
    return score
