"""Line-level repairs and structure rules, one behaviour each."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.common.paths import REPO
from scripts.model.article import RawDocument
from scripts.reading.cleaning import load_rules, repair_text
from scripts.reading.structure import structure
from scripts.reading.summary import describe


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("la démocratisation de l IA", "la démocratisation de l’IA"),
        ("20M d heures de vidéo", "20M d’heures de vidéo"),
        ("qu il faut", "qu’il faut"),
        ("L IA avance", "L’IA avance"),
        ("c est  clair", "c’est clair"),
        ("un pic à 100 m au-dessus", "un pic à 100 m au-dessus"),  # a unit, not an elision
        ("l'entreprise", "l’entreprise"),
        ("dit-il « oui »", "dit-il « oui »"),
        ("les dirigeants étrangers.« .", "les dirigeants étrangers. »"),
        ("  espaces \t en trop  ", "espaces en trop"),
    ],
)
def test_repairs(damaged, repaired):
    assert repair_text(damaged) == repaired


def article(lines: list[str], author: str | None = None):
    return structure(RawDocument(Path("x.txt"), lines), load_rules(REPO.cleaning_rules), author)


def test_broken_line_wraps_are_joined():
    result = article(["Titre", "", "Une phrase coupée en", "deux lignes par le scraper.", "", "Fin."])
    assert [b.text for b in result.blocks] == ["Une phrase coupée en deux lignes par le scraper.", "Fin."]


def test_duplicated_caption_is_kept_once():
    lines = ["Titre", "Légende d’une photo © AFP", "Légende d’une photo © AFP", "Le texte. Assez long."]
    result = article(lines)
    assert [(i.caption, i.credit) for i in result.images] == [("Légende d’une photo", "AFP")]
    assert [b.text for b in result.blocks] == ["Le texte. Assez long."]


def test_comments_after_credit_are_dropped_and_counted():
    lines = ["Titre", "Le texte de l’article.", "Crédit d’image : AFP", "Super article !", "Je ne suis pas d’accord."]
    result = article(lines)
    assert result.dropped_comments == 2
    assert [b.text for b in result.blocks] == ["Le texte de l’article."]


def test_author_bio_becomes_metadata():
    lines = ["Titre", "Le texte.", "Jean Martin", "Journaliste depuis 2001.", "Laisser un commentaire", "Bravo"]
    result = article(lines, author="Jean Martin")
    assert result.author_bio == "Journaliste depuis 2001."
    assert [b.text for b in result.blocks] == ["Le texte."]


def test_teaser_gives_headline_lead_and_hashtags():
    result = article(["Cosmos arrive: des mondes virtuels. Pour tous! 🌍 #IA #NVIDIA", "", "Corps du texte."])
    assert result.title == "Cosmos arrive: des mondes virtuels"
    # The headline sentence is not repeated in the lead (issue 14).
    assert result.blocks[0].text == "Pour tous!"
    assert result.hashtags == ["IA", "NVIDIA"]


def test_sources_named_by_the_text_become_metadata():
    result = article(["Titre", "Le texte.", "Source : VentureBeat", "Article en référence: https://x.org/a"])
    assert result.cites == ["VentureBeat", "https://x.org/a"]


def test_lone_bullet_is_a_paragraph_and_bullets_a_list():
    result = article(["Titre", "• Un chapô dans un encadré.", "", "Points :", "• un", "• deux"])
    assert [(b.kind, b.text or b.items) for b in result.blocks] == [
        ("paragraph", "Un chapô dans un encadré."),
        ("paragraph", "Points :"),
        ("list", ("un", "deux")),
    ]


def test_description_is_the_lead_cut_to_160_characters():
    long = "Une phrase " + "très " * 60 + "longue. Une autre."
    assert len(describe(long)) <= 160 and describe(long).endswith("…")
    assert describe("Court. Deuxième phrase.") == "Court. Deuxième phrase."
    assert describe("Une annonce importante. La raison ? Elle suit.") == "Une annonce importante."


def test_a_rule_without_why_is_refused(tmp_path):
    rules = tmp_path / "cleaning.yml"
    rules.write_text("rules:\n  - kind: drop\n    pattern: 'x'\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"rules\[1\]: every rule needs a `why`"):
        load_rules(rules)
