"""Which companies and topics an article is about: whole-word matching, then salience.

The rule (tuned on tests/data/tagging/labelled.yml; `python -m scripts tag --report`):
every sentence that mentions a company or topic adds its weight once, however many mentions it
holds: the title weighs 3, the lead (first paragraph) and each hashtag 2, any other sentence 1.
A company or topic is tagged when its score reaches TAG_THRESHOLD (3): in the title; in the
lead and one more sentence; or in three sentences of the body. A single passing mention never
tags, whatever the article's length.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from scripts.paths import Project
from scripts.registry import Registry, load_registry
from scripts.structure import SENTENCE_END_RE

TAG_THRESHOLD = 3
WEIGHT_TITLE, WEIGHT_LEAD, WEIGHT_BODY = 3, 2, 1

# URLs, bare domains and e-mail addresses are masked before matching: "nvidia.com" or
# "contact@meta.com" are addresses, not mentions.
ADDRESS_RE = re.compile(
    r"\b(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|fr|org|net|io|ai|ca|co|quebec|dev|app)\b(?:/\S*)?",
    re.IGNORECASE,
)
# A term stands alone: not inside a word, not glued to a hyphenated word ("Meta-analyse"),
# but elisions (l’OpenAI, d’NVIDIA) and model suffixes (NVLM-D, GPT-4) are fine.
LEFT = r"(?<![\w-])"
RIGHT = r"(?![\w])(?!-[a-zà-öø-ÿ])"


def _alternation(terms: Iterable[str], literal: bool) -> str:
    parts = sorted({re.escape(t) if literal else t for t in terms}, key=len, reverse=True)
    return f"{LEFT}(?:{'|'.join(parts)}){RIGHT}"


def mask_addresses(text: str) -> str:
    """Blank out URLs and e-mail addresses, keeping every other character where it was."""
    return ADDRESS_RE.sub(lambda m: " " * len(m.group(0)), text)


@dataclass(frozen=True)
class _Text:
    """An article cut into weighted sentences, matched against with one search per pattern."""

    text: str
    starts: list[int]
    weights: list[int]

    @classmethod
    def of(cls, title: str, lead: str, body: str, hashtags: Iterable[str]) -> _Text:
        parts: list[tuple[str, int]] = [(title, WEIGHT_TITLE)]
        parts += [(f"{tag}", WEIGHT_LEAD) for tag in hashtags]
        parts += [(s, WEIGHT_LEAD) for s in [lead]]
        for paragraph in body.split("\n"):
            parts += [(s, WEIGHT_BODY) for s in SENTENCE_END_RE.split(paragraph) if s.strip()]
        starts, weights, chunks, offset = [], [], [], 0
        for chunk, weight in parts:
            starts.append(offset)
            weights.append(weight)
            chunks.append(chunk)
            offset += len(chunk) + 1
        return cls(mask_addresses("\n".join(chunks)), starts, weights)

    def sentence_of(self, position: int) -> int:
        return bisect.bisect_right(self.starts, position) - 1


class Tagger:
    """Matches the registry's companies and topics in an article and scores their salience."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        exact, folded = {}, {}
        for company in registry.companies:
            for term in company.terms:
                if company.ignore_case:
                    folded[term.casefold()] = company.name
                else:
                    exact[term] = company.name
        self._exact = exact
        self._folded = folded
        self._exact_re = re.compile(_alternation(exact, literal=True)) if exact else None
        self._folded_re = re.compile(_alternation(folded, literal=True), re.IGNORECASE) if folded else None
        self._excludes = {
            c.name: re.compile(_alternation(c.exclude, literal=True)) for c in registry.companies if c.exclude
        }
        self._topic_res = {
            lang: [
                (t.id, re.compile(_alternation(t.signals[lang], literal=False), re.IGNORECASE)) for t in registry.topics
            ]
            for lang in ("fr", "en")
        }

    @classmethod
    def load(cls, project: Project) -> Tagger:
        """The tagger for a project's data files (built once per content of those files)."""
        return _cached_tagger(project.companies.read_bytes(), project.topics.read_bytes(), project)

    def company_scores(self, text: _Text) -> dict[str, int]:
        sentences: dict[str, set[int]] = defaultdict(set)
        excluded: dict[str, list[tuple[int, int]]] = {
            name: [m.span() for m in pattern.finditer(text.text)] for name, pattern in self._excludes.items()
        }
        for pattern, table, fold in ((self._exact_re, self._exact, False), (self._folded_re, self._folded, True)):
            if pattern is None:
                continue
            for found in pattern.finditer(text.text):
                name = table[found.group(0).casefold() if fold else found.group(0)]
                start = found.start()
                if any(a <= start < b for a, b in excluded.get(name, ())):
                    continue
                sentences[name].add(text.sentence_of(start))
        return {name: sum(text.weights[i] for i in found) for name, found in sentences.items()}

    def topic_scores(self, text: _Text, lang: str) -> dict[str, int]:
        scores = {}
        for topic_id, pattern in self._topic_res[lang]:
            found = {text.sentence_of(m.start()) for m in pattern.finditer(text.text)}
            if found:
                scores[topic_id] = sum(text.weights[i] for i in found)
        return scores

    def scores(self, title: str, lead: str, body: str, hashtags: Iterable[str] = (), lang: str = "fr"):
        """(company scores, topic scores) of one article."""
        text = _Text.of(title, lead, body, hashtags)
        return self.company_scores(text), self.topic_scores(text, lang)

    def tag(
        self, title: str, lead: str, body: str, hashtags: Iterable[str] = (), lang: str = "fr"
    ) -> tuple[list[str], list[str]]:
        """(companies, topic ids) the article is about, each in registry order."""
        companies, topics = self.scores(title, lead, body, hashtags, lang)
        return (
            [c.name for c in self.registry.companies if companies.get(c.name, 0) >= TAG_THRESHOLD],
            [t.id for t in self.registry.topics if topics.get(t.id, 0) >= TAG_THRESHOLD],
        )

    def labels(self, topic_ids: Iterable[str], lang: str) -> list[str]:
        """The labels of topics in one language."""
        return [self.registry.topic(t).labels[lang] for t in topic_ids]

    def topic_ids(self, labels: Iterable[str], lang: str) -> list[str | None]:
        """The ids of topics from their labels in one language (None for an unknown label)."""
        by_label = {t.labels[lang]: t.id for t in self.registry.topics}
        return [by_label.get(label) for label in labels]


@lru_cache(maxsize=4)
def _cached_tagger(companies: bytes, topics: bytes, project: Project) -> Tagger:
    registry, _errors = load_registry(project)
    return Tagger(registry)
