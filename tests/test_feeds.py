"""The Atom feeds: valid Atom 1.0 (RFC 4287's schema, and its two rules the schema only states),
read by feedparser, whole articles with their authors, linked from every page, readable in a
browser."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

import feedparser
import pytest
import rnc2rng
from lxml import etree

from scripts.model.schema import ArticlePage
from scripts.site.catalogue import Catalogue, Entry
from scripts.site.feeds import render_feed
from tests.conftest import EN_NVLM, NVLM
from tests.site_builds import SITE_URL

ATOM = {"atom": "http://www.w3.org/2005/Atom"}
SCHEMA = Path(__file__).parent / "data" / "atom" / "rfc4287.rnc"
FEEDS = [("feed.xml", "fr"), ("en/feed.xml", "en")]


@cache
def atom_schema() -> etree.RelaxNG:
    """RFC 4287's RELAX NG schema (Appendix B), read with rnc2rng."""
    rng = rnc2rng.dumps(rnc2rng.loads(SCHEMA.read_text(encoding="utf-8")))
    # The schema's `namespace local = ""` becomes xmlns:local="", which XML 1.0 forbids; its only
    # use, local:*, is written <nsName ns=""/> and needs no declaration.
    rng = rng.replace('\n         xmlns:local=""', "")
    return etree.RelaxNG(etree.fromstring(rng.encode()))


def atom_problems(xml: bytes) -> list[str]:
    """Why a document is not a valid Atom feed: the schema's errors, then the two Schematron rules
    RFC 4287 writes as annotations (which RELAX NG does not check)."""
    tree = etree.fromstring(xml)
    schema = atom_schema()
    problems = [str(error) for error in schema.error_log] if not schema.validate(tree) else []
    for index, entry in enumerate(tree.iterfind("atom:entry", ATOM)):
        if not entry.xpath("atom:author or ../atom:author or atom:source/atom:author", namespaces=ATOM):
            problems.append(f"entry {index}: no atom:author, and the feed has none")
        if not entry.xpath("atom:link[@rel='alternate'] or atom:link[not(@rel)] or atom:content", namespaces=ATOM):
            problems.append(f"entry {index}: neither an alternate link nor content")
    return problems


def test_the_validator_catches_what_made_the_feeds_invalid():
    article = ArticlePage(title="Titre", slug="a", date=dt.date(2025, 1, 7), description="Résumé", lang="fr")
    entry = Entry("fr", "a", "Titre", dt.date(2025, 1, 7), "Résumé", (), (), article)
    feed = render_feed(Catalogue("fr", [entry], registry=None), SITE_URL)
    assert atom_problems(feed) == []
    tree = etree.fromstring(feed)
    tree.remove(tree.find("atom:author", ATOM))  # entries without authors: what the issue saw
    assert atom_problems(etree.tostring(tree)) == ["entry 0: no atom:author, and the feed has none"]
    tree.find("atom:entry", ATOM).remove(tree.find("atom:entry/atom:id", ATOM))
    assert any("id" in problem for problem in atom_problems(etree.tostring(tree)))


@pytest.mark.build
@pytest.mark.parametrize(("path", "lang"), FEEDS)
def test_feeds_are_valid_atom_with_authors_and_whole_articles(built_site, path, lang):
    xml = (built_site / path).read_bytes()
    assert atom_problems(xml) == []
    feed = feedparser.parse(xml)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    site = "Le Fil Tech" if lang == "fr" else "The Tech Wire"
    assert feed.feed.author_detail.name == site
    [nvlm] = [e for e in feed.entries if e.link.endswith(f"articles/{NVLM if lang == 'fr' else EN_NVLM}.html")]
    # The whole article, as HTML, not the summary alone.
    [content] = nvlm.content
    assert content.type == "text/html"
    assert content.value.count("<p>") > 5 and len(content.value) > 3 * len(nvlm.summary)
    # Browsers show the feed through a same-site stylesheet, not as raw XML.
    stylesheet = "assets/stylesheets/feed.css" if lang == "fr" else "../assets/stylesheets/feed.css"
    assert f'<?xml-stylesheet type="text/css" href="{stylesheet}"?>'.encode() in xml
    assert ((built_site / path).parent / stylesheet).is_file()


@pytest.mark.build
def test_an_entry_names_its_author_when_known(built_site):
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    authors = {e.link.rsplit("/", 1)[1]: e.get("author") for e in feed.entries}
    assert authors["l-ia-selon-zuckerberg-open-source-puissance-de-calcul-et-donnees-uniques.html"] == (
        "Houssen Moshinaly"
    )


@pytest.mark.build
@pytest.mark.parametrize(
    ("page", "href", "label"),
    [
        ("index.html", "feed.xml", "Flux Atom"),
        (f"articles/{NVLM}.html", "../feed.xml", "Flux Atom"),
        ("en/companies/nvidia.html", "../feed.xml", "Atom feed"),
    ],
)
def test_every_page_links_its_feed_in_head_and_footer(built_site, page, href, label):
    html = (built_site / page).read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    assert re.search(
        rf'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="{re.escape(href)}">', head
    )
    footer = html[html.index("<footer") :]
    assert f'<a class="news-feed-link" href="{href}" type="application/atom+xml">{label}</a>' in footer
