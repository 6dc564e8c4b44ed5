"""Related articles: ranked by what they share, then by closeness in time, then by slug."""

import dataclasses
import datetime as dt

import pytest

from scripts.model.registry import load_registry
from scripts.model.schema import ArticlePage
from scripts.site.catalogue import Catalogue, Entry, Salience
from scripts.site.listings import generate_pages
from scripts.site.strings import count_text, format_day
from tests.site_builds import FIXTURE, copy_content


def entry(slug: str, day: int, companies: tuple[str, ...] = (), tags: tuple[str, ...] = ()) -> Entry:
    date = dt.date(2026, 1, 1) + dt.timedelta(days=day)
    article = ArticlePage(title=slug, slug=slug, date=date, description=slug, lang="fr")
    return Entry("fr", slug, slug, date, slug, companies, tags, article)


def test_related_ranks_by_shared_tags_then_time_then_slug():
    this = entry("this", 10, ("Nvidia", "Meta"), ("IA", "Puces"))
    entries = [
        this,
        entry("three-far", 300, ("Nvidia", "Meta"), ("IA",)),  # shares 3, far in time
        entry("two-near", 11, ("Nvidia",), ("Puces",)),  # shares 2, a day away
        entry("two-b", 13, ("Meta",), ("IA",)),  # shares 2, three days away
        entry("two-a", 7, ("Meta",), ("Puces",)),  # shares 2, three days away: "a" before "b"
        entry("one", 10, (), ("IA",)),
        entry("none", 10, ("Apple",), ("Mobile",)),
    ]
    catalogue = Catalogue("fr", entries, registry=None)
    assert [e.slug for e in catalogue.related(this)] == ["three-far", "two-near", "two-a"]
    assert [e.slug for e in catalogue.related(this, limit=6)] == ["three-far", "two-near", "two-a", "two-b", "one"]


def test_related_is_empty_when_nothing_is_shared():
    alone = entry("alone", 0, ("Apple",), ("Mobile",))
    catalogue = Catalogue("fr", [alone, entry("other", 1, ("Nvidia",), ("IA",))], registry=None)
    assert catalogue.related(alone) == []


@pytest.mark.parametrize(
    ("day", "lang", "expected"),
    [
        (dt.date(2025, 3, 1), "fr", "1er mars 2025"),
        (dt.date(2025, 3, 2), "fr", "2 mars 2025"),
        (dt.date(2025, 1, 7), "fr", "7 janvier 2025"),
        (dt.date(2025, 1, 7), "en", "7 January 2025"),
        (dt.date(2025, 3, 1), "en", "1 March 2025"),
    ],
)
def test_dates_as_readers_write_them(day, lang, expected):
    assert format_day(day, lang) == expected


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [
        ("fr", 0, "0 article"),
        ("fr", 1, "1 article"),
        ("fr", 2, "2 articles"),
        ("en", 0, "0 articles"),
        ("en", 1, "1 article"),
        ("en", 2, "2 articles"),
    ],
)
def test_article_counts_agree_in_number(lang, n, expected):
    assert count_text(lang, n) == expected


def test_indexes_list_only_what_has_articles_most_written_about_first():
    from types import SimpleNamespace

    from scripts.site.listings import render_company_index, render_topic_index

    def company(name):
        return SimpleNamespace(name=name, description={"fr": f"{name}, une entreprise."})

    registry = SimpleNamespace(
        companies=[company(n) for n in ("Adobe", "Meta", "NVIDIA", "Alibaba", "Écho")],
        topics=[SimpleNamespace(id=t, labels={"fr": t}) for t in ("Puces", "IA", "Chine", "Énergie")],
    )
    entries = [
        entry("a", 1, ("NVIDIA", "Meta"), ("IA", "Puces")),
        entry("b", 2, ("NVIDIA", "Écho"), ("IA", "Énergie")),
        entry("c", 3, ("Meta",), ("IA",)),
    ]
    catalogue = Catalogue("fr", entries, registry=registry)
    companies = render_company_index(catalogue)
    assert "Adobe" not in companies and "Alibaba" not in companies and "0 article" not in companies
    # Two articles each, then by name (accents fold: É sorts as E); then one article.
    lines = [line for line in companies.splitlines() if line.startswith("- **")]
    assert lines == [
        "- **[Meta](meta.md)** · 2 articles",
        "- **[NVIDIA](nvidia.md)** · 2 articles",
        "- **[Écho](echo.md)** · 1 article",
    ]
    topics = [line for line in render_topic_index(catalogue).splitlines() if line.startswith("- **")]
    assert topics == [
        "- **[IA](ia.md)** · 3 articles",
        "- **[Énergie](energie.md)** · 1 article",
        "- **[Puces](puces.md)** · 1 article",
    ]


def test_chip_scores_follow_an_edited_registry():
    # A preview keeps the scores between rebuilds; a company taken out of data/ must not keep its.
    registry, _ = load_registry(FIXTURE)
    slug = sorted(FIXTURE.articles("fr").glob("*.md"))[0].stem
    before = Salience(FIXTURE, registry).scores(slug)[0]
    name = next(iter(before))
    fewer = dataclasses.replace(registry, companies=tuple(c for c in registry.companies if c.name != name))
    assert name not in Salience(FIXTURE, fewer).scores(slug)[0]
    assert Salience(FIXTURE, registry).scores(slug)[0] == before


def test_a_preview_remakes_listings_when_what_they_show_changes(tmp_path, monkeypatch):
    # Rebuilds reuse the listings while titles, dates, names and the registry stay the same, but
    # a listing page removed by hand comes back, and an edited title reaches the home page.
    from scripts.site import listings, serve

    project = copy_content(tmp_path, "docs", "data")
    registry, _ = load_registry(project)

    def catalogues():
        return {lang: Catalogue.load(project, lang, registry) for lang in ("fr", "en")}

    made = []
    monkeypatch.setattr(listings, "generate_pages", lambda *a: made.append(1) or generate_pages(*a))
    monkeypatch.setattr(serve, "_listings", None)
    serve.regenerate_listings(project, registry, catalogues())
    home = project.docs / "fr" / "index.md"
    home.unlink()
    article = sorted(project.articles("fr").glob("*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    serve.regenerate_listings(project, registry, catalogues())
    assert home.is_file() and len(made) == 1  # the body is in no listing
    text = article.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    article.write_text(text.replace(title, "title: Un titre tout neuf", 1), encoding="utf-8")
    serve.regenerate_listings(project, registry, catalogues())
    assert len(made) == 2 and "Un titre tout neuf" in home.read_text(encoding="utf-8")
