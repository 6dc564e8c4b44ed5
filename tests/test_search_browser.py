"""Search as a reader uses it, in Chromium over http and from the file system, on the fixture
site: body words, typos, accents, elisions, plurals; each language finds only its own pages;
results show their date and kind, and mark what matched. No timing: each test waits for what
it expects."""

from __future__ import annotations

import pytest

from scripts.site.search_index import read_index
from scripts.site.search_text import folded_stem
from tests import test_site_browser as site_browser
from tests.conftest import CHROMIUM
from tests.test_site_browser import search

pytestmark = pytest.mark.browser

if not CHROMIUM:
    pytest.skip("Debian's chromium is not installed (bin/test installs it)", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

base = site_browser.base  # the fixtures: over http and from the file system
page = site_browser.page

ZUCKERBERG_FR = "L’IA selon Zuckerberg"
ZUCKERBERG_EN = "AI according to Zuckerberg"
COSMOS_FR = "NVIDIA révolutionne l’IA avec Cosmos"
COSMOS_EN = "NVIDIA revolutionises AI with Cosmos"
NVLM_FR = "NVIDIA lance NVLM 1.0"
NVLM_EN = "NVIDIA launches NVLM 1.0"


def titles(results: list[str]) -> list[str]:
    return [r.split(" | ")[0] for r in results]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Artemis", ZUCKERBERG_FR),  # a body word, deep in a section
        ("bricoleur", COSMOS_FR),  # another
        ("zukerberg", ZUCKERBERG_FR),  # one letter missing (9 letters: two edits allowed)
        ("bricolleur", COSMOS_FR),  # one letter too many
        ("securite", ZUCKERBERG_FR),  # "sécurité"
        ("IA", ZUCKERBERG_FR),  # "l’IA"
        ("puissances", ZUCKERBERG_FR),  # the articles say "puissance": Snowball stems both "puissanc"
        ("lancerait", NVLM_FR),  # "lance", "lancer": only their stem, "lanc", finds them
        ("xuckerberg", ZUCKERBERG_FR),  # a typo in the first two letters: a letter replaced,
        ("uzckerberg", ZUCKERBERG_FR),  # two swapped,
        ("azuckerberg", ZUCKERBERG_FR),  # one too many,
        ("ricoleur", COSMOS_FR),  # one left out (8 letters: one edit)
        ("puce", "La récente technologie"),  # "puces"
        ("bricol", COSMOS_FR),  # a prefix, while typing
    ],
)
def test_french_queries(page, base, query, expected):
    page.goto(base + "index.html")
    results = search(page, query)
    assert any(expected in title for title in titles(results)), results
    assert results and not any("/en/" in r for r in results), results


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Artemis", ZUCKERBERG_EN),
        ("chip", ZUCKERBERG_EN),
        ("zuckerberk", ZUCKERBERG_EN),
        ("families", NVLM_EN),  # "family": Porter2 stems both "famili"
        ("bmillion", COSMOS_EN),  # a letter too many in front
    ],
)
def test_english_queries_find_english_pages_only(page, base, query, expected):
    page.goto(base + "en/index.html")
    results = search(page, query)
    assert any(expected in title for title in titles(results)), results
    assert all("/en/" in r for r in results), results


def test_title_matches_rank_above_body_mentions(page, base):
    page.goto(base + "index.html")
    # The oldest article has "puissance" in its title; the others only in their body.
    results = titles(search(page, "puissance"))
    assert len(results) > 1 and ZUCKERBERG_FR in results[0], results


def test_results_show_date_kind_and_the_passage_that_matched(page, base):
    page.goto(base + "index.html")
    search(page, "Artemis")
    first = page.locator(".md-search-result__article").first
    expect(first.locator(".md-tag")).to_have_text(["2 février 2024", "Article"])
    expect(first.locator("p mark")).to_have_text(["Artemis"])  # the body passage, not the lead
    expect(first.locator("h1")).to_contain_text(ZUCKERBERG_FR)


def test_highlighting_and_missing_words_agree_with_the_match(page, base):
    page.goto(base + "index.html")
    # No article has both words: each result shows the one it has and says which is missing.
    search(page, "artemis bricoleur")
    articles = page.locator(".md-search-result__article")
    expect(articles).to_have_count(2)
    for index in range(2):
        article = articles.nth(index)
        marked = article.locator("mark").first.inner_text().lower()
        missing = article.locator(".md-search-result__terms del").inner_text()
        assert {marked, missing} == {"artemis", "bricoleur"}
    # A typo marks the word as written in the article, and nothing is missing.
    search(page, "zukerberg")
    first = page.locator(".md-search-result__article").first
    expect(first.locator("h1 mark")).to_have_text(["Zuckerberg"])
    expect(first.locator(".md-search-result__terms")).to_have_count(0)


def test_keyboard_reaches_and_opens_a_result(page, base):
    page.goto(base + "index.html")
    search(page, "bricoleur")
    page.locator("input.md-search__input").press("ArrowDown")
    expect(page.locator(".md-search-result__link").first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text(COSMOS_FR)


def test_an_exact_match_keeps_the_typo_search_of_other_shards_out(page, base):
    page.goto(base + "en/index.html")
    # "billion" is in one article, "million", one letter away in another shard, in another:
    # the word is found, so no shard it could be a typo from is searched.
    results = titles(search(page, "billion"))
    assert results and all(NVLM_EN in title for title in results), results


STEM_WORDS = """async ({ scripts, words, lang }) => {
  // As the worker loads them (news-search.js, loadStemmer): a stand-in lunr, a CommonJS module.
  window.lunr = { Pipeline: { registerFunction() {} }, generateStopWordFilter: () => () => undefined };
  window.module = { exports: null };
  for (const src of scripts) {
    await new Promise((resolve, reject) => {
      const element = Object.assign(document.createElement("script"), { src, onload: resolve, onerror: reject });
      document.head.appendChild(element);
    });
  }
  const stem = (window.lunr[lang] && window.lunr[lang].stemmer) || window.module.exports;
  return words.map((word) => stem(word));
}"""


@pytest.mark.parametrize(("lang", "folder"), [("fr", "search"), ("en", "en/search")])
def test_the_browsers_stemmer_agrees_with_the_index(page, base, built_site, lang, folder):
    # The scripts the manifest names, from the built site, on every word of the fixture's index
    # (letters only, as the worker stems them), against Python's snowballstemmer. They are
    # other ports of Snowball (lunr-languages' French is older than snowballstemmer 3, and so
    # is the Porter2 we vendor): a few words differ ("mauvais": "mauv" against "mauvais").
    files = read_index(built_site / folder)
    scripts = files["manifest"]["stemmer"]
    assert len(scripts) == {"fr": 2, "en": 1}[lang], scripts
    words = sorted({w for name, data in files.items() if name.startswith("shards/") for w in data["w"] if w.isalpha()})
    examples = {"fr": {"puissances": "puissanc", "securites": "securit"}, "en": {"families": "famili", "chips": "chip"}}
    page.goto(base + "index.html")
    asked = {"scripts": [base + path for path in scripts], "words": [*words, *examples[lang]], "lang": lang}
    stems = dict(zip(asked["words"], page.evaluate(STEM_WORDS, asked), strict=True))
    differ = {word: stems[word] for word in words if stems[word] != folded_stem(word, lang)}
    assert len(differ) / len(words) <= 0.01, differ
    assert {word: stems[word] for word in examples[lang]} == examples[lang]
