"""data/companies.yml and data/topics.yml: loaded, validated, with errors naming the entry."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from scripts.common.paths import LANGUAGES, Project
from scripts.model.pages import Loader

COMPANY_KEYS = {"name", "aliases", "products", "people", "exclude", "ignore_case", "website", "description"}
TOPIC_KEYS = {"id", "fr", "en", "signals"}
TOPIC_ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Names, labels and descriptions go into page titles, front matter, headings and chips: one line
# of text. "<" and ">" have no place in a name and are how markup starts.
MARKUP_CHARS = frozenset("<>")
# A company's website becomes a Markdown link: no spaces, quotes, brackets or parentheses.
WEBSITE_RE = re.compile(r"^https?://[^\s<>\"'`()\[\]\\]+$")


def _text_problem(value: object) -> str | None:
    """Why a name, label or description cannot be shown as one line of text, if it cannot."""
    text = str(value)
    if text != text.strip():
        return "starts or ends with a space"
    for char in text:
        # Cc: control characters and line breaks; Cf: invisible formatting (bidi overrides,
        # zero-width); Zl, Zp: line and paragraph separators.
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            return f"contains a line break or invisible character (U+{ord(char):04X})"
        if char in MARKUP_CHARS:
            return f"contains {char!r} (markup is not allowed)"
    return None


def _check_text(value: object, where: str, key: str, errors: list[str]) -> None:
    problem = _text_problem(value) if value else None
    if problem:
        errors.append(f"{where}: {key}: {str(value)!r} {problem}")


@dataclass(frozen=True)
class Company:
    name: str
    terms: tuple[str, ...]  # name, aliases, products and people: everything that signals it
    exclude: tuple[str, ...]
    ignore_case: bool
    website: str
    description: dict[str, str]


@dataclass(frozen=True)
class Topic:
    id: str
    labels: dict[str, str]
    signals: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Registry:
    companies: tuple[Company, ...]
    topics: tuple[Topic, ...]

    def topic(self, topic_id: str) -> Topic:
        return self._topics_by_id[topic_id]

    @cached_property
    def _topics_by_id(self) -> dict[str, Topic]:
        return {t.id: t for t in self.topics}


def _strings(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _load_yaml_list(path: Path, errors: list[str]) -> list:
    if not path.exists():
        errors.append(f"{path.name}: file is missing")
        return []
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader) or []
    except yaml.YAMLError as exc:
        errors.append(f"{path.name}: not valid YAML: {exc}")
        return []
    if not isinstance(data, list):
        errors.append(f"{path.name}: must be a list of entries")
        return []
    return data


def _check_keys(entry: dict, allowed: set[str], where: str, errors: list[str]) -> None:
    unknown = set(entry) - allowed
    if unknown:
        errors.append(f"{where}: unknown key(s) {', '.join(sorted(unknown))} (allowed: {', '.join(sorted(allowed))})")


def _company(entry: dict, where: str, errors: list[str]) -> Company | None:
    _check_keys(entry, COMPANY_KEYS, where, errors)
    name = entry.get("name")
    if not name:
        errors.append(f"{where}: name is missing")
        return None
    _check_text(name, where, "name", errors)
    description = entry.get("description") or {}
    for lang in LANGUAGES:
        if not (isinstance(description, dict) and description.get(lang)):
            errors.append(f"{where}: description.{lang} is missing")
        else:
            _check_text(description[lang], where, f"description.{lang}", errors)
    terms = [str(name), *(t for key in ("aliases", "products", "people") for t in _strings(entry.get(key)))]
    seen: set[str] = set()
    for term in terms:
        key = term.casefold() if entry.get("ignore_case") else term
        if key in seen:
            errors.append(f"{where}: {term!r} is listed twice")
        seen.add(key)
    website = entry.get("website")
    if website is not None and not WEBSITE_RE.match(str(website)):
        errors.append(f"{where}: website {website!r} is not an http(s) URL without spaces, quotes or brackets")
    return Company(
        name=str(name),
        terms=tuple(dict.fromkeys(terms)),
        exclude=tuple(_strings(entry.get("exclude"))),
        ignore_case=bool(entry.get("ignore_case")),
        website=str(website or ""),
        description={k: str(v) for k, v in description.items()} if isinstance(description, dict) else {},
    )


def _topic(entry: dict, where: str, errors: list[str]) -> Topic | None:
    _check_keys(entry, TOPIC_KEYS, where, errors)
    topic_id = entry.get("id")
    if not topic_id or not TOPIC_ID_RE.match(str(topic_id)):
        errors.append(f"{where}: id {topic_id!r} must be lowercase words joined by hyphens")
        return None
    for lang in LANGUAGES:
        if not entry.get(lang):
            errors.append(f"{where}: the {lang} label is missing")
        else:
            _check_text(entry[lang], where, f"{lang} label", errors)
    signals = entry.get("signals") or {}
    if not isinstance(signals, dict):
        errors.append(f"{where}: signals must map a language to a list of patterns")
        signals = {}
    for lang in signals:
        if lang not in LANGUAGES:
            errors.append(f"{where}: signals.{lang}: unknown language (expected {', '.join(LANGUAGES)})")
    for lang in LANGUAGES:
        if not signals.get(lang):
            errors.append(f"{where}: signals.{lang} is missing")
        for pattern in _strings(signals.get(lang)):
            try:
                re.compile(pattern)
            except re.error as exc:
                errors.append(f"{where}: signals.{lang}: {pattern!r} is not a valid pattern: {exc}")
    return Topic(
        id=str(topic_id),
        labels={lang: str(entry.get(lang) or "") for lang in LANGUAGES},
        signals={lang: tuple(_strings(signals.get(lang))) for lang in LANGUAGES},
    )


def _entries(project: Project, path: Path, key: str, errors: list[str]) -> Iterator[tuple[str, dict]]:
    """Each mapping of a data file with how messages name it ("data/topics.yml: entry 8 (china)")."""
    shown = project.relative(path)
    for index, entry in enumerate(_load_yaml_list(path, errors), start=1):
        name = str(entry.get(key)) if isinstance(entry, dict) else ""
        # A name with a line break or an invisible character is shown quoted: one line, visible.
        name = name if name.isprintable() else repr(name)
        where = f"{shown}: entry {index}" + (f" ({name})" if isinstance(entry, dict) else "")
        if isinstance(entry, dict):
            yield where, entry
        else:
            errors.append(f"{where}: must be a mapping")


def load_registry(project: Project) -> tuple[Registry, list[str]]:
    """The registry and every problem found in it, each naming its file and entry."""
    errors: list[str] = []
    companies: list[Company] = []
    owner: dict[str, str] = {}
    for where, entry in _entries(project, project.companies, "name", errors):
        company = _company(entry, where, errors)
        if company is None:
            continue
        if company.name in {c.name for c in companies}:
            errors.append(f"{where}: another entry is already named {company.name!r}")
        for term in company.terms:
            other = owner.get(term.casefold())
            if other is not None and other != company.name:
                errors.append(f"{where}: {term!r} is also listed under {other!r}")
            owner[term.casefold()] = company.name
        companies.append(company)

    topics: list[Topic] = []
    labels: dict[tuple[str, str], str] = {}
    for where, entry in _entries(project, project.topics, "id", errors):
        topic = _topic(entry, where, errors)
        if topic is None:
            continue
        if topic.id in {t.id for t in topics}:
            errors.append(f"{where}: id {topic.id!r} is used by another topic")
        for lang, label in topic.labels.items():
            # Tag pages are keyed by label: two topics with one label would merge into one page.
            other = labels.get((lang, label.casefold()))
            if label and other is not None:
                errors.append(f"{where}: {lang} label {label!r} is also the label of {other!r}")
            labels[(lang, label.casefold())] = topic.id
        topics.append(topic)
    return Registry(tuple(companies), tuple(topics)), errors
