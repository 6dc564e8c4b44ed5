"""What the templates in overrides/ show beyond the Markdown: per-page data computed at build time.

Every link here is relative to the page, so the site works at a domain's root, under a
sub-path (GitHub Pages project sites) and from the file system alike. Only the canonical URL,
OpenGraph and JSON-LD, which are for crawlers, are absolute.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.utils import get_relative_url
from pydantic import ValidationError

from scripts.common.errors import SourceError
from scripts.model.pages import read_article_cached, read_body
from scripts.site.catalogue import Catalogue, Entry
from scripts.site.pairs import DEFAULT_LANGUAGE, PageMap, absolute_url, url_of
from scripts.site.strings import TEXT, format_day
from scripts.translation.checks import edition_state
from scripts.translation.document import article_sha256

WORDS_PER_MINUTE = 200
# An article gets a table of contents from this many headings and minutes of reading.
LONG_HEADINGS, LONG_MINUTES = 4, 5
WORD_RE = re.compile(r"\w+")
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
# Inside a <script> element, "</script>" ends it and "<!--<script>" makes the parser swallow the
# rest of the page; U+2028/9 end lines in older JavaScript. As JSON escapes they read the same.
SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


@dataclass
class SiteContext:
    """What every page's context is computed from: the two catalogues and the page map."""

    catalogues: dict[str, Catalogue]
    pages: PageMap
    site_url: str
    french_articles: Path | None  # docs/fr/articles/: English pages' notices compare with them

    def french_hash(self, slug: str) -> str | None:
        """The hash of the French text an English edition translates (article_sha256), None
        when there is no such valid article. Read when the page is built: an English build
        keeps no French page."""
        if self.french_articles is None:
            return None
        path = self.french_articles / f"{slug}.md"
        try:  # a missing page too: read_article_cached says SourceError
            return article_sha256(read_article_cached(path), read_body(path))
        except (SourceError, ValidationError):
            return None  # `check` and the French build report it

    def absolute(self, lang: str, path: str) -> str:
        return absolute_url(self.site_url, lang, path)


def feed_url(lang: str) -> str:
    """Where a language's feed is, relative to the site root."""
    return "feed.xml" if lang == DEFAULT_LANGUAGE else f"{lang}/feed.xml"


def web_url(value: object) -> str | None:
    """A link the page may carry: http(s) only, never javascript: or data:."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("https://", "http://")) else None


def url_host(value: object) -> str | None:
    """The host of an http(s) address, as a link's text: "v.redd.it", "www.example.com"."""
    url = web_url(value)
    try:
        return urlsplit(url).hostname if url else None
    except ValueError:  # "http://[" is no address
        return None


def share_image_url(site: SiteContext, lang: str, path: str) -> str:
    """Where an article's share image is: absolute when the site's address is known."""
    name = path.rsplit("/", 1)[-1].removesuffix(".md") + ".png"
    if site.site_url:
        return site.absolute(lang, path).removesuffix(".html") + ".png"
    return name


def word_count(markdown: str) -> int:
    return len(WORD_RE.findall(markdown))


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def long_article(toc, words: int) -> bool:
    """Whether an article of this many words is long enough for a table of contents: several
    sections and several minutes of reading (most news stories are neither)."""
    headings = sum(1 + len(item.children) for item in toc or [])
    return headings >= LONG_HEADINGS and reading_minutes(words) >= LONG_MINUTES


def _link(site: SiteContext, page_url: str, lang: str, path: str) -> str:
    return get_relative_url(url_of(lang, path), page_url)


def page_context(site: SiteContext, lang: str, path: str, page_url: str, words: int) -> dict:
    """The `news` variable of one page's template context; words: how many its Markdown has."""
    other = "en" if lang == "fr" else "fr"
    text = TEXT[lang]
    counterpart = site.pages.counterpart(lang, path, other)
    if counterpart:
        alternate = {"href": _link(site, page_url, other, counterpart), "exists": True}
    else:
        # No edition in the other language yet: the switcher leads to that language's home page.
        alternate = {"href": _link(site, page_url, other, "index.md"), "exists": False}
    alternate |= {"lang": other, "label": text["other_language"] if counterpart else text["other_language_missing"]}
    hreflang = [{"lang": lang, "href": site.absolute(lang, path)}]
    if counterpart:
        hreflang.append({"lang": other, "href": site.absolute(other, counterpart)})
    french_path = path if lang == DEFAULT_LANGUAGE else counterpart
    if french_path:
        hreflang.append({"lang": "x-default", "href": site.absolute(DEFAULT_LANGUAGE, french_path)})
    context = {
        "lang": lang,
        "text": text,
        "alternate": alternate,
        "hreflang": hreflang,
        "canonical": site.absolute(lang, path),
        "og_locale": OG_LOCALES[lang],
        "og_locale_alternate": OG_LOCALES[other],
        "feed": get_relative_url(feed_url(lang), page_url),
        "home": _link(site, page_url, lang, "index.md"),
        "article": None,
    }
    slug = path.removeprefix("articles/").removesuffix(".md")
    entry = site.catalogues[lang].by_slug.get(slug) if path.startswith("articles/") else None
    if entry:
        context["article"] = article_context(site, entry, page_url, words, counterpart)
    return context


def article_context(site: SiteContext, entry: Entry, page_url: str, words: int, counterpart: str | None) -> dict:
    lang, article = entry.lang, entry.article
    catalogue = site.catalogues[lang]
    source = article.source
    companies = [{"name": n, "href": _link(site, page_url, lang, catalogue.company_path(n))} for n in entry.companies]
    topics = []
    for label in entry.tags:
        target = catalogue.topic_path(label)
        if target:
            topics.append({"name": label, "href": _link(site, page_url, lang, target)})
    related = [
        {"title": r.title, "href": _link(site, page_url, lang, r.path), "date": format_day(r.date, lang)}
        for r in catalogue.related(entry)
    ]
    notice = None
    if lang != DEFAULT_LANGUAGE:
        french = site.french_hash(entry.slug)
        translation = article.translation  # the schema requires it on an English edition
        recorded = (translation.source_sha256, translation.status) if translation else (None, None)
        state = edition_state(french, *recorded) if french else "current"
        if state in ("machine", "stale"):
            notice = {
                "kind": state,
                "text": TEXT[lang][f"{state}_notice"],
                "original": _link(site, page_url, DEFAULT_LANGUAGE, entry.path),
                "original_label": TEXT[lang]["read_original"],
            }
    return {
        "date_iso": entry.date.isoformat(),
        "date": format_day(entry.date, lang),
        "estimated": article.date_estimated,
        "reading_minutes": reading_minutes(words),
        "outlet": source.outlet,
        "url": web_url(source.url),
        "url_host": url_host(source.url),
        "author": source.author,
        "author_bio": source.author_bio,
        # A cited address is a link named by its host, never a raw address in the text.
        "cites": [{"text": url_host(c) or c, "href": web_url(c)} for c in source.cites],
        "companies": companies,
        "topics": topics,
        "related": related,
        "notice": notice,
        "json_ld": json_ld(site, entry, counterpart),
        "title": entry.title,
        # Drawn beside the page at build time (scripts/site/share_image.py); absolute for crawlers.
        "share_image": share_image_url(site, lang, entry.path),
    }


def json_ld(site: SiteContext, entry: Entry, counterpart: str | None) -> str:
    """schema.org NewsArticle, as a string safe to put inside a <script> element."""
    lang, source = entry.lang, entry.article.source
    registry = site.catalogues[lang].registry
    websites = {c.name: c.website for c in registry.companies}
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": entry.title if len(entry.title) <= 110 else entry.title[:109] + "…",
        "description": entry.description,
        "datePublished": entry.date.isoformat(),
        "inLanguage": lang,
        "url": site.absolute(lang, entry.path),
        "mainEntityOfPage": site.absolute(lang, entry.path),
        "publisher": {"@type": "Organization", "name": TEXT[lang]["site_name"], "url": site.absolute(lang, "index.md")},
        "about": [
            {"@type": "Organization", "name": name, **({"url": websites[name]} if websites.get(name) else {})}
            for name in entry.companies
        ],
        "keywords": list(entry.tags),
    }
    if web_url(source.url):
        data["isBasedOn"] = web_url(source.url)
    if source.author:
        data["author"] = {"@type": "Person", "name": source.author}
    if lang != DEFAULT_LANGUAGE and counterpart:
        data["translationOfWork"] = {"@id": site.absolute(DEFAULT_LANGUAGE, counterpart)}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(SCRIPT_SAFE)
