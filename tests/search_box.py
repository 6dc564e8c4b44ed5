"""Asking Material's search box one question in a real browser, with nothing left to chance.

Material searches on each keyup in its box. Typed a letter at a time, a query asks for every
prefix on the way ("N", "NV", …), and the results of an early prefix can be on screen, then
replaced (and faded in again) by the next ones: a test reading them, or measuring them, after
the first results came would be racing the browser. So the box is given all but the query's
last letter without a keystroke, and that letter is typed: one keyup, one search.

Its results are known to be there when the results' heading no longer says the placeholder:
the test puts the placeholder there itself before typing, so the heading of a previous search
cannot pass for this one's. Material writes the heading and the first results in one go.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

TRANSLATIONS = "JSON.parse(document.getElementById('__config').textContent).translations"
# Material's search is ready once its results' heading has said something other than its
# initializer ("Initialisation de la recherche"): on ready it searches for what the box holds,
# empty at first, and says the placeholder. A query typed before that would be searched twice
# (when typed, and again on ready), possibly a prefix of it on ready.
READY = f"""() => {{
  const t = {TRANSLATIONS};
  const text = document.querySelector(".md-search-result__meta").textContent.trim();
  const [before, after] = t["search.result.other"].split("#");
  return [t["search.result.placeholder"], t["search.result.none"], t["search.result.one"]].includes(text)
    || (/\\d/.test(text) && text.startsWith(before) && text.endsWith(after));
}}"""


def ask(page: Page, query: str, timeout: float = 15_000) -> None:
    """Search for query in the page's search box and wait for its results (or for "none found").
    A query the box already holds is not searched again by Material: ask another. At least two
    letters: emptying the box (Playwright's fill("")) is a keystroke, and searches."""
    assert len(query) >= 2, "a one-letter query would be searched twice"
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.wait_for_function(READY, timeout=timeout)
    field = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    placeholder = page.evaluate(f"{TRANSLATIONS}['search.result.placeholder']")
    field.fill(query[:-1])  # no keyup: Material does not search for it
    meta.evaluate("(element, text) => { element.textContent = text; }", placeholder)
    field.type(query[-1])
    expect(meta).not_to_have_text(placeholder, timeout=timeout)
