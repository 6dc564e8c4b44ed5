"""Whatever a source contains is text: it never becomes markup on the page."""

from __future__ import annotations

import markdown
import yaml

from scripts.pages import read_page
from tests.conftest import add_source, run_cli

HOSTILE = """Titre : « guillemets », deux-points et — tirets

Un paragraphe d’introduction qui est assez long pour ne pas être un intertitre.

<script>alert(1)</script> dans le texte.

# pas un titre

> pas une citation

- pas une liste

1. pas une liste numérotée

[pas un lien](https://example.org) et *pas d’italique* et `pas de code` et {: .classe}

&lt; reste écrit ainsi.
"""


def render(body: str) -> str:
    return markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables", "toc", "admonition", "footnotes"])


def test_hostile_lines_stay_text(empty_project):
    add_source(empty_project, "hostile.txt", HOSTILE)
    assert run_cli(empty_project, "ingest").exit_code == 0
    page = read_page(next(empty_project.articles("fr").iterdir()))
    html = render(page.body)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for tag in ("<h1", "<h2", "<blockquote", "<ul", "<ol", "<a ", "<em>", "<code>", 'class="classe"'):
        assert tag not in html, tag
    for text in ("# pas un titre", "&gt; pas une citation", "- pas une liste", "1. pas une liste numérotée"):
        assert f"<p>{text}</p>" in html
    assert "[pas un lien](https://example.org) et *pas d’italique* et `pas de code` et {: .classe}" in html
    assert "&amp;lt; reste écrit ainsi." in html


def test_tricky_titles_round_trip_through_front_matter(empty_project):
    titles = ['Titre : avec "guillemets" et deux-points', "---", "Émoji 🚀 et accents : « çà »", "yes", "2024-01-01"]
    for index, title in enumerate(titles):
        add_source(
            empty_project,
            f"t{index}.txt",
            "Un corps d’article. Avec deux phrases.\n",
            f"date: 2024-05-01\ntitle: '{title}'",
        )
    assert run_cli(empty_project, "ingest").exit_code == 0
    found = sorted(read_page(p).meta["title"] for p in empty_project.articles("fr").iterdir())
    assert found == sorted(titles)
    for path in empty_project.articles("fr").iterdir():
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        assert isinstance(meta["title"], str)
