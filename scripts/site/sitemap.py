"""The sitemap: every page of both languages, with its hreflang alternates and x-default.

The same alternates are in each page's <head>; search engines accept either.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from scripts.site.pairs import DEFAULT_LANGUAGE, PageMap, absolute_url, url_of


def render_sitemap(pages: PageMap, site_url: str) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    by_key: dict[str, dict[str, str]] = {}  # key -> {lang: path}, one pass (not one per page)
    for (lang, key), path in pages.paths.items():
        by_key.setdefault(key, {})[lang] = path
    for (lang, key), path in sorted(pages.paths.items(), key=lambda item: url_of(item[0][0], item[1])):
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(absolute_url(site_url, lang, path))}</loc>")
        alternates = by_key[key]
        if len(alternates) > 1:
            for other, other_path in sorted(alternates.items()):
                href = quoteattr(absolute_url(site_url, other, other_path))
                lines.append(f'    <xhtml:link rel="alternate" hreflang={quoteattr(other)} href={href}/>')
            if DEFAULT_LANGUAGE in alternates:
                href = quoteattr(absolute_url(site_url, DEFAULT_LANGUAGE, alternates[DEFAULT_LANGUAGE]))
                lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href={href}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_sitemap(site_dir: Path, pages: PageMap, site_url: str) -> None:
    """Replace the per-build sitemaps MkDocs wrote (each language overwrote the other's)."""
    text = render_sitemap(pages, site_url)
    (site_dir / "sitemap.xml").write_text(text, encoding="utf-8")
    # mtime=0: the same sitemap gives the same bytes.
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode(), mtime=0))
    for lang_sitemap in site_dir.glob("*/sitemap.xml*"):
        lang_sitemap.unlink()


def write_robots(site_dir: Path, site_url: str) -> None:
    """robots.txt: everything may be crawled; where the sitemap is."""
    sitemap = site_url.rstrip("/") + "/sitemap.xml"
    (site_dir / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n", encoding="utf-8")
