"""Commands for the site: listing pages, links, the build, page weight."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from scripts.checks.links import DEFAULT_SITE_URL
from scripts.cli.app import ProjectRoot, app, err
from scripts.common.paths import REPO, Project


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
            err(problem)
        raise typer.Exit(1)
    try:
        generated = generate_pages(project, registry)
    except SourceError as exc:
        err(f"error: {exc.shown_as(project.relative(Path(exc.path)))}")
        raise typer.Exit(1) from None
    except ValueError as exc:
        err(f"error: {exc}")
        raise typer.Exit(1) from None
    if check_only:
        diffs = diff_pages(project, generated)
        for diff in diffs:
            print(diff, end="")
        if diffs:
            err(f"{len(diffs)} listing page(s) out of date: run `python -m scripts pages`")
            raise typer.Exit(1)
        err("listing pages up to date")
        return
    touched = write_pages(project, generated)
    for path in touched:
        print(f"wrote {path}")
    err(f"{len(touched)} listing page(s) written or removed, {len(generated.files)} in all")


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
        err(f"error: {site}/index.html not found: build the site first (mkdocs build)")
        raise typer.Exit(2)
    report = check_links(site, site_url)
    for problem in report.problems:
        print(problem)
    if external:
        external.write_text(format_external(report), encoding="utf-8")
    err(
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
            assemble_languages(root / staging, root / site_dir)
        else:
            build_site(config, root / site_dir, strict=strict, jobs=jobs or None)
    except BuildError as exc:
        err(f"error: {exc}")
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
            err(f"error: no article in {site}/articles: build the site first")
            raise typer.Exit(2)
        article = articles[-1].stem  # the largest: the limit must hold for it
    rows = measure(site, article, company)
    if json_output:
        print(json.dumps([row.__dict__ | {"cached": row.cached} for row in rows], indent=2))
    else:
        print(format_table(rows), end="")
    problems = over_limit(rows)
    for problem in problems:
        err(f"error: {problem}")
    raise typer.Exit(1 if problems else 0)
