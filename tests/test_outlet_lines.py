"""Lines that come back in the sources of one outlet are its menus and footers: ingest counts
them before converting (scripts/reading/readers/outlets.py) and the text reader drops them."""

from __future__ import annotations

from scripts.model.pages import read_page
from scripts.reading.readers.boilerplate import extract_article
from scripts.reading.readers.outlets import normalise, outlet_key, shared_lines
from tests.conftest import DATA, add_source, run_cli

OUTLET = DATA / "outlet"
SOURCES = ("a.txt", "b.txt", "c.txt")
FURNITURE = ["Le Petit Octet", "Accueil", "Actualités", "Dossiers", "Qui sommes-nous", "Nous écrire"]


def _add(project, names, entry="date: 2024-05-01\noutlet: Le Petit Octet"):
    for name in names:
        add_source(project, name, (OUTLET / name).read_text(encoding="utf-8"), entry)


def _pages(project) -> dict[str, tuple[dict, str]]:
    pages = {}
    for path in sorted(project.articles("fr").glob("*.md")):
        page = read_page(path)
        pages[page.meta["provenance"]["source_file"]] = (page.meta, page.body)
    return pages


def test_the_outlet_s_menu_and_footer_are_dropped(empty_project):
    _add(empty_project, SOURCES)
    result = run_cli(empty_project, "ingest")
    assert result.exit_code == 0, result.stderr
    pages = _pages(empty_project)
    assert pages["a.txt"][0]["title"] == "Un nouveau processeur pour les ordinateurs portables légers"
    assert pages["c.txt"][0]["title"] == "Une application pour suivre les trains régionaux en temps réel"
    for meta, body in pages.values():
        assert not any(line in body for line in FURNITURE), body
        assert meta["source"]["author"] == "Jeanne Martin"  # the byline is read, not dropped
        assert len(body.split("\n\n")) == 2  # the article's two paragraphs


def test_a_source_named_alone_gets_the_same_page(empty_project):
    _add(empty_project, SOURCES)
    run_cli(empty_project, "ingest")
    before = _pages(empty_project)
    result = run_cli(empty_project, "ingest", str(empty_project.sources / "b.txt"))
    assert "1 unchanged" in result.stdout
    run_cli(empty_project, "ingest", "--force", str(empty_project.sources / "b.txt"))
    assert _pages(empty_project) == before


def test_lines_in_two_sources_or_of_another_outlet_stay(empty_project):
    _add(empty_project, SOURCES[:2])
    _add(empty_project, SOURCES[2:], "date: 2024-05-01\nurl: https://www.example.org/trains")
    run_cli(empty_project, "ingest")
    for meta, _ in _pages(empty_project).values():
        assert meta["title"] == "Le Petit Octet, la tech sans détour"


def test_counting_is_per_outlet_and_spares_copies():
    texts = {name: (OUTLET / name).read_text(encoding="utf-8") for name in SOURCES}
    shared = shared_lines([(name, "outlet:octet", text) for name, text in texts.items()])
    assert shared["a.txt"] == {
        "accueil",
        "actualités",
        "dossiers",
        "qui sommes-nous ?",
        "nous écrire",
        "le petit octet, la tech sans détour",
        "le petit octet, tous droits réservés",
    }
    # The same article three times over shares every line: it is a copy, nothing is dropped.
    copies = shared_lines([(f"{n}.txt", "outlet:octet", texts["a.txt"]) for n in range(3)])
    assert copies == {f"{n}.txt": frozenset() for n in range(3)}
    assert (
        outlet_key(None, "https://www.Example.org/x") == outlet_key(None, "http://example.org/y") == "host:example.org"
    )
    assert outlet_key(" Le  Monde ", None) == "outlet:le monde" and outlet_key(None, None) is None


def test_in_a_whole_page_the_outlet_s_lines_are_furniture_and_boundaries_still_end_the_article():
    promo = "Le Petit Octet vous recommande ces lectures pour aller plus loin cette semaine."
    first, second = (OUTLET / "a.txt").read_text(encoding="utf-8").split("\n")[6:8]
    prose = [f"{first} {second} Paragraphe {n}." for n in range(8)]
    menu = ["Accueil", "Actualités", "Dossiers", "Tests", "Podcasts", "Vidéos"] * 4
    teasers = ["Sur le même sujet", *[f"{text} encore" for text in prose[:3]]]
    page = [*menu, "Un nouveau processeur pour les ordinateurs portables légers", *prose[:4], promo, *prose[4:]]
    page += [*teasers, *menu]
    shared = frozenset(map(normalise, [promo, "Sur le même sujet", *menu]))
    assert promo in extract_article(page).lines
    found = extract_article(page, shared)
    assert promo not in found.lines
    assert [line for line in found.lines if line][1:] == prose
