"""Find the article in a whole-page copy: the headline, the byline and the run of prose.

A browser's "select all, copy" gives the article between menus, offers, teasers and footers.
Lines are classified from shallow text features, as jusText and Kohlschütter et al. do
("Boilerplate detection using shallow text features", 2010): length, share of stop words,
sentence punctuation. Then, as jusText's context smoothing does, a short line takes the class of
the prose around it, and the article is the densest run of prose (a maximum-sum run, where
prose counts for and page furniture against). Site-specific noise stays in data/cleaning.yml.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from scripts.reading.readers.headline import author_of, find_headline, is_byline, is_dateline
from scripts.reading.readers.outlets import normalise
from scripts.reading.readers.textlines import (
    BOUNDARY_RE,
    COMMENTS_RE,
    LENGTH_HIGH,
    LENGTH_LOW,
    SENTENCE_END_RE,
    Line,
    classify,
    first_words,
    stoplists,
    stopwords,
)

# Below this many lines a text is an article already cleaned by hand or by a scraper, not a
# whole page: the reader leaves it as it is.
MIN_PAGE_LINES = 40
# What a line of furniture inside the densest run costs, against a prose line's length: a menu
# of ten items outweighs a short paragraph, not a long one.
FURNITURE_COST = 30
# An inline box ("À lire aussi", "Related") holds a few links; a long paragraph this close
# after its label means the article goes on.
BOUNDARY_BOX_LINES = 6
RESUME_CHARS = 400
# Past a boundary label, this share of furniture lines means the article is over.
BOUNDARY_FURNITURE = 0.25
# A label is a line this short at most ("Derniers articles de la thématique « Justice » :").
MAX_LABEL_CHARS = 100
# How much article text must come before a boundary label for it to end the article.
BOUNDARY_AFTER = 500
# This many short lines in a row, none of them a sentence, make a menu.
MENU_RUN = 4
MENU_WORDS = 4
# "941 comments" at the top of a story is a link to the thread; read as text it would end the
# article (data/cleaning.yml's comment-count rule). The HTML reader drops it; so does the lead
# rule below, for copied text.
COMMENT_COUNT_RE = re.compile(r"-?\s*\d+ (comments?|commentaires?|réactions?)", re.IGNORECASE)
# A lead says something: a sentence of this many words at least.
LEAD_WORDS = 8


def _is_label(line: Line) -> bool:
    """A menu item or a link's label: a few words, no sentence (a list item says more)."""
    return not SENTENCE_END_RE.search(line.text) and (line.words <= MENU_WORDS or line.density < 0.1)


def _smooth(lines: list[Line]) -> None:
    """Give short and near-good lines the class of the prose around them (jusText's context)."""
    # A run of short lines that say nothing a sentence says is a menu or a list of links,
    # whatever surrounds it (jusText knows links from the markup; a copy has no markup left).
    run: list[Line] = []
    for line in [*lines, None]:
        if line is not None and line.kind in ("short", "bad") and _is_label(line):
            run.append(line)
            continue
        if len(run) >= MENU_RUN:
            for item in run:
                item.kind = "bad"
                item.furniture = True
        run = []

    def neighbour(start: int, step: int, kinds: tuple[str, ...]) -> str:
        index = start + step
        while 0 <= index < len(lines):
            if lines[index].kind in kinds:
                return lines[index].kind
            index += step
        return "bad"

    # As jusText does: decide every short line from the classes before any change, then every
    # near-good line from the classes the short lines got.
    for kind, decide in (("short", _decide_short), ("neargood", _decide_neargood)):
        decided = {
            i: decide(
                neighbour(i, -1, ("good", "bad")),
                neighbour(i, 1, ("good", "bad")),
                neighbour(i, -1, ("good", "bad", "neargood")),
                neighbour(i, 1, ("good", "bad", "neargood")),
            )
            for i, line in enumerate(lines)
            if line.kind == kind
        }
        for i, result in decided.items():
            lines[i].kind = result


def _decide_short(before: str, after: str, before_near: str, after_near: str) -> str:
    if before == after:
        return before
    # Between prose and furniture, a short line next to near-prose belongs to the prose.
    return "good" if "neargood" in (before_near, after_near) else "bad"


def _decide_neargood(before: str, after: str, _before_near: str, _after_near: str) -> str:
    return "bad" if before == after == "bad" else "good"


def _densest_run(lines: list[Line]) -> tuple[int, int]:
    """The run of lines where prose most outweighs furniture: (first, last) positions."""
    best, best_span = 0.0, (0, -1)
    total, start = 0.0, 0
    for position, line in enumerate(lines):
        weight = len(line.text) if line.kind == "good" else -FURNITURE_COST
        if total <= 0:
            total, start = 0.0, position
        total += weight
        if total > best:
            best, best_span = total, (start, position)
    return best_span


def _before_comments(lines: list[Line]) -> list[Line]:
    """The page up to its comment thread, which is prose too and can outweigh the article."""
    seen = 0
    for position, line in enumerate(lines):
        if seen >= BOUNDARY_AFTER and len(line.text) < MAX_LABEL_CHARS and COMMENTS_RE.fullmatch(line.text):
            return lines[:position]
        seen += len(line.text) if line.kind == "good" else 0
    return lines


def _end_at_boundary(lines: list[Line], first: int, last: int) -> int:
    """The run's last line, cut before a boundary label that follows enough article, unless the
    article goes on after it (an inline "Related" box sits mid-article): what follows a real
    boundary is shorter than the article, or mostly furniture (a live feed's timestamps)."""
    good = [len(line.text) if line.kind == "good" else 0 for line in lines[first : last + 1]]
    total, seen = sum(good), 0
    for offset, chars in enumerate(good):
        position = first + offset
        text = lines[position].text
        if seen >= BOUNDARY_AFTER and len(text) < MAX_LABEL_CHARS and BOUNDARY_RE.fullmatch(text):
            rest = lines[position + 1 : last + 1]
            furniture = sum(line.furniture for line in rest) / len(rest) if rest else 1.0
            resumes = any(line.kind == "good" and len(line.text) >= RESUME_CHARS for line in rest[:BOUNDARY_BOX_LINES])
            if not resumes and (total - seen < seen or furniture >= BOUNDARY_FURNITURE):
                return position - 1
        seen += chars
    return last


@dataclass(frozen=True)
class Extracted:
    """The article found in a page: its lines (headline first), and what the head said."""

    lines: list[str]
    title: str | None
    author: str | None


def extract_article(raw_lines: list[str], shared: frozenset[str] = frozenset()) -> Extracted | None:
    """The article of a whole-page copy, or None when the text is not one (too few lines).

    `shared`: normalised lines the outlet's other sources show too (scripts/reading/readers/outlets.py).
    They are furniture, not gone: a "Sur le même sujet" or a comment heading every page of the
    outlet prints still says where the article ends."""
    stripped = [(i, text.strip()) for i, text in enumerate(raw_lines) if text.strip()]
    if len(stripped) < MIN_PAGE_LINES:
        return None
    stops = stopwords(first_words(text for _, text in stripped))
    lines = [classify(i, text, stops) for i, text in stripped]
    for line in lines:
        if shared and normalise(line.text) in shared:
            line.kind, line.furniture = "bad", True
    _smooth(lines)
    lines = _before_comments(lines)
    first, last = _densest_run(lines)
    if last < first:
        return None
    last = _end_at_boundary(lines, first, last)
    # French headlines are in sentence case: a line of capitalised names is a list of links
    # ("Le Monde Télérama Le Monde diplomatique…"). English ones are often in title case.
    headline = find_headline(lines, first, last, stops, sentence_case=stops is stoplists()["French"])
    title = lines[headline].text if headline is not None else None
    near = lines[headline + 1 : headline + 5] if headline is not None else lines[max(0, first - 4) : first + 2]
    author = next((author_of(line.text) for line in near if is_byline(line.text)), None)
    # Inside the run, whatever is not plainly furniture stays (headings, list items, captions);
    # a short line the page shows twice is a teaser, a pull quote or a menu, not the body.
    counts = Counter(line.text for line in lines)
    body = [
        line.text
        for position, line in enumerate(lines[first : last + 1], start=first)
        if not line.furniture
        and position != headline
        and (counts[line.text] == 1 or len(line.text) >= LENGTH_HIGH)
        and not is_byline(line.text)
        and not is_dateline(line.text)
    ]
    # A long line the page repeats (a standfirst also in the share box) is published once.
    body = list(dict.fromkeys(body))
    # The lead is the first sentence after the headline: what stands between them (a glued
    # menu, a "read in zen mode" prompt, a "941 comments" link, a caption) would become the
    # page's description, or, with no headline, its title, where ingest should warn instead.
    lead = next((i for i, text in enumerate(body) if _is_lead(text)), 0)
    body = body[lead:]
    out = ([title, ""] if title else []) + [text for text in body for text in (text, "")]
    return Extracted(out, title, author)


def _is_lead(text: str) -> bool:
    return len(text) >= LENGTH_LOW and len(text.split()) >= LEAD_WORDS and bool(SENTENCE_END_RE.search(text))
