"""`bench`: how fast the pipeline is, measured on synthetic articles in a temporary folder."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from scripts.bench.synthetic import make_project
from scripts.common.paths import REPO, Project
from scripts.reading.ingest import Ingest


def time_ingest(project: Project, count: int) -> dict:
    """Time a full ingest of the project's sources, then a re-run with nothing changed."""
    start = time.perf_counter()
    outcomes = list(Ingest(project).run())
    full = time.perf_counter() - start
    failed = [o.message for o in outcomes if o.status == "failed"]
    if failed:
        raise RuntimeError(f"ingest failed on synthetic sources: {failed[:3]}")
    start = time.perf_counter()
    again = list(Ingest(project).run())
    rerun = time.perf_counter() - start
    assert all(o.status == "unchanged" for o in again), "a no-change re-run converted something"
    return {
        "articles": count,
        "ingest_s": round(full, 3),
        "ingest_per_s": round(count / full, 1),
        "reingest_unchanged_s": round(rerun, 3),
    }


def bench_ingest(count: int, base: Project = REPO) -> dict:
    """Time a full ingest of `count` .txt sources, then a re-run with nothing changed."""
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        return time_ingest(make_project(Path(folder), count, base=base), count)


def bench_tagging(count: int, base: Project = REPO) -> dict:
    """Tagging alone, on one core: `count` synthetic articles, companies and topics of base's registry."""
    import random

    from scripts.bench.synthetic import make_source
    from scripts.model.registry import load_registry
    from scripts.tagging.tagger import Tagger

    registry, _ = load_registry(base)
    tagger = Tagger(registry)
    rng = random.Random(7)
    articles = []
    for index in range(count):
        text, _, _ = make_source(index, rng, list(registry.companies), list(registry.topics))
        title, _, rest = text.partition("\n\n")
        lead, _, body = rest.partition("\n\n")
        articles.append((title, lead, body))
    start = time.perf_counter()
    for title, lead, body in articles:
        tagger.tag(title, lead, body)
    seconds = time.perf_counter() - start
    return {"articles": count, "tagging_s": round(seconds, 3), "tagging_per_s": round(count / seconds, 1)}


def machine() -> dict:
    """What the figures were measured on."""
    import datetime as dt
    import os
    import platform

    return {
        "date": dt.date.today().isoformat(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.machine()}",
    }


COLUMNS = [
    ("articles", "articles per language", "{}"),
    ("ingest_per_s", "ingest (articles/s)", "{:.0f}"),
    ("tagging_per_s", "tagging alone, one core (articles/s)", "{:.0f}"),
    ("reingest_unchanged_s", "no-change re-ingest (s)", "{:.2f}"),
    ("build_s", "site build, both languages (s)", "{:.1f}"),
    ("build_warm_s", "site build again, share images cached (s)", "{:.1f}"),
    ("preview_one_changed_s", "`mkdocs serve --dirty`: one article saved to served (s)", "{:.1f}"),
    ("hugo_build_s", "Hugo build (s)", "{:.2f}"),
    ("build_vs_hugo", "ours / Hugo", "{:.1f}×"),
    ("build_warm_vs_hugo", "ours / Hugo, share images cached", "{:.1f}×"),
    ("build_peak_mb", "build peak memory, largest process (MB)", "{}"),
    ("build_peak_total_mb", "build peak memory, its processes together (MB)", "{}"),
    ("hugo_peak_mb", "Hugo peak memory (MB)", "{}"),
    ("site_mb", "site size (MB)", "{:.1f}"),
    ("hugo_site_mb", "Hugo site size (MB)", "{:.1f}"),
    ("search_index_fr_mb", "search index fr, every shard (MB)", "{:.2f}"),
    ("search_index_en_mb", "search index en, every shard (MB)", "{:.2f}"),
    ("first_search_s", "first search, opening search to first results, file:// (s)", "{}"),
]


def format_benchmarks(report: dict, document: bool = False) -> str:
    """The figures as a Markdown table, one column per run; as BENCHMARKS.md when `document`."""
    runs = report["runs"]
    lines = ["| | " + " | ".join(str(r["articles"]) for r in runs) + " |", "| --- |" + " ---: |" * len(runs)]
    for key, label, pattern in COLUMNS[1:]:
        if any(key in r for r in runs):
            cells = [pattern.format(r[key]) if r.get(key) is not None else "–" for r in runs]
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
    table = "\n".join(lines) + "\n"
    if not document:
        return table
    m = report["machine"]
    return (
        "# Benchmarks\n\n"
        f"Produced by `python -m scripts bench --n {','.join(str(r['articles']) for r in runs)}` "
        "(scripts/bench/site.py); do not edit by hand.\n"
        f"Measured on {m['date']}, {m['cores']} cores, {m['system']}, Python {m['python']}.\n\n"
        "Synthetic French articles (about 3 KB, three sections, a list, two companies and three topics from\n"
        "data/), ingested from `.txt` sources, each with an English edition of the same length; then the\n"
        "whole site is built as CI builds it (`python -m scripts build`: one `mkdocs build --strict` per\n"
        "language side by side, then the assembly). Then `mkdocs serve --dirty` serves the project and\n"
        "one article gets a sentence more: the time from saving it to the server answering with it.\n"
        "Peak memory: the largest process's, and the build's processes together (sampled every 0.2 s).\n"
        "Hugo builds the same articles with the minimal two-language site of\n"
        "scripts/bench/hugo/ (articles, home, tag and company taxonomies; no search, no feeds).\n\n"
        "Column headings are article counts per language.\n\n"
        + table
        + "\nTargets at 1,000 articles per language: build at most 5× Hugo; site at most 60 MB; first search\n"
        "results within 300 ms of typing over file:// (scripts/bench/search.py: also http, Material, Pagefind);\n"
        "ingest at least 200 articles/s; no-change re-ingest under 1 s; a changed article served within\n"
        "2 s (10 s at 10,000).\n"
    )
