"""The lines of a copied page and what their text says: length, stop words, links, labels.

Shared by the whole-page reader (scripts/reading/readers/boilerplate.py) and its headline finder
(scripts/reading/readers/headline.py). The features are jusText's and Kohlschütter et al.'s
("Boilerplate detection using shallow text features", 2010), for lines instead of HTML blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import justext

# jusText's thresholds (length in characters, share of stop words), which its authors tuned on
# CleanEval; a copied line is a paragraph.
LENGTH_LOW = 50
LENGTH_HIGH = 150
STOPWORDS_LOW = 0.30
STOPWORDS_HIGH = 0.32
WORD_RE = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)?")
SENTENCE_END_RE = re.compile(r"[.!?…:;»\"”)]\s*$")
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
# Interface labels and prompts, which start like a headline and never are one.
PROMPT_RE = re.compile(
    r"^(share|tweet|e-?mail|log|sign|subscribe|skip|continue|go to|read|watch|listen|follow|"
    r"lire|partager|s.abonner|se connecter|suivre|écouter|ouvrir|voir|photo|image|credit|crédit|"
    r"from|edited|reviewed|updated|menu|search|rechercher|advertisement|publicité|newsletter|"
    r"log ?in|connexion|change|click|cliquez|[aà] lire|voir aussi|see also|related)\b",
    re.IGNORECASE,
)
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
# The languages whose stop words a page may be in; the page's language is the one whose
# stop words cover most of its words (French and English first, the site's languages).
LANGUAGES = ("French", "English", "German", "Spanish", "Portuguese", "Italian", "Czech", "Dutch")


def normalise(line: str) -> str:
    """A line as it is compared with others (repeated in the page, across an outlet's sources):
    case and spacing do not count."""
    return " ".join(line.casefold().split())


@cache
def stoplists() -> dict[str, frozenset[str]]:
    """jusText's stop-word list of each language, by its name."""
    return {language: frozenset(justext.get_stoplist(language)) for language in LANGUAGES}


# The page's language is told from its first words: enough of them, and a 1 MB page is not
# split into words twice.
LANGUAGE_SAMPLE = 3000


def first_words(texts: Iterable[str]) -> list[str]:
    """The first LANGUAGE_SAMPLE words of the texts, case-folded."""
    words: list[str] = []
    for text in texts:
        words += WORD_RE.findall(text.casefold())
        if len(words) >= LANGUAGE_SAMPLE:
            break
    return words[:LANGUAGE_SAMPLE]


def stopwords(words: list[str]) -> frozenset[str]:
    """The stop words (jusText's lists) of the language that covers most of `words`."""
    lists = stoplists()
    sample = words[:LANGUAGE_SAMPLE]
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


def classify(index: int, text: str, stops: frozenset[str]) -> Line:
    """A line with its features and its jusText class before context is taken into account."""
    words = WORD_RE.findall(text.casefold())
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
