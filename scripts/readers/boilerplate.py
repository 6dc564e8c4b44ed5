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
from functools import cache

import justext

# jusText's thresholds (length in characters, share of stop words), which its authors tuned on
# CleanEval; a copied line is a paragraph.
LENGTH_LOW = 50
LENGTH_HIGH = 150
STOPWORDS_LOW = 0.30
STOPWORDS_HIGH = 0.32
# Below this many lines a text is an article already cleaned by hand or by a scraper, not a
# whole page: the reader leaves it as it is.
MIN_PAGE_LINES = 40
# What a line of furniture inside the densest run costs, against a prose line's length: a menu
# of ten items outweighs a short paragraph, not a long one.
FURNITURE_COST = 30
# Labels that open what comes after an article on news sites: related stories, most read, a
# live feed, comments, the newsletter. Once the article has begun, the first one ends it.
BOUNDARY_RE = re.compile(
    r"(sur le même sujet|à lire aussi|lire aussi|les plus lus|les plus partagés|dans la même rubrique|"
    r"recommandé pour vous|nos dernières actualités|en direct|direct|à la une|newsletter|"
    r"(les |nos )?derniers articles.*|articles (récents|similaires|liés)|sur le même thème|à découvrir( aussi)?|"
    r"vous aimerez (aussi|peut-être).*|ces articles peuvent vous intéresser|les plus commentés|"
    r"compléments d.info.*|ailleurs sur le web.*|nos lecteurs ont (aussi )?lu( aussi)?|les tops? articles.*|"
    r"en continu|contenus sponsorisés|offres d.emploi|nos partenaires|la rédaction vous conseille|nos vidéos|"
    r"(ce contenu|cet article|la suite de cet article) est réservée? aux (inscrits|abonnés).*|"
    r"il vous reste \d+ ?% de cet article.*|"
    r"related( stories| articles| coverage| content| posts)?|recommended( for you)?|most (read|popular|viewed)|"
    r"more from .{1,40}|more stories|you (might|may) also like|trending|comments|commentaires|réactions|"
    r"recent posts|popular posts|read next|further reading|around the web|sponsored stories|"
    # The same labels on the corpus's German, Spanish and Portuguese sites.
    r"kommentare( lesen.*)?|mehr zum thema.*|meistgelesen|auch auf .{1,30}|comentarios|comentários|"
    r"lee también|leia também|más leídas|mais lidas)\s*:?",
    re.IGNORECASE,
)
# The heading of a comment thread or form: "Tous vos commentaires (11)", "12 commentaires",
# "Comments (27)", "Laisser un commentaire", "Leave a Reply". A bare "Comments" or "Post a
# comment" is as often a link above the article.
COMMENTS_RE = re.compile(
    r"((tous )?(vos |les )?\d+ (commentaires?|comments?|réactions?)|"
    r"(tous )?(vos |les )?(commentaires|comments|réactions) \(\d+\)|tous (vos|les) commentaires|"
    r"(laisser|laissez) un commentaire.*|leave a (reply|comment).*|j.écris un commentaire|"
    r"il n.y a (actuellement )?aucun commentaire.*|soyez le premier à (réagir|commenter|donner votre avis).*)\s*:?",
    re.IGNORECASE,
)
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
# Interface labels and prompts, which start like a headline and never are one.
PROMPT_RE = re.compile(
    r"^(share|tweet|e-?mail|log|sign|subscribe|skip|continue|go to|read|watch|listen|follow|"
    r"lire|partager|s.abonner|se connecter|suivre|écouter|ouvrir|voir|photo|image|credit|crédit|"
    r"from|edited|reviewed|updated|menu|search|rechercher|advertisement|publicité|newsletter|"
    r"log ?in|connexion|change|click|cliquez|[aà] lire|voir aussi|see also|related)\b",
    re.IGNORECASE,
)
MIN_HEADLINE_WORDS = 4
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
# A bare name under a headline: two to four capitalised words ("Richard (R.J.) Eskow").
NAME_RE = re.compile(r"^[A-ZÀ-Ý][\w’'.-]+(?:\s+\(?[A-ZÀ-Ý][\w’'.)-]*){1,3}$")
HEADLINE_INSIDE = 3
# How far above the article the headline may stand, in non-empty lines.
HEADLINE_WINDOW = 40
WORD_RE = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)?")
SENTENCE_END_RE = re.compile(r"[.!?…:;»\"”)]\s*$")
# "Par Claire Fontaine", "By JEFFREY GETTLEMAN JAN. 13, 2017", "Claire Fontaine, AFP".
BYLINE_RE = re.compile(r"^(par|by|de|written by|posted by|publié par)\s+\S.{0,80}$", re.IGNORECASE)
BYLINE_START_RE = re.compile(r"^(par|by|de|written by|posted by|publié par)\s+", re.IGNORECASE)
# Where the name in a byline ends: a separator, a date, a role.
AUTHOR_END_RE = re.compile(
    r"\s*(?:[|•,–—(]|\s-\s|\d|\b(?:le|on|updated|mis à jour)\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)",
    re.IGNORECASE,
)
# "941 comments" at the top of a story is a link to the thread; read as text it would end the
# article (data/cleaning.yml's comment-count rule). The HTML reader drops it; so does the lead
# rule below, for copied text.
COMMENT_COUNT_RE = re.compile(r"-?\s*\d+ (comments?|commentaires?|réactions?)", re.IGNORECASE)
# A lead says something: a sentence of this many words at least.
LEAD_WORDS = 8
# Where a tidy article's byline and dateline can stand: among its first lines.
HEAD_LINES = 8
MAX_BYLINE_CHARS = 80
# "Publié le 4 mai 2015 à 13h36 • Mis à jour le …": never a heading, never the description.
PUBLISHED_RE = re.compile(r"^(publié|mis à jour|modifié|actualisé|updated|published|posted)\b", re.IGNORECASE)
# "Publié le 4 mai 2015 à 13h36 • Mis à jour le …", "Updated 5:03 PM ET, Fri June 2, 2017".
DATELINE_RE = re.compile(
    r"^.{0,40}\b(publié|mis à jour|modifié|updated|published|posted|le \d{1,2}[./]\d{1,2}[./]\d{2,4}|"
    r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|"
    r"\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}|"
    r"\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{4})",
    re.IGNORECASE,
)
# An address, a handle or a hashtag: a link's label, not prose.
# A time at the start is a live feed's or a teaser list's entry ("14:32 Un artiste arrêté").
LINK_LIKE_RE = re.compile(r"(https?://|www\.|@\w|#\w|\.(com|fr|org|net)\b|^\d{1,2}[:h]\d\d\b)", re.IGNORECASE)
# Between the items of a list of links on one line ("Politique ▪ Société ▪ Économie"), before
# a link (› Boutique culture), or a copyright footer.
SEPARATOR_RE = re.compile(r"[|▪•·›]|©")
# A teaser cut short ("… sights, sounds,… Read more"), and a title a layout printed two or
# three times on one line ("How Stores Manipulate… How Stores Manipulate…").
TEASER_RE = re.compile(r"…\s*(read more|lire la suite|la suite|weiterlesen|mehr|leia mais|leer más)\b", re.IGNORECASE)
REPEATED_RE = re.compile(r"^(.{10,}?)(?: \1)+$")
MAX_REPEAT_CHARS = 600
# Decoration of a teaser or a share button (pictographs, arrows, bullets, separators).
SYMBOL_RE = re.compile("[\U0001f000-\U0001faff\u2190-\u21ff\u2600-\u27bf\u2b00-\u2bff|›▾▸►•]")


# The languages whose stop words a page may be in; the page's language is the one whose
# stop words cover most of its words (French and English first, the site's languages).
LANGUAGES = ("French", "English", "German", "Spanish", "Portuguese", "Italian", "Czech", "Dutch")


@cache
def _stoplists() -> dict[str, frozenset[str]]:
    return {language: frozenset(justext.get_stoplist(language)) for language in LANGUAGES}


def stopwords(words: list[str]) -> frozenset[str]:
    """The stop words (jusText's lists) of the language that covers most of `words`."""
    lists = _stoplists()
    sample = words[:3000]
    return max(lists.values(), key=lambda stops: sum(w in stops for w in sample))


@dataclass
class Line:
    """One non-empty line of the page and what its text says about it."""

    index: int
    text: str
    words: int
    density: float  # share of stop words
    kind: str = "bad"  # bad | short | neargood | good, as in jusText
    furniture: bool = False  # a menu item, a link's label or an interface prompt, wherever it stands


def _classify(index: int, text: str, stops: frozenset[str]) -> Line:
    words = [w.casefold() for w in WORD_RE.findall(text)]
    density = sum(w in stops for w in words) / len(words) if words else 0.0
    line = Line(index, text, len(words), density)
    if (
        (LINK_LIKE_RE.search(text) and len(text) < LENGTH_HIGH)
        or len(SEPARATOR_RE.findall(text)) > 1
        or TEASER_RE.search(text)
        or (len(text) < MAX_REPEAT_CHARS and REPEATED_RE.match(text))
    ):
        line.kind = "bad"
        line.furniture = True
    elif len(text) < LENGTH_LOW:
        # A date alone is a teaser's or a comment's, inside the page; the article's own is in its head.
        line.furniture = bool(PROMPT_RE.match(text) or DATELINE_RE.match(text))
        line.kind = "short"
    elif density >= STOPWORDS_HIGH:
        line.kind = "good" if len(text) > LENGTH_HIGH else "neargood"
    elif density >= STOPWORDS_LOW:
        line.kind = "neargood"
    return line


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


def _is_byline(text: str) -> bool:
    return bool(BYLINE_RE.match(text)) and len(text) <= 120 and not text.endswith(".")


def _is_dateline(text: str) -> bool:
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
        and not _is_dateline(text)
        and not INNER_SENTENCE_RE.search(text)
        and not CREDIT_RE.search(text)
        and not OFFER_RE.search(text)
        and not BOUNDARY_RE.fullmatch(text)
        and not COMMENTS_RE.fullmatch(text)
        and line.density > 0
    )


def _signs_the_article(line: Line) -> bool:
    """A byline, a dateline or a bare name ("Patrick Allan"): what follows a headline."""
    text = line.text
    return _is_byline(text) or _is_dateline(text) or (bool(NAME_RE.match(text)) and not UI_WORDS_RE.search(text))


def _capitalised(text: str) -> float:
    """Share of the words after the first that start with a capital."""
    words = WORD_RE.findall(text)[1:]
    return sum(word[0].isupper() for word in words) / len(words) if words else 0.0


def _content_words(text: str, stops: frozenset[str]) -> set[str]:
    return {w for w in (w.casefold() for w in WORD_RE.findall(text)) if len(w) > 2 and w not in stops}


def _headline(lines: list[Line], first: int, last: int, stops: frozenset[str], sentence_case: bool) -> int | None:
    """Position of the headline near the article's first line, or None."""
    counts = Counter(line.text for line in lines)
    # The article's words: a headline is about them; a menu line or another story's teaser is not.
    body = Counter(
        w for line in lines[first : last + 1] if line.kind == "good" for w in _content_words(line.text, stops)
    )
    candidates = []
    # The run of prose can start with the headline itself, or a caption above the lead.
    for position in range(min(first + HEADLINE_INSIDE, len(lines) - 1), max(-1, first - 1 - HEADLINE_WINDOW), -1):
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
    return max(candidates)[1] if candidates else None


@dataclass(frozen=True)
class Extracted:
    """The article found in a page: its lines (headline first), and what the head said."""

    lines: list[str]
    title: str | None
    author: str | None


def extract_article(raw_lines: list[str]) -> Extracted | None:
    """The article of a whole-page copy, or None when the text is not one (too few lines)."""
    stripped = [(i, text.strip()) for i, text in enumerate(raw_lines) if text.strip()]
    if len(stripped) < MIN_PAGE_LINES:
        return None
    stops = stopwords([w.casefold() for _, text in stripped for w in WORD_RE.findall(text)])
    lines = [_classify(i, text, stops) for i, text in stripped]
    _smooth(lines)
    lines = _before_comments(lines)
    first, last = _densest_run(lines)
    if last < first:
        return None
    last = _end_at_boundary(lines, first, last)
    # French headlines are in sentence case: a line of capitalised names is a list of links
    # ("Le Monde Télérama Le Monde diplomatique…"). English ones are often in title case.
    headline = _headline(lines, first, last, stops, sentence_case=stops is _stoplists()["French"])
    title = lines[headline].text if headline is not None else None
    near = lines[headline + 1 : headline + 5] if headline is not None else lines[max(0, first - 4) : first + 2]
    author = next((_author(line.text) for line in near if _is_byline(line.text)), None)
    # Inside the run, whatever is not plainly furniture stays (headings, list items, captions);
    # a short line the page shows twice is a teaser, a pull quote or a menu, not the body.
    counts = Counter(line.text for line in lines)
    body = [
        line.text
        for position, line in enumerate(lines[first : last + 1], start=first)
        if not line.furniture
        and position != headline
        and (counts[line.text] == 1 or len(line.text) >= LENGTH_HIGH)
        and not _is_byline(line.text)
        and not _is_dateline(line.text)
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


def extract_head(raw_lines: list[str]) -> tuple[list[str], str | None]:
    """An article's lines without the byline and dateline at its head, and the byline's name."""
    lines, author, seen = [], None, 0
    for raw in raw_lines:
        text = raw.strip()
        if text and seen < HEAD_LINES:
            seen += 1
            if _is_byline(text) and len(text) <= MAX_BYLINE_CHARS:
                author = author or _author(text)
                continue
            if PUBLISHED_RE.match(text) and len(text) <= MAX_BYLINE_CHARS * 2:
                continue
        lines.append(raw)
    return lines, author


def _is_lead(text: str) -> bool:
    return len(text) >= LENGTH_LOW and len(text.split()) >= LEAD_WORDS and bool(SENTENCE_END_RE.search(text))


def _author(byline: str) -> str | None:
    """The name in a byline: "Par Claire Fontaine | 4 mai 2015" -> "Claire Fontaine"."""
    name = AUTHOR_END_RE.split(BYLINE_START_RE.sub("", byline), maxsplit=1)[0].strip()
    return name if 1 <= len(name.split()) <= 8 else None
