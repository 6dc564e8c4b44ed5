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
from urllib.parse import urlsplit

from mkdocs.utils import get_relative_url

from scripts.model.pages import Page
from scripts.site.catalogue import Catalogue, Entry
from scripts.site.pairs import DEFAULT_LANGUAGE, PageMap, absolute_url, url_of
from scripts.site.strings import TEXT, format_day
from scripts.translation.checks import translation_state

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
    french_pages: dict[str, Page]  # slug -> French page, for the translation notices

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


def reading_minutes(markdown: str) -> int:
    return max(1, math.ceil(len(WORD_RE.findall(markdown)) / WORDS_PER_MINUTE))


def long_article(toc, markdown: str | None) -> bool:
    """Whether an article is long enough for a table of contents: several sections and several
    minutes of reading (most news stories are neither)."""
    headings = sum(1 + len(item.children) for item in toc or [])
    return headings >= LONG_HEADINGS and reading_minutes(markdown or "") >= LONG_MINUTES


def _link(site: SiteContext, page_url: str, lang: str, path: str) -> str:
    return get_relative_url(url_of(lang, path), page_url)


def page_context(site: SiteContext, lang: str, path: str, page_url: str, markdown: str) -> dict:
    """The `news` variable of one page's template context."""
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
        context["article"] = article_context(site, entry, page_url, markdown, counterpart)
    return context


def article_context(site: SiteContext, entry: Entry, page_url: str, markdown: str, counterpart: str | None) -> dict:
    lang, meta = entry.lang, entry.meta
    catalogue = site.catalogues[lang]
    source = meta.get("source") or {}
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
        french = site.french_pages.get(entry.slug)
        # The hash covers the front matter and body of the French page; the English side only
        # needs its recorded translation metadata.
        state = translation_state(french, Page(french.path, meta, "")) if french else "current"
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
        "estimated": bool(meta.get("date_estimated")),
        "reading_minutes": reading_minutes(markdown),
        "outlet": source.get("outlet"),
        "url": web_url(source.get("url")),
        "url_host": url_host(source.get("url")),
        "author": source.get("author"),
        "author_bio": source.get("author_bio"),
        # A cited address is a link named by its host, never a raw address in the text.
        "cites": [{"text": url_host(c) or str(c), "href": web_url(c)} for c in source.get("cites") or []],
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
    lang, meta = entry.lang, entry.meta
    registry = site.catalogues[lang].registry
    websites = {c.name: c.website for c in registry.companies}
    source = meta.get("source") or {}
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
    if web_url(source.get("url")):
        data["isBasedOn"] = web_url(source["url"])
    if source.get("author"):
        data["author"] = {"@type": "Person", "name": source["author"]}
    if lang != DEFAULT_LANGUAGE and counterpart:
        data["translationOfWork"] = {"@id": site.absolute(DEFAULT_LANGUAGE, counterpart)}
    return json.dumps(data, ensure_ascii=False, indent=2).translate(SCRIPT_SAFE)
