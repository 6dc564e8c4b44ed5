"""The head of an article in a copied page: its headline, its byline and its dateline."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from scripts.reading.readers.textlines import (
    BOUNDARY_RE,
    COMMENTS_RE,
    DATELINE_RE,
    LENGTH_LOW,
    LINK_LIKE_RE,
    PROMPT_RE,
    WORD_RE,
    Line,
    normalise,
)

# A headline has a few words; a menu item or a section label one or two.
MIN_HEADLINE_WORDS = 4
# French headlines are in sentence case: past this share of capitalised words, a line of names.
MAX_CAPITALISED = 0.6
# Two sentences make a standfirst or a caption, not a headline; a one-word kicker before a
# full stop ("Solidarité. Le Centre hospitalier…", "Gaza. En vidéo…") is part of a headline.
INNER_SENTENCE_RE = re.compile(r"\S+\s+\S*[a-zà-ÿ]{2}[.!?]\s+[(«\"“]?[A-ZÀ-Ý]")
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
BREADCRUMB_SPLIT_RE = re.compile(r"\s[>›/]\s")
GLUED_RE = re.compile(r"[a-zà-ÿ][A-ZÀ-Ý]")
MIN_GLUED = 3
# Names of works and quotations, whose capitals say nothing of the headline's case.
QUOTED_RE = re.compile(r"«[^»]{0,80}»|“[^”]{0,80}”|\"[^\"]{0,80}\"")
# A list item ("* trans : qui adoptent…", "- DégenréEs - l’émission…") or an entry of a table
# of contents ("1.1 Eich CEO promotion controversy", "14. Greetings of a Cryptid"), never a headline.
BULLET_RE = re.compile(r"^([*•▪+–—-]|\d+(\.\d+)+|\d+\.)\s")
# Items of a list of links open with the same words ("Link externo, abre página da Folha…").
LIST_PREFIX_WORDS = 3
# Most of a headline's words are the article's: a line of names alone is one then.
TOPICAL_SHARE = 0.75
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
# What a line loses when the line above it, of five words or more, could be the headline: it is
# the standfirst.
STANDFIRST_COST = 6
STANDFIRST_ABOVE_WORDS = 5
# Menu items have this many words at most.
MENU_WORDS = 4
# How far into the run of prose the headline may stand: after at most this many lines of some
# words (a caption or a label can open the run, menu items do not count), or deeper with its
# byline or dateline below it.
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


def _is_headline(line: Line, sentence_case: bool, *, relaxed: bool = True, repeated=False, topical=False) -> bool:
    """Whether a line can be a headline. `repeated`: the page shows it again; `topical`: most of
    its words are the article's. Either is evidence enough for a headline of two sentences
    ("West Ham hrozí gigantům, okouzlil i Linekera. Součka je…") or of names only ("Lupita
    Nyong'o's $150K Pearl Oscar Dress -- STOLEN!!!"), which a caption or a menu line also is."""
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
        and not BULLET_RE.match(text)
        and not is_dateline(text)
        and not (INNER_SENTENCE_RE.search(text) and not (relaxed and repeated))
        and not CREDIT_RE.search(text)
        and not OFFER_RE.search(text)
        and not BREADCRUMB_RE.search(text)
        and len(GLUED_RE.findall(text)) < MIN_GLUED
        and not BOUNDARY_RE.fullmatch(text)
        and not COMMENTS_RE.fullmatch(text)
        and (line.density > 0 or (relaxed and (repeated or topical)))
    )


def _signs_the_article(line: Line) -> bool:
    """A byline, a dateline or a bare name ("Patrick Allan"): what follows a headline."""
    text = line.text
    return is_byline(text) or is_dateline(text) or (bool(NAME_RE.match(text)) and not UI_WORDS_RE.search(text))


def _capitalised(text: str) -> float:
    """Share of the words after the first that start with a capital; a name of a work in quotes
    counts as lower case ("Screenshot : «Vape Wave», «6 Days», «Alphonse Président»…")."""
    words = WORD_RE.findall(text)[1:]
    unquoted = WORD_RE.findall(QUOTED_RE.sub(" ", text))[1:]
    return sum(word[0].isupper() for word in unquoted) / len(words) if words else 0.0


def _content_words(text: str, stops: frozenset[str]) -> set[str]:
    return {w for w in (w.casefold() for w in WORD_RE.findall(text)) if len(w) > 2 and w not in stops}


@dataclass
class _Page:
    """What the headline finder knows of the page: its lines, the article's run and words."""

    lines: list[Line]
    first: int
    last: int
    stops: frozenset[str]
    sentence_case: bool
    counts: Counter[str]  # how often each line's text stands alone in the page
    text: str  # the page, folded, to find a candidate repeated inside a longer line
    body: Counter[str]  # the article's words


def find_headline(lines: list[Line], first: int, last: int, stops: frozenset[str], sentence_case: bool) -> int | None:
    """Position of the headline near the article's first line, or None."""
    page = _Page(
        lines,
        first,
        last,
        stops,
        sentence_case,
        Counter(line.text for line in lines),
        "\n".join(normalise(line.text) for line in lines),
        # The article's words: a headline is about them; a menu line or another story's teaser is not.
        Counter(w for line in lines[first : last + 1] if line.kind == "good" for w in _content_words(line.text, stops)),
    )
    candidates = _candidates(page, range(_inside_end(lines, first, last), max(-1, first - 1 - HEADLINE_WINDOW), -1))
    # Deeper in the run (it began with an "about" block, a newsletter box or a teaser), a line
    # is the headline only with its byline or dateline right below it, and unless a line near
    # the start has one too: then the deeper one is the next story's (a weekly edition).
    if not any(signed for _, _, signed in candidates):
        deeper = range(_inside_end(lines, first, last) + 1, min(last, first + HEADLINE_DEEP) + 1)
        candidates += [c for c in _candidates(page, deeper) if c[2] and c[0] > 0]
    return max(candidates)[1] if candidates else None


def _inside_end(lines: list[Line], first: int, last: int) -> int:
    """The last line inside the run where the headline may stand: after at most HEADLINE_INSIDE
    lines of some words (a caption, a label), whatever menu items stand among them."""
    wordy = 0
    for position in range(first, min(last, first + HEADLINE_DEEP) + 1):
        wordy += lines[position].words > MENU_WORDS and not _same_start(lines, position)
        if wordy > HEADLINE_INSIDE:
            return position
    return min(last, first + HEADLINE_DEEP, len(lines) - 1)


def _repeated(page: _Page, position: int) -> bool:
    """Whether the page shows this line again, alone or inside a longer line: a headline comes
    back in the page's title line, a breadcrumb ("Accueil > Émissions > Sur la PMA…"), a share
    text or the page's JSON-LD; a caption or a section label rarely does. A line whose
    neighbours come back too is part of a block the page shows twice (a menu, a newsletter box
    for phones and for desktops), which says nothing."""
    text = page.lines[position].text
    if page.counts[text] < 2 and page.text.count(normalise(text)) < 2:
        return False
    return not (_neighbour_repeated(page, position, -1) and _neighbour_repeated(page, position, 1))


def _neighbour_repeated(page: _Page, position: int, step: int) -> bool:
    text, index = page.lines[position].text, position + step
    while 0 <= index < len(page.lines) and page.lines[index].text == text:
        index += step  # the same line printed twice in a row is one line
    return 0 <= index < len(page.lines) and page.counts[page.lines[index].text] > 1


def _in_list(page: _Page, position: int) -> bool:
    """Whether the line is one of three or more headline-like lines in a row: a list of other
    stories ("Most read", a teaser column), where the headline stands alone above its byline."""
    above, below = _headlike(page, position - 1), _headlike(page, position + 1)
    return (above and (below or _headlike(page, position - 2))) or (below and _headlike(page, position + 2))


def _headlike(page: _Page, position: int) -> bool:
    """Whether a line looks like a headline on its own. A list of links is one list, not
    headlines: the headline after it stands alone."""
    lines = page.lines
    return (
        0 <= position < len(lines)
        and _is_headline(lines[position], page.sentence_case, relaxed=False)
        and not _same_start(lines, position)
    )


def _same_start(lines: list[Line], position: int) -> bool:
    """Whether the line opens with the same three words as a line beside it: the items of a list
    of links ("Link externo, abre página … no Twitter", "… no Linkedin"), never a headline."""
    text = lines[position].text
    start = normalise(text).split()[:LIST_PREFIX_WORDS]
    return any(
        0 <= i < len(lines)
        and lines[i].text != text  # a headline printed twice is not a list
        and normalise(lines[i].text).split()[:LIST_PREFIX_WORDS] == start
        for i in (position - 1, position + 1)
    )


def _candidates(page: _Page, positions: range) -> list[tuple[float, int, bool]]:
    """(score, position, signed) of each line that can be the headline; signed: with its byline
    or dateline right below it."""
    lines, first, last = page.lines, page.first, page.last
    candidates = []
    for position in positions:
        line = lines[position]
        repeated = _repeated(page, position)
        words = _content_words(line.text, page.stops)
        # Share of the line's words the article uses, the own line's aside.
        own = words if line.kind == "good" and first <= position <= last else set()
        shared = sum(page.body[w] - (w in own) > 0 for w in words) / len(words) if words else 0.0
        if not _is_headline(line, page.sentence_case, repeated=repeated, topical=shared >= TOPICAL_SHARE):
            continue
        if _in_list(page, position) or _same_start(lines, position):
            continue
        after = lines[position + 1 : position + 4]
        # Nearer the prose is likelier; inside it, a line is more often a teaser or a label.
        score = -DISTANCE_COST * abs(first - position) - (2 if position >= first else 0)
        # A headline sits just above its byline or dateline, and pages repeat it (breadcrumbs,
        # share texts); a menu item or a section label has a word or two.
        signs = [i for i, other in enumerate(after) if _signs_the_article(other)]
        signed = any(is_byline(other.text) or is_dateline(other.text) for other in after[:2])
        score += (8 - 2 * signs[0]) if signs else 0
        score += 6 if repeated else 0
        score += 3 if line.words >= 5 else 0
        # The standfirst or the lead follows the headline.
        score += 3 if any(other.kind == "good" or len(other.text) >= LENGTH_LOW for other in after) else 0
        # Of two headline-like lines in a row, the first is the headline and the second, longer,
        # its standfirst (a kicker or a section label above a headline is shorter than it).
        above = position - 1
        while above >= 0 and lines[above].text == line.text:
            above -= 1
        if (
            above >= 0
            and lines[above].words >= STANDFIRST_ABOVE_WORDS
            and len(lines[above].text) < len(line.text)
            and _headlike(page, above)
        ):
            score -= STANDFIRST_COST
        # One shared word ("News") says little; four say the line is about the article.
        score += TOPIC_WEIGHT * shared * min(len(words), TOPIC_WORDS) / TOPIC_WORDS
        candidates.append((score, position, signed))
    return candidates


def extract_head(raw_lines: list[str]) -> tuple[list[str], str | None]:
    """An article's lines without the byline and dateline at its head, and the byline's name."""
    lines, author, seen = [], None, 0
    for raw in raw_lines[_after_breadcrumb(raw_lines) :]:
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


def _after_breadcrumb(raw_lines: list[str]) -> int:
    """Where a tidy text's headline starts when a breadcrumb ending with it stands above it
    ("Les oreilles loin du front" / "Accueil du site > Emissions > Sur la PMA…" / "Sur la PMA…"):
    the site's name and the breadcrumb go. 0 otherwise."""
    head = [(i, raw.strip()) for i, raw in enumerate(raw_lines) if raw.strip()][:HEAD_LINES]
    for n, (_, text) in enumerate(head):
        last = BREADCRUMB_SPLIT_RE.split(text)[-1].strip() if BREADCRUMB_RE.search(text) else ""
        following = [i for i, other in head[n + 1 :] if other == last and len(last.split()) >= MIN_HEADLINE_WORDS]
        if following:
            return following[0]
    return 0


def author_of(byline: str) -> str | None:
    """The name in a byline: "Par Claire Fontaine | 4 mai 2015" -> "Claire Fontaine"."""
    name = AUTHOR_END_RE.split(BYLINE_START_RE.sub("", byline), maxsplit=1)[0].strip()
    return name if 1 <= len(name.split()) <= 8 else None
