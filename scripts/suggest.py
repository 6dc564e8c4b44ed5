"""`suggest-companies`: organisation names the articles mention that the registry lacks.

A heuristic, not a language model: capitalised names standing after a word that introduces an
organisation ("la société Huawei", "l’entreprise Juexparc", "the company X", "fondateur de X")
or written as an acronym. spaCy's fr_core_news_sm would find more names, but it adds about
60 MB of packages to every install for a command an editor runs now and then, and its
organisation labels on news copy still need the same human review. This lists; it never tags.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from scripts.check import article_pages
from scripts.pages import read_page
from scripts.paths import LANGUAGES, Project
from scripts.registry import load_registry
from scripts.structure import split_sentences
from scripts.tagging import mask_addresses

NAME = r"(?P<name>(?:[A-Z][\w&.-]*|\d+)(?:\s+(?:[A-Z][\w&.-]*|\d+))*)"
# Words that introduce an organisation's name, in French and English news copy.
CUE_RE = re.compile(
    r"(?:(?:la |une )?(?:société|entreprise|start-up|jeune pousse|firme|groupe|compagnie|agence|filiale|banque)"
    r"(?: \w+(?:e|s)?)? |fondat(?:eur|rice) de |P\.-D\.G\. de |PDG de |patron de "
    r"|(?:the |a )?(?:company|firm|start-?up|group) |founder of |CEO of )" + NAME
)
ACRONYM_RE = re.compile(r"(?<![\w-])(?P<name>[A-Z]{3,6})(?![\w-])")
# Acronyms that are words of the trade, not organisations.
NOT_ORGANISATIONS = {"GPU", "CPU", "LLM", "IA", "AI", "API", "PDG", "CEO", "USA", "UE", "PC", "RTX", "LLMS"}


@dataclass
class Suggestion:
    name: str
    count: int
    example: str


def suggest(project: Project, minimum: int = 2) -> list[Suggestion]:
    """Candidate names with their count and one sentence that shows them, most frequent first."""
    registry, _ = load_registry(project)
    known = {term.casefold() for company in registry.companies for term in company.terms}
    counts: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for lang in LANGUAGES:
        for path in article_pages(project, lang):
            page = read_page(path)
            sentences = [s for p in mask_addresses(page.body).split("\n\n") for s in split_sentences(p)]
            for sentence in sentences:
                names = [m.group("name") for m in CUE_RE.finditer(sentence)]
                names += [m.group("name") for m in ACRONYM_RE.finditer(sentence)]
                for name in names:
                    name = name.strip(" .-")
                    if name.casefold() in known or name in NOT_ORGANISATIONS or len(name) < 2:
                        continue
                    counts[name] += 1
                    examples.setdefault(name, sentence.strip())
    return [
        Suggestion(name, count, examples[name])
        for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        if count >= minimum
    ]
