"""The whole-page reader, the HTML headline and the quality metrics, on small fixtures."""

from __future__ import annotations

from pathlib import Path

from scripts.quality.corpus import load_corpus
from scripts.quality.metrics import same_title, score_page
from scripts.reading.readers.boilerplate import extract_article
from scripts.reading.readers.html import read_html
from scripts.reading.readers.text import read_text

MENU = ["Accueil", "International", "Politique", "Société", "Économie", "Culture", "Sport", "Techno"]
PROSE = (
    "Le géant des cartes graphiques vient de présenter une famille de modèles de langage, et il le fait "
    "avec une licence ouverte qui permet à chacun de les utiliser dans ses propres produits."
)


def _page() -> list[str]:
    lines = ["Le Monde Télérama Le Monde diplomatique Le Huffington Post Courrier international"]
    lines += ["S’abonner au Monde à partir de 1 €", *MENU, *MENU]
    lines += ["NVIDIA lance une famille de modèles de langage ouverts", "Par Claire Fontaine"]
    lines += ["Publié le 4 mai 2015 à 13h36 - Mis à jour le 5 mai 2015 à 20h13"]
    lines += [f"{PROSE} {PROSE} Paragraphe {n}." for n in range(6)]
    lines += ["Recevoir la newsletter", "Mentions légales", "Contact", "Plan du site", *MENU, *MENU]
    return lines


def test_a_whole_page_copy_is_cut_down_to_its_article():
    found = extract_article(_page())
    assert found is not None
    assert found.title == "NVIDIA lance une famille de modèles de langage ouverts"
    assert found.author == "Claire Fontaine"
    kept = [line for line in found.lines if line]
    assert kept[0] == found.title
    assert kept[1:] == [f"{PROSE} {PROSE} Paragraphe {n}." for n in range(6)]


def test_the_text_reader_gives_the_headline_as_metadata():
    document = read_text(Path("page.txt"), "\n".join(_page()))
    assert document.meta.title == "NVIDIA lance une famille de modèles de langage ouverts"
    assert not any("Publié le" in line or "S’abonner" in line for line in document.lines)


def test_a_short_text_is_left_as_it_is():
    lines = ["Un titre", "", PROSE, "Accueil"]
    assert extract_article(lines) is None
    assert read_text(Path("seed.txt"), "\n".join(lines)).lines == lines


def test_a_page_without_title_takes_its_h1():
    page = f"<html><body><nav>Accueil</nav><h1>Le titre de la page</h1><article><p>{PROSE}</p></article></body></html>"
    assert read_html(Path("page.html"), page).meta.title == "Le titre de la page"


def test_titles_match_with_or_without_the_site_name():
    assert same_title("Mozilla", "Mozilla - Wikipedia")
    assert not same_title("Accueil", "Le projet de loi sur le renseignement")
    assert not same_title(None, "Un titre")


def test_scores_count_article_text_and_boilerplate():
    score = score_page("p", "Accueil Menu\nUne phrase de l’article.", "Une phrase de l’article.", "T", ["Accueil"], "T")
    # The title is article text and is published: "t" joins the reference and the output.
    assert (score.reference, score.kept, score.boilerplate, score.boilerplate_kept) == (6, 1, 2, 1)
    assert (score.sentences, score.article_sentences, score.right_titles) == (2, 1, 1)


def test_every_corpus_page_has_its_three_forms_and_provenance():
    pages = load_corpus()
    assert len(pages) >= 40
    for page in pages:
        assert page.copied().strip() and page.reference().strip() and page.title, page.name
        assert "<html" in page.html().lower()[:5000] or "<body" in page.html().lower(), page.name


def test_a_tidy_text_loses_its_byline_and_dateline_to_metadata():
    lines = ["Un titre", "Par Claire Fontaine", "Publié le 4 mai 2015 à 13h36 Mis à jour le 5 mai 2015", PROSE]
    document = read_text(Path("tidy.txt"), "\n".join(lines))
    assert document.lines == ["Un titre", PROSE]
    assert document.meta.author == "Claire Fontaine"


def test_offers_newsletters_cookies_and_hashtag_lines_are_dropped():
    from scripts.common.paths import REPO
    from scripts.reading.cleaning import load_rules, match_rule

    rules = load_rules(REPO.root / "data" / "cleaning.yml")
    for line in ("S’abonner au Monde à partir de 1 €", "Recevez notre newsletter", "#IA #MistralAI", "Tout accepter"):
        assert match_rule(line, rules).rule.kind == "drop", line
    assert match_rule(PROSE, rules) is None


def test_a_page_without_headline_leaves_the_title_to_the_manifest():
    lines = [line for line in _page() if line != "NVIDIA lance une famille de modèles de langage ouverts"]
    found = extract_article(lines)
    assert found.title is None
    assert next(line for line in found.lines if line).startswith(PROSE)


def test_the_body_starts_at_its_lead_and_stops_at_the_comments():
    lines = _page()
    at = lines.index("NVIDIA lance une famille de modèles de langage ouverts") + 1
    lines[at:at] = ["Guerre en UkraineAmériquesEuropeMoyen-Orient", "Lire sur le mode zen"]
    prose = [line for line in lines if line.startswith(PROSE)]
    lines[lines.index(prose[-1]) + 1 : lines.index(prose[-1]) + 1] = ["12 commentaires", f"Bravo ! {PROSE}"]
    kept = [line for line in extract_article(lines).lines if line]
    assert kept[1] == prose[0]
    assert kept[-1] == prose[-1]


def test_a_copy_without_the_reference_title_is_scored_against_the_headline_it_shows():
    from scripts.quality.report import visible_headline

    args = ("p", "Menu\nLe titre imprimé\nUne phrase.", "Une phrase.", "Le titre de l’onglet", ["Une phrase."])
    score = score_page(*args, "Le titre imprimé", shown_title="Le titre imprimé")
    assert (score.right_titles, score.reference_titles) == (1, 0)
    # When the copy shows the reference title, only the reference title is right.
    shows = ("p", "Le titre de l’onglet\nLe titre imprimé\nUne phrase.", *args[2:])
    assert score_page(*shows, "Le titre imprimé", shown_title="Le titre imprimé").right_titles == 0
    assert visible_headline("<html><body><h1> Le titre\n imprimé </h1></body></html>") == "Le titre imprimé"
    assert visible_headline("<html><body><h1>Un</h1><h1>Deux</h1></body></html>") is None
