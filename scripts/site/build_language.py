"""One language's build: which files it takes, and what the hooks do differently when
static-i18n's `build_only_locale` is set.

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
    """The language this build makes, or None when nothing says so."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return None
    # A build of every language: static-i18n sets the theme's language to the one it builds, in
    # its on_config (before any on_files), but only where it reconfigures Material.
    reconfigured = i18n.config.reconfigure_material and config.theme.name == "material"
    lang = only_language(config) or (config.theme.get("language") if reconfigured else None)
    return lang if lang in LANGUAGES else None


def leave_out_other_languages(files: Files, config) -> Files:
    """This build's files without the other languages' folders of docs/."""
    # static-i18n maps every file of docs/ in each language's build (`reconfigure_files`), only to
    # set the other languages' pages aside: a quarter to a third of a preview's rebuild at 10,000
    # articles per language. What it derives from them is not used: it pairs pages by path, while
    # an English edition has its own slug and the hooks pair editions (switcher, hreflang,
    # sitemap); a preview's own sitemap.xml from static-i18n loses its alternates, and nothing
    # reads it. With `fallback_to_default` a French page stands in for a missing English one, so
    # every file is kept. A new collection rather than Files.remove, which is linear in the files.
    i18n = config.plugins.get("i18n")
    lang = building_language(config)
    if lang is None or i18n.config.fallback_to_default:
        return files
    others = tuple(f"{other}/" for other in LANGUAGES if other != lang)
    return Files([file for file in files if not (file.src_dir == config.docs_dir and file.src_uri.startswith(others))])
