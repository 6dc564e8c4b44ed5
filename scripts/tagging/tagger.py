"""Which companies and topics an article is about: whole-word matching, then salience.

The rule (tuned on the development set, data/labelled/tagging-dev.yml, real French articles
from 27 outlets, and checked on the trap snippets of data/labelled/tagging.yml;
`python -m scripts tag --report`): every sentence that mentions a company or topic adds its
weight once, however many mentions it holds: the title weighs 3, the lead (first paragraph)
and each hashtag 2, any other sentence 1. A company or topic is tagged when its score reaches
TAG_THRESHOLD / TOPIC_THRESHOLD (3): in the title; in the lead and one more sentence; or in
three sentences of the body. A single passing mention never tags, whatever the article's length.
What a mention is counts too (scripts/tagging/salience.py): a company named as a platform, a
tool, a client, a rival, an example or in an aside adds nothing; a topic word in a company's
epithet adds nothing; a topic found only in the body must fill a share of its sentences.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from scripts.common.paths import Project
from scripts.model.registry import Registry, load_registry
from scripts.reading.structure import split_sentences
from scripts.tagging.salience import is_angle, is_aside, is_epithet, listing_sentences

# Tuned on the development set: at 4, topics named in a headline alone (a brief's only cue)
# are lost (recall 0.86); at 2, one sentence of the lead tags (precision falls).
TAG_THRESHOLD = 3
TOPIC_THRESHOLD = 3
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


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _starts_word(text: str, start: int) -> bool:
    """LEFT, in Python: a word starts here, not glued to a word or a hyphen before it."""
    return _is_word(text[start]) and (start == 0 or not (_is_word(text[start - 1]) or text[start - 1] == "-"))


def _ends_word(text: str, end: int) -> bool:
    """RIGHT, in Python: no word character after, nor a hyphen and a lower-case letter."""
    if end >= len(text):
        return True
    char = text[end]
    if _is_word(char):
        return False
    if char == "-" and end + 1 < len(text):
        following = text[end + 1]
        return not ("a" <= following <= "z" or "à" <= following <= "ö" or "ø" <= following <= "ÿ")
    return True


def _automaton(terms: dict[str, str]) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton: every occurrence of every term in one pass over a text, in C."""
    automaton = ahocorasick.Automaton()
    for term, value in terms.items():
        automaton.add_word(term, (len(term), value))
    automaton.make_automaton()
    return automaton


def _whole_words(automaton: ahocorasick.Automaton, text: str) -> list[tuple[int, int, str]]:
    """(start, end, value) of whole-word terms, leftmost first, the longest at each place, never
    overlapping: what a regex of the same terms between LEFT and RIGHT finds, scanning."""
    longest: dict[int, tuple[int, str]] = {}
    for last, (length, value) in automaton.iter(text):
        start, end = last - length + 1, last + 1
        if length > longest.get(start, (0, ""))[0] and _starts_word(text, start) and _ends_word(text, end):
            longest[start] = (length, value)
    found, covered = [], 0
    for start in sorted(longest):
        if start >= covered:
            length, value = longest[start]
            found.append((start, start + length, value))
            covered = start + length
    return found


REGEX_META = set(".^$*+?{}[]()|\\")


def _literal_prefix(pattern: str) -> str:
    """The literal text every match of a signal starts with, or "" when it may start otherwise.

    "modèles? de langage" -> "modèle", "gpt-\\d\\w*" -> "gpt-", "(global )?ai race" -> "".
    """
    depth = 0
    for char in pattern:  # a top-level alternative could start with anything
        depth += char == "("
        depth -= char == ")"
        if char == "|" and depth == 0:
            return ""
    out, i = [], 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            following = pattern[i + 1 : i + 2]
            if following and not following.isalnum():  # an escaped punctuation mark is literal
                out.append(following)
                i += 2
                continue
            break
        if char in REGEX_META:
            break
        out.append(char)
        i += 1
    if i < len(pattern) and pattern[i] in "?*{" and out:
        out.pop()  # the last character is optional
    return "".join(out)


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
            parts += [(s, WEIGHT_BODY) for s in split_sentences(paragraph) if s.strip()]
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
        self._exact = _automaton(exact) if exact else None
        # Names any case may spell are looked for in the lower-cased text.
        self._folded = _automaton({term.lower(): name for term, name in folded.items()}) if folded else None
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
        # That one regex tries ~150 branches at every word of an article. Most signals start
        # with a fixed text ("modèle", "gpt-"): a trie of those finds the few words where a
        # signal may start, and the full regex runs there only. Signals without such a start
        # ("(global )?ai race") are searched the old way, in a regex of their own.
        self._topic_starts_res, self._topic_rest_res = {}, {}
        for lang in ("fr", "en"):
            starts, rest = set(), defaultdict(list)
            for i, topic in enumerate(registry.topics):
                for signal in topic.signals[lang]:
                    lowered = UNESCAPED_CAPITAL_RE.sub(lambda m: m.group(0).lower(), signal)
                    prefix = _literal_prefix(lowered)
                    if len(prefix) >= 2:
                        starts.add(prefix)
                    else:
                        rest[i].append(signal)
            self._topic_starts_res[lang] = _automaton({start: start for start in starts})
            self._topic_rest_res[lang] = (
                re.compile(
                    LEFT
                    + "(?:"
                    + "|".join(f"(?P<t{i}>{_pattern_alternation(signals)})" for i, signals in sorted(rest.items()))
                    + ")"
                    + RIGHT
                )
                if rest
                else None
            )

    @classmethod
    def load(cls, project: Project) -> Tagger:
        """The tagger for a project's data files (built once per content of those files)."""
        return _cached_tagger(project.companies.read_bytes(), project.topics.read_bytes(), project)

    def company_scores(self, text: _Text) -> dict[str, int]:
        sentences: dict[str, set[int]] = defaultdict(set)
        excluded: dict[str, list[tuple[int, int]]] = {}
        for automaton, searched in ((self._exact, text.text), (self._folded, text.lowered)):
            if automaton is None:
                continue
            for start, end, name in _whole_words(automaton, searched):
                if name in self._excludes:
                    # Exclusions are searched only for a company that was found at all.
                    if name not in excluded:
                        excluded[name] = [m.span() for m in self._excludes[name].finditer(text.text)]
                    if any(a <= start < b for a, b in excluded[name]):
                        continue
                sentence = text.sentence_of(start)
                if is_aside(text.text, text.starts[sentence], start, end):
                    continue  # named as a platform, a tool, a client, a rival or an aside
                sentences[name].add(sentence)
        listed = listing_sentences(sentences, text.weights)
        return {name: sum(text.weights[i] for i in found - listed) for name, found in sentences.items()}

    def topic_scores(self, text: _Text, lang: str) -> dict[str, int]:
        sentences: dict[str, set[int]] = defaultdict(set)
        full, lowered, end = self._topic_res[lang], text.lowered, -1
        matches = []
        starts = sorted({last - length + 1 for last, (length, _) in self._topic_starts_res[lang].iter(lowered)})
        for start in starts:
            if start < end or not _starts_word(lowered, start):
                continue  # inside the previous match (as finditer would skip it), or mid-word
            found = full.match(lowered, start)
            if found:
                matches.append(found)
                end = found.end()
        if self._topic_rest_res[lang] is not None:
            matches += self._topic_rest_res[lang].finditer(lowered)
        for found in matches:
            topic_id = self._topic_ids[int(found.lastgroup[1:])]
            sentence = text.sentence_of(found.start())
            if is_epithet(lowered, text.starts[sentence], found.start()):
                continue  # "le géant des cartes graphiques" says who, not what
            sentences[topic_id].add(sentence)
        # A digression scores nothing: see salience.is_angle.
        return {
            topic_id: sum(text.weights[i] for i in found) if is_angle(text.weights, found) else 0
            for topic_id, found in sentences.items()
        }

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
            [t.id for t in self.registry.topics if topics.get(t.id, 0) >= TOPIC_THRESHOLD],
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
