"""`check`: every content check CI runs, in one command, each failure with what fixes it.

The pages and data files (scripts/checks/pages.py) and the company tags of both editions of an article;
then, when the project has a mkdocs.yml, the listing pages (`pages --check`), the strict build
and the links of the site it makes. Translation debt (a missing or stale English edition) is a
warning, not a failure: the site tells readers about it, and a contributor who fixes a typo in
French must not have to translate the article to get a green CI.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from scripts.checks.pages import article_pages, check_project
from scripts.common.errors import SourceError
from scripts.common.paths import Project
from scripts.model.pages import read_page
from scripts.translation.checks import translation_state
from scripts.translation.edition import untranslated_blocks

# mkdocs' log lines: "WARNING -  message", "ERROR    -  message".
BUILD_LOG_RE = re.compile(r"^(WARNING|ERROR)\s+-\s+(.*)$")
# What fixes each kind of failure, by the first pattern its line matches.
FIXES = [
    (re.compile(r": companies: .* differ"), "run `python -m scripts tag {en}` (the French edition's companies win)"),
    (re.compile(r": companies: "), "use the registry's name, or add the company to data/companies.yml"),
    (re.compile(r": tags: "), "use a label of data/topics.yml in the page's language (`python -m scripts tag PATH`)"),
    (re.compile(r"^docs/en/.*: lang: "), "set `lang: en`, or remake it: `python -m scripts edition {slug} --force`"),
    (re.compile(r": translation: no French article"), "remove the English page, or add its French article"),
    (re.compile(r": structure: "), "make the English match the French, then `python -m scripts mark-reviewed {slug}`"),
    (re.compile(r": text: still in French"), "translate it, then `python -m scripts mark-reviewed {slug}`"),
    (re.compile(r"not valid YAML"), "fix the YAML at that line (quote values containing `: `)"),
    (re.compile(r"^data/"), "correct that entry of the data file"),
    (re.compile(r"^docs/[^:]*: (markup|body|text):"), "edit the page's text where the message says"),
    # markdown_audit's findings name a line of the page's text, not a front-matter key.
    (re.compile(r"^docs/[^:]+:\d+: "), "edit the page's text at that line (write it as text, or link to this site)"),
    (re.compile(r"^docs/"), "edit the page's front matter (the keys are in scripts/model/schema.py)"),
    (re.compile(r"^mkdocs build"), "run `mkdocs build --strict` and fix the page it names"),
    (re.compile(r"^site/"), "fix the link in the Markdown page it comes from"),
]


@dataclass(frozen=True)
class Debt:
    """An article whose English edition is missing or stale, and what to run."""

    slug: str
    state: str  # "missing" or "stale"
    fix: str  # Markdown


@dataclass
class CheckReport:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    debt: list[Debt] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def translation_debt(project: Project) -> list[Debt]:
    """The French articles whose English edition is missing or older than the French text."""
    debt = []
    for fr_path in article_pages(project, "fr"):
        slug, en_path = fr_path.stem, project.articles("en") / fr_path.name
        if not en_path.exists():
            debt.append(Debt(slug, "missing", f"`python -m scripts edition {slug}`"))
            continue
        try:
            state = translation_state(read_page(fr_path), read_page(en_path))
        except SourceError:
            continue  # the page checks report it
        if state == "stale":
            debt.append(Debt(slug, "stale", f"update the English, then `python -m scripts mark-reviewed {slug}`"))
    return debt


def _debt_prefixes(project: Project, debt: list[Debt]) -> tuple[str, ...]:
    prefixes = []
    for item in debt:
        fr = project.relative(project.articles("fr") / f"{item.slug}.md")
        en = project.relative(project.articles("en") / f"{item.slug}.md")
        if item.state == "missing":
            prefixes.append(f"{fr}: translation: no English edition")
        else:  # a stale edition may differ in structure from the new French: that is the debt too
            prefixes += [f"{en}: translation: stale", f"{en}: structure: "]
    return tuple(prefixes)


def check_companies_in_step(project: Project) -> list[str]:
    """English editions whose companies are not the French edition's."""
    problems = []
    for en_path in article_pages(project, "en"):
        fr_path = project.articles("fr") / en_path.name
        if not fr_path.exists():
            continue
        try:
            english, french = read_page(en_path), read_page(fr_path)
        except SourceError:
            continue
        en_companies, fr_companies = english.meta.get("companies") or [], french.meta.get("companies") or []
        if set(en_companies) != set(fr_companies):
            where = project.relative(en_path)
            problems.append(f"{where}: companies: {en_companies} differ from the French edition's {fr_companies}")
    return problems


def check_untranslated(project: Project) -> list[str]:
    """English editions that still publish French paragraphs (`edition` puts the French in place)."""
    problems = []
    for en_path in article_pages(project, "en"):
        fr_path = project.articles("fr") / en_path.name
        try:
            blocks = untranslated_blocks(read_page(fr_path), read_page(en_path)) if fr_path.exists() else []
        except SourceError:
            continue
        if blocks:
            problems.append(f"{project.relative(en_path)}: text: still in French: {blocks[0]} (translate it)")
    return problems


def check_listings(project: Project) -> list[str]:
    """`pages --check`, in one line: the listing pages are what the articles make."""
    from scripts.model.registry import load_registry
    from scripts.site.listings import diff_pages, generate_pages

    registry, problems = load_registry(project)
    if problems:
        return []  # check_project reports them; no listing can be made without a registry
    try:
        diffs = diff_pages(project, generate_pages(project, registry))
    except ValueError as exc:
        return [f"listing pages: {exc}"]
    return [f"{len(diffs)} listing page(s) out of date: run `python -m scripts pages`"] if diffs else []


def check_site(project: Project) -> list[str]:
    """The strict build into a temporary folder, then the links of what it built."""
    from scripts.checks.links import DEFAULT_SITE_URL, check_links

    with tempfile.TemporaryDirectory(prefix="news-check-") as folder:
        site = Path(folder) / "site"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project.root / "mkdocs.yml")]
        result = subprocess.run(
            [*command, "-d", str(site)], env=env, cwd=project.root, capture_output=True, text=True, check=False
        )
        logged = [m.group(2) for m in map(BUILD_LOG_RE.match, result.stderr.splitlines()) if m]
        if result.returncode != 0:
            tail = result.stderr.strip().splitlines()[-3:]
            return [f"mkdocs build --strict: {line}" for line in logged or tail]
        report = check_links(site, os.environ.get("SITE_URL", DEFAULT_SITE_URL))
        return [f"site/{problem}" for problem in report.problems]


def run_checks(project: Project, *, build: bool = True) -> CheckReport:
    """Every content check; translation debt goes to warnings, the rest to errors."""
    report = CheckReport(debt=translation_debt(project))
    debt = _debt_prefixes(project, report.debt)
    for problem in check_project(project):
        (report.warnings if problem.startswith(debt) else report.errors).append(problem)
    report.errors += check_untranslated(project)
    report.warnings += check_companies_in_step(project)
    # The listings, the build and the links are the site's: a bare content folder has none.
    if not (project.root / "mkdocs.yml").exists():
        report.notes.append("no mkdocs.yml: the listing pages, the site build and its links were not checked")
        return report
    report.errors += check_listings(project)
    if not build:
        return report
    if report.errors:
        report.notes.append("the site build and its links are checked once the problems above are fixed")
    else:
        report.errors += check_site(project)
    return report


def fix_hint(problem: str) -> str | None:
    """What fixes a problem, unless its message already says which command to run."""
    if "`python -m scripts" in problem:
        return None
    path = problem.split(":", 1)[0]
    return next((fix.format(en=path, slug=Path(path).stem) for pattern, fix in FIXES if pattern.search(problem)), None)


def report_lines(report: CheckReport) -> list[str]:
    """The problems, then the warnings, each followed by its fix unless its message names one."""
    lines = []
    for prefix, problems in (("", report.errors), ("warning: ", report.warnings)):
        for problem in problems:
            lines.append(prefix + problem)
            hint = fix_hint(problem)
            if hint:
                lines.append(f"  fix: {hint}")
    return lines


def write_job_summary(report: CheckReport) -> None:
    """Append the translation debt to the GitHub job summary, when running under Actions."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if report.debt and path:
        with open(path, "a", encoding="utf-8") as summary:
            summary.write(format_summary(report.debt))


def format_summary(debt: list[Debt]) -> str:
    """The translation debt as a Markdown table, for the GitHub job summary."""
    rows = [f"| `{item.slug}` | {item.state} | {item.fix} |" for item in debt]
    header = "### Translation debt (not blocking)\n\n| article | English edition | to do |\n| --- | --- | --- |\n"
    return header + "\n".join(rows) + "\n"
