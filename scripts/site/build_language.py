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

from scripts.common.paths import LANGUAGES
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


def building_language(config) -> str | None:
    """The language this build makes: `build_only_locale`, or in a build of every language the
    theme's language, which static-i18n sets for each language's build (`reconfigure_material`)
    in its on_config, before any on_files. None when neither says a language of the site."""
    lang = only_language(config) or config.theme.get("language")
    return lang if lang in LANGUAGES else None


def this_language_only(files: Files, config) -> Files:
    """Leave out the other languages' folders of docs/, before static-i18n maps the files.

    static-i18n maps every file of docs/ in each language's build (its `reconfigure_files`), only
    to set the other languages' pages aside: at 10,000 articles per language that was a third of
    a preview's rebuild, twice over. What it would derive from them is unused here: the pairs of
    editions (the switcher, hreflang, the sitemap's alternates) come from the hooks' PageMap, since
    an English edition has its own slug, and with `fallback_to_default` off no French page stands
    in for a missing English one. With it on, every file is kept, as static-i18n needs them."""
    i18n = config.plugins.get("i18n")
    lang = building_language(config)
    if i18n is None or lang is None or i18n.config.fallback_to_default:
        return files
    others = tuple(f"{other}/" for other in LANGUAGES if other != lang)
    return Files([file for file in files if not (file.src_dir == config.docs_dir and file.src_uri.startswith(others))])
