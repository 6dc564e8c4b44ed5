"""Write an Article as Markdown whose structure the source text can never change."""

from __future__ import annotations

import re

import yaml

from scripts.model.article import Article, Block

# Characters Python-Markdown (and attr_list's {: …}) would read as markup anywhere in a line,
# all of them in its list of backslash escapes. "<" is not in that list: it becomes "&lt;".
INLINE_MARKUP_RE = re.compile(r"([\\`*_\[\]{}])")
# An ampersand that starts an entity ("&lt;") would be decoded: escape it as an entity.
ENTITY_RE = re.compile(r"&(?=#?\w+;)")
# What makes a line a block: heading, quote, list (bullet or ordered), horizontal rule.
BLOCK_START_RE = re.compile(r"^(\s*)([#>+\-]|\d+[.)](?=\s|$))")


class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml's dumper (fast) without anchors: a contributor reads every value where it is."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def escape_inline(text: str) -> str:
    """Escape a text so Markdown shows it literally, whatever it contains."""
    text = ENTITY_RE.sub("&amp;", text)
    text = INLINE_MARKUP_RE.sub(r"\\\1", text).replace("<", "&lt;")
    # A number followed by a dot starts an ordered list: "1\." is how Markdown says a literal dot.
    return BLOCK_START_RE.sub(lambda m: m.group(1) + _escape_block_start(m.group(2)), text)


def _escape_block_start(token: str) -> str:
    if token[0].isdigit():
        return token[:-1] + "\\" + token[-1]
    return "\\" + token


def render_block(block: Block) -> str:
    """One block as Markdown."""
    if block.kind == "heading":
        return "## " + escape_inline(block.text)
    if block.kind == "list":
        return "\n".join("- " + escape_inline(item) for item in block.items)
    return escape_inline(block.text)


def render_body(article: Article) -> str:
    """The Markdown body: blocks separated by blank lines, ending with one newline."""
    return "\n\n".join(render_block(block) for block in article.blocks) + "\n"


def dump_front_matter(meta: dict) -> str:
    """YAML front matter, stable across runs: keys in the given order, Unicode kept."""
    return yaml.dump(meta, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=1_000_000)


def render_page(meta: dict, body: str) -> str:
    """A whole page: front matter between --- lines, then the body."""
    return f"---\n{dump_front_matter(meta)}---\n\n{body}"
