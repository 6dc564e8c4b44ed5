"""`suggest-companies`: organisations the articles keep naming that the registry lacks.

A heuristic, not a language model: capitalised names standing after a word that introduces an
organisation ("la société Huawei", "le cabinet comptable KPMG", "le géant sud-coréen Samsung
Electronics", "the company X", "fondateur de X") or written as an acronym. spaCy's
fr_core_news_sm would find more names, but it adds about 60 MB of packages to every install for
a command an editor runs now and then, and its organisation labels on news copy still need the
same human review. A name is proposed when it recurs: it counts the articles that name it, not
its mentions, so that one page repeating a name does not look like a trend. This lists; it never
tags. The output is YAML entries to paste into data/companies.yml, each under a comment with its
count and one sentence of context; their descriptions are left empty, and `check` fails until
someone writes them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.checks.pages import article_pages
from scripts.common import safe_yaml
from scripts.common.paths import LANGUAGES, Project
from scripts.model.pages import read_page
from scripts.model.registry import load_registry
from scripts.reading.structure import split_sentences
from scripts.tagging.tagger import mask_addresses

# A name: a capitalised word, then capitalised words or numbers ("Mistral 7B"), "&", "-" inside.
NAME = r"(?P<name>[A-ZÀ-Ý][\w&.-]*(?:\s+(?:[A-ZÀ-Ý][\w&.-]*|\d+))*)"
# An adjective or complement between a cue and a name ("le cabinet comptable", "le cabinet
# d’audit"), not a function word ("le groupe sur 2024").
ADJECTIVE = r"(?: (?!(?:sur|de|du|des|la|le|les|et|en|au|aux|qui|que|dont|pour|par|avec|dans)\b)(?:d’)?[a-zà-ÿ-]+){0,2}"
# Words that introduce an organisation's name, in French and English news copy, with up to two
# lower-case adjectives between ("le géant sud-coréen", "le cabinet comptable").
CUE_RE = re.compile(
    r"(?:(?:la |le |l’|une |un )?(?:société|entreprise|start-up|jeune pousse|firme|groupe|compagnie|agence"
    r"|filiale|banque|cabinet|constructeur|équipementier|géant|fabricant|éditeur|opérateur|laboratoire"
    r"|assureur|distributeur|plateforme|marque|conglomérat)" + ADJECTIVE + r" "
    r"|fondat(?:eur|rice) de |P\.-D\.G\. de |PDG de |patron de "
    r"|(?:the |a )?(?:company|firm|start-?up|group|maker|giant) |founder of |CEO of )" + NAME
)
# An acronym stands alone: a capitalised word beside it makes a phrase in capitals
# ("LE POINT SUR LA SITUATION"), not an organisation.
ACRONYM_RE = re.compile(r"(?<![\w-])(?<![A-Z]{2} )(?P<name>[A-Z]{3,6})(?![\w-])(?! [A-Z]{2})")
# Acronyms that are words of the trade or of public life, not organisations.
NOT_ORGANISATIONS = {
    *("GPU", "CPU", "LLM", "LLMS", "IA", "AI", "API", "PDG", "CEO", "USA", "UE", "PC", "RTX", "PIB", "TVA", "GMT"),
    *("ONG", "URL", "PDF", "USB", "HTML", "SMS", "COVID", "JO", "PMA", "LBD", "Etat", "État"),
}
# A name ends before a capitalised function word a cue may run into ("le groupe Hersant En …").
LEADING_WORDS = {"Le", "La", "Les", "L", "Un", "Une", "En", "Au", "Aux", "Dans", "The", "A", "An", "In"}


@dataclass
class Suggestion:
    name: str
    count: int  # articles that name it
    example: str  # a sentence that introduces it as an organisation
    where: str  # the article that sentence comes from


def _documents(project: Project, corpus: Path | None) -> list[tuple[str, str]]:
    """(where, text) of every article: the project's pages, and a corpus's French references."""
    documents = []
    for lang in LANGUAGES:
        for path in article_pages(project, lang):
            page = read_page(path)
            documents.append((project.relative(path), f"{page.meta.get('title', '')}\n\n{page.body}"))
    if corpus is not None:
        manifest = safe_yaml.load((corpus / "manifest.yml").read_text(encoding="utf-8"))
        for entry in manifest["pages"]:
            if entry.get("lang") == "fr":
                text = (corpus / "pages" / entry["name"] / "reference.txt").read_text(encoding="utf-8")
                documents.append((entry["name"], f"{entry.get('title', '')}\n\n{text}"))
    return documents


def _candidates(sentence: str) -> list[str]:
    names = [m.group("name") for m in CUE_RE.finditer(sentence)]
    names += [m.group("name") for m in ACRONYM_RE.finditer(sentence)]
    cleaned = []
    for name in names:
        words = name.strip(" .-").split()
        while words and words[-1] in LEADING_WORDS:
            words.pop()
        if words:
            cleaned.append(" ".join(words))
    return cleaned


def suggest(project: Project, minimum: int = 2, corpus: Path | None = None) -> list[Suggestion]:
    """Candidate names with the number of articles naming them and one sentence, most frequent first."""
    registry, _ = load_registry(project)
    known = {term.casefold() for company in registry.companies for term in company.terms}
    documents = _documents(project, corpus)
    examples: dict[str, tuple[str, str]] = {}
    for where, text in documents:
        for paragraph in mask_addresses(text).split("\n"):
            for sentence in split_sentences(paragraph):
                for name in _candidates(sentence):
                    first = name.split()[0].casefold()
                    # A known company's own product or division ("Samsung Electronics") is known.
                    if name.casefold() in known or first in known or name in NOT_ORGANISATIONS or len(name) < 2:
                        continue
                    examples.setdefault(name, (" ".join(sentence.split()), where))
    # Count the articles that name each candidate anywhere, introduced or not.
    counts: dict[str, int] = defaultdict(int)
    patterns = {name: re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])") for name in examples}
    for _where, text in documents:
        for name, pattern in patterns.items():
            counts[name] += bool(pattern.search(text))
    return [
        Suggestion(name, counts[name], *examples[name])
        for name in sorted(examples, key=lambda n: (-counts[n], n))
        if counts[name] >= minimum
    ]


def format_suggestions(suggestions: list[Suggestion]) -> str:
    """YAML entries to paste into data/companies.yml, each with its count and context as comments."""
    lines = [
        "# Paste the entries you keep into data/companies.yml, then write their descriptions",
        "# (and website, aliases, products): `python -m scripts check` fails until you do.",
    ]
    for item in suggestions:
        articles = "article" if item.count == 1 else "articles"
        lines += [
            f"# {item.count} {articles}; {item.where}: « {item.example} »",
            f"- name: {yaml.safe_dump(item.name, allow_unicode=True).splitlines()[0]}",
            "  description:",
            "    fr: ''",
            "    en: ''",
        ]
    return "\n".join(lines)
