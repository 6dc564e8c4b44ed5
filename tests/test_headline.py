"""The whole-page reader's headline: the evidence a real headline has and a teaser lacks."""

from __future__ import annotations

from scripts.reading.readers.boilerplate import extract_article

MENU = ["Accueil", "International", "Politique", "Société", "Économie", "Culture", "Sport", "Techno"]
PROSE = (
    "Le géant des cartes graphiques vient de présenter une famille de modèles de langage, et il le fait "
    "avec une licence ouverte qui permet à chacun de les utiliser dans ses propres produits."
)
HEADLINE = "NVIDIA lance une famille de modèles de langage ouverts"


def _page(head: list[str]) -> list[str]:
    lines = ["S’abonner au Monde à partir de 1 €", *MENU, *MENU, *head]
    lines += [f"{PROSE} {PROSE} Paragraphe {n}." for n in range(6)]
    return [*lines, "Mentions légales", "Contact", "Plan du site", *MENU, *MENU]


def test_another_storys_teasers_in_a_row_are_not_the_headline():
    teasers = [
        "Le gouvernement présente son budget pour l’année prochaine",
        "La grève des transports se poursuit dans toute la région",
        "Un nouveau musée ouvre ses portes au cœur de la ville",
    ]
    found = extract_article(_page([*teasers, "Accueil", HEADLINE, "Par Claire Fontaine"]))
    assert found.title == HEADLINE


def test_a_headline_the_page_repeats_may_hold_two_sentences():
    headline = "Famille de modèles. NVIDIA ouvre ses modèles de langage"
    found = extract_article(_page([f"Accueil > Techno > {headline}", "Partager", headline, "Par Claire Fontaine"]))
    assert found.title == headline


def test_the_longer_line_below_the_headline_is_its_standfirst():
    standfirst = "Le géant des cartes graphiques publie ses modèles sous une licence ouverte, une première"
    found = extract_article(_page([HEADLINE, standfirst]))
    assert found.title == HEADLINE


def test_items_of_a_list_of_links_or_a_table_of_contents_are_not_the_headline():
    links = [f"Lien externe, ouvre la page du journal sur {name}" for name in ("Twitter", "Linkedin", "Instagram")]
    found = extract_article(_page(["1.1 Les modèles de langage ouverts de NVIDIA", *links, HEADLINE]))
    assert found.title == HEADLINE


def test_a_tidy_text_starts_at_the_headline_its_breadcrumb_ends_with():
    from scripts.reading.readers.headline import extract_head

    headline = "Sur la PMA avec les juristes Marie Mesnil et Laurence Brunet"
    lines = ["Les oreilles loin du front", f"Accueil du site > Émissions > {headline}", headline, PROSE]
    assert extract_head(lines)[0] == [headline, PROSE]
    assert extract_head(["Un titre", PROSE])[0] == ["Un titre", PROSE]
