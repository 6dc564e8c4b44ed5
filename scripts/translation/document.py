"""What a translation must preserve: the French text's hash and its Markdown structure.

An English edition records the hash of the French text it translates (`translation.source_sha256`);
when the French changes, the hash no longer matches and the edition is stale. Its structure
(headings, paragraphs, lists, links, images) must match the French block for block: a translator,
human or machine, that drops a paragraph or merges two sections is caught here.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass

from scripts.model.pages import Page
from scripts.model.schema import ArticlePage

HEADING_RE = re.compile(r"^(#{1,6})\s+(.*)$")
LIST_ITEM_RE = re.compile(r"^(?:[-*+]|\d+[.)])\s+(.*)$")
# An inline link or image, [text](target) or ![alt](target): the target is kept verbatim.
LINK_RE = re.compile(r"(!?)\[(?:[^\]\\]|\\.)*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE_RE = re.compile(r"^(```|~~~)")


@dataclass(frozen=True)
class Block:
    """One block of a Markdown body: a heading (with its level), a paragraph or a list."""

    kind: str  # "heading", "paragraph", "list", "code"
    lines: tuple[str, ...]
    level: int = 0

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    @property
    def links(self) -> tuple[str, ...]:
        """The targets of the block's links and images, in order."""
        return tuple(m.group(1) + m.group(2) for m in LINK_RE.finditer("\n".join(self.lines)))

    def describe(self) -> str:
        """How a contributor would name this block: kind, and the start of its text."""
        name = f"heading (level {self.level})" if self.kind == "heading" else self.kind
        if self.kind == "list":
            name = f"list of {len(self.lines)} items"
        excerpt = self.text if len(self.text) <= 60 else self.text[:57].rstrip() + "…"
        return f"{name} “{excerpt}”"


def read_blocks(body: str) -> list[Block]:
    """The blocks of a Markdown body, as the translation checks see it."""
    blocks: list[Block] = []
    chunk: list[str] = []
    in_fence = False
    for line in body.splitlines():
        if FENCE_RE.match(line):
            in_fence = not in_fence
        if not in_fence and not line.strip():
            if chunk:
                blocks.append(_block(chunk))
                chunk = []
            continue
        chunk.append(line)
    if chunk:
        blocks.append(_block(chunk))
    return blocks


def _block(lines: list[str]) -> Block:
    if FENCE_RE.match(lines[0]):
        return Block("code", tuple(lines))
    heading = HEADING_RE.match(lines[0])
    if heading and len(lines) == 1:
        return Block("heading", (heading.group(2),), level=len(heading.group(1)))
    items = [LIST_ITEM_RE.match(line) for line in lines]
    if all(items):
        return Block("list", tuple(m.group(1) for m in items if m))
    return Block("paragraph", tuple(lines))


def translatable_text(page: Page) -> dict:
    """The parts of a page a translator translates: the title, summary, captions, bio and body."""
    meta = page.meta
    return _translatable(
        meta.get("title", ""),
        meta.get("description", ""),
        [image.get("caption") for image in meta.get("images") or []],
        (meta.get("source") or {}).get("author_bio"),
        page.body,
    )


def _translatable(title: object, description: object, captions: list, author_bio: object, body: str) -> dict:
    """The one shape both hashes below are taken over: the same text, the same hash."""
    return {
        "title": title,
        "description": description,
        "captions": captions,
        "author_bio": author_bio,
        "body": body.strip(),
    }


def french_sha256(page: Page) -> str:
    """The hash an English edition records: it changes when the French text changes, not its tags."""
    return _sha256(translatable_text(page))


def article_sha256(article: ArticlePage, body: str) -> str:
    """french_sha256, from the page's model (the site build keeps models, not pages): the same
    hash for a page that matches the schema."""
    captions = [image.caption for image in article.images]
    return _sha256(_translatable(article.title, article.description, captions, article.source.author_bio, body))


def _sha256(text: dict) -> str:
    # default=str: a page that fails the schema (YAML's bytes in a title) is hashed, not a
    # crash; `check` names its problem.
    canonical = json.dumps(text, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _shape(block: Block) -> tuple:
    # What must be equal between a block and its translation: not the words, the form.
    return (block.kind, block.level, len(block.lines) if block.kind == "list" else 0)


def compare_structure(french: Page, english: Page) -> str | None:
    """The first structural difference between a French page and its translation, or None."""
    fr_images, en_images = french.meta.get("images") or [], english.meta.get("images") or []
    if len(fr_images) != len(en_images):
        return f"images: the French has {len(fr_images)}, the English {len(en_images)}"
    for number, (fr_image, en_image) in enumerate(zip(fr_images, en_images, strict=True), 1):
        if bool(fr_image.get("caption")) != bool(en_image.get("caption")):
            return f"images: image {number} has a caption in one language only"
        if fr_image.get("credit") != en_image.get("credit"):
            fr_credit, en_credit = fr_image.get("credit"), en_image.get("credit")
            return f"images: image {number} is credited {fr_credit!r} in French, {en_credit!r} in English"
    fr_blocks, en_blocks = read_blocks(french.body), read_blocks(english.body)
    fr_shapes, en_shapes = [_shape(b) for b in fr_blocks], [_shape(b) for b in en_blocks]
    if fr_shapes == en_shapes:
        for number, (fr_block, en_block) in enumerate(zip(fr_blocks, en_blocks, strict=True), 1):
            if fr_block.links != en_block.links:
                return f"block {number}: links differ: French {list(fr_block.links)}, English {list(en_block.links)}"
        return None
    # Align the two outlines to name the block that was dropped, added or changed.
    matcher = difflib.SequenceMatcher(a=fr_shapes, b=en_shapes, autojunk=False)
    for tag, i1, _i2, j1, _j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "delete":
            return f"block {i1 + 1}: the French {fr_blocks[i1].describe()} has no English counterpart"
        if tag == "insert":
            return f"block {j1 + 1}: the English {en_blocks[j1].describe()} has no French counterpart"
        return f"block {i1 + 1}: the French has a {fr_blocks[i1].describe()}, the English a {en_blocks[j1].describe()}"
    return None  # pragma: no cover - unequal sequences always have a non-equal opcode
