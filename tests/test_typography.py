"""French typography at ingest (scripts/common/typography.py): spaces, quotes, apostrophes; never in
addresses, code or numbers; idempotent. English text follows English typography."""

import pytest

from scripts.common.typography import NBSP, NNBSP, english, french

CASES = [
    # Spaces before high punctuation and a colon, added or made no-break.
    ("Cosmos: 20M d’heures", f"Cosmos{NBSP}: 20M d’heures"),
    ("a-t-il expliqué : oui", f"a-t-il expliqué{NBSP}: oui"),
    ("Vraiment ? Oui !", f"Vraiment{NNBSP}? Oui{NNBSP}!"),
    ("Vraiment? Oui! Non;", f"Vraiment{NNBSP}? Oui{NNBSP}! Non{NNBSP};"),
    ("Quoi ?! Encore !!!", f"Quoi{NNBSP}?! Encore{NNBSP}!!!"),
    # Guillemets hold narrow no-break spaces; “ ” and "…" become « ».
    ("« eau froide » sur ses rêves", f"«{NNBSP}eau froide{NNBSP}» sur ses rêves"),
    ("«eau froide»", f"«{NNBSP}eau froide{NNBSP}»"),
    ("il a dit “c’est fini” hier", f"il a dit «{NNBSP}c’est fini{NNBSP}» hier"),
    ('le mot "open source" est', f"le mot «{NNBSP}open source{NNBSP}» est"),
    # Typographic apostrophes.
    ("L'IA d'OpenAI", "L’IA d’OpenAI"),
    # Never inside addresses, code, link targets or numbers.
    ("à 10:30 et 1:2", "à 10:30 et 1:2"),
    ("voir https://ex.com/a?b=1:2&c=d'e !", f"voir https://ex.com/a?b=1:2&c=d'e{NNBSP}!"),
    ("écrire `x: y?` ici", "écrire `x: y?` ici"),
    ("[le site](https://ex.com/l'a?b) !", f"[le site](https://ex.com/l'a?b){NNBSP}!"),
    ("www.ex.com/a:b et jean@ex.com", "www.ex.com/a:b et jean@ex.com"),
    ("&lt; et &#60; restent écrits ainsi", "&lt; et &#60; restent écrits ainsi"),
    # Nothing to do.
    ("", ""),
    ("Rien à changer.", "Rien à changer."),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_french(text, expected):
    assert french(text) == expected


@pytest.mark.parametrize(("text", "_expected"), CASES)
def test_french_is_idempotent(text, _expected):
    once = french(text)
    assert french(once) == once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Cosmos{NBSP}: 20M", "Cosmos: 20M"),
        (f"Really{NNBSP}? Yes{NNBSP}!", "Really? Yes!"),
        (f"«{NNBSP}cold water{NNBSP}»", "“cold water”"),
        ("Meta's chip", "Meta’s chip"),
        ("at 10:30, https://ex.com/a?b", "at 10:30, https://ex.com/a?b"),
    ],
)
def test_english(text, expected):
    assert english(text) == expected
    assert english(english(text)) == english(text)
