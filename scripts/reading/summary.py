"""The description of an article: its own first sentences, cut to fit listings and meta tags."""

from __future__ import annotations

from scripts.model.schema import MAX_DESCRIPTION
from scripts.reading.structure import split_sentences


def describe(lead: str, limit: int = MAX_DESCRIPTION) -> str:
    """The lead's first one or two sentences within `limit` characters, never rewritten.

    When even the first sentence is too long, it is cut at a word boundary and ends with "…".
    """
    sentences = split_sentences(lead)
    if not sentences:
        return lead[:limit]
    description = sentences[0]
    if len(description) > limit:
        cut = description[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
        return cut + "…"
    # A second sentence that is a question ("La raison ?") teases what follows: it summarises nothing.
    second = sentences[1] if len(sentences) > 1 else ""
    if second and not second.endswith("?") and len(description) + 1 + len(second) <= limit:
        description = f"{description} {second}"
    return description
