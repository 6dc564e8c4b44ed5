"""The hostile site of tests/test_hostile_site.py: a project whose every field holds XSS payloads.

The payloads are tests/data/hostile/xss_payloads.txt, spread over a few dozen articles. The
fields: a source's headline, lead and body; the manifest's title, outlet, author and URL; an
article's front matter edited by hand; a company's name and a topic's label in the registries;
and an English edition made of a translation answer that was never checked (raw payloads in its
Markdown: the case where escaping failed, which the Content-Security-Policy must still contain).
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.common.paths import REPO, Project
from scripts.model.pages import read_page, write_page
from scripts.model.registry import _text_problem, load_registry
from scripts.site.catalogue import company_slug
from scripts.translation.edition import build_english, extract_segments
from tests.conftest import DATA, run_cli
from tests.site_builds import build, copy_content

PAYLOADS = [
    line
    for line in (DATA / "hostile" / "xss_payloads.txt").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]
PER_ARTICLE = 8
MARK = "Zorglub"  # in every hostile title: what the search tests look for
RAW_EDITIONS = 2  # English editions made of unchecked translation answers


def chunks() -> list[list[str]]:
    return [PAYLOADS[i : i + PER_ARTICLE] for i in range(0, len(PAYLOADS), PER_ARTICLE)]


def source_text(n: int, chunk: list[str], *, in_headline: bool) -> str:
    """A scraped article whose headline (or not), lead and paragraphs carry the payloads."""
    # The tab payload goes into the headline too: ingest puts a title on one line.
    title_part = " ".join(chunk) + " " if in_headline else ""
    headline = f"{MARK} {n} {title_part}annonce un processeur"
    lead = f"{MARK} {n} présente sa nouvelle puce, et voici les détails : " + " ".join(chunk)
    paragraphs = [f"Paragraphe {j} de l’article {n}, avec la charge suivante : {p}" for j, p in enumerate(chunk)]
    return "\n\n".join([headline, lead, *paragraphs, end_marker(n)]) + "\n"


def end_marker(n: int) -> str:
    return f"Fin de l’article numéro {n}."


def registry_names() -> list[str]:
    """Payloads that are one line of text without < or >: the registry accepts them as names."""
    names: dict[str, str] = {}
    for payload in PAYLOADS:
        if _text_problem(payload) is None and company_slug(payload):
            names.setdefault(company_slug(payload), payload)
    return list(names.values())


@dataclass
class HostileSite:
    project: Project
    site: Path
    build_log: str
    articles: dict[str, int]  # French slug -> its source's number
    hand_edited: list[str]
    raw_editions: list[str]
    names: list[str]  # company names and topic labels from payloads


def write_sources(project: Project) -> None:
    """Two sources per chunk of payloads: in the headline, or in the manifest's title."""
    project.sources.mkdir(parents=True, exist_ok=True)
    manifest = {}
    for c, chunk in enumerate(chunks()):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=c)
        for kind in ("h", "m"):
            n = 2 * c + (kind == "m")
            name = f"{kind}{c:02d}.txt"
            (project.sources / name).write_text(source_text(n, chunk, in_headline=kind == "h"), encoding="utf-8")
            entry: dict = {"date": day.isoformat()}
            if kind == "m":
                entry |= {
                    "title": f"{MARK} {n} " + " ".join(chunk),
                    "outlet": " ".join(chunk[: PER_ARTICLE // 2]),
                    "author": " ".join(chunk[PER_ARTICLE // 2 :]),
                    "url": f'https://example.org/{n}/"><script>window.__xss=1</script>',
                }
            manifest[name] = entry
    project.manifest.write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")


def add_registry_entries(project: Project, names: list[str]) -> None:
    """A company and a topic named after each payload the registry accepts."""
    companies = [
        {
            "name": name,
            "website": "https://example.org/",
            "description": {"fr": f"Description : {name}", "en": f"Description: {name}"},
        }
        for name in names
    ]
    topics = [
        {"id": f"hostile-{i}", "fr": name, "en": f"{name} (en)", "signals": {"fr": ["zzqqxx"], "en": ["zzqqxx"]}}
        for i, name in enumerate(names)
    ]
    for path, entries in ((project.companies, companies), (project.topics, topics)):
        text = path.read_text(encoding="utf-8") + yaml.safe_dump(entries, allow_unicode=True)
        path.write_text(text, encoding="utf-8")


def edit_front_matter(path: Path, chunk: list[str], names: list[str]) -> None:
    """A contributor's hand edit: every displayed front-matter field holds a payload."""
    page = read_page(path)
    meta = dict(page.meta)
    one_line = [p.replace("\t", " ") for p in chunk]
    meta["title"] = f"{MARK} " + " ".join(one_line)
    meta["description"] = one_line[0][:160]
    meta["source"] = {
        "url": "https://example.org/'onmouseover='window.__xss=1'",
        "outlet": one_line[1],
        "author": one_line[2],
        "author_bio": " ".join(one_line[3:]),
        "cites": one_line[:2],
    }
    meta["images"] = [{"caption": one_line[4], "credit": one_line[5]}]
    meta["companies"] = names
    meta["tags"] = names
    write_page(path, meta, page.body)


def raw_edition(project: Project, slug: str, chunk: list[str]) -> None:
    """The English edition a translation answer of raw payloads makes, as if it had passed."""
    french = read_page(project.articles("fr") / f"{slug}.md")
    registry, _ = load_registry(project)
    texts = {s.where: f"{MARK} " + " ".join(chunk) for s in extract_segments(french)}
    texts["title"] = texts["title"].replace("\t", " ")  # the schema refuses a tab in a title
    texts["description"] = chunk[0][:150]
    english = build_english(french, texts, registry, "machine", "hostile-test")
    write_page(english.path, english.meta, english.body)


def build_hostile_site(root: Path) -> HostileSite:
    """Ingest the hostile sources, edit, translate, list and build them (not --strict)."""
    # Not --strict: the raw editions make the build warn, which a test checks.
    project = copy_content(root / "project", "data")
    # As tests/site_builds.copy_project, without the fixture's pages: this project makes its own.
    (project.root / "scripts").symlink_to(REPO.root / "scripts")
    shutil.copytree(REPO.root / "overrides", project.root / "overrides")
    shutil.copy(REPO.root / "mkdocs.yml", project.root / "mkdocs.yml")
    project.articles("fr").mkdir(parents=True)
    project.articles("en").mkdir(parents=True)
    write_sources(project)
    names = registry_names()
    add_registry_entries(project, names)
    result = run_cli(project, "ingest")
    assert result.exit_code in (0, 1), result.stderr  # 1: a manifest entry refused, named
    articles = {}
    for path in sorted(project.articles("fr").glob("*.md")):
        source = read_page(path).meta["provenance"]["source_file"]
        articles[path.stem] = 2 * int(source[1:3]) + (source[0] == "m")
    headline_sources = {2 * c for c in range(len(chunks()))}
    assert headline_sources <= set(articles.values()), result.stderr  # payloads in text never stop ingest
    by_number = {n: slug for slug, n in articles.items()}
    hand_edited = [by_number[0], by_number[2]]
    for slug in hand_edited:
        edit_front_matter(project.articles("fr") / f"{slug}.md", chunks()[articles[slug] // 2], names)
    result = run_cli(project, "edition", *articles)
    assert result.exit_code == 0, result.stderr
    raw = [by_number[2 * c] for c in range(1, 1 + RAW_EDITIONS)]
    for slug in raw:
        raw_edition(project, slug, chunks()[articles[slug] // 2])
    result = run_cli(project, "pages")
    assert result.exit_code == 0, result.stderr
    site = root / "site"
    # Not --strict: the raw editions must make the build warn, and only they may.
    built = build(project.root, site, strict=False)
    assert built.returncode == 0, built.stderr
    return HostileSite(project, site, built.stderr, articles, hand_edited, raw, names)
