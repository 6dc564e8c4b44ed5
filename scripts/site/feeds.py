"""One Atom feed per language (site/feed.xml, site/en/feed.xml), written with feedgen.

Written at the end of the build (each language's by its own build under `python -m scripts
build`, both by a plain `mkdocs build` once both languages are built), from the articles' front
matter and text: plugins that write a feed during the build (mkdocs-rss-plugin) get one feed
mixing both languages under static-i18n. Each entry carries the whole article as HTML and its author (the feed's author,
the site, stands for the articles whose author is not known, as RFC 4287 requires).

A browser opening a feed shows it as a page, not raw XML: the feed names a CSS stylesheet
(assets/stylesheets/feed.css, same site). Not XSLT: Chromium is removing XSLT support.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

import markdown
from feedgen.feed import FeedGenerator

from scripts.model.pages import read_body
from scripts.site.catalogue import Catalogue
from scripts.site.context import feed_url
from scripts.site.pairs import DEFAULT_LANGUAGE, absolute_url
from scripts.site.strings import TEXT

FEED_SIZE = 50
STYLESHEET = "assets/stylesheets/feed.css"
# The extensions of mkdocs.yml that article text uses (it is escaped text: no raw HTML).
MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "admonition"]
# Characters XML 1.0 cannot hold (lxml refuses them): control characters but tab and line breaks.
NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: object) -> str:
    """A value as text an XML document can hold (feedgen escapes < and & itself)."""
    return NOT_XML_RE.sub("", str(value))


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


@functools.lru_cache(maxsize=4 * FEED_SIZE)  # a preview's rebuild renders the unchanged ones again
def render_content(body: str) -> str:
    """An article's Markdown as the HTML of a feed entry."""
    return markdown.markdown(body, extensions=MARKDOWN_EXTENSIONS, output_format="html")


def _with_stylesheet(xml: bytes, href: str) -> bytes:
    declaration, _, rest = xml.partition(b"?>")
    return declaration + b'?>\n<?xml-stylesheet type="text/css" href="' + href.encode() + b'"?>' + rest


def render_feed(catalogue: Catalogue, site_url: str) -> bytes:
    """The Atom feed of one language: its newest articles first, absolute links."""
    lang, text = catalogue.lang, TEXT[catalogue.lang]
    home = absolute_url(site_url, lang, "index.md")
    feed = FeedGenerator()
    feed.id(home)
    feed.title(text["feed_title"])
    feed.subtitle(text["feed_description"])
    feed.language(lang)
    feed.link(href=home, rel="alternate")
    feed.link(href=site_url.rstrip("/") + "/" + feed_url(lang), rel="self")
    entries = catalogue.entries[:FEED_SIZE]
    # The feed's date is its newest article's, never the build's: same inputs, same bytes.
    feed.updated(_midnight(entries[0].date) if entries else _midnight(dt.date(1970, 1, 1)))
    feed.generator("Le Fil Tech pipeline")
    feed.author({"name": text["site_name"], "uri": home})
    # feedgen puts the last added entry first; add the oldest first.
    for entry in reversed(entries):
        item = feed.add_entry()
        url = absolute_url(site_url, lang, entry.path)
        item.id(url)
        item.title(_xml_text(entry.title))
        item.link(href=url, rel="alternate")
        item.summary(_xml_text(entry.description))
        if catalogue.docs is not None:
            body = read_body(catalogue.docs / lang / entry.path)
            item.content(_xml_text(render_content(body)), type="html")
        item.published(_midnight(entry.date))
        item.updated(_midnight(entry.date))
        author = entry.article.source.author
        if author:
            item.author({"name": _xml_text(author)})
        for label in entry.tags:
            item.category(term=_xml_text(label))
    stylesheet = STYLESHEET if lang == DEFAULT_LANGUAGE else f"../{STYLESHEET}"
    return _with_stylesheet(feed.atom_str(pretty=True), stylesheet)


def write_feeds(site_dir: Path, catalogues: dict[str, Catalogue], site_url: str) -> None:
    for lang, catalogue in catalogues.items():
        path = site_dir / feed_url(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render_feed(catalogue, site_url))
