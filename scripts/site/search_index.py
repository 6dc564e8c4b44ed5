"""One search index per language, from the combined index static-i18n leaves behind.

static-i18n merges both languages into site/search/search_index.json (its upstream issue #271):
an English search would list French articles. This splits it: French entries stay at the root,
English entries go to site/en/search/ with locations relative to /en/ (the base the English
pages give Material's search, see overrides/main.html). Each index also gets the script form
(`search_index.js`) that search reads when the site is opened from the file system.

Search settings per language (Material's defaults drop the French stemmer and split words on
spaces and hyphens only):
- the stemmer is kept, so "quantiques" finds "quantique";
- apostrophes separate words, so "IA" finds "l’IA";
- a `folded` field holds the accent-free form of every accented word, so "securite" finds
  "sécurité". Material indexes every field the index's config names; it never displays this one.

What is indexed is what finds an article: its title, tags, lead (the text before its first
heading), every heading, and the start of every section (SECTION_TEXT characters). Whole
sections would make a 1,000-article index 5 MB per language, downloaded on the first search and
indexed in the reader's browser before any result shows.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from scripts.site.pairs import DEFAULT_LANGUAGE

SEPARATORS = {"fr": r"[\s\-'’]+", "en": r"[\s\-'’]+"}
PIPELINE = ["stemmer", "stopWordFilter", "trimmer"]
FIELDS = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}, "folded": {"boost": 1.0}}
TAG_RE = re.compile(r"<[^>]+>")
SECTION_TEXT = 280  # characters of each section after the lead: its first sentence or two
SPACES_RE = re.compile(r"\s+")
WORD_RE = re.compile(r"[^\W\d_]+")
# Titles reach the index escaped for any HTML context (scripts/site/mkdocs_hooks.py); quotes need
# no escape in the results' text, and "&#39;" would glue words together for search ("OpenAI&#39;s").
QUOTE_ENTITY_RE = re.compile(r"&(?:quot|#34|#39|#x27);")
QUOTES = {"&quot;": '"', "&#34;": '"', "&#39;": "'", "&#x27;": "'"}


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Text without accents: "sécurité" -> "securite"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def folded_words(*texts: str) -> str:
    """The accent-free forms of the accented words of some HTML texts, each once, in order."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in WORD_RE.findall(TAG_RE.sub(" ", text)):
            if word.isascii():
                continue
            plain = fold(word)
            if plain != word:
                seen.setdefault(plain, None)
    return " ".join(seen)


def section_start(html: str) -> str:
    """The first SECTION_TEXT characters of a section, as plain text cut at a word boundary."""
    text = SPACES_RE.sub(" ", TAG_RE.sub(" ", html)).strip()
    if len(text) <= SECTION_TEXT:
        return text
    return text[:SECTION_TEXT].rsplit(" ", 1)[0] + "…"


def safe_fields(doc: dict) -> None:
    """Make the fields Material's results insert as HTML hold escaped text (titles, tags)."""
    doc["title"] = QUOTE_ENTITY_RE.sub(lambda m: QUOTES[m.group(0)], str(doc.get("title") or ""))
    if "tags" in doc:
        # Tags come from front matter unescaped; Material prints them as HTML.
        doc["tags"] = [html.escape(str(tag), quote=False) for tag in doc["tags"] or []]


def split_index(combined: dict, languages: tuple[str, ...]) -> dict[str, dict]:
    """Per language, a search index holding only that language's pages."""
    indexes = {}
    prefixes = {lang: f"{lang}/" for lang in languages if lang != DEFAULT_LANGUAGE}
    for lang in languages:
        docs = []
        for doc in combined.get("docs", []):
            location = doc["location"]
            owner = next((other for other, prefix in prefixes.items() if location.startswith(prefix)), DEFAULT_LANGUAGE)
            if owner != lang:
                continue
            doc = dict(doc, location=location.removeprefix(prefixes.get(lang, "")))
            safe_fields(doc)
            if "#" in doc["location"] and len(doc.get("text", "")) > SECTION_TEXT:
                doc["text"] = section_start(doc["text"])
            folded = folded_words(doc.get("title", ""), doc.get("text", ""))
            if folded:
                doc["folded"] = folded
            docs.append(doc)
        config = {"lang": [lang], "separator": SEPARATORS[lang], "pipeline": PIPELINE, "fields": FIELDS}
        indexes[lang] = {"config": config, "docs": docs}
    return indexes


def write_indexes(site_dir: Path, languages: tuple[str, ...], more_docs: list[dict] | None = None) -> None:
    """Replace the combined index with one index (JSON and script) per language. more_docs:
    entries built by another process (scripts/site/language_builds.py), after the file's own."""
    combined_path = site_dir / "search" / "search_index.json"
    if not combined_path.exists():
        return
    combined = json.loads(combined_path.read_text(encoding="utf-8"))
    combined["docs"] = combined.get("docs", []) + (more_docs or [])
    for lang, index in split_index(combined, languages).items():
        folder = site_dir / "search" if lang == DEFAULT_LANGUAGE else site_dir / lang / "search"
        folder.mkdir(parents=True, exist_ok=True)
        data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        (folder / "search_index.json").write_text(data, encoding="utf-8")
        # The same, as a script: Material loads this one when the page comes from file://.
        (folder / "search_index.js").write_text(f"var __index = {data}", encoding="utf-8")
