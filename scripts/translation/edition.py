"""An English edition from a French page: which texts to translate, and the page they make.

A page is cut into segments, one per translatable text (title, summary, captions, bio, and each
heading, paragraph and list item of the body). Only segments go to a translator; the Markdown
around them (heading marks, list marks, blank lines, front-matter keys, credits) is put back by
this module, so a translator can change words but not the page's structure.
"""

from __future__ import annotations

from dataclasses import dataclass

from scripts.common.errors import SourceError
from scripts.common.paths import Project
from scripts.model.pages import Page, content_hash, write_page
from scripts.model.registry import Registry, load_registry
from scripts.model.schema import MAX_DESCRIPTION
from scripts.translation.checks import read_valid_page
from scripts.translation.document import Block, french_sha256, read_blocks


@dataclass(frozen=True)
class Segment:
    """One text to translate, and where it goes back (a front-matter key or a body block)."""

    where: str  # "title", "description", "caption:N", "author_bio", "block:N", "item:N:M"
    text: str


def extract_segments(french: Page) -> list[Segment]:
    """The texts of a French page a translator must translate, in reading order."""
    meta = french.meta
    segments = [Segment("title", meta["title"]), Segment("description", meta["description"])]
    for number, image in enumerate(meta.get("images") or []):
        if image.get("caption"):
            segments.append(Segment(f"caption:{number}", image["caption"]))
    if (meta.get("source") or {}).get("author_bio"):
        segments.append(Segment("author_bio", meta["source"]["author_bio"]))
    for number, block in enumerate(read_blocks(french.body)):
        if block.kind == "list":
            segments.extend(Segment(f"item:{number}:{i}", item) for i, item in enumerate(block.lines))
        elif block.kind == "heading" or block.kind == "paragraph":
            segments.append(Segment(f"block:{number}", "\n".join(block.lines)))
    return segments


def _render_block(block: Block, texts: dict[str, str], number: int) -> str:
    if block.kind == "heading":
        return "#" * block.level + " " + texts[f"block:{number}"]
    if block.kind == "list":
        return "\n".join(f"- {texts[f'item:{number}:{i}']}" for i in range(len(block.lines)))
    if block.kind == "paragraph":
        return texts[f"block:{number}"]
    return "\n".join(block.lines)  # code is never translated


def shorten(text: str, limit: int = MAX_DESCRIPTION) -> str:
    """A summary cut at a word boundary to fit the schema's limit."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def english_tags(french: Page, registry: Registry) -> list[str]:
    """The English labels of the French page's topics (unknown labels are left to `check`)."""
    by_label = {t.labels["fr"]: t for t in registry.topics}
    return [by_label[label].labels["en"] for label in french.meta.get("tags") or [] if label in by_label]


def build_english(french: Page, texts: dict[str, str], registry: Registry, status: str, backend: str | None) -> Page:
    """The English edition made of translated segments (keyed by Segment.where)."""
    fr = french.meta
    source = dict(fr.get("source") or {})
    if source.get("author_bio"):
        source["author_bio"] = texts["author_bio"]
    images = []
    for number, image in enumerate(fr.get("images") or []):
        image = dict(image)
        if image.get("caption"):
            image["caption"] = texts[f"caption:{number}"]
        images.append(image)
    meta: dict = {"title": texts["title"], "slug": fr["slug"], "date": fr["date"]}
    if fr.get("date_estimated"):
        meta["date_estimated"] = True
    meta |= {
        "description": shorten(texts["description"]),
        "lang": "en",
        "source": source,
        "images": images,
        "hashtags": list(fr.get("hashtags") or []),
        "companies": list(fr.get("companies") or []),
        "tags": english_tags(french, registry),
        "translation": {"status": status, "source_sha256": french_sha256(french)},
    }
    if backend:
        meta["translation"]["backend"] = backend
    blocks = [_render_block(block, texts, n) for n, block in enumerate(read_blocks(french.body))]
    path = french.path.parent.parent.parent / "en" / "articles" / french.path.name
    return Page(path, meta, "\n\n".join(blocks) + "\n")


# A paragraph or heading this long is never the same in both languages: it is untranslated.
UNTRANSLATED_MIN = 80


def french_in_place(french: Page, registry: Registry) -> Page:
    """An English edition to translate by hand: front matter right, the French texts in place."""
    texts = {segment.where: segment.text for segment in extract_segments(french)}
    return build_english(french, texts, registry, "machine", None)


def untranslated_blocks(french: Page, english: Page) -> list[str]:
    """The long paragraphs and headings the English edition still has in French."""
    french_texts = {b.text for b in read_blocks(french.body) if len(b.text) >= UNTRANSLATED_MIN}
    return [b.describe() for b in read_blocks(english.body) if b.kind != "code" and b.text in french_texts]


def make_edition(project: Project, slug: str, force: bool = False) -> str | None:
    """Write the English edition of a French article with the French text in place; the problem, if any."""
    fr_path, en_path = project.articles("fr") / f"{slug}.md", project.articles("en") / f"{slug}.md"
    if not fr_path.exists():
        return f"{project.relative(fr_path)} does not exist"
    if en_path.exists() and not force:
        return f"{project.relative(en_path)} exists (--force to replace it)"
    registry, problems = load_registry(project)
    if problems:
        return problems[0]
    try:
        french = read_valid_page(project, fr_path)
    except SourceError as error:
        return str(error)
    english = french_in_place(french, registry)
    # As a generated draft: `translate SLUG` may replace it until a person edits it.
    english.meta["translation"]["page_sha256"] = content_hash(english.meta, english.body)
    en_path.parent.mkdir(parents=True, exist_ok=True)
    write_page(en_path, english.meta, english.body)
    return None
