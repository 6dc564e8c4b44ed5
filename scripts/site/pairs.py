"""Which page of one language is the same page in the other: the language switcher, hreflang
alternates and the sitemap all follow this map.

Articles pair by slug. Listings pair by what they list: /entreprises/nvidia.html and
/en/companies/nvidia.html, /sujets/chine.html and /en/topics/china.html.
"""

from __future__ import annotations

from dataclasses import dataclass

from scripts.common.paths import LANGUAGES
from scripts.common.slugs import published_path
from scripts.model.registry import Registry
from scripts.site.catalogue import label_slug
from scripts.site.strings import SECTIONS

DEFAULT_LANGUAGE = "fr"


def url_of(lang: str, path: str) -> str:
    """The site URL (relative to the site root) of a page given by its path in docs/<lang>/
    (an English edition under its English slug: scripts/common/slugs.py)."""
    html = published_path(lang, path).removesuffix(".md") + ".html"
    return html if lang == DEFAULT_LANGUAGE else f"{lang}/{html}"


def absolute_url(site_url: str, lang: str, path: str) -> str:
    """The address of a page on the live site, for crawlers and feed readers."""
    return site_url.rstrip("/") + "/" + url_of(lang, path)


@dataclass
class PageMap:
    """Every page of every language under a language-independent key."""

    paths: dict[tuple[str, str], str]  # (lang, key) -> path in docs/<lang>/
    keys: dict[tuple[str, str], str]  # (lang, path) -> key

    @classmethod
    def build(cls, registry: Registry, existing: dict[str, set[str]]) -> PageMap:
        """existing: per language, the paths of the Markdown pages found in docs/<lang>/."""
        topic_by_slug = {lang: {label_slug(t.labels[lang]): t.id for t in registry.topics} for lang in LANGUAGES}
        paths, keys = {}, {}
        for lang in LANGUAGES:
            sections = SECTIONS[lang]
            for path in existing.get(lang, set()):
                key = _key(path, sections, topic_by_slug[lang])
                paths[(lang, key)] = path
                keys[(lang, path)] = key
        return cls(paths, keys)

    def counterpart(self, lang: str, path: str, other: str) -> str | None:
        """The path in docs/<other>/ of the same page, or None when it has none."""
        key = self.keys.get((lang, path))
        return self.paths.get((other, key)) if key else None


def _key(path: str, sections: dict[str, str], topic_ids: dict[str, str]) -> str:
    folder, _, name = path.rpartition("/")
    stem = name.removesuffix(".md")
    if path == f"{sections['archive']}.md":
        return "archive"
    if folder == sections["companies"]:
        return "companies" if stem == "index" else f"company:{stem}"
    if folder == sections["topics"]:
        return "topics" if stem == "index" else f"topic:{topic_ids.get(stem, stem)}"
    return f"page:{path}"  # the home page and articles share their path across languages
