"""The site's search index: built once, in Python, per language, and split into small scripts
that the browser loads as a search needs them (scripts, not JSON: fetch and XHR fail over
file://, a <script> or importScripts works).

static-i18n merges both languages' pages into one Material index (its upstream issue #271).
`write_indexes` reads that merged list (in a build of one language, that language's), gives each
page to its language (French at the root, English under /en/, locations relative to each
language's root) and writes, into `search/` and `en/search/`:

- `manifest.js`: how many documents, the chunk sizes, the stop words, the names of the term
  shards that exist, and the scripts of the language's Snowball stemmer in the built site
  (also in Material's index below, which the worker receives first);
- `shards/<xx>.js`: every indexed word starting with the two letters xx (folded: no accents,
  lower case), sorted, with its stem family (scripts/site/search_text.py) and its postings: for
  each document that holds it, where (title, lead, company or topic names, headings, captions:
  one bit each) and how often in the body. A first search loads the manifest and one shard per
  query word;
- `stems/<xx>.js`: the Snowball stem of each word of shard xx, stemmed as folded
  (scripts/site/search_text.py, `folded_stem`), for a query word that shard lacks: loaded only
  then, with the stemmer, so that the first search of a word the articles use costs nothing more;
- `docs/<n>.js`: title, location, date and kind of DOCS_CHUNK documents: what a result shows
  (the first results also show the passage that matched, from their text);
- `text/<n>.js`: the record and the whole text of TEXT_CHUNK documents (lead, sections,
  captions, company and topic names), for the first results, which show the passage that matched.
  Its JSON is gzipped and in base64 (`pack_text`), which the browser's DecompressionStream
  undoes: the texts are most of the index, and a French article's text packed weighs about 0.64
  of itself (0.3 in the bench's synthetic articles, which repeat their sentences).

What a first search waits for, after its shards, is one file per distinct chunk among its first
ten results' texts and its other results' records: most of the wait over http, where a browser
opens six connections to a host at once. With records by 32 and texts by 4, 30 results at
1,000 articles took about 30 files (ten texts of 15 KB, twenty records chunks). A text of one
article, with its record, is 4 KB and serves a first result whole; records by 64 then leave
about 11 files for the 20 results after it at 1,000 articles, and at 10,000, where results
rarely share a chunk whatever its size, load less than before (20 chunks of 12 KB and ten
texts of 4 KB, against 30 of 6 KB and ten of 15 KB).
- `search_index.json` and `search_index.js`: Material's own index, kept for its page-side code
  (its highlighter reads the separator), with no documents: the site's worker
  (overrides/assets/javascripts/workers/news-search.js) answers Material's queries from the
  files above.

Document numbers go newest first, so that the smaller number wins a tie (recency breaks ties),
and every file is a pure function of the pages: the same site gives byte-identical files
(with the same zlib: the texts are gzipped).
"""

from __future__ import annotations

import base64
import gzip
import html
import json
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scripts.common.paths import LANGUAGES
from scripts.common.slugs import published_path
from scripts.model.schema import ArticlePage
from scripts.site.build_theme import theme_asset
from scripts.site.pairs import DEFAULT_LANGUAGE
from scripts.site.search_text import STOP_WORDS, folded_stem, indexed_words, stem
from scripts.site.strings import format_day

SEPARATOR = r"[\s\-'’]+"  # Material's page highlighter splits the query with it
DOCS_CHUNK = 64  # records of about 190 bytes: 12 KB a file (see the module's docstring)
TEXT_CHUNK = 1  # whole articles: a snippet costs its own article's text, nothing more
MAX_BODY_COUNT = 15  # occurrences in the body past this count the same (4 bits)
# Where a word occurs, one bit each; the browser weighs them (news-search.js, FIELD_SCORES).
TITLE, LEAD, NAMES, HEADING, CAPTION = 16, 8, 4, 2, 1
TAG_RE = re.compile(r"<[^>]+>")
SPACES_RE = re.compile(r"\s+")
SHARD_NAME_RE = re.compile(r"[a-z0-9]{1,2}")
# The Snowball stemmer of each language in the built site, by where it is (never by name alone:
# a theme release may rename them). French: lunr-languages, as Material ships it (its stemmer
# support first). English: lunr-languages has none (lunr's own is Porter's first algorithm,
# not the Porter2 that Snowball's English is); wink-porter2-stemmer 2.0.1 (MIT), vendored as
# published in overrides/assets/javascripts/stemmers/.
STEMMER_ASSETS = {
    "fr": ("assets/javascripts/lunr/min/lunr.stemmer.support*.js", "assets/javascripts/lunr/min/lunr.fr.*js"),
    "en": ("assets/javascripts/stemmers/wink-porter2-stemmer*.js",),
}
KINDS = {
    "fr": {"article": "Article", "machine": "Article (traduction automatique)", "page": "Page"},
    "en": {"article": "Article", "machine": "Article (machine translation)", "page": "Page"},
}


@dataclass
class Document:
    """One page as search sees it."""

    location: str
    title: str
    lead: str = ""
    sections: list[tuple[str, str, str]] = field(default_factory=list)  # anchor, heading, text
    names: list[str] = field(default_factory=list)  # companies and topics
    captions: list[str] = field(default_factory=list)
    date: str = ""  # ISO, "" for a page without one
    date_shown: str = ""
    kind: str = ""


def plain_text(markup: str) -> str:
    """HTML of Material's index as plain text."""
    return SPACES_RE.sub(" ", html.unescape(TAG_RE.sub(" ", markup or ""))).strip()


def shard_name(key: str) -> str:
    """The file name of the shard of words starting with key; the browser computes the same."""
    if SHARD_NAME_RE.fullmatch(key):
        return key
    return "u" + "-".join(f"{ord(c):x}" for c in key)


def group_pages(entries: list[dict], lang: str, articles: dict[str, ArticlePage]) -> list[Document]:
    """Material's entries (one per page and one per section) as one Document per page.
    articles: the language's articles by location ("articles/x.html")."""
    pages: dict[str, Document] = {}
    for entry in entries:
        page, _, anchor = entry["location"].partition("#")
        doc = pages.get(page)
        if doc is None:
            doc = pages[page] = Document(page, plain_text(entry.get("title", "")))
        if anchor:
            doc.sections.append((anchor, plain_text(entry.get("title", "")), plain_text(entry.get("text", ""))))
        else:
            doc.title = plain_text(entry.get("title", ""))
            doc.lead = plain_text(entry.get("text", ""))
    kinds = KINDS[lang]
    for doc in pages.values():
        article = articles.get(doc.location)
        if article is None:
            doc.kind = kinds["page"]
            continue
        doc.title = article.title  # as written: the browser escapes it
        doc.names = [*article.companies, *article.tags]
        doc.captions = [image.caption for image in article.images if image.caption]
        doc.date = article.date.isoformat()
        doc.date_shown = format_day(article.date, lang)
        machine = article.translation is not None and article.translation.status == "machine"
        doc.kind = kinds["machine" if machine else "article"]
    # Newest first, then by location: the smaller number is the more recent.
    return sorted(pages.values(), key=lambda d: (d.date == "", _negated(d.date), d.location))


def _negated(iso: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in iso)


def postings(docs: list[Document], lang: str) -> tuple[dict[str, dict[int, int]], dict[str, str]]:
    """word (folded) -> {document number: where bits << 4 | body count}; and word (folded) -> its
    stem (folded), stemmed as first written: Snowball reads accents."""
    found: dict[str, dict[int, int]] = defaultdict(dict)
    stems: dict[str, str] = {}

    def read(text: str) -> list[str]:
        words = indexed_words(text, lang)
        for word, folded in words:
            if folded not in stems:
                stems[folded] = stem(word, lang)
        return [folded for _, folded in words]

    for number, doc in enumerate(docs):
        fields: dict[str, int] = defaultdict(int)
        counts: dict[str, int] = defaultdict(int)
        for bit, texts in (
            (TITLE, [doc.title]),
            (LEAD, [doc.lead]),
            (NAMES, doc.names),
            (HEADING, [s[1] for s in doc.sections]),
            (CAPTION, doc.captions),
        ):
            for text in texts:
                for folded in read(text):
                    fields[folded] |= bit
        for _, _, text in doc.sections:
            for folded in read(text):
                counts[folded] += 1
        for word in fields.keys() | counts.keys():
            found[word][number] = fields.get(word, 0) << 4 | min(counts.get(word, 0), MAX_BODY_COUNT)
    return found, stems


def render_shards(lang: str, found: dict[str, dict[int, int]], stems: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Shard name -> {"w": words, "f": family number of each word, "p": postings of each word,
    as [document number delta, value, …]}; and "s", for the shard's stems file: each word's
    folded stem, as the number of letters it drops from the word when it is the word's start
    (nearly always, and a few bytes), else in full."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for word in found:
        by_key[word[:2]].append(word)
    shards = {}
    for key, words in by_key.items():
        words.sort()
        family_numbers: dict[str, int] = {}
        fams, lists, folded_stems = [], [], []
        for word in words:
            root = folded_stem(word, lang)
            folded_stems.append(len(word) - len(root) if word.startswith(root) else root)
            fams.append(family_numbers.setdefault(stems.get(word, word), len(family_numbers)))
            flat, previous = [], 0
            for number in sorted(found[word]):
                flat += [number - previous, found[word][number]]
                previous = number
            lists.append(flat)
        shards[shard_name(key)] = {"w": words, "f": fams, "p": lists, "s": folded_stems}
    return dict(sorted(shards.items()))


def build_index(docs: list[Document], lang: str, stemmer: list[str] | None = None) -> dict[str, Any]:
    """Every file of one language's index: relative path -> its data (see the module's docstring).
    stemmer: the stemmer's scripts, from the site's root, in the order they load (stemmer_scripts)."""
    found, stems = postings(docs, lang)
    shards = render_shards(lang, found, stems)
    files: dict[str, Any] = {
        "manifest": {
            "lang": lang,
            "docs": len(docs),
            "docsChunk": DOCS_CHUNK,
            "textChunk": TEXT_CHUNK,
            "stop": STOP_WORDS[lang],
            "shards": list(shards),
            "stemmer": stemmer or [],
        }
    }
    for name, shard in shards.items():
        files[f"shards/{name}"] = {key: shard[key] for key in ("w", "f", "p")}
        files[f"stems/{name}"] = shard["s"]
    records = [[d.location, d.title, d.date, d.date_shown, d.kind] for d in docs]
    for start in range(0, len(docs), DOCS_CHUNK):
        files[f"docs/{start // DOCS_CHUNK}"] = records[start : start + DOCS_CHUNK]
    for start in range(0, len(docs), TEXT_CHUNK):
        files[f"text/{start // TEXT_CHUNK}"] = [
            {
                "record": records[number],
                "text": [
                    ["", "", d.lead],
                    *[list(s) for s in d.sections],
                    *[["", "", c] for c in [*d.captions, " · ".join(d.names)] if c],
                ],
            }
            for number, d in enumerate(docs[start : start + TEXT_CHUNK], start)
        ]
    return files


def stemmer_scripts(site_dir: Path, lang: str) -> list[str]:
    """The scripts of the language's stemmer in the built site (STEMMER_ASSETS); none for a
    site without the theme's files (a unit test's): its search then stems no query word."""
    try:
        return [theme_asset(site_dir, pattern) for pattern in STEMMER_ASSETS.get(lang, ())]
    except LookupError:
        return []


def pack_text(data: Any) -> str:
    """A text file's data as news-search.js reads it (`textOf`): its JSON, gzipped, in base64.
    No timestamp in the gzip header, and "unknown" for the system that wrote it (zlib writes its
    own): the same data gives the same string with the same zlib."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    packed = bytearray(gzip.compress(raw, compresslevel=9, mtime=0))
    packed[9] = 255  # the header's OS byte (RFC 1952)
    return base64.b64encode(packed).decode("ascii")


def unpack_text(packed: str) -> Any:
    return json.loads(gzip.decompress(base64.b64decode(packed)))


def render_script(kind: str, lang: str, data: Any) -> str:
    """One index file as the script the browser loads: a call that hands its data to the worker."""
    if kind.startswith("text/"):
        data = pack_text(data)
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    name = kind.split("/", 1)
    args = [json.dumps(lang), json.dumps(name[1] if len(name) > 1 else "")]
    return f"newsSearch({json.dumps(name[0])},{','.join(args)},{body});\n"


def material_stub(lang: str, path: str, manifest: dict) -> dict:
    """Material's index with no documents: its page code needs the config; the worker, which
    gets it first thing, the index's path and manifest (one file fewer to wait for)."""
    news = {"path": path, "manifest": manifest}
    config = {"lang": [lang], "separator": SEPARATOR, "pipeline": [], "fields": {}, "news": news}
    return {"config": config, "docs": []}


def split_entries(combined: dict, languages: tuple[str, ...]) -> dict[str, list[dict]]:
    """Material's merged entries, per language, locations relative to that language's root.
    Entries of a language not in languages are left out."""
    prefixes = {lang: f"{lang}/" for lang in LANGUAGES if lang != DEFAULT_LANGUAGE}
    split: dict[str, list[dict]] = {lang: [] for lang in languages}
    for entry in combined.get("docs", []):
        location = entry["location"]
        owner = next((other for other, prefix in prefixes.items() if location.startswith(prefix)), DEFAULT_LANGUAGE)
        if owner in split:
            split[owner].append(dict(entry, location=location.removeprefix(prefixes.get(owner, ""))))
    return split


def article_metadata(catalogues: dict | None) -> dict[str, dict[str, ArticlePage]]:
    """Per language, each article's front matter by its location in the built site."""
    found: dict[str, dict[str, ArticlePage]] = {}
    for lang, catalogue in (catalogues or {}).items():
        # Where each article is published (an English edition under its English slug: scripts/common/slugs.py).
        found[lang] = {
            published_path(lang, entry.path).removesuffix(".md") + ".html": entry.article for entry in catalogue.entries
        }
    return found


def index_folder(lang: str) -> str:
    """Where a language's index is, from the site's root (its search base: overrides/main.html)."""
    return "search" if lang == DEFAULT_LANGUAGE else f"{lang}/search"


def write_indexes(site_dir: Path, languages: tuple[str, ...], catalogues: dict | None = None) -> None:
    """Replace Material's index with the site's own, one per language in languages (Material's
    has every language's entries in a plain `mkdocs build`, one language's in a build limited to
    it). catalogues: the articles (scripts/site/catalogue.py), for dates, kinds, names and
    captions."""
    combined_path = site_dir / "search" / "search_index.json"
    if not combined_path.exists():
        return
    combined = json.loads(combined_path.read_text(encoding="utf-8"))
    metadata = article_metadata(catalogues)
    split = split_entries(combined, languages)
    if os.environ.get("NEWS_SEARCH_MATERIAL") == "1" and DEFAULT_LANGUAGE in split:
        # For scripts/bench/search.py: Material's own French index, every word of every page.
        material = {
            "config": dict(combined.get("config", {}), lang=[DEFAULT_LANGUAGE]),
            "docs": split[DEFAULT_LANGUAGE],
        }
        data = json.dumps(material, ensure_ascii=False, separators=(",", ":"))
        (site_dir / "search" / "material_index.json").write_text(data, encoding="utf-8")
    # Material's entries are the pages' text as HTML: each language's go once grouped, before
    # its postings are counted (at 10,000 articles, 84 MB of a build's peak in this step).
    del combined
    for lang in list(split):
        path = f"{index_folder(lang)}/"
        folder = site_dir / path
        docs = group_pages(split.pop(lang), lang, metadata.get(lang, {}))
        files = build_index(docs, lang, stemmer_scripts(site_dir, lang))
        for name, data in files.items():
            target = folder / f"{name}.js"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(render_script(name, lang, data), encoding="utf-8")
        stub = json.dumps(material_stub(lang, path, files["manifest"]), ensure_ascii=False, separators=(",", ":"))
        (folder / "search_index.json").write_text(stub, encoding="utf-8")
        # The same, as a script: Material loads this one when the page comes from file://.
        (folder / "search_index.js").write_text(f"var __index = {stub}", encoding="utf-8")


def read_index(folder: Path) -> dict[str, Any]:
    """The files write_indexes wrote into folder, as data (relative path -> data): for tests."""
    files = {}
    for path in sorted(folder.rglob("*.js")):
        if path.name == "search_index.js":
            continue
        body = path.read_text(encoding="utf-8").split(",", 3)[3]  # after kind, language, name
        name = path.relative_to(folder).with_suffix("").as_posix()
        data = json.loads(body.rstrip().removesuffix(");"))
        files[name] = unpack_text(data) if name.startswith("text/") else data
    return files
