"""The site's own words, per language, and the URLs of its sections.

French strings follow French typography: a narrow no-break space (U+202F) before ; ! ? and
inside « », a no-break space (U+00A0) before a colon.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from functools import cache

from babel.dates import format_date

NNBSP, NBSP = "\u202f", "\u00a0"

# The folder of each listing, per language: French URLs in French, English under /en/.
SECTIONS = {
    "fr": {"companies": "entreprises", "topics": "sujets", "archive": "archives"},
    "en": {"companies": "companies", "topics": "topics", "archive": "archive"},
}

TEXT = {
    "fr": {
        "site_name": "Le Fil Tech",
        "home_title": "Dernières actualités",
        "home_intro": "L’actualité de l’intelligence artificielle et de la tech, en français et en anglais.",
        "archive_title": "Archives",
        "archive_link": "Toutes les actualités, par mois",
        "more_stories": "Les autres actualités",
        "by_topic": "Par sujet",
        "all_topics": "Tous les sujets",
        "companies_title": "Entreprises",
        "companies_intro": "Les entreprises dont parlent nos articles, et le nombre d’articles sur chacune.",
        "topics_title": "Sujets",
        "topics_intro": "Les sujets de nos articles, et le nombre d’articles sur chacun.",
        "articles_one": "{n} article",
        "articles_many": "{n} articles",
        "no_articles": "Aucun article pour l’instant.",
        "website": "Site web",
        "company_articles": "Articles sur {name}",
        "topic_articles": "Articles sur le sujet",
        "reading_time": "{n}" + NBSP + "min de lecture",
        "source": "Source" + NBSP + ":",
        "original": "article original",
        "related": "À lire aussi",
        "other_language": "Read in English",
        "other_language_missing": "English edition not yet available",
        "companies_label": "Entreprises",
        "topics_label": "Sujets",
        "feed_title": "Le Fil Tech — actualités en français",
        "feed_description": "Les derniers articles du Fil Tech, en français.",
        "author_bio": "À propos de l’auteur",
        "by": "Par",
        "source_unknown": "Média d’origine non précisé",
        "details": "À propos de cet article",
        "original_at": "Article original" + NBSP + ":",
        "original_in": "Paru dans",
        "no_address": NNBSP + "; adresse de l’article original inconnue.",
        "author_only": "Article de {author}" + NNBSP + "; média et adresse d’origine inconnus.",
        "source_unknown_long": "Le texte nous est parvenu sans le nom de son média, de son auteur ni son adresse.",
        "cites": "Sources citées" + NBSP + ":",
        "estimated_note": (
            "Date de publication estimée" + NBSP + ": la date d’origine n’est pas connue, "
            "le {date} est déduit des événements rapportés."
        ),
        "correction": "Proposer une correction",
        "feed_link": "Flux Atom",
    },
    "en": {
        "site_name": "The Tech Wire",
        "home_title": "Latest news",
        "home_intro": "News on artificial intelligence and tech, in French and in English.",
        "archive_title": "Archive",
        "archive_link": "All the news, by month",
        "more_stories": "More stories",
        "by_topic": "By topic",
        "all_topics": "All topics",
        "companies_title": "Companies",
        "companies_intro": "The companies our articles are about, and how many articles each has.",
        "topics_title": "Topics",
        "topics_intro": "The topics of our articles, and how many articles each has.",
        "articles_one": "{n} article",
        "articles_many": "{n} articles",
        "no_articles": "No articles yet.",
        "website": "Website",
        "company_articles": "Articles about {name}",
        "topic_articles": "Articles on this topic",
        "reading_time": "{n} min read",
        "source": "Source:",
        "original": "original article",
        "related": "Related articles",
        "other_language": "Lire en français",
        "other_language_missing": "Lire en français",
        "companies_label": "Companies",
        "topics_label": "Topics",
        "feed_title": "The Tech Wire — news in English",
        "feed_description": "The latest articles from The Tech Wire, in English.",
        "author_bio": "About the author",
        "by": "By",
        "source_unknown": "Original outlet not recorded",
        "details": "About this article",
        "original_at": "Original article:",
        "original_in": "Published in",
        "no_address": "; the original article's address is not known.",
        "author_only": "Article by {author}; the original outlet and address are not known.",
        "source_unknown_long": "The text reached us without the name of its outlet, its author or its address.",
        "cites": "Sources cited:",
        "estimated_note": (
            "Estimated publication date: the original date is not known; {date} is worked out from the events reported."
        ),
        "correction": "Suggest a correction",
        "feed_link": "Atom feed",
        "machine_notice": (
            "This English edition is a machine translation that no one has reviewed yet. "
            "The French original is the reference."
        ),
        "stale_notice": "The French original has changed since this translation was made.",
        "read_original": "Read the French original",
    },
}


def count_text(lang: str, n: int) -> str:
    """ "1 article" / "3 articles" in the page's language: French counts 0 and 1 as singular."""
    singular = n in (0, 1) if lang == "fr" else n == 1
    return TEXT[lang]["articles_one"].format(n=n) if singular else TEXT[lang]["articles_many"].format(n=n)


@cache  # Babel is slow and a site of 1,000 articles formats the same few hundred days 20,000 times
def format_day(day: date, lang: str) -> str:
    """A date as readers of the language write it: "1er janvier 2025", "7 January 2025"
    (British English, as the English edition's locale, en_GB, says)."""
    if lang == "fr":
        # French writes the first of the month as an ordinal: « 1er mars », « 2 mars ».
        text = format_date(day, "d MMMM y", locale="fr")
        return "1er" + text[1:] if day.day == 1 else text
    return format_date(day, "d MMMM y", locale="en_GB")


def format_month(day: date, lang: str) -> str:
    """A month heading: "Janvier 2025", "January 2025"."""
    text = format_date(day, "LLLL y", locale=lang)
    return text[:1].upper() + text[1:]


def sort_key(text: str) -> tuple[str, str]:
    """Alphabetical order as a reader expects it: accents and case do not push a name last."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return ("".join(c for c in folded if not unicodedata.combining(c)), text)
