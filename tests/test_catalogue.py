"""Related articles: ranked by what they share, then by closeness in time, then by slug."""

import datetime as dt

from scripts.site.catalogue import Catalogue, Entry


def entry(slug: str, day: int, companies: tuple[str, ...] = (), tags: tuple[str, ...] = ()) -> Entry:
    return Entry("fr", slug, slug, dt.date(2026, 1, 1) + dt.timedelta(days=day), "", companies, tags, {})


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
