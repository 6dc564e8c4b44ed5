"""Commands for the content: ingest sources, check, tag, translate, edit editions."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from scripts.cli.app import ProjectRoot, app, err
from scripts.common.paths import REPO, Project
from scripts.common.run_guards import DEFAULT_TIME_LIMIT
from scripts.reading.decoding import DEFAULT_MAX_BYTES


@app.command()
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(help="Sources to convert (default: all of sources/).")] = None,
    force: Annotated[
        bool, typer.Option(help="Rewrite pages even when edited by hand (only the named ones, if any).")
    ] = False,
    dry_run: Annotated[bool, typer.Option(help="Say what would be written, write nothing.")] = False,
    max_bytes: Annotated[int, typer.Option(help="Largest source accepted, in bytes.")] = DEFAULT_MAX_BYTES,
    time_limit: Annotated[
        float, typer.Option(help="Seconds one source may take to convert; past it, it is left out.")
    ] = DEFAULT_TIME_LIMIT,
    root: ProjectRoot = REPO.root,
) -> None:
    """Convert raw sources into French article pages (docs/fr/articles/)."""
    from rich.progress import Progress

    from scripts.reading.ingest import Ingest

    run = Ingest(Project(root.resolve()), force=force, dry_run=dry_run, max_bytes=max_bytes, time_limit=time_limit)
    selected = run.select(paths)
    counts: Counter[str] = Counter()
    # A progress bar only where it helps: long runs, on a terminal.
    with Progress(transient=True, disable=len(selected) < 50 or not sys.stderr.isatty()) as progress:
        task = progress.add_task("ingest", total=len(selected))
        for outcome in run.run(paths):
            counts[outcome.status] += 1
            progress.advance(task)
            if outcome.status == "failed":
                err(f"error: {outcome.message}")
            elif outcome.status == "kept":
                err(f"kept: {run.project.relative(outcome.page)}: {outcome.message}")
            for note in outcome.notes:
                err(f"note: {outcome.source}: {note}")
    converted = "would convert" if dry_run else "converted"
    print(
        f"{counts[converted]} {converted}, {counts['unchanged']} unchanged, "
        f"{counts['kept']} kept (edited by hand), {counts['failed']} failed"
    )
    raise typer.Exit(1 if counts["failed"] else 0)


@app.command()
def check(
    build: Annotated[bool, typer.Option(help="Also run the strict site build and check its links.")] = True,
    root: ProjectRoot = REPO.root,
) -> None:
    """Every content check CI runs; exit 1 listing each problem and its fix. Translation debt only warns."""
    from scripts.checks.content import report_lines, run_checks, write_job_summary

    report = run_checks(Project(root.resolve()), build=build)
    for line in report_lines(report):
        print(line)
    for note in report.notes:
        err(f"note: {note}")
    write_job_summary(report)
    warned = f", {len(report.warnings)} warning(s) (not blocking)" if report.warnings else ""
    err(f"{len(report.errors)} problem(s){warned}" if report.errors else f"all checks passed{warned}")
    raise typer.Exit(1 if report.errors else 0)


@app.command()
def tag(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Pages to re-tag, from the project folder (default: every article).")
    ] = None,
    report: Annotated[bool, typer.Option(help="Print precision and recall over the labelled set instead.")] = False,
    root: ProjectRoot = REPO.root,
) -> None:
    """Re-tag article pages (companies and topics) without touching their text or hand-added tags."""
    project = Project(root.resolve())
    # Paths as `check` prints them: from the project folder, whatever the current folder.
    paths = [path if path.is_absolute() else project.root / path for path in paths or []]
    outside = [str(path) for path in paths if not path.resolve().is_relative_to(project.docs.resolve())]
    if outside:
        err(f"error: not a page of {project.relative(project.docs)}/: {', '.join(outside)}")
        raise typer.Exit(2)
    if report:
        from scripts.tagging.evaluation import evaluate, format_report

        print(format_report(evaluate(project)))
        return
    from scripts.tagging.retag import retag

    results = retag(project, paths)
    for result in results:
        if result.problem:
            err(f"error: {result.problem}")
        elif result.changed:
            print(f"re-tagged {project.relative(result.path)}")
    failed = sum(bool(r.problem) for r in results)
    changed = sum(r.changed for r in results)
    err(f"{changed} re-tagged, {len(results) - changed - failed} unchanged, {failed} failed")
    raise typer.Exit(1 if failed else 0)


@app.command()
def translate(
    slugs: Annotated[list[str] | None, typer.Argument(help="Articles to translate, by slug.")] = None,
    backend: Annotated[
        str | None,
        typer.Option(
            envvar="NEWS_TRANSLATE_BACKEND", help="argos, libretranslate or openai (default: data/translation.yml)."
        ),
    ] = None,
    all_missing: Annotated[bool, typer.Option(help="Draft every missing English edition.")] = False,
    stale: Annotated[bool, typer.Option(help="Redraft machine drafts whose French changed.")] = False,
    force: Annotated[bool, typer.Option(help="Redraft the named articles even if reviewed or edited by hand.")] = False,
    root: ProjectRoot = REPO.root,
) -> None:
    """Write machine-translated drafts (status: machine) of English editions; never runs in the build."""
    from scripts.translation.backends import PermanentError, TranslationConfig, make_backend
    from scripts.translation.drafts import translate_pages

    project = Project(root.resolve())
    if not slugs and not all_missing and not stale:
        err("error: name the articles to translate, or use --all-missing or --stale")
        raise typer.Exit(2)
    counts: Counter[str] = Counter()
    try:
        config = TranslationConfig.load(project)
        engine = make_backend(backend or config.backend, config, project)
        for outcome in translate_pages(
            project, engine, slugs or [], all_missing=all_missing, stale=stale, force=force, retries=config.retries
        ):
            counts[outcome.status] += 1
            if outcome.status == "drafted":
                print(f"drafted {outcome.detail}")
            else:
                err(f"{'error' if outcome.status == 'failed' else 'kept'}: {outcome.slug}: {outcome.detail}")
    except PermanentError as exc:
        err(f"error: {exc}")
        raise typer.Exit(1) from None
    err(f"{counts['drafted']} drafted, {counts['kept']} kept, {counts['failed']} failed")
    raise typer.Exit(1 if counts["failed"] else 0)


@app.command()
def edition(
    slugs: Annotated[list[str], typer.Argument(help="French articles to give an English edition, by slug.")],
    backend: Annotated[
        str | None,
        typer.Option(envvar="NEWS_TRANSLATE_BACKEND", help="Draft the text with this backend (as `translate` does)."),
    ] = None,
    force: Annotated[bool, typer.Option(help="Replace an existing edition.")] = False,
    root: ProjectRoot = REPO.root,
) -> None:
    """Make English editions: front matter ready, the French text in place to translate (or a machine draft)."""
    if backend:  # `translate` exits with its own status
        translate(slugs, backend=backend, all_missing=False, stale=False, force=force, root=root)
    from scripts.translation.edition import make_edition

    project = Project(root.resolve())
    _per_slug(
        slugs,
        lambda slug: make_edition(project, slug, force),
        lambda slug: f"wrote docs/en/articles/{slug}.md: translate it, then `python -m scripts mark-reviewed {slug}`",
    )


def _per_slug(slugs: list[str], action: Callable[[str], str | None], done: Callable[[str], str]) -> None:
    """Run action on each article: print done(slug), or the problem it returns; exit 1 if any."""
    problems = [(slug, action(slug)) for slug in slugs]
    for slug, problem in problems:
        if problem:
            err(f"error: {problem}")
        else:
            print(done(slug))
    raise typer.Exit(1 if any(problem for _slug, problem in problems) else 0)


@app.command("mark-reviewed")
def mark_reviewed(
    slugs: Annotated[list[str], typer.Argument(help="Articles whose English edition a person has checked.")],
    root: ProjectRoot = REPO.root,
) -> None:
    """Record that a person checked these English editions against the current French text."""
    from scripts.translation.review import mark_reviewed as mark

    project = Project(root.resolve())
    _per_slug(slugs, lambda slug: mark(project, slug), lambda slug: f"reviewed {slug}")


@app.command("suggest-companies")
def suggest_companies(
    minimum: Annotated[int, typer.Option("--min", help="Least number of articles naming it to list a name.")] = 2,
    corpus: Annotated[
        Path | None, typer.Option(help="Also read a corpus folder's French pages (e.g. tests/corpus).")
    ] = None,
    root: ProjectRoot = REPO.root,
) -> None:
    """Propose organisations the articles keep naming that data/companies.yml lacks, ready to paste (never tags)."""
    from scripts.tagging.suggest import format_suggestions, suggest

    project = Project(root.resolve())
    suggestions = suggest(project, minimum, (project.root / corpus) if corpus else None)
    print(format_suggestions(suggestions))
    print(f"{len(suggestions)} name(s) not in data/companies.yml", file=sys.stderr)
