"""The head of an article in a copied page: its headline, its byline and its dateline."""

from __future__ import annotations

import re
from collections import Counter

from scripts.readers.textlines import (
    BOUNDARY_RE,
    COMMENTS_RE,
    DATELINE_RE,
    LENGTH_LOW,
    LINK_LIKE_RE,
    PROMPT_RE,
    WORD_RE,
    Line,
)

# A headline has a few words; a menu item or a section label one or two.
MIN_HEADLINE_WORDS = 4
# French headlines are in sentence case: past this share of capitalised words, a line of names.
MAX_CAPITALISED = 0.6
# Two sentences make a standfirst or a caption, not a headline; a one-word kicker before a
# full stop ("Solidarité. Le Centre hospitalier…", "Gaza. En vidéo…") is part of a headline.
INNER_SENTENCE_RE = re.compile(r"\S+\s+\S*[a-zà-ÿ]{2}[.!?]\s+[A-ZÀ-Ý]")
# A photo credit or a caption's tail ("Portrait by George Del Barrio", "2023.CreditCredit…").
CREDIT_RE = re.compile(r"(\b(by|par) [A-ZÀ-Ý]|[.a-z]Credit|©|(?i:tous droits réservés|all rights reserved))")
# What a headline whose every word is in the article gains over one that shares none.
TOPIC_WEIGHT = 15
TOPIC_WORDS = 4
# A subscription offer ("Abonnez-vous à partir de 1€", "Subscribe - 30 days free").
OFFER_RE = re.compile(
    r"^(abonnez|s.abonner|je m.abonne|subscribe)|\b(abonn\w*|subscri\w*|offre|essai|trial)\b.*(€|\$|£|gratuit|free)",
    re.IGNORECASE,
)
# A breadcrumb ("Mac & i > News > 2015 > KW 15 > …"), and menu items copied without the spaces
# between them ("Más LeídasBuenos AiresSeguridad"): a join or two is a name ("iPhone"), three a menu.
BREADCRUMB_RE = re.compile(r"\s[>›/]\s.*\s[>›/]\s")
GLUED_RE = re.compile(r"[a-zà-ÿ][A-ZÀ-Ý]")
MIN_GLUED = 3
# How much a line of distance from the prose costs a headline candidate.
DISTANCE_COST = 0.1
# A headline may end with an abbreviation ("… Underneath N.Y.C."), never with a preposition
# ("US & Canada is sponsored by").
ABBREVIATION_END_RE = re.compile(r"\b(?:\w\.){2,}$")
DANGLING_END_RE = re.compile(r"\b(by|of|par|de|du|des|to|and|et|the|le|la|les)$", re.IGNORECASE)
# Buttons and labels that look like a name ("View Photos", "Special Reports").
UI_WORDS_RE = re.compile(
    r"\b(view|photos?|videos?|gallery|more|print|close|caption|next|previous|reports?|news|live|"
    r"menu|home|share|comments?|sections?)\b",
    re.IGNORECASE,
)
# A bare name under a headline: two or three capitalised words ("Richard (R.J.) Eskow"); four
# are a title ("Find FDA Consumer Updates").
NAME_RE = re.compile(r"^[A-ZÀ-Ý][\w’'.-]+(?:\s+\(?[A-ZÀ-Ý][\w’'.)-]*){1,2}$")
# How far into the run of prose the headline may stand, in lines: near its start (a caption or
# a label can open the run), or deeper when no line near it can be the headline.
HEADLINE_INSIDE = 3
HEADLINE_DEEP = 30
# How far above the article the headline may stand, in non-empty lines.
HEADLINE_WINDOW = 40
# Decoration of a teaser or a share button (pictographs, arrows, bullets, separators).
SYMBOL_RE = re.compile("[\U0001f000-\U0001faff\u2190-\u21ff\u2600-\u27bf\u2b00-\u2bff|›▾▸►•]")
# "Par Claire Fontaine", "By JEFFREY GETTLEMAN JAN. 13, 2017", "Claire Fontaine, AFP".
BYLINE_RE = re.compile(r"^(par|by|de|written by|posted by|publié par)\s+\S.{0,80}$", re.IGNORECASE)
BYLINE_START_RE = re.compile(r"^(par|by|de|written by|posted by|publié par)\s+", re.IGNORECASE)
# Where the name in a byline ends: a separator, a date, a role.
AUTHOR_END_RE = re.compile(
    r"\s*(?:[|•,–—(]|\s-\s|\d|\b(?:le|on|updated|mis à jour)\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)",
    re.IGNORECASE,
)
# Where a tidy article's byline and dateline can stand: among its first lines.
HEAD_LINES = 8
MAX_BYLINE_CHARS = 80
# "Publié le 4 mai 2015 à 13h36 • Mis à jour le …": never a heading, never the description.
PUBLISHED_RE = re.compile(r"^(publié|mis à jour|modifié|actualisé|updated|published|posted)\b", re.IGNORECASE)


def is_byline(text: str) -> bool:
    """A byline: "Par Claire Fontaine", "By JEFFREY GETTLEMAN JAN. 13, 2017"."""
    return bool(BYLINE_RE.match(text)) and len(text) <= 120 and not text.endswith(".")


def is_dateline(text: str) -> bool:
    """A line that dates the article: "Publié le 4 mai 2015 à 13h36", "Updated 5:03 PM ET"."""
    return len(text) <= 160 and bool(DATELINE_RE.match(text))


def _is_headline(line: Line, sentence_case: bool) -> bool:
    text = line.text
    return (
        not (sentence_case and _capitalised(text) > MAX_CAPITALISED)
        and MIN_HEADLINE_WORDS <= line.words <= 30
        and len(text) <= 200
        and (not text.endswith((".", ",", ";", ":")) or ABBREVIATION_END_RE.search(text))
        and not DANGLING_END_RE.search(text)
        and not text.isupper()
        and not SYMBOL_RE.search(text)
        and not LINK_LIKE_RE.search(text)
        and not PROMPT_RE.match(text)
        and not BYLINE_START_RE.match(text)
        and not is_dateline(text)
        and not INNER_SENTENCE_RE.search(text)
        and not CREDIT_RE.search(text)
        and not OFFER_RE.search(text)
        and not BREADCRUMB_RE.search(text)
        and len(GLUED_RE.findall(text)) < MIN_GLUED
        and not BOUNDARY_RE.fullmatch(text)
        and not COMMENTS_RE.fullmatch(text)
        and line.density > 0
    )


def _signs_the_article(line: Line) -> bool:
    """A byline, a dateline or a bare name ("Patrick Allan"): what follows a headline."""
    text = line.text
    return is_byline(text) or is_dateline(text) or (bool(NAME_RE.match(text)) and not UI_WORDS_RE.search(text))


def _capitalised(text: str) -> float:
    """Share of the words after the first that start with a capital."""
    words = WORD_RE.findall(text)[1:]
    return sum(word[0].isupper() for word in words) / len(words) if words else 0.0


def _content_words(text: str, stops: frozenset[str]) -> set[str]:
    return {w for w in (w.casefold() for w in WORD_RE.findall(text)) if len(w) > 2 and w not in stops}


def find_headline(lines: list[Line], first: int, last: int, stops: frozenset[str], sentence_case: bool) -> int | None:
    """Position of the headline near the article's first line, or None."""
    counts = Counter(line.text for line in lines)
    # The article's words: a headline is about them; a menu line or another story's teaser is not.
    body = Counter(
        w for line in lines[first : last + 1] if line.kind == "good" for w in _content_words(line.text, stops)
    )
    candidates = _candidates(lines, first, last, stops, sentence_case, counts, body)
    if not candidates:
        # None near the prose: the run may have begun with an "about" block or a teaser above
        # the article; a headline deeper in must have its byline, dateline or standfirst below.
        deeper = range(first + HEADLINE_INSIDE + 1, min(last, first + HEADLINE_DEEP) + 1)
        candidates = [
            c for c in _candidates(lines, first, last, stops, sentence_case, counts, body, deeper) if c[0] > 0
        ]
    return max(candidates)[1] if candidates else None


def _candidates(
    lines: list[Line],
    first: int,
    last: int,
    stops: frozenset[str],
    sentence_case: bool,
    counts: Counter[str],
    body: Counter[str],
    positions: range | None = None,
) -> list[tuple[float, int]]:
    """(score, position) of each line that can be the headline."""
    candidates = []
    # The run of prose can start with the headline itself, or a caption above the lead.
    if positions is None:
        positions = range(min(first + HEADLINE_INSIDE, len(lines) - 1), max(-1, first - 1 - HEADLINE_WINDOW), -1)
    for position in positions:
        line = lines[position]
        if not _is_headline(line, sentence_case):
            continue
        after = lines[position + 1 : position + 4]
        # Nearer the prose is likelier; inside it, a line is more often a teaser or a label.
        score = -DISTANCE_COST * abs(first - position) - (2 if position >= first else 0)
        # A headline sits just above its byline or dateline, and pages repeat it (breadcrumbs,
        # share texts); a menu item or a section label has a word or two.
        signs = [i for i, other in enumerate(after) if _signs_the_article(other)]
        score += (8 - 2 * signs[0]) if signs else 0
        score += 6 if counts[line.text] > 1 else 0
        score += 3 if line.words >= 5 else 0
        # The standfirst or the lead follows the headline.
        score += 3 if any(other.kind == "good" or len(other.text) >= LENGTH_LOW for other in after) else 0
        words = _content_words(line.text, stops)
        own = _content_words(line.text, stops) if line.kind == "good" and first <= position <= last else set()
        if words:
            # One shared word ("News") says little; four say the line is about the article.
            shared = sum(body[w] - (w in own) > 0 for w in words)
            score += TOPIC_WEIGHT * shared / len(words) * min(len(words), TOPIC_WORDS) / TOPIC_WORDS
        candidates.append((score, position))
    return candidates


def extract_head(raw_lines: list[str]) -> tuple[list[str], str | None]:
    """An article's lines without the byline and dateline at its head, and the byline's name."""
    lines, author, seen = [], None, 0
    for raw in raw_lines:
        text = raw.strip()
        if text and seen < HEAD_LINES:
            seen += 1
            if is_byline(text) and len(text) <= MAX_BYLINE_CHARS:
                author = author or author_of(text)
                continue
            if PUBLISHED_RE.match(text) and len(text) <= MAX_BYLINE_CHARS * 2:
                continue
        lines.append(raw)
    return lines, author


def author_of(byline: str) -> str | None:
    """The name in a byline: "Par Claire Fontaine | 4 mai 2015" -> "Claire Fontaine"."""
    name = AUTHOR_END_RE.split(BYLINE_START_RE.sub("", byline), maxsplit=1)[0].strip()
    return name if 1 <= len(name.split()) <= 8 else None
