"""Share images (og:image, twitter:card): one PNG per article and per language, drawn at build
time with Pillow and the bundled DejaVu Sans Bold (scripts/site/fonts/): the title, the date and
the site's name. Material's social plugin would download fonts and cannot run offline.

Same inputs, same bytes: no timestamp or metadata in the PNG, and a bundled font, so the image
does not depend on the machine. Drawing one takes about 12 ms (2,000 images at 1,000 articles
per language), so images are kept in a cache keyed by a hash of everything that goes into them
(.cache/share-images/ of the project): a rebuild copies them.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
from functools import cache
from pathlib import Path

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
FONT = Path(__file__).parent / "fonts" / "DejaVuSans-Bold.ttf"
# Bump when the drawing changes: cached images of the old drawing are then not reused.
VERSION = "3"
BACKGROUND, BAND, TEXT, MUTED, ACCENT = "#0f766e", "#115e59", "#ffffff", "#ccfbf1", "#fbbf24"
TITLE_SIZES = (64, 56, 48, 42)  # the largest that fits in MAX_LINES
MAX_LINES = 5
WHITESPACE_RE = re.compile(r"[ \t\n\r]+")  # not the no-break spaces of French typography
# Anti-aliased text on a flat background needs only a few shades between each text colour and
# its background: three, which at 1200 px wide cannot be told from seven. Saved with that palette,
# an image is about 10.4 KB instead of 47 KB in RGB (12 KB with seven shades and a 256-entry
# palette): at 10,000 articles per language, 208 MB of images instead of 940 MB, under GitHub
# Pages' 1 GB limit with the pages.
SHADES = 4
# The palette is written with as many entries as it has colours, but never fewer than 17: with 16
# or fewer, PNG packs two pixels a byte, and zlib finds fewer repeats (10.4 KB against 11.5 KB).
PALETTE_ENTRIES_AT_LEAST = 17


@cache
def _font(size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT), size)


@cache
def _font_digest() -> str:
    return hashlib.sha256(FONT.read_bytes()).hexdigest()


def _wrap(text: str, font, width: int) -> list[str]:
    """Words in lines no wider than `width`; a word longer than a line is cut."""
    lines: list[str] = []
    line = ""
    # Words are what ordinary spaces separate: a no-break space (« Cosmos : ») holds its pair.
    for word in text.split(" "):
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while font.getlength(word) > width:  # a very long word: cut it where it overflows
            cut = max(1, next(i for i in range(len(word), 0, -1) if font.getlength(word[:i]) <= width))
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def _title_lines(title: str) -> tuple[object, list[str]]:
    for size in TITLE_SIZES:
        font = _font(size)
        lines = _wrap(title, font, WIDTH - 2 * MARGIN)
        if len(lines) <= MAX_LINES:
            return font, lines
    lines = lines[:MAX_LINES]
    last = lines[-1]
    while last and font.getlength(last + "…") > WIDTH - 2 * MARGIN:
        last = last[:-1]
    lines[-1] = last.rstrip() + "…"
    return font, lines


def render_share_image(title: str, date: str, site_name: str) -> bytes:
    """The PNG of one article's share image."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT - 110, WIDTH, HEIGHT), fill=BAND)
    draw.rectangle((MARGIN, 70, MARGIN + 90, 78), fill=ACCENT)
    font, lines = _title_lines(" ".join(WHITESPACE_RE.split(title.strip())))
    line_height = int(font.size * 1.22)
    y = 110
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=TEXT)
        y += line_height
    small = _font(30)
    draw.text((MARGIN, HEIGHT - 72), site_name, font=small, fill=TEXT)
    draw.text((WIDTH - MARGIN, HEIGHT - 72), date, font=small, fill=MUTED, anchor="ra")
    out = io.BytesIO()
    # No metadata chunks, a fixed palette, no dithering and a fixed compression: the same pixels
    # give the same bytes.
    image = image.quantize(palette=_palette(), dither=Image.Dither.NONE)
    image.save(out, format="PNG", compress_level=6)  # level 9 saves 2 KB for 30 ms more an image
    return out.getvalue()


@cache
def _palette():
    """The design's colours and the anti-aliasing shades between each text colour and its ground."""
    from PIL import Image, ImageColor

    colours = [ImageColor.getrgb(c) for c in (BACKGROUND, BAND, TEXT, MUTED, ACCENT)]
    for fg, bg in ((TEXT, BACKGROUND), (TEXT, BAND), (MUTED, BAND)):
        f, b = ImageColor.getrgb(fg), ImageColor.getrgb(bg)
        colours += [tuple(round(b[k] + (f[k] - b[k]) * i / SHADES) for k in range(3)) for i in range(1, SHADES)]
    colours += colours[:1] * (PALETTE_ENTRIES_AT_LEAST - len(colours))
    palette = Image.new("P", (1, 1))
    palette.putpalette([value for colour in colours for value in colour])
    return palette


def share_image_key(title: str, date: str, site_name: str) -> str:
    """What a share image depends on, hashed: its cache key."""
    parts = (VERSION, _font_digest(), title, date, site_name)
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def write_share_image(target: Path, title: str, date: str, site_name: str, cache_dir: Path | None) -> None:
    """Write one share image at `target`, drawn or taken from the cache."""
    target.parent.mkdir(parents=True, exist_ok=True)
    cached = cache_dir / f"{share_image_key(title, date, site_name)}.png" if cache_dir else None
    if cached is not None and cached.is_file():
        shutil.copyfile(cached, target)
        return
    data = render_share_image(title, date, site_name)
    target.write_bytes(data)
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")  # two builds at once: never half a file
        partial.write_bytes(data)
        partial.replace(cached)


def write_article_share_image(news: dict, page_dest: Path, project_root: Path) -> None:
    """An article page's share image, beside the page (articles/<slug>.png); nothing for other pages."""
    article = news.get("article")
    if article:
        cache_dir = project_root / ".cache" / "share-images"
        write_share_image(
            page_dest.with_suffix(".png"), article["title"], article["date"], news["text"]["site_name"], cache_dir
        )
