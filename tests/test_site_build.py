"""The site, built for real: produced files, page contents, feeds, JSON-LD, search indexes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import feedparser
import pytest

from scripts.site.context import long_article, word_count
from scripts.site.search_index import read_index
from tests.conftest import EN_NVLM, NVLM, add_source, run_cli
from tests.site_builds import FIXTURE, SITE_URL, build, copy_project

pytestmark = pytest.mark.build

SLUGS = sorted(p.stem for p in FIXTURE.articles("fr").glob("*.md"))
ZUCKERBERG = "l-ia-selon-zuckerberg-open-source-puissance-de-calcul-et-donnees-uniques"
SORA = "la-recente-technologie-de-conversion-texte-video-sora-d-openai-a-epoustoufle-la"
JSON_LD_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def html_files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_produced_files(built_site):
    files = html_files(built_site)
    for slug in SLUGS:
        assert f"articles/{slug}.html" in files and f"en/articles/{slug}.html" in files
    for page in (
        "index.html",
        "archives.html",
        "entreprises/index.html",
        "entreprises/nvidia.html",
        "sujets/index.html",
        "sujets/chine.html",
        "en/index.html",
        "en/archive.html",
        "en/companies/index.html",
        "en/companies/nvidia.html",
        "en/topics/index.html",
        "en/topics/china.html",
    ):
        assert page in files
    # Nothing but the two languages' pages, the 404 page and the theme's assets.
    assert all(
        f.split("/")[0] in {"articles", "entreprises", "sujets", "en", "index.html", "archives.html", "404.html"}
        for f in files
    ), files
    for extra in (
        "feed.xml",
        "en/feed.xml",
        "sitemap.xml",
        "search/search_index.json",
        "search/search_index.js",
        "en/search/search_index.json",
        "en/search/search_index.js",
        "assets/javascripts/iframe-worker-shim.js",
    ):
        assert (built_site / extra).is_file(), extra


def test_not_found_pages_in_each_language(built_site):
    assert '<html lang="fr"' in (built_site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (built_site / "en" / "404.html").read_text(encoding="utf-8")


def test_html_lang_and_switcher(built_site):
    french = (built_site / "articles" / f"{NVLM}.html").read_text(encoding="utf-8")
    english = (built_site / "en" / "articles" / f"{EN_NVLM}.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in french and '<html lang="en"' in english
    assert f'href="../en/articles/{EN_NVLM}.html" hreflang="en"' in french
    assert f'href="../../articles/{NVLM}.html" hreflang="fr"' in english
    company = (built_site / "entreprises" / "nvidia.html").read_text(encoding="utf-8")
    assert 'href="../en/companies/nvidia.html" hreflang="en"' in company
    topic = (built_site / "en" / "topics" / "china.html").read_text(encoding="utf-8")
    assert 'href="../../sujets/chine.html" hreflang="fr"' in topic


def test_article_page_contents(built_site):
    page = (built_site / "articles" / f"{NVLM}.html").read_text(encoding="utf-8")
    assert "<h1>NVIDIA lance NVLM 1.0, une famille de modèles multimodaux open source</h1>" in page
    assert '<time datetime="2024-10-02">2 octobre 2024</time>' in page
    assert "min de lecture" in page
    assert '<a class="news-chip news-chip--company" href="../entreprises/nvidia.html">NVIDIA</a>' in page
    assert (
        '<a class="news-chip news-chip--topic" href="../sujets/modeles-multimodaux.html">Modèles multimodaux</a>'
        in page
    )
    # No photo is published, so no photo credit; the estimated date is said once, in the details.
    assert "Crédits photo" not in page
    assert page.count("data-news-estimated") == 1 and "Date de publication estimée" in page
    assert "Proposer une correction</a>" in page and "md-content__button" not in page
    assert "À lire aussi" in page
    english = (built_site / "en" / "articles" / f"{EN_NVLM}.html").read_text(encoding="utf-8")
    assert '<time datetime="2024-10-02">2 October 2024</time>' in english
    assert "Multimodal models</a>" in english
    # A reviewed, current translation shows no notice.
    assert "data-news-notice" not in english


def test_attribution_names_and_links_the_original(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "docs" / "fr" / "articles" / f"{NVLM}.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "source:\n  cites:\n  - VentureBeat\n",
        "source:\n  outlet: Le Monde <b>\n  author: Jeanne Dupont\n  url: https://www.example.com/a?b=1&c=2\n"
        "  cites:\n  - VentureBeat\n  - https://v.redd.it/abc\n  - javascript:alert(1)\n",
    )
    path.write_text(text, encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "articles" / f"{NVLM}.html").read_text(encoding="utf-8")
    assert 'Par <span class="news-article__author">Jeanne Dupont</span>' in page
    link = 'href="https://www.example.com/a?b=1&amp;c=2" rel="nofollow noopener">Le Monde &lt;b&gt;</a>'
    assert f'<a class="news-article__outlet" {link}' in page and f"Article original\u00a0: <a {link}" in page
    # A cited address is a link named by its host; anything but http(s) stays text, never a link.
    assert '<a href="https://v.redd.it/abc" rel="nofollow noopener">v.redd.it</a>' in page
    assert 'href="javascript' not in page and "javascript:alert(1)" in page
    # An article without outlet or author says so.
    sora = (tmp_path / "site" / "articles" / f"{SORA}.html").read_text(encoding="utf-8")
    assert "Média d’origine non précisé" in sora and "sans le nom de son média" in sora


def test_chips_follow_salience_and_indexes_list_only_what_has_articles(built_site):
    # The Sora story is about OpenAI and China; NVIDIA (its GPUs) comes after, whatever the
    # registry's order.
    page = (built_site / "articles" / f"{SORA}.html").read_text(encoding="utf-8")
    assert page.index(">OpenAI</a>") < page.index(">NVIDIA</a>")
    assert page.index(">Chine</a>") < page.index(">GPU et puces</a>")
    companies = (built_site / "entreprises" / "index.html").read_text(encoding="utf-8")
    assert "Adobe" not in companies and "0 article" not in companies
    assert companies.index(">NVIDIA</a>") < companies.index(">Meta</a>") < companies.index(">OpenAI</a>")
    assert "4 articles" in companies and "1 article<" in companies


def test_articles_are_not_in_the_sidebar(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary') :]
    nav = nav[: nav.index("</nav>")]
    assert "articles/" not in nav
    assert "Entreprises" in nav and "Sujets" in nav and "Archives" in nav
    # The sections as tabs across the top, in a news site's order; no previous/next footer.
    tabs = home[home.index('<nav class="md-tabs"') :]
    tabs = tabs[: tabs.index("</nav>")]
    labels = re.findall(r'class="md-tabs__link">\s*([^<]+?)\s*</a>', tabs)
    assert labels == ["Actualités", "Entreprises", "Sujets", "Archives"], labels
    assert "md-footer__link" not in home


def test_long_articles_only_have_a_table_of_contents(built_site):
    # The seeds are news stories of two or three minutes: none gets one, even with five headings.
    for slug in (NVLM, ZUCKERBERG):
        assert 'data-md-component="toc"' not in (built_site / "articles" / f"{slug}.html").read_text(encoding="utf-8")
    # A long read with sections does.
    toc = [SimpleNamespace(children=[]) for _ in range(4)]
    assert long_article(toc, word_count("mot " * 1000)) and not long_article(toc[:3], word_count("mot " * 1000))
    assert not long_article(toc, word_count("mot " * 800))


def test_front_page_and_cards(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    lead = home[home.index("news-card--lead") :]
    # The latest story first and large, then the others, then stories by topic.
    assert lead.index("Cosmos") < lead.index("Les autres actualités") < lead.index("Par sujet")
    assert lead.index("NVLM 1.0") > lead.index("Les autres actualités")
    # Material's edit pencil is gone; a small correction link ends the page.
    assert "md-content__button" not in home and "Proposer une correction</a>" in home


def test_json_ld(built_site):
    page = (built_site / "en" / "articles" / f"{EN_NVLM}.html").read_text(encoding="utf-8")
    [raw] = JSON_LD_RE.findall(page)
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "NVIDIA launches NVLM 1.0, a family of open-source multimodal models"
    assert data["datePublished"] == "2024-10-02" and data["inLanguage"] == "en"
    assert data["about"] == [{"@type": "Organization", "name": "NVIDIA", "url": "https://www.nvidia.com"}]
    assert data["translationOfWork"] == {"@id": f"{SITE_URL}articles/{NVLM}.html"}
    assert data["url"] == f"{SITE_URL}en/articles/{EN_NVLM}.html"


def test_metadata_in_head(built_site):
    page = (built_site / "articles" / f"{NVLM}.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}articles/{NVLM}.html">' in page
    assert '<meta property="og:locale" content="fr_FR">' in page
    assert '<meta property="og:locale:alternate" content="en_GB">' in page
    assert '<link rel="alternate" hreflang="x-default"' in page
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Le Fil Tech — actualités en français" href="../feed.xml">'
        in page
    )
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f'<xhtml:link rel="alternate" hreflang="en" href="{SITE_URL}en/articles/{EN_NVLM}.html"/>' in sitemap
    assert f'<xhtml:link rel="alternate" hreflang="x-default" href="{SITE_URL}articles/{NVLM}.html"/>' in sitemap


@pytest.mark.parametrize(("path", "lang"), [("feed.xml", "fr"), ("en/feed.xml", "en")])
def test_feeds(built_site, path, lang):
    feed = feedparser.parse((built_site / path).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.language == lang
    assert len(feed.entries) == len(SLUGS)
    dates = [entry.published_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)
    prefix = SITE_URL + ("en/articles/" if lang == "en" else "articles/")
    assert all(entry.link.startswith(prefix) for entry in feed.entries)


def test_one_search_index_per_language(built_site):
    # The site's own index (scripts/site/search_index.py; its own tests: tests/test_search.py):
    # one per language, each with its own articles, English editions at their English address.
    french, english = read_index(built_site / "search"), read_index(built_site / "en" / "search")
    assert french["manifest"]["lang"] == "fr" and english["manifest"]["lang"] == "en"
    fr_docs = {d[0]: d for d in french["docs/0"]}
    en_docs = {d[0]: d for d in english["docs/0"]}
    assert (
        fr_docs[f"articles/{NVLM}.html"][1] == "NVIDIA lance NVLM 1.0, une famille de modèles multimodaux open source"
    )
    nvlm = en_docs[f"articles/{EN_NVLM}.html"]
    assert nvlm[1] == "NVIDIA launches NVLM 1.0, a family of open-source multimodal models"
    assert nvlm[2] == "2024-10-02" and nvlm[3] == "2 October 2024"  # the article's metadata found
    assert not any(title.startswith("NVIDIA launches") for _, title, *_ in french["docs/0"])


def test_no_resource_from_another_host(built_site):
    # Scripts, styles, images and fonts: every one must come from the site itself.
    resource_re = re.compile(
        r'<(?:script|img|iframe|source)[^>]+src="([^"]+)"|<link[^>]+rel="(?:stylesheet|icon|preload|preconnect|modulepreload)"[^>]*href="([^"]+)"'
    )
    for page in built_site.rglob("*.html"):
        for match in resource_re.finditer(page.read_text(encoding="utf-8")):
            url = match.group(1) or match.group(2)
            assert not re.match(r"(https?:)?//", url), f"{page}: {url}"
    css = (built_site / "assets" / "stylesheets" / "news.css").read_text(encoding="utf-8")
    assert "@import" not in css and "url(http" not in css


def test_untranslated_article_is_left_out_of_the_english_site(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "en" / "articles" / f"{NVLM}.md").unlink()
    assert run_cli(_as_project(project), "pages").exit_code == 0
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    assert not (site / "en" / "articles" / f"{NVLM}.html").exists()
    assert NVLM not in (site / "en" / "index.html").read_text(encoding="utf-8")
    french = (site / "articles" / f"{NVLM}.html").read_text(encoding="utf-8")
    assert 'href="../en/index.html" hreflang="en"' in french
    assert "English edition not yet available" in french


def test_stale_translation_shows_a_notice(tmp_path):
    project = copy_project(tmp_path / "project")
    french = project / "docs" / "fr" / "articles" / f"{NVLM}.md"
    french.write_text(french.read_text(encoding="utf-8").replace("Ironiquement", "Paradoxalement"), encoding="utf-8")
    site = tmp_path / "site"
    assert build(project, site).returncode == 0
    english = (site / "en" / "articles" / f"{EN_NVLM}.html").read_text(encoding="utf-8")
    assert 'data-news-notice="stale"' in english
    assert "The French original has changed since this translation was made." in english
    assert f'<a href="../../articles/{NVLM}.html" hreflang="fr" lang="fr">Read the French original</a>' in english


def test_unknown_tag_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "fr" / "articles" / f"{NVLM}.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("- Modèles multimodaux\n", "- Puces quantiques\n", 1), encoding="utf-8"
    )
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"docs/fr/articles/{NVLM}.md: tags: 'Puces quantiques' is not a fr label in data/topics.yml" in result.stderr


def test_stale_listings_fail_the_strict_build(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "fr" / "archives.md").write_text("---\ntitle: Archives\n---\n\n# Archives\n", encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "listing page(s) are stale: run `python -m scripts pages`" in result.stderr


def _as_project(root: Path):
    from scripts.common.paths import Project

    return Project(root)


def test_built_site_has_no_broken_link(built_site):
    result = run_cli_links(built_site)
    assert result.exit_code == 0, result.stdout
    assert ", 0 broken, " in result.stderr


def test_link_checker_finds_each_kind_of_broken_link(tmp_path):
    site = tmp_path / "site"
    (site / "articles").mkdir(parents=True)
    (site / "index.html").write_text(
        '<a href="articles/a.html#intro">ok</a>\n<a href="articles/b.html">missing</a>\n'
        '<a href="articles/a.html#nowhere">anchor</a>\n<a href="articles/">folder</a>\n'
        '<img src="/logo.svg" alt="">\n<a href="https://example.com/x">external</a>\n',
        encoding="utf-8",
    )
    (site / "articles" / "a.html").write_text(
        '<h2 id="intro">Intro</h2><a href="../index.html">home</a>', encoding="utf-8"
    )
    result = run_cli_links(site)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "index.html:2: articles/b.html: no such file",
        "index.html:3: articles/a.html#nowhere: no element with id 'nowhere' in articles/a.html",
        "index.html:4: articles/: links to a folder: works over http, not from the file system",
        "index.html:5: /logo.svg: absolute path: breaks under a sub-path and over file://",
    ]
    assert "1 external" in result.stderr


def run_cli_links(site: Path):
    from typer.testing import CliRunner

    from scripts.cli import app

    result = CliRunner().invoke(app, ["links", str(site), "--site-url", SITE_URL], catch_exceptions=False)
    return result


def test_json_ld_names_the_original_article(tmp_path):
    # The seeds' original URLs are unknown; a page that has one cites it as isBasedOn.
    project = copy_project(tmp_path / "project")
    for lang in ("fr", "en"):
        page = project / "docs" / lang / "articles" / f"{NVLM}.md"
        text = page.read_text(encoding="utf-8")
        page.write_text(
            text.replace("source:\n", "source:\n  url: https://venturebeat.com/ai/nvlm/\n", 1), encoding="utf-8"
        )
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    page = (site / "articles" / f"{NVLM}.html").read_text(encoding="utf-8")
    [raw] = JSON_LD_RE.findall(page)
    assert json.loads(raw)["isBasedOn"] == "https://venturebeat.com/ai/nvlm/"
    assert '<a href="https://venturebeat.com/ai/nvlm/" rel="nofollow noopener">' in page


# What `mkdocs serve` runs for each build (mkdocs/commands/serve.py): on_startup("serve"), the
# build, and on_serve once with the live-reload server, here a stand-in that lists what it watches.
SERVE = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config

class Server:
    def watch(self, path):
        print("watch", path)

config = load_config(config_file=sys.argv[1], site_dir=sys.argv[2])
config.plugins.on_startup(command="serve", dirty=False)
build(config)
config.plugins.on_serve(Server(), config=config, builder=None)
"""


def test_serve_brings_pages_and_listings_up_to_date(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copytree(FIXTURE.sources, project / "sources")
    french = project / "docs" / "fr" / "articles" / f"{NVLM}.md"
    french.write_text(french.read_text(encoding="utf-8").replace("title: NVIDIA lance", "title: NVIDIA présente", 1))
    add_source(_as_project(project), "005_serve.txt", "Un titre tout neuf pour la page\n\n" + "Une phrase. " * 30)
    result = subprocess.run(
        [sys.executable, "-c", SERVE, str(project / "mkdocs.yml"), str(tmp_path / "site")],
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=300,
        cwd=project,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"watch {project / 'data'}", f"watch {project / 'sources'}"]
    home = (project / "docs" / "fr" / "index.md").read_text(encoding="utf-8")
    assert "NVIDIA présente NVLM 1.0" in home and "Un titre tout neuf pour la page" in home
    assert run_cli(_as_project(project), "pages", "--check").exit_code == 0
    assert "Un titre tout neuf pour la page" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    # A plain build writes nothing into docs/: it only warns (and --strict fails) on stale listings.
    french.write_text(french.read_text(encoding="utf-8").replace("title: NVIDIA présente", "title: NVIDIA dévoile", 1))
    assert "stale" in build(project, tmp_path / "built", strict=False).stderr
    assert "NVIDIA présente NVLM 1.0" in (project / "docs" / "fr" / "index.md").read_text(encoding="utf-8")


def test_links_weight_and_bench_work_on_the_project_named_by_root(tmp_path, built_site, monkeypatch):
    project = _as_project(copy_project(tmp_path / "project"))
    shutil.copytree(built_site, project.root / "site")
    monkeypatch.chdir(tmp_path)  # no site/ here: the commands must look in the project
    links = run_cli(project, "links", "--site-url", SITE_URL)  # SITE defaults to <root>/site
    assert links.exit_code == 0 and ", 0 broken, " in links.stderr, links.stdout + links.stderr
    weight = run_cli(project, "weight", "--article", NVLM)
    assert weight.exit_code == 0 and "| article | fr |" in weight.stdout, weight.stdout + weight.stderr
    # bench writes BENCHMARKS.md into the project it is given, never into the repository.
    repository_copy = (Path(__file__).parent.parent / "BENCHMARKS.md").read_bytes()
    bench = run_cli(project, "bench", "--n", "2", "--no-hugo")
    assert bench.exit_code == 0, bench.stderr
    assert "| 2 |" in (project.root / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert (Path(__file__).parent.parent / "BENCHMARKS.md").read_bytes() == repository_copy


def test_english_editions_have_english_slugs_and_old_addresses_redirect(built_site):
    english = built_site / "en" / "articles"
    assert (english / f"{EN_NVLM}.html").is_file()
    # The French page's switcher and hreflang lead to the English address, and back.
    french = (built_site / "articles" / f"{NVLM}.html").read_text(encoding="utf-8")
    assert f'href="../en/articles/{EN_NVLM}.html" hreflang="en"' in french
    page = (english / f"{EN_NVLM}.html").read_text(encoding="utf-8")
    assert f'href="../../articles/{NVLM}.html" hreflang="fr"' in page
    # The old address still works: a page that sends readers on, to the right place.
    old = (english / f"{NVLM}.html").read_text(encoding="utf-8")
    assert f'<meta http-equiv="refresh" content="0; url={EN_NVLM}.html">' in old
    assert f'<a href="{EN_NVLM}.html">' in old and '<meta name="robots" content="noindex">' in old
    assert f'<link rel="canonical" href="{SITE_URL}en/articles/{EN_NVLM}.html">' in old
    # Every English edition: its listing links go to the new address, the old one redirects.
    home = (built_site / "en" / "index.html").read_text(encoding="utf-8")
    for path in sorted(english.glob("*.html")):
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8"):
            continue
        assert f'href="articles/{path.name}"' in home
    assert f'articles/{NVLM}.html"' not in home
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"en/articles/{NVLM}.html" not in sitemap


@pytest.mark.browser
def test_an_old_english_address_lands_on_the_edition(browser, built_site):
    from playwright.sync_api import expect

    from tests.site_builds import serve

    with serve(built_site) as base:
        for root in (base, built_site.as_uri() + "/"):
            page = browser.new_page()
            page.goto(f"{root}en/articles/{NVLM}.html")
            expect(page).to_have_url(f"{root}en/articles/{EN_NVLM}.html")
            expect(page.locator("h1")).to_contain_text("NVIDIA launches NVLM 1.0")
            page.close()
