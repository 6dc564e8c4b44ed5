"""The quality report: each reader over the corpus, next to jusText and trafilatura alone."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from pathlib import Path

import lxml.html

from scripts.common.errors import SourceError
from scripts.common.paths import Project
from scripts.model.article import Block
from scripts.quality.corpus import CORPUS, Page, load_corpus
from scripts.quality.metrics import Score, score_page
from scripts.reading.cleaning import load_rules
from scripts.reading.readers import reader_for
from scripts.reading.readers.outlets import outlet_key, shared_lines
from scripts.reading.readers.text import read_text
from scripts.reading.structure import structure

# jusText's stop-word lists by the corpus pages' language codes.
JUSTEXT_LANGUAGES = {
    "fr": "French",
    "en": "English",
    "de": "German",
    "es": "Spanish",
    "pt": "Portuguese",
    "cs": "Czech",
}
START = "<!-- quality-report:start -->"
END = "<!-- quality-report:end -->"
# A saved page's address: <link rel="canonical" href="…">, <meta property="og:url" content="…">.
CANONICAL_RE = re.compile(r"<link[^>]+rel=[\"']canonical[\"'][^>]*href=[\"']([^\"']+)", re.IGNORECASE)
OG_URL_RE = re.compile(r"property=[\"']og:url[\"'][^>]*content=[\"']([^\"']+)", re.IGNORECASE)
GENERATED_RE = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)

Extraction = tuple[list[str], str | None]


def _block_texts(blocks: list[Block]) -> list[str]:
    return [text for block in blocks for text in ((block.text,) if block.text else block.items)]


def extract_ours(project: Project, suffix: str, text: str, shared: frozenset[str] = frozenset()) -> Extraction:
    """What ingest publishes for a source: the body's blocks and the title. `shared`: the lines
    its outlet's other sources show too, as ingest's pre-pass finds them (copied text only)."""
    path = Path("page" + suffix)
    try:
        document = read_text(path, text, shared) if shared else reader_for(path)(path, text)
        article = structure(document, load_rules(project.cleaning_rules), author=document.meta.author)
    except SourceError:
        return [], None
    return _block_texts(article.blocks), document.meta.title or article.title


def extract_justext(page: Page) -> Extraction:
    """jusText over the copied text, one paragraph a line (it finds no title)."""
    import justext

    html = "<html><body>" + "".join(f"<p>{escape(line)}</p>" for line in page.copied().split("\n")) + "</body></html>"
    stoplist = justext.get_stoplist(JUSTEXT_LANGUAGES.get(page.lang, "English"))
    paragraphs = justext.justext(html.encode("utf-8"), stoplist, encoding="utf-8")
    return [p.text for p in paragraphs if not p.is_boilerplate], None


def extract_trafilatura(page: Page) -> Extraction:
    """trafilatura with its default settings over the saved HTML."""
    import trafilatura

    document = trafilatura.bare_extraction(page.html(), with_metadata=True)
    if document is None or not document.text:
        return [], getattr(document, "title", None)
    return document.text.split("\n"), document.title


def visible_headline(html: str) -> str | None:
    """The page's one <h1>'s text; None when it has none or several (a book's chapters)."""
    headings = [" ".join(h.text_content().split()) for h in lxml.html.fromstring(html).xpath("//h1")]
    headings = [h for h in headings if h]
    return headings[0] if len(headings) == 1 else None


def _groups(page: Page) -> tuple[str, ...]:
    # French pages are what the site ingests; the others test that nothing is tuned to one site.
    return ("all pages", "French pages" if page.lang == "fr" else "other languages")


def page_address(html: str) -> str | None:
    """The page's canonical address (or og:url), which gives its outlet as a manifest's `url:` would."""
    found = CANONICAL_RE.search(html) or OG_URL_RE.search(html)
    return found.group(1) if found else None


def evaluate(project: Project, pages: list[Page]) -> dict[tuple[str, str, str], Score]:
    """Scores by (pages, form, reader) over the pages: all of them, the French ones, the others."""
    # Ingest's outlet pre-pass over the corpus: pages of one outlet (nytimes, lefigaro, medium…)
    # share their menus and footers, as sources with the same host in `url:` would.
    shared = shared_lines((p.name, outlet_key(None, page_address(p.html())), p.copied()) for p in pages)
    systems: dict[tuple[str, str], Callable[[Page], Extraction]] = {
        ("copied text", "ours (.txt reader)"): lambda p: extract_ours(
            project, ".txt", p.copied(), shared.get(p.name, frozenset())
        ),
        ("copied text", "jusText"): extract_justext,
        ("saved HTML", "ours (.html reader)"): lambda p: extract_ours(project, ".html", p.html()),
        ("saved HTML", "trafilatura alone"): extract_trafilatura,
    }
    scores: dict[tuple[str, str, str], Score] = {}
    for group in ("all pages", "French pages", "other languages"):
        for form, reader in systems:
            scores[group, form, reader] = Score()
    for page in pages:
        copied, reference = page.copied(), page.reference()
        # The copied text has no <title> and no metadata: when the reference title (the page's
        # <title> or og:title) is nowhere in it, the headline it shows, its one <h1>, is right too.
        shown = visible_headline(page.html())
        for (form, reader), extract in systems.items():
            published, title = extract(page)
            titled = reader != "jusText"
            shown_title = shown if form == "copied text" else None
            score = score_page(
                page.name, copied, reference, page.title, published, title, titled=titled, shown_title=shown_title
            )
            for group in _groups(page):
                scores[group, form, reader].add(score)
    return scores


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def format_table(scores: dict[tuple[str, str, str], Score]) -> str:
    """The report as a Markdown table."""
    lines = [
        "| pages | form | reader | article text kept | boilerplate kept | published sentences that are article text "
        "| right title | pages under 80% kept |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for (group, form, reader), score in scores.items():
        if not score.pages:
            continue
        r = score.ratios()
        lines.append(
            f"| {group} | {form} | {reader} | {_percent(r['kept'])} | {_percent(r['boilerplate'])} | "
            f"{_percent(r['precision'])} | {_percent(r['title'])} | {len(score.low_pages)} of {score.pages} |"
        )
    # The copied text's titles are also scored against the reference title alone, which the
    # copy of some pages never shows (their <title> is not the headline they print).
    strict = [
        f"{group} {_percent(score.reference_titles / score.titles)}"
        for (group, form, reader), score in scores.items()
        if form == "copied text" and score.titles
    ]
    if strict:
        lines += ["", "Copied text, right title against the reference title alone: " + ", ".join(strict) + "."]
    return "\n".join(lines)


def render_report(text: str, table: str, pages: int) -> str:
    """QUALITY.md's text with the table between the report's markers, the rest as written."""
    block = f"{START}\n{pages} pages of tests/corpus/ (`python -m scripts quality-report`).\n\n{table}\n{END}"
    if START not in text:
        text = text.rstrip("\n") + f"\n\n{START}\n{END}\n"
    return GENERATED_RE.sub(lambda _: block, text)


def write_report(path: Path, table: str, pages: int) -> bool:
    """Put the table into `path`; whether the file changed."""
    text = path.read_text(encoding="utf-8") if path.exists() else f"# Extraction quality\n\n{START}\n{END}\n"
    new = render_report(text, table, pages)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def run_report(project: Project, corpus: Path = CORPUS) -> tuple[str, dict[tuple[str, str, str], Score]]:
    """Evaluate every reader over the corpus; (Markdown table, scores)."""
    pages = load_corpus(corpus)
    scores = evaluate(project, pages)
    return format_table(scores), scores
