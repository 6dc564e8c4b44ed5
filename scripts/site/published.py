"""English editions under English slugs (scripts/common/slugs.py), and a redirect page at each old
English address (en/articles/<French slug>.html), so that no link to an edition breaks.

The redirect is a page of its own: a meta refresh (a Content-Security-Policy has no say over it;
this page's policy allows nothing else), and a link for whoever has refreshes turned off. It
works over http and from the file system alike, and asks search engines not to index it.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from mkdocs.structure.files import File, Files

from scripts.common.slugs import published_path

REDIRECT = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; base-uri 'none'; form-action 'none'">
<title>{title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p><a href="{target}">{title}</a></p>
</body>
</html>
"""


# The values a redirect page holds, escaped: no quote, no angle bracket.
REDIRECT_VALUES_RE = re.compile(
    r'<html lang="(?P<lang>[^"<>]*)">.*?<title>(?P<title>[^"<>]*)</title>.*?'
    r'<link rel="canonical" href="(?P<canonical>[^"<>]*)">.*?url=(?P<target>[^"<>]*)">',
    re.DOTALL,
)


def redirect_target(page: Path) -> str | None:
    """Where a page sends readers if it is exactly one of the redirect pages written here (its
    target's file name); None for any other page."""
    text = page.read_text(encoding="utf-8")
    found = REDIRECT_VALUES_RE.search(text) if 'http-equiv="refresh"' in text else None
    if found is None or REDIRECT.format(**found.groupdict()) != text:
        return None
    return found["target"]


def _language_path(file: File, docs: Path) -> tuple[str, str] | None:
    if file.abs_src_path is None:
        return None
    try:
        # Both made from the configuration's docs_dir: a path operation, no file-system call.
        relative = Path(file.abs_src_path).relative_to(docs).as_posix()
    except ValueError:
        return None
    lang, _, path = relative.partition("/")
    return lang, path


def publish_files(files: Files, config) -> Files:
    """Give each page published under another name (English editions) its output name."""
    docs = Path(config.docs_dir)
    for file in files.documentation_pages():
        found = _language_path(file, docs)
        if found is None:
            continue
        published = published_path(*found)
        if published == found[1]:
            continue
        folder = file.dest_uri.rpartition("/")[0]
        name = published.rpartition("/")[2].removesuffix(".md") + ".html"
        moved = File(file.src_uri, file.src_dir, config.site_dir, file.use_directory_urls, dest_uri=f"{folder}/{name}")
        file.dest_uri, file.url, file.abs_dest_path = moved.dest_uri, moved.url, moved.abs_dest_path
    return files


def write_redirect(page, news: dict | None, canonical: str) -> None:
    """At a renamed page's old address (its file's name), a page that sends readers on."""
    if not news or not news.get("article") or not page.file.abs_src_path or not page.file.abs_dest_path:
        return
    old = Path(page.file.abs_src_path).stem + ".html"
    dest = Path(page.file.abs_dest_path)
    if dest.name == old:
        return
    title = news["article"]["title"]
    (dest.parent / old).write_text(
        REDIRECT.format(
            lang=escape(news["lang"]), title=escape(title), canonical=escape(canonical), target=escape(dest.name)
        ),
        encoding="utf-8",
    )
