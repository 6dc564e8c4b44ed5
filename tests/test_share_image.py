"""Share images: one PNG per article and language, the same bytes for the same inputs, cached,
named in each article's head."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from scripts.site import share_image
from scripts.site.share_image import render_share_image, write_share_image
from tests.conftest import NVLM
from tests.site_builds import SITE_URL

TITLE = "NVIDIA révolutionne l’IA avec Cosmos\u00a0: 20M d’heures de vidéo pour créer des mondes virtuels"


def test_same_inputs_same_bytes_and_a_large_card():
    first = render_share_image(TITLE, "7 janvier 2025", "Le Fil Tech")
    assert first == render_share_image(TITLE, "7 janvier 2025", "Le Fil Tech")
    assert first != render_share_image(TITLE, "8 janvier 2025", "Le Fil Tech")
    image = Image.open(io.BytesIO(first))
    assert image.format == "PNG" and image.size == (1200, 630)
    assert not image.info  # no timestamp or text chunk that would change from build to build
    # A palette image: at 20,000 images (10,000 articles per language) the site must stay well
    # under GitHub Pages' 1 GB; in RGB an image was 47 KB.
    assert image.mode == "P" and len(first) < 20_000, len(first)


def test_a_title_of_any_length_fits():
    for title in ("A", "Mot " * 80, "x" * 300):
        image = Image.open(io.BytesIO(render_share_image(title, "1 March 2025", "The Tech Wire")))
        assert image.size == (1200, 630)


def test_images_are_drawn_once_then_copied_from_the_cache(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    write_share_image(tmp_path / "a.png", TITLE, "7 janvier 2025", "Le Fil Tech", cache)
    assert len(list(cache.glob("*.png"))) == 1

    def no_drawing(*args):
        raise AssertionError("drawn again although cached")

    monkeypatch.setattr(share_image, "render_share_image", no_drawing)
    write_share_image(tmp_path / "b.png", TITLE, "7 janvier 2025", "Le Fil Tech", cache)
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
    with pytest.raises(AssertionError, match="drawn again"):  # other inputs, other key
        write_share_image(tmp_path / "c.png", TITLE, "8 janvier 2025", "Le Fil Tech", cache)


@pytest.mark.build
@pytest.mark.parametrize(("lang", "prefix"), [("fr", ""), ("en", "en/")])
def test_every_article_has_its_share_image(built_site, lang, prefix):
    pages = sorted(
        p for p in (built_site / prefix / "articles").glob("*.html") if "refresh" not in p.read_text(encoding="utf-8")
    )
    assert pages
    for page in pages:
        image = page.with_suffix(".png")
        with Image.open(image) as opened:
            assert opened.size == (1200, 630), image
        html = page.read_text(encoding="utf-8")
        url = f"{SITE_URL}{prefix}articles/{image.name}"
        assert f'<meta property="og:image" content="{url}">' in html
        assert '<meta name="twitter:card" content="summary_large_image">' in html
    home = (built_site / prefix / "index.html").read_text(encoding="utf-8")
    assert "og:image" not in home and '<meta name="twitter:card" content="summary">' in home
    # Each language draws its own: the English image is not the French one.
    if lang == "en":
        french = built_site / "articles" / f"{NVLM}.png"
        english = next(p for p in pages if p.stem == NVLM or "nvlm" in p.stem).with_suffix(".png")
        assert french.read_bytes() != english.read_bytes()
