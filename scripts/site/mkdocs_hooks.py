"""MkDocs hooks (mkdocs.yml `hooks:`): the site's build-time logic, kept out of the templates.

- on_config: refuse to build pages that fail the schema or name a company or topic missing from
  data/ (the allow-list, like Material's `tags_allowed`); warn, which fails `--strict`, when the
  listing pages are stale. Under `mkdocs serve` (on_startup says so), ingest new sources and
  regenerate the listing pages first; on_serve watches data/ and sources/ (scripts/site/serve.py).
- on_files: leave the other languages' folders of docs/ out before static-i18n maps the files
  (scripts/site/build_language.py); after it, refuse symbolic links and place English editions.
- on_page_context: the `news` template variable (scripts/site/context.py).
- on_post_build: per-language search indexes, feeds, the sitemap.

A plain `mkdocs build` (or `mkdocs serve`): static-i18n builds each language in turn with these
same hooks; the state computed for the first build serves the others, and on_post_build writes
every language's index and feed, and the sitemap, once all are built. `python -m scripts build`
runs one build per language (static-i18n's `build_only_locale`, scripts/site/build_language.py):
each writes its own index and feed, the default language's the sitemap, and the assembly moves
them into place (scripts/site/build_site.py).
"""

from __future__ import annotations

import functools
import logging
import sys
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.toc import get_toc

# MkDocs imports this file by path: make the repository's `scripts` package importable.
REPO_ROOT = Path(__file__).resolve().parent.parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from scripts.common.files import symlinks_under, through_symlink  # noqa: E402
from scripts.common.paths import LANGUAGES, Project  # noqa: E402
from scripts.model.registry import load_registry  # noqa: E402
from scripts.site.build_language import leave_out_other_languages, only_language, relocate_pages  # noqa: E402
from scripts.site.build_site import check_pages, existing_pages  # noqa: E402
from scripts.site.catalogue import Catalogue  # noqa: E402
from scripts.site.context import SiteContext, long_article, page_context, word_count  # noqa: E402
from scripts.site.csp import blocked_inline_code, compact_html, render_policy  # noqa: E402
from scripts.site.feeds import write_feeds  # noqa: E402
from scripts.site.listings import diff_pages, generate_pages  # noqa: E402
from scripts.site.not_found import relative_not_found  # noqa: E402
from scripts.site.pairs import DEFAULT_LANGUAGE, PageMap  # noqa: E402
from scripts.site.published import publish_files, write_redirect  # noqa: E402
from scripts.site.search_index import write_indexes  # noqa: E402
from scripts.site.serve import (  # noqa: E402
    CompiledTemplates,
    check_pages_cached,
    ingest_changes,
    regenerate_listings,
    watched,
)
from scripts.site.serve_index import PreviewIndex, entries_json, page_entries, write_entries  # noqa: E402
from scripts.site.share_image import write_article_share_image  # noqa: E402
from scripts.site.sitemap import write_robots, write_sitemap  # noqa: E402
from scripts.site.strings import SECTIONS  # noqa: E402

log = logging.getLogger("mkdocs.hooks.news")
_site: SiteContext | None = None
_depth = 0  # builds under way: 2 while static-i18n builds another language inside the first
_lang = "fr"  # the language being built: its pages' (on_files), for the 404 page
_serving = False  # `mkdocs serve`: a preview brings docs/ up to date with sources/ and data/
_preview_index = PreviewIndex()  # a preview's rebuild indexes beside the server (serve_index.py)
_compiled_templates = CompiledTemplates()  # a preview's rebuilds compile each template once (serve.py)
# A preview's search entries, by page (serve_index.py says why not Material's).
_preview_entries: dict[str, bytes] = {}  # as entries_json
_built_urls: set[str] = set()  # the pages of this build, every language's (on_files)
_words: dict[str, int] = {}  # words of each page's Markdown, from rendering it to writing it


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def on_shutdown():
    _preview_index.close()


def on_serve(server, config, builder):
    for folder in watched(_project(config)):
        server.watch(str(folder))
    return server


def _project(config) -> Project:
    return Project(Path(config.config_file_path).resolve().parent)


def on_config(config):
    global _site
    if _depth > 0 and _site is not None:
        return config  # a language build inside one `mkdocs build`: the state is the same
    project = _project(config)
    if _serving:
        _preview_index.stop()  # it would index pages this build is about to change
        _built_urls.clear()
        ingest_changes(project)
    registry, problems = load_registry(project)
    # One language's build (`python -m scripts build`) checks its own pages; each is checked once.
    only = only_language(config)
    check = check_pages_cached if _serving else check_pages
    problems += check(project, registry, (only,) if only else LANGUAGES)
    if problems:
        raise PluginError("pages or data files are invalid (`python -m scripts check`):\n" + "\n".join(problems))
    catalogues = {lang: Catalogue.load(project, lang, registry) for lang in LANGUAGES}
    for problem in (p for catalogue in catalogues.values() for p in catalogue.skipped):
        # Another language's page (this build checked its own): say why, not only that the
        # listing pages now differ. A warning: `--strict` stops.
        log.warning("%s (left out of the listings and links)", problem)
    if _serving:
        regenerate_listings(project, registry, catalogues)
    elif stale := diff_pages(project, generate_pages(project, registry, catalogues)):
        log.warning("%d listing page(s) are stale: run `python -m scripts pages`", len(stale))
    existing = existing_pages(project)
    pages = PageMap.build(registry, existing)
    _site = SiteContext(catalogues, pages, config.site_url or "", project.articles("fr"))
    return config


def on_pre_build(config):
    global _depth
    _depth += 1


# Just before static-i18n's own (-100): it need not map the other languages' pages.
@event_priority(-90)
def _on_files_early(files, config):
    return leave_out_other_languages(files, config)


# After static-i18n's own (-100), which maps docs/<lang>/ to where the build writes it.
@event_priority(-150)
def _on_files_late(files, config):
    global _lang
    pages = files.documentation_pages()
    _lang = _language_path(pages[0].src_uri)[0] if pages else _lang
    # MkDocs follows symbolic links: a link in docs/ to /etc/passwd or /proc/self/environ would be
    # published as a page or an asset. A contributed tree has no reason to hold one.
    links = symlinks_under(config.docs_dir)
    for file in files if links else ():
        if file.abs_src_path and through_symlink(file.abs_src_path, links):
            raise PluginError(f"docs/{file.src_uri}: a symbolic link; pages and assets must be real files")
    # English editions under English slugs (scripts/common/slugs.py), once static-i18n has placed them.
    files = publish_files(relocate_pages(files, config), config)
    _built_urls.update(file.url for file in files.documentation_pages())
    return files


on_files = CombinedEvent(_on_files_early, _on_files_late)  # MkDocs' documented way to two priorities


def on_build_error(error):
    global _depth
    _depth = 0


def on_page_content(html, page, config, files):
    # Material prints page.title as HTML in its header, and so do its search results (which take
    # the title from page.meta). Make the title escaped text before any template or plugin reads
    # it; Markup, so that our templates' `| e` does not escape it twice.
    if "title" in page.meta and not isinstance(page.meta["title"], Markup):
        page.meta["title"] = escape(str(page.meta["title"]))
    if page.title is not None and not isinstance(page.title, Markup):
        page.title = escape(str(page.title))
    # Here, not later: a preview takes every page out of Material's index just below, and
    # whether a page is out of search on its own (a generated page) decides its link.
    lang, path = _language_path(page.file.src_uri)
    page.edit_url = edit_url(config.extra.get("repository", ""), lang, path, page.meta)
    if _serving:
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            _preview_entries.pop(page.url, None)
        else:
            _preview_entries[page.url] = entries_json(page_entries(page.url, str(page.title or ""), html))
        page.meta["search"] = {**search, "exclude": True}
    # MkDocs keeps every page's Markdown and HTML until the build ends, and renders them all
    # before writing any. Only the Markdown's length is wanted once it is HTML (reading time):
    # keep that and let the Markdown go, about 80 MB per language's build at 10,000 articles.
    if path.startswith("articles/"):  # the pages that show a reading time
        _words[page.url] = word_count(page.markdown or "")
    page.markdown = None
    return html


def _language_path(src_uri: str) -> tuple[str, str]:
    lang, _, path = src_uri.partition("/")
    return (lang, path) if lang in LANGUAGES else ("fr", src_uri)


def on_page_context(context, page, config, nav):
    if _site is None:
        return context
    words = _words.pop(page.url, 0)
    if page.file.src_uri.partition("/")[2].startswith("articles/") and not long_article(page.toc, words):
        page.meta["hide"] = [*(page.meta.get("hide") or []), "toc"]  # a short article needs no contents
    if "toc" in (page.meta.get("hide") or []):
        # Material still puts a hidden table of contents into the mobile menu: on a listing,
        # one entry per article card. Drop it.
        page.toc = get_toc([])
    lang, path = _language_path(page.file.src_uri)
    context["news"] = page_context(_site, lang, path, page.url, words)
    write_article_share_image(context["news"], Path(page.file.abs_dest_path), _project(config).root)
    write_redirect(page, context["news"], context["news"]["canonical"])  # from an edition's old address
    return context


def edit_url(repository: str, lang: str, path: str, meta: dict) -> str | None:
    """Where a contributor changes what a page shows: its Markdown, or what it is generated from."""
    if not repository:
        return None
    base = repository.rstrip("/")
    if not (meta.get("search") or {}).get("exclude"):  # a page written by hand
        return f"{base}/edit/main/docs/{lang}/{path}"
    folder = path.split("/")[0]
    if folder == SECTIONS[lang]["companies"] and not path.endswith("index.md"):
        return f"{base}/edit/main/data/companies.yml"
    if folder == SECTIONS[lang]["topics"] and not path.endswith("index.md"):
        return f"{base}/edit/main/data/topics.yml"
    return f"{base}/blob/main/CONTRIBUTING.md"


def on_env(env, config, files):
    env.filters["news_csp"] = functools.partial(render_policy, preview=_serving)
    if _serving:
        env.bytecode_cache = _compiled_templates
    return env


def on_post_page(output, page, config):
    output = compact_html(output)
    # A preview's policy allows inline scripts (scripts/site/csp.py): builds do the check.
    for code in [] if _serving else blocked_inline_code(output):
        # The policy would block it: a template whose script changed, or markup from a value.
        log.warning("%s: inline code its Content-Security-Policy blocks: %.80r", page.file.src_uri, code)
    # Nothing reads a page's HTML once it is written (anchor checks use what rendering
    # recorded): let it go (on_page_content says why).
    page.content = None
    return output


_not_found_pages: dict[str, str] = {}


def on_post_template(output_content, template_name, config):
    # Each language's build renders 404.html to the same place, the last (English) winning:
    # keep each, and put them back once both are built (French at the root, as the site).
    if template_name == "404.html":
        # Compacted as every page is: its policy's hashes are those of the compacted scripts.
        output_content = compact_html(output_content)
        lang = _lang
        output_content = relative_not_found(output_content, lang)  # styled from the file system too
        _not_found_pages[lang] = output_content
    return output_content


# After static-i18n (-100): in a plain `mkdocs build`, it builds the other languages and writes
# the merged search index in its own on_post_build.
@event_priority(-200)
def on_post_build(config):
    global _depth
    _depth -= 1
    only = only_language(config)
    if _site is None or _depth > 0:
        return  # static-i18n's build of another language inside this one: the outer one does the rest
    site_dir, site_url = Path(config.site_dir), config.site_url or ""
    # One language's build of `python -m scripts build` writes that language's index and feed,
    # each language on its own core; the default language's also writes the sitemap of every
    # language (its alternates: this build has every page's address already). The assembly then
    # only moves folders, and holds nothing of the site in memory. static-i18n's merged index
    # has every language's entries; a preview of one language (`NEWS_BUILD_LOCALE=fr mkdocs
    # serve`, twice as fast) indexes that language.
    one_of_several = bool(only) and not _serving
    languages = (only,) if only else LANGUAGES
    if not _serving:
        write_indexes(site_dir, languages, _site.catalogues)
    else:
        # A page deleted or renamed since: a dirty build leaves its old HTML, not its entries.
        for url in [url for url in _preview_entries if url not in _built_urls]:
            del _preview_entries[url]
        entries = [_preview_entries[url] for url in sorted(_preview_entries)]
        if _preview_index.indexed:
            _preview_index.refresh(site_dir, _project(config), languages, entries)
        else:  # the first build indexes in the build, then keeps its index for the next ones
            write_entries(site_dir, entries)
            write_indexes(site_dir, languages, _site.catalogues)
            _preview_index.keep(site_dir, languages)
    feeds = {only: _site.catalogues[only]} if one_of_several else _site.catalogues
    write_feeds(site_dir, feeds, site_url)
    if not _serving and DEFAULT_LANGUAGE in languages:
        # Not in a preview, which has no crawlers: MkDocs writes its own sitemap at each rebuild
        # anyway, and the site's took most of a second at 10,000 articles per language.
        write_sitemap(site_dir, _site.pages, site_url)
        write_robots(site_dir, site_url)
    if one_of_several:
        return  # the assembly puts each language's 404 page in place
    for lang, output in _not_found_pages.items():
        target = site_dir / "404.html" if lang == "fr" else site_dir / lang / "404.html"
        target.write_text(output, encoding="utf-8")
