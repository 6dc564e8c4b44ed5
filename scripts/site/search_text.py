"""How search reads text: the same rules at build time (here) and in the reader's browser
(overrides/assets/javascripts/workers/news-search.js, which repeats `fold` and `WORD_RE`).

A word is a run of letters and digits: apostrophes split elisions ("l’IA" gives "l" and "ia"),
hyphens split compounds. Words are folded (lower case, no accents, "œ" as "oe") so that
"securite" finds "sécurité". One-letter words and the stop words of each language are not
indexed: "l", "d", "de", "the" would list every article.

Each word has a stem (Snowball, the `snowballstemmer` package: the French and the English
algorithms), computed on the accented word and then folded. Words with the same stem are one
family: the index stores each word's family, so the browser never stems a word the articles
contain. For a query word they do not contain, the browser stems it with the same Snowball
algorithm (the French one of lunr-languages, which Material ships; an English Porter2 we vendor:
news-search.js, `loadStemmer`) and looks for it among the stems of the words the index holds,
stemmed as folded (`folded_stem`): a reader types "securites" for "sécurités", and both sides
must stem the same letters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

# Letters and digits; the browser's equivalent is /[\p{L}\p{N}]+/gu.
WORD_RE = re.compile(r"[^\W_]+")
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})
ALGORITHMS = {"fr": "french", "en": "english"}

# Function words that occur in nearly every article: indexing them costs the largest postings
# and finds nothing a reader looks for. The browser drops them from queries too (the list
# travels in each index's manifest).
_STOP_WORDS = {
    "fr": """au aux avec ce ces cet cette dans de des du elle en et eux il ils je la le les leur leurs lui
        ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son
        sur ta te tes toi ton tu un une vos votre vous est sont ete etre avoir ont a y""",
    "en": """a an and are as at be been but by for from has have he her his in into is it its of on or
        our she that the their them they this to was we were will with you your""",
}
STOP_WORDS = {lang: sorted(set(text.split())) for lang, text in _STOP_WORDS.items()}


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """Lower case, no accents, ligatures spelled out: "Sécurité" -> "securite"."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words of some plain text, as written (not folded), elisions split."""
    return WORD_RE.findall(text)


def indexed_words(text: str, lang: str) -> list[tuple[str, str]]:
    """(word as written, folded) for every word of text that the index holds."""
    found = []
    for word in WORD_RE.findall(text):
        folded = _indexed_form(word, lang)
        if folded:
            found.append((word, folded))
    return found


@lru_cache(maxsize=262144)
def _indexed_form(word: str, lang: str) -> str:
    """A word's folded form, or "" when the index leaves it out (one letter, stop word)."""
    folded = fold(word)
    return folded if len(folded) > 1 and folded not in _stop_words(lang) else ""


@lru_cache(maxsize=4)
def _stop_words(lang: str) -> frozenset[str]:
    return frozenset(STOP_WORDS[lang])


@lru_cache(maxsize=4)
def _stemmer(lang: str):
    return snowballstemmer.stemmer(ALGORITHMS[lang])


@lru_cache(maxsize=262144)
def stem(word: str, lang: str) -> str:
    """The folded Snowball stem of a word as written: "Puissances" -> "puissanc"."""
    return fold(_stemmer(lang).stemWord(word.lower().translate(LIGATURES)))


@lru_cache(maxsize=262144)
def folded_stem(folded: str, lang: str) -> str:
    """The Snowball stem of a folded word, as the browser computes it for a query word the
    index lacks: "securites" -> "securit" (the accented "sécurités" stems to "secur")."""
    return _stemmer(lang).stemWord(folded)
