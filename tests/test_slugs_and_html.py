"""Slugs (stable, unique, never a path) and the HTML reader (trafilatura, manifest wins)."""

from __future__ import annotations

from scripts.model.pages import read_page
from scripts.reading.ingest import make_slug
from tests.conftest import add_source, run_cli

BODY = "Un premier paragraphe assez long pour être un chapô. Il a deux phrases.\n"


def test_slug_is_ascii_lowercase_and_splits_elisions():
    assert make_slug("L’IA de NVIDIA : « Cosmos » à 20 M$ !", "a.txt", set()) == ("l-ia-de-nvidia-cosmos-a-20-m", None)


def test_slug_never_is_a_path():
    for title in ("../../etc/passwd", "/absolute", ".hidden", "a/b\\c"):
        slug, _ = make_slug(title, "x.txt", set())
        assert "/" not in slug and "\\" not in slug and ".." not in slug and not slug.startswith(".")


def test_slug_of_a_title_without_letters():
    slug, warning = make_slug("🚀🚀", "rocket.txt", set())
    assert slug.startswith("article-") and warning


def test_colliding_slugs_get_a_stable_suffix_and_a_warning(empty_project):
    add_source(empty_project, "b.txt", "Même titre\n\n" + BODY)
    add_source(empty_project, "a.txt", "Même titre\n\n" + BODY)
    result = run_cli(empty_project, "ingest")
    assert result.exit_code == 0
    names = sorted(p.name for p in empty_project.articles("fr").iterdir())
    suffix = make_slug("Même titre", "b.txt", {"meme-titre"})[0]
    assert names == sorted(["meme-titre.md", f"{suffix}.md"])
    assert f"note: b.txt: slug 'meme-titre' is taken by another article: using '{suffix}'" in result.stderr
    # A later run keeps each source on its slug, whatever order sources arrive in.
    (empty_project.sources / "a.txt").write_text("Même titre\n\n" + BODY + "Encore.\n", encoding="utf-8")
    run_cli(empty_project, "ingest")
    assert sorted(p.name for p in empty_project.articles("fr").iterdir()) == names


HTML = """<!doctype html><html lang="fr"><head>
<title>Le titre de la page | Le Site</title>
<meta property="og:title" content="Mistral AI ouvre un bureau à Montréal">
<meta name="author" content="Camille Dupont">
<meta property="article:published_time" content="2024-03-05T08:00:00+01:00">
<meta property="og:site_name" content="Le Site Tech">
<link rel="canonical" href="https://exemple.fr/tech/mistral-montreal">
</head><body>
<nav><a href="/">Accueil</a> <a href="/tech">Tech</a></nav>
<article><h1>Mistral AI ouvre un bureau à Montréal</h1>
<p>La jeune pousse parisienne Mistral AI ouvre un bureau à Montréal, son premier en Amérique du Nord.</p>
<p>Publicité</p>
<h2>Un pôle de recherche</h2>
<p>Le bureau accueillera une trentaine de chercheurs, selon l’entreprise, qui veut profiter du vivier de talents du Québec.</p>
<ul><li>Trente postes dès cette année.</li><li>Un partenariat avec Mila.</li></ul>
<p>Mistral compte aussi recruter des ingénieurs pour ses modèles de langage.</p>
</article>
<aside>Suivez-nous sur notre page Facebook</aside>
<footer>© Le Site Tech</footer>
</body></html>"""


def test_html_page_gives_text_and_metadata(empty_project):
    add_source(empty_project, "mistral.html", HTML)
    result = run_cli(empty_project, "ingest")
    assert result.exit_code == 0, result.stderr
    page = read_page(empty_project.articles("fr") / "mistral-ai-ouvre-un-bureau-a-montreal.md")
    assert page.meta["title"] == "Mistral AI ouvre un bureau à Montréal"
    assert page.meta["source"]["url"] == "https://exemple.fr/tech/mistral-montreal"
    assert page.meta["source"]["author"] == "Camille Dupont"
    assert page.meta["source"]["outlet"] == "Le Site Tech"
    assert "## Un pôle de recherche" in page.body
    assert "- Trente postes dès cette année.\n- Un partenariat avec Mila." in page.body
    assert "Publicité" not in page.body and "Accueil" not in page.body and "Suivez-nous" not in page.body
    assert page.meta["companies"] == ["Mistral AI"]


def test_manifest_wins_over_the_page(empty_project):
    add_source(
        empty_project,
        "mistral.html",
        HTML,
        "date: 2024-03-06\nurl: https://exemple.fr/autre\nauthor: A. Martin\noutlet: Autre\ntitle: Titre imposé",
    )
    run_cli(empty_project, "ingest")
    page = read_page(empty_project.articles("fr") / "titre-impose.md")
    assert page.meta["title"] == "Titre imposé"
    assert str(page.meta["date"]) == "2024-03-06"
    assert page.meta["source"]["url"] == "https://exemple.fr/autre"
    assert page.meta["source"]["author"] == "A. Martin"
    assert page.meta["source"]["outlet"] == "Autre"
