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
# "contact@meta.com" are addresses, not mentions. A cheap search finds what marks an address
# ("://", "www.", "@", a top-level domain); the whole white-space-delimited token around it goes.
ADDRESS_MARK_RE = re.compile(r"://|www\.|@|\.(?:com|fr|org|net|io|ai|ca|co|quebec|dev|app)\b", re.IGNORECASE)
TRAILING_PUNCTUATION = ".,;:!?)»”\"'’"

# A term stands alone: not inside a word, not glued to a hyphenated word ("Meta-analyse"),
# but elisions (l’OpenAI, d’NVIDIA) and model suffixes (NVLM-D, GPT-4) are fine.
# \b first: a cheap test that rejects most positions before the look-behind and the branches run.
LEFT = r"\b(?<![\w-])"
RIGHT = r"(?![\w])(?!-[a-zà-öø-ÿ])"


def _trie_pattern(terms: Iterable[str]) -> str:
    """A regex for a set of literal strings, factored as a trie.

    re tries a plain alternation's branches one by one at every position; a trie checks each
    character once, which makes matching ~200 company names about ten times faster.
    """
    trie: dict = {}
    for term in terms:
        node = trie
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}

    def walk(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + walk(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if ends else body

    return walk(trie)


def _literal_alternation(terms: Iterable[str]) -> str:
    return f"{LEFT}(?:{_trie_pattern(terms)}){RIGHT}"


# A letter that is not part of an escape (\S, \W, \D keep their case).
UNESCAPED_CAPITAL_RE = re.compile(r"(?<!\\)[A-ZÀ-ÖØ-Þ]")


def _pattern_alternation(patterns: Iterable[str]) -> str:
    """Topic signals as one lower-case alternation, matched against lower-cased text.

    Lower-casing once and matching without re.IGNORECASE is twice as fast: the engine then
    compares characters instead of case-folding both sides at every position.
    """
    lowered = {UNESCAPED_CAPITAL_RE.sub(lambda m: m.group(0).lower(), p) for p in patterns}
    return f"(?:{'|'.join(sorted(lowered, key=len, reverse=True))})"


def mask_addresses(text: str) -> str:
    """Blank out URLs and e-mail addresses, keeping every other character where it was."""
    spans = []
    for mark in ADDRESS_MARK_RE.finditer(text):
        start = max(text.rfind(" ", 0, mark.start()), text.rfind("\n", 0, mark.start())) + 1
        ends = [i for i in (text.find(" ", mark.end()), text.find("\n", mark.end())) if i != -1]
        end = min(ends) if ends else len(text)
        while end > start and text[end - 1] in TRAILING_PUNCTUATION:
            end -= 1
        spans.append((start, end))
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


@dataclass(frozen=True)
class _Text:
    """An article cut into weighted sentences, matched against with one search per pattern."""

    text: str
    lowered: str  # same length as text: str.lower() keeps the length of French and English text
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
        text = mask_addresses("\n".join(chunks))
        lowered = text.lower()
        if len(lowered) != len(text):  # "İ" lower-cases to two characters; keep offsets aligned
            lowered = "".join(c.lower()[0] for c in text)
        return cls(text, lowered, starts, weights)

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
        self._exact_re = re.compile(_literal_alternation(exact)) if exact else None
        self._folded_re = re.compile(_literal_alternation(folded), re.IGNORECASE) if folded else None
        self._excludes = {c.name: re.compile(_literal_alternation(c.exclude)) for c in registry.companies if c.exclude}
        # One pass per language finds every topic: each topic is a named group, and the match
        # says which one it was. Topics are few, so group names are their positions.
        self._topic_ids = [t.id for t in registry.topics]
        self._topic_res = {
            lang: re.compile(
                LEFT
                + "(?:"
                + "|".join(f"(?P<t{i}>{_pattern_alternation(t.signals[lang])})" for i, t in enumerate(registry.topics))
                + ")"
                + RIGHT
            )
            for lang in ("fr", "en")
        }

    @classmethod
    def load(cls, project: Project) -> Tagger:
        """The tagger for a project's data files (built once per content of those files)."""
        return _cached_tagger(project.companies.read_bytes(), project.topics.read_bytes(), project)

    def company_scores(self, text: _Text) -> dict[str, int]:
        sentences: dict[str, set[int]] = defaultdict(set)
        excluded: dict[str, list[tuple[int, int]]] = {}
        for pattern, table, fold in ((self._exact_re, self._exact, False), (self._folded_re, self._folded, True)):
            if pattern is None:
                continue
            for found in pattern.finditer(text.text):
                name = table[found.group(0).casefold() if fold else found.group(0)]
                start = found.start()
                if name in self._excludes:
                    # Exclusions are searched only for a company that was found at all.
                    if name not in excluded:
                        excluded[name] = [m.span() for m in self._excludes[name].finditer(text.text)]
                    if any(a <= start < b for a, b in excluded[name]):
                        continue
                sentences[name].add(text.sentence_of(start))
        return {name: sum(text.weights[i] for i in found) for name, found in sentences.items()}

    def topic_scores(self, text: _Text, lang: str) -> dict[str, int]:
        sentences: dict[str, set[int]] = defaultdict(set)
        for found in self._topic_res[lang].finditer(text.lowered):
            topic_id = self._topic_ids[int(found.lastgroup[1:])]
            sentences[topic_id].add(text.sentence_of(found.start()))
        return {topic_id: sum(text.weights[i] for i in found) for topic_id, found in sentences.items()}

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
