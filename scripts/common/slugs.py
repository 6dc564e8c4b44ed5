"""How titles and names become file names (python-slugify), shared by ingest and the site.

An English edition's file keeps its French article's slug (docs/en/articles/<French slug>.md:
that pairs the editions), but the site publishes it under a slug made from its English title
(en/articles/nvidia-launches-nvlm-1-0-….html). `published_path` says where a page is published;
the site registers English names as it loads the articles (scripts/site/catalogue.py).
"""

from __future__ import annotations

import functools

from slugify import slugify

MAX_SLUG_LENGTH = 80
# "l’IA" must give "l-ia", not "lia": an apostrophe separates words in French.
APOSTROPHES = [["’", "-"], ["'", "-"]]

# (lang, path in docs/<lang>/) -> the path it is published under, when not its own.
_PUBLISHED: dict[tuple[str, str], str] = {}


@functools.lru_cache(maxsize=1 << 16)  # every build slugs every English title again (the catalogue)
def title_slug(title: str) -> str:
    """A slug from a title, as ingest makes French ones."""
    return slugify(title, max_length=MAX_SLUG_LENGTH, word_boundary=True, save_order=True, replacements=APOSTROPHES)


def publish_under(lang: str, names: dict[str, str]) -> None:
    """Record the published slug of a language's articles (file slug -> published slug)."""
    for key in [key for key in _PUBLISHED if key[0] == lang]:
        del _PUBLISHED[key]
    for slug, published in names.items():
        if published != slug:
            _PUBLISHED[(lang, f"articles/{slug}.md")] = f"articles/{published}.md"


def published_path(lang: str, path: str) -> str:
    """Where a page of docs/<lang>/ is published (a path of the same form, `articles/x.md`)."""
    return _PUBLISHED.get((lang, path), path)
