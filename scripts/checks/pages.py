"""`check`: every page matches the schema and the registry; data files are valid.

Each problem is one line, `path: key: problem`, so an editor or CI log points at the fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from scripts.checks.markdown_audit import audit_project
from scripts.common.errors import SourceError
from scripts.common.paths import LANGUAGES, Project
from scripts.model.pages import Page, read_page
from scripts.model.registry import Registry, load_registry
from scripts.model.schema import ArticlePage, format_errors
from scripts.translation.checks import check_translations


def _did_you_mean(value: str, choices: list[str]) -> str:
    # Compare without case: "Nvidea" is closer to "NVIDIA" than its capitals suggest.
    folded = {choice.casefold(): choice for choice in choices}
    close = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.6)
    return f" (did you mean {folded[close[0]]!r}?)" if close else ""


def check_page(page: Page, lang: str, registry: Registry, project: Project) -> Iterator[str]:
    """The problems of one article page."""
    where = project.relative(page.path)
    try:
        model = ArticlePage.model_validate(page.meta)
    except ValidationError as exc:
        for key, problem in format_errors(exc):
            yield f"{where}: {key}: {problem}"
        return
    if model.lang != lang:
        yield f"{where}: lang: {model.lang!r} but the page is in docs/{lang}/"
    if model.slug != page.path.stem:
        yield f"{where}: slug: {model.slug!r} differs from the file name {page.path.stem!r}"
    names = [c.name for c in registry.companies]
    for company in model.companies:
        if company not in names:
            yield f"{where}: companies: {company!r} is not in data/companies.yml{_did_you_mean(company, names)}"
    labels = [t.labels[lang] for t in registry.topics]
    for tag in model.tags:
        if tag not in labels:
            yield f"{where}: tags: {tag!r} is not a {lang} label in data/topics.yml{_did_you_mean(tag, labels)}"
    if not page.body.strip():
        yield f"{where}: body: the article has no text"


def article_pages(project: Project, lang: str) -> list[Path]:
    """One language's article pages, sorted."""
    folder = project.articles(lang)
    return [folder / name for name in project.article_names(lang)]


def check_project(project: Project) -> list[str]:
    """Every problem in the project's data files and article pages."""
    registry, problems = load_registry(project)
    for lang in LANGUAGES:
        for path in article_pages(project, lang):
            try:
                page = read_page(path)
            except SourceError as exc:
                problems.append(str(exc).replace(str(path), project.relative(path), 1))
                continue
            problems.extend(check_page(page, lang, registry, project))
    problems.extend(check_translations(project))
    problems.extend(audit_project(project))
    return problems
