"""The built site in a real browser (Debian's chromium through Playwright), over http on
127.0.0.1 and from the file system: listings, articles, chips, switcher, search, and every
request the pages make.

Screenshots go to $ARTIFACTS_DIR/screenshots (default: artifacts/), kept by CI.
"""

from __future__ import annotations

import functools
import io
import json
import os
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlparse

import pytest

from scripts.common.paths import REPO
from scripts.site.search_index import read_index
from tests.conftest import CHROMIUM, EN_NVLM, NVLM
from tests.local_server import local_server
from tests.site_builds import serve

pytestmark = pytest.mark.browser

if not CHROMIUM:
    if os.environ.get("CI"):
        raise RuntimeError("chromium is missing: bin/test installs Debian's chromium package")
    pytest.skip("Debian's chromium is not installed (bin/test installs it)", allow_module_level=True)

from playwright.sync_api import Page, expect  # noqa: E402

from tests.search_box import ask  # noqa: E402

ARTIFACTS = Path(os.environ.get("ARTIFACTS_DIR", REPO.root / "artifacts")) / "screenshots"


@pytest.fixture(params=["http", "file"])
def base(request, built_site):
    """The site's root URL, served over http on 127.0.0.1 or opened from the file system."""
    if request.param == "http":
        with serve(built_site) as url:
            yield url
    else:
        yield built_site.as_uri() + "/"


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("file", "data", "blob", "about") or parsed.hostname == "127.0.0.1"


@pytest.fixture
def page(browser, base):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    yield page
    context.close()
    foreign = [url for url in requests if not is_local(url)]
    assert requests and not foreign, f"requests to another host: {foreign}"


def shoot(page: Page, name: str, base: str) -> None:
    if base.startswith("http"):  # one set of screenshots is enough
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def card_dates(page: Page) -> list[str]:
    return page.locator(".news-card time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))")


@pytest.mark.parametrize(
    ("lang", "path", "first_date"), [("fr", "index.html", "7 janvier 2025"), ("en", "en/index.html", "7 January 2025")]
)
def test_home_lists_latest_articles(page, base, lang, path, first_date):
    page.goto(base + path)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    cards = page.locator(".news-card")
    expect(cards).to_have_count(5)
    dates = card_dates(page)
    assert dates == sorted(dates, reverse=True)
    expect(cards.first.locator(".news-card__date")).to_have_text(first_date)
    expect(cards.first.locator(".news-chip--company").first).to_be_visible()
    # The sidebar holds the sections only, never the articles.
    expect(page.locator(".md-nav--primary > .md-nav__list > .md-nav__item")).to_have_count(4)
    assert "rgb(15, 118, 110)" in page.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor")
    shoot(page, f"{lang}-home", base)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_article_chips_lead_to_company_pages(page, base, lang):
    prefix = "" if lang == "fr" else "en/"
    page.goto(base + prefix + "index.html")
    page.locator(".news-card__title a:not(.headerlink)").nth(1).click()
    expect(page).to_have_url(f"{base}{prefix}articles/{NVLM if lang == 'fr' else EN_NVLM}.html")
    expect(page.locator("h1")).to_have_text(
        "NVIDIA lance NVLM 1.0, une famille de modèles multimodaux open source"
        if lang == "fr"
        else "NVIDIA launches NVLM 1.0, a family of open-source multimodal models"
    )
    expect(page.locator(".news-article__meta")).to_contain_text("min de lecture" if lang == "fr" else "min read")
    expect(page.locator(".news-related li")).not_to_have_count(0)
    shoot(page, f"{lang}-article", base)
    page.locator(".news-article__header .news-chip--company", has_text="NVIDIA").click()
    company = "entreprises" if lang == "fr" else "companies"
    expect(page).to_have_url(f"{base}{prefix}{company}/nvidia.html")
    items = page.locator(".news-compact li")
    expect(items).to_have_count(4)
    dates = items.locator("time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))")
    assert dates == sorted(dates, reverse=True)
    shoot(page, f"{lang}-company", base)
    page.go_back()
    page.locator(
        ".news-article__header .news-chip--topic",
        has_text="Modèles multimodaux" if lang == "fr" else "Multimodal models",
    ).click()
    expect(page.locator("h1")).to_contain_text("Modèles multimodaux" if lang == "fr" else "Multimodal models")
    expect(page.locator(".news-compact li").first).to_be_visible()


def test_switcher_goes_to_the_same_page(page, base):
    page.goto(f"{base}articles/{NVLM}.html")
    page.locator("[data-news-switch]").click()
    expect(page).to_have_url(f"{base}en/articles/{EN_NVLM}.html")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator("[data-news-switch]").click()
    expect(page).to_have_url(f"{base}articles/{NVLM}.html")
    page.goto(f"{base}sujets/chine.html")
    page.locator("[data-news-switch]").click()
    expect(page).to_have_url(f"{base}en/topics/china.html")
    expect(page.locator("h1")).to_contain_text("China")


def search(page: Page, query: str) -> list[str]:
    """Search for query in the search box; the titles and links of its results."""
    ask(page, query)
    return page.locator(".md-search-result__item > a").evaluate_all(
        "els => els.map(e => e.querySelector('h1, h2') ? e.querySelector('h1, h2').textContent.trim() + ' | ' + e.href : e.href)"
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("securite", "L’IA selon Zuckerberg"),  # unaccented, for "sécurité"
        ("puissances", "L’IA selon Zuckerberg"),  # plural query; the articles say "puissance"
        ("paramètre", "NVIDIA lance NVLM 1.0"),  # singular query, "paramètres" in the text
        ("IA", "L’IA selon Zuckerberg"),  # after the elision in "l’IA"
        ("puce", "La récente technologie"),  # "puces"
    ],
)
def test_french_search(page, base, built_site, query, expected):
    if query in ("securite", "puissances"):
        # The form typed is not in the text: only accent folding or stemming can find it.
        files = read_index(built_site / "search")
        shown = [data for name, data in files.items() if name.startswith(("docs/", "text/"))]
        assert query not in json.dumps(shown, ensure_ascii=False).lower()
    page.goto(base + "index.html")
    results = search(page, query)
    assert any(expected in r for r in results), results
    assert not any("/en/" in r for r in results), results
    if query == "securite":
        shoot(page, "fr-search", base)


@pytest.mark.parametrize(
    ("query", "expected"), [("chip", "AI according to Zuckerberg"), ("Zuckerberg", "AI according to Zuckerberg")]
)
def test_english_search(page, base, query, expected):
    page.goto(base + "en/index.html")
    results = search(page, query)
    assert any(expected in r for r in results), results
    assert all("/en/" in r for r in results), results
    assert not any("L’IA selon Zuckerberg" in r for r in results)
    if query == "chip":
        shoot(page, "en-search", base)


def test_site_under_a_sub_path(browser, built_site, tmp_path):
    # GitHub Pages serves a project site under /<repository>/.
    www = tmp_path / "www"
    www.mkdir()
    (www / "le-fil-tech").symlink_to(built_site)
    with serve(www) as url:
        base = url + "le-fil-tech/"
        context = browser.new_context()
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        page.goto(base + "entreprises/nvidia.html")
        page.locator("[data-news-switch]").click()
        expect(page).to_have_url(base + "en/companies/nvidia.html")
        results = search(page, "Huang")
        assert results and all(r.split(" | ")[-1].startswith(base + "en/") for r in results), results
        context.close()
    assert all(is_local(u) for u in requests), requests


class _PagesHost(SimpleHTTPRequestHandler):
    """GitHub Pages for a project site: the site under /le-fil-tech/, and the site's /404.html,
    with status 404, for any path that is not a file."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_file():
            return super().send_head()
        body = (Path(self.directory) / "le-fil-tech" / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def _styled(page: Page) -> bool:
    """Material's stylesheet applies: its header sticks to the top."""
    return page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"


@pytest.mark.parametrize(
    ("missing", "lang", "heading", "home_link", "home"),
    [
        ("sujets/x/y/nowhere.html", "fr", "Page introuvable", "Les dernières actualités", "index.html"),
        ("en/articles/nvidia-lance-old-slug.html", "en", "Page not found", "Latest news", "en/index.html"),
        ("en/deep/er/still.html", "en", "Page not found", "Latest news", "en/index.html"),
    ],
)
def test_not_found_page_speaks_the_language_of_the_path(
    browser, built_site, tmp_path, missing, lang, heading, home_link, home
):
    www = tmp_path / "www"
    www.mkdir()
    (www / "le-fil-tech").symlink_to(built_site)
    with local_server(functools.partial(_PagesHost, directory=str(www))) as url:
        base = url + "/le-fil-tech/"
        context = browser.new_context()
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        page.goto(base + missing)
        expect(page.locator("h1")).to_have_text(heading)
        assert page.locator("html").get_attribute("lang") == lang
        assert _styled(page)
        page.get_by_role("link", name=home_link).click()
        expect(page).to_have_url(base + home)
        context.close()
    assert all(is_local(u) for u in requests), requests


@pytest.mark.parametrize(("path", "heading"), [("404.html", "Page introuvable"), ("en/404.html", "Page not found")])
def test_not_found_pages_are_styled_from_the_file_system(browser, built_site, path, heading):
    context = browser.new_context()
    page = context.new_page()
    page.goto((built_site / path).as_uri())
    expect(page.locator("h1")).to_have_text(heading)
    assert _styled(page)
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)])
def test_front_page_and_article_layout(browser, built_site, width, height, scheme):
    with serve(built_site) as base:
        context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
        page = context.new_page()
        page.goto(base + "index.html")
        # No permalink mark shows on a card (on a phone it took a line of its own).
        marks = page.locator(".news-card .headerlink, .news-topic .headerlink")
        assert marks.count() > 0 and all(not marks.nth(i).is_visible() for i in range(marks.count()))
        # Headlines in strong type.
        weight = page.locator(".news-card--lead .news-card__title").evaluate("e => getComputedStyle(e).fontWeight")
        assert int(weight) >= 700
        # The documentation sidebar is not shown on a wide screen; the top tabs are.
        if width >= 1220:
            expect(page.locator(".md-sidebar--primary")).to_be_hidden()
            expect(page.locator(".md-tabs")).to_be_visible()
        name = f"{'phone' if width < 600 else 'desktop'}-{scheme}"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"fr-home-{name}.png"))
        page.goto(base + f"articles/{NVLM}.html")
        expect(page.locator(".news-article__header h1")).to_be_visible()
        assert page.locator(".md-footer__link").count() == 0  # no previous/next
        expect(page.locator(".news-correction a")).to_have_text("Proposer une correction")
        page.screenshot(path=str(ARTIFACTS / f"fr-article-{name}.png"))
        context.close()
