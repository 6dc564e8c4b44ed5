"""One language's build: what the hooks do differently when static-i18n's `build_only_locale` is set.

`python -m scripts build` (scripts/site/build_site.py) runs one `mkdocs build` per language,
each with `build_only_locale` (mkdocs.yml reads it from NEWS_BUILD_LOCALE). static-i18n then
makes that language the default one and maps docs/<lang>/ to the root of the build. For the
default language that is where its pages go anyway; another language's pages are put back
under <lang>/ (relocate_pages), where a build of every language puts them, so that each page's
links, canonical address and assets are the same bytes either way. Each build writes its own
language's search index and feed, the default language's also the sitemap of every language
(the hooks' on_post_build); the assembly puts each language in place, with its 404 page.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files

from scripts.site.pairs import DEFAULT_LANGUAGE


def only_language(config) -> str | None:
    """The language this build is limited to (static-i18n's `build_only_locale`), or None."""
    i18n = config.plugins.get("i18n")
    return i18n.config.build_only_locale if i18n is not None else None


def relocate_pages(files: Files, config) -> Files:
    """In a build of one language other than the site's default, put docs/ files under <lang>/."""
    lang = only_language(config)
    if lang is None or lang == DEFAULT_LANGUAGE:
        return files
    docs, site_dir = Path(config.docs_dir).resolve(), config.site_dir
    for file in files:
        if file.abs_src_path is None or not Path(file.abs_src_path).resolve().is_relative_to(docs):
            continue  # the theme's files stay at the root, where every build puts them
        # As static-i18n does for a language that is not the default one (folder.py).
        moved = File(file.src_uri, file.src_dir, site_dir, file.use_directory_urls, dest_uri=f"{lang}/{file.dest_uri}")
        file.dest_uri, file.url, file.abs_dest_path = moved.dest_uri, moved.url, moved.abs_dest_path
    return files
