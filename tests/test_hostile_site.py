"""Hostile input, site side: the XSS payloads of tests/data/hostile/xss_payloads.txt through every
field a value reaches the site from (tests/hostile_site.py), one real build, then Chromium over
http and file://. Nothing may run (no dialog, no `window.__xss`), nothing may load from another
host, and no escaped page may lose its text.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import pytest
import yaml

from scripts.checks.markdown_audit import URL_NOISE_RE
from scripts.model.pages import read_page
from scripts.model.registry import _text_problem, load_registry
from scripts.site.published import redirect_target
from tests.hostile_site import MARK, PAYLOADS, HostileSite, build_hostile_site, end_marker
from tests.site_builds import copy_content, serve

pytestmark = pytest.mark.build

if TYPE_CHECKING:
    from playwright.sync_api import Page

CSP_WARNING = "inline code its Content-Security-Policy blocks"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> HostileSite:
    return build_hostile_site(tmp_path_factory.mktemp("hostile"))


def test_registry_refuses_every_payload_with_markup(tmp_path):
    project = copy_content(tmp_path / "project", "data")
    marked = [p for p in PAYLOADS if _text_problem(p) is not None]
    entries = [{"name": p, "description": {"fr": "x", "en": "x"}} for p in marked]
    project.companies.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    _, problems = load_registry(project)
    assert len(marked) > 50 and all("\n" not in p for p in problems)
    refused = {
        int(p.split(" ")[2]) for p in problems if p.startswith("data/companies.yml: entry ") and " contains " in p
    }
    assert refused == set(range(1, len(marked) + 1))


def test_only_the_unchecked_editions_make_the_build_warn(hostile):
    warnings = [line for line in hostile.build_log.splitlines() if line.startswith("WARNING")]
    assert warnings and all(CSP_WARNING in line for line in warnings), warnings
    raw = tuple(f"en/articles/{slug}.md: " for slug in hostile.raw_editions)
    assert all(line.split("-  ", 1)[1].startswith(raw) for line in warnings), warnings


def published(hostile: HostileSite, slug: str) -> str:
    """Where an English edition is published (en/articles/<English slug>.html); its old address,
    en/articles/<slug>.html, is a redirect page (scripts/site/published.py)."""
    old = hostile.site / "en" / "articles" / f"{slug}.html"
    return f"en/articles/{(redirect_target(old) if old.is_file() else None) or old.name}"


def escaped_pages(hostile: HostileSite) -> list[Path]:
    """Every page but the raw editions and the redirect pages (exactly the template's, checked by
    redirect_target: a meta refresh anywhere else is a problem the audit reports)."""
    raw = {hostile.site / published(hostile, slug) for slug in hostile.raw_editions}
    return [p for p in sorted(hostile.site.rglob("*.html")) if p not in raw and redirect_target(p) is None]


# Elements no page of the site has: from a payload, each would run, load or hide something.
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "base", "style", "plaintext", "xmp", "bgsound"}
SCRIPT_DATA_TYPES = {"application/json", "application/ld+json"}


class MarkupAudit(HTMLParser):
    """What a built page's markup does beyond the templates: handlers, frames, foreign loads."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.inline_scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        self.problems += [f"<{tag} {name}=…>" for name in values if name.startswith("on")]
        if tag == "meta" and values.get("http-equiv", "").lower() not in ("", "content-security-policy"):
            self.problems.append(f"<meta http-equiv={values['http-equiv']}>")
        if tag == "script" and not values.get("src") and values.get("type") not in SCRIPT_DATA_TYPES:
            self.inline_scripts += 1
        for name in ("src", "href", "background", "poster", "data"):
            url = URL_NOISE_RE.sub("", values.get(name, "")).lower()
            if url.startswith(("javascript:", "vbscript:", "data:text")):
                self.problems.append(f"<{tag} {name}={url[:40]}>")
            if name != "href" and url.startswith(("http:", "https:", "//")):
                self.problems.append(f"<{tag} {name}={url[:40]}> (another host)")


def test_no_payload_becomes_markup_in_any_escaped_page(hostile):
    template_scripts = None
    for path in escaped_pages(hostile):
        audit = MarkupAudit()
        audit.feed(path.read_text(encoding="utf-8"))
        assert audit.problems == [], path
        # Every page has the templates' inline scripts, and not one more.
        template_scripts = template_scripts or audit.inline_scripts
        assert audit.inline_scripts == template_scripts, path


def test_json_ld_parses_and_hides_no_markup(hostile):
    for slug in hostile.articles:
        text = (hostile.site / "articles" / f"{slug}.html").read_text(encoding="utf-8")
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.DOTALL).group(1)
        assert not set("<>") & set(block)
        assert MARK in json.loads(block)["headline"]


def test_feeds_and_sitemap_hold_text(hostile):
    # The search index is checked in the browser, where its entries become markup or not.
    for feed in ("feed.xml", "en/feed.xml"):
        root = ET.parse(hostile.site / feed).getroot()
        titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
        assert any(MARK in (t or "") and "<" in t for t in titles)
    ET.parse(hostile.site / "sitemap.xml")


def test_hand_edited_titles_are_shown_as_written(hostile):
    for slug in hostile.hand_edited:
        title = read_page(hostile.project.articles("fr") / f"{slug}.md").meta["title"]
        text = (hostile.site / "articles" / f"{slug}.html").read_text(encoding="utf-8")
        shown = re.search(r"<h1>(.*?)</h1>", text, re.DOTALL).group(1)
        assert "<" not in shown and html.unescape(shown) == title


# In the browser: the payloads' markers, and what the Content-Security-Policy blocked.
INIT_SCRIPT = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || e.sample));
});
"""


def is_local(url: str) -> bool:
    """Whether a request stays on this machine."""
    parsed = urlparse(url)
    return parsed.scheme in ("file", "data", "blob", "about", "javascript") or parsed.hostname == "127.0.0.1"


@dataclass
class Browsing:
    """One browser context on the hostile site, with what its pages did."""

    page: Page
    dialogs: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def visit(self, url: str, *, bundle: bool = True) -> dict:
        """Open a page; once Material's script has started (bundle) or the page has loaded,
        what ran and what was blocked."""
        self.page.goto(url)
        if bundle:
            self.page.wait_for_function("() => document.documentElement.classList.contains('js')")
        # One more frame: handlers queued by the load (onerror, ontoggle, autofocus) have run.
        self.page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        return self.page.evaluate("() => ({xss: window.__xss ?? null, violations: window.__violations})")


def browsing(browser) -> Browsing:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(INIT_SCRIPT)
    session = Browsing(context.new_page())
    # What reaches the network for another host is recorded and refused (no DNS, no wait). A load
    # the page's policy blocks never gets this far: the page's violations list it instead.
    context.route(
        lambda url: not is_local(url), lambda route: (session.foreign.append(route.request.url), route.abort())
    )
    session.page.on("dialog", lambda dialog: (session.dialogs.append(dialog.message), dialog.dismiss()))
    return session


@pytest.fixture(params=["http", "file"])
def base(request, hostile):
    if request.param == "http":
        with serve(hostile.site) as url:
            yield url
    else:
        yield hostile.site.as_uri() + "/"


def pages_to_visit(hostile: HostileSite, base: str) -> list[str]:
    """Over http every page; from the file system the home pages, the hand-edited and raw
    articles, and a company and a topic page of payload names."""
    # Not 404.html: its links are absolute, under the published site's path.
    # Nor the redirect pages of English editions' old addresses: they only lead to the editions.
    pages = sorted(
        p.relative_to(hostile.site).as_posix()
        for p in hostile.site.rglob("*.html")
        if p.name != "404.html" and redirect_target(p) is None
    )
    if base.startswith("http"):
        return pages
    chosen = ["index.html", "en/index.html", *(f"articles/{s}.html" for s in hostile.hand_edited)]
    chosen += [published(hostile, slug) for slug in hostile.raw_editions]
    chosen += [p for p in pages if p.startswith(("entreprises/", "sujets/")) and p.count("/") == 1][:4]
    return chosen


@pytest.mark.browser
def test_nothing_runs_loads_or_disappears(browser, hostile, base):
    session = browsing(browser)
    raw = {published(hostile, slug) for slug in hostile.raw_editions}
    # An article's page, French or English (under its English slug), to its French slug.
    slugs = {f"articles/{s}.html": s for s in hostile.articles} | {published(hostile, s): s for s in hostile.articles}
    blocked_on_raw = []
    for path in pages_to_visit(hostile, base):
        state = session.visit(base + path, bundle=path not in raw)
        assert state["xss"] is None, path
        if path in raw:
            blocked_on_raw += state["violations"]
            continue
        assert state["violations"] == [], path  # nothing on an escaped page even tried to run
        if path.startswith(("articles/", "en/articles/")):
            slug = slugs[path]
            text = session.page.locator(".news-article__body").inner_text()
            assert end_marker(hostile.articles[slug]) in text, path  # nothing swallowed the body
            assert MARK in session.page.locator("h1").inner_text(), path
            assert session.page.locator("footer.md-footer").count() == 1, path
    # The raw editions' scripts and handlers were there, and the policy stopped them.
    assert blocked_on_raw or base.startswith("file")
    assert session.dialogs == [] and session.foreign == []
    session.page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("home", ["index.html", "en/index.html"])
def test_search_results_show_payloads_as_text(browser, hostile, base, home):
    session = browsing(browser)
    session.visit(base + home)
    from tests.search_box import ask

    ask(session.page, MARK.lower())
    titles = session.page.locator(".md-search-result__article h1").all_inner_texts()
    assert any("<" in title and MARK in title for title in titles), titles  # the payload, as text
    state = session.page.evaluate("() => ({xss: window.__xss ?? null, violations: window.__violations})")
    assert state == {"xss": None, "violations": []}
    assert session.dialogs == [] and session.foreign == []
    session.page.context.close()


@pytest.mark.browser
def test_policy_keeps_the_palette_toggle_and_the_switcher_working(browser, hostile, base):
    from playwright.sync_api import expect

    session = browsing(browser)
    slug = hostile.hand_edited[0]
    session.visit(base + f"articles/{slug}.html")
    body = session.page.locator("body")
    scheme = body.get_attribute("data-md-color-scheme")
    session.page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    expect(body).not_to_have_attribute("data-md-color-scheme", scheme or "")
    session.page.locator("[data-news-switch]").click()
    session.page.wait_for_url(f"**/{published(hostile, slug)}")
    state = session.visit(session.page.url)
    assert state == {"xss": None, "violations": []}
    assert session.dialogs == [] and session.foreign == []
    session.page.context.close()
