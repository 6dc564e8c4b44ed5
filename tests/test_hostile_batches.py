"""The hostile-input corpus through both ingest paths: a batch of one source at a time, and a batch
of 100+ sources that ingest converts in worker processes. The same source gives the same page
either way, so what the hostile site build proves in Chromium holds for both paths."""

from __future__ import annotations

import shutil

import yaml

from scripts.model.pages import read_page
from scripts.reading.ingest import PARALLEL_MIN_JOBS
from tests.conftest import run_cli
from tests.hostile_site import add_registry_entries, registry_names, write_sources
from tests.site_builds import copy_content

COPIES = 4  # each hostile source four times over, under other names and numbers


def hostile_project(root):
    project = copy_content(root, "data")
    project.articles("fr").mkdir(parents=True)
    project.articles("en").mkdir(parents=True)
    write_sources(project)
    add_registry_entries(project, registry_names())
    return project


def pages_by_source(project) -> dict[str, str]:
    pages = {}
    for path in sorted(project.articles("fr").glob("*.md")):
        source = read_page(path).meta["provenance"]["source_file"]
        assert source not in pages, f"two pages from {source}"
        pages[source] = path.read_text(encoding="utf-8")
    return pages


def test_the_same_hostile_source_gives_the_same_page_alone_or_in_a_parallel_batch(tmp_path):
    big = hostile_project(tmp_path / "big")
    manifest = yaml.safe_load(big.manifest.read_text(encoding="utf-8"))
    originals = sorted(manifest)
    for copy in range(1, COPIES):
        for name in originals:
            text = (big.sources / name).read_text(encoding="utf-8")
            # Another number in the headline and lead: another title, so no slug collides.
            (big.sources / f"c{copy}{name}").write_text(text.replace("Zorglub ", f"Zorglub {copy}00"), encoding="utf-8")
            entry = dict(manifest[name])
            if "title" in entry:
                entry["title"] = entry["title"].replace("Zorglub ", f"Zorglub {copy}00")
            # Another outlet too: lines an outlet repeats across its sources are its furniture,
            # and ingest drops them, so copies from one outlet would not give the same page.
            if "outlet" in entry:
                entry["outlet"] = f"{copy} {entry['outlet']}"
            manifest[f"c{copy}{name}"] = entry
    big.manifest.write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    assert len(manifest) >= max(100, PARALLEL_MIN_JOBS)
    batch = run_cli(big, "ingest")
    batch_pages = pages_by_source(big)

    alone = hostile_project(tmp_path / "alone")
    alone_codes = {}
    for name in originals:
        alone_codes[name] = run_cli(alone, "ingest", str(alone.sources / name)).exit_code
    alone_pages = pages_by_source(alone)

    # A payload in a headline never stops ingest; a hostile manifest entry is refused, named,
    # and its refusal does not depend on the batch it came in.
    assert set(alone_pages) == {name for name in originals if name in batch_pages}
    assert all(f"c{copy}{name}" in batch_pages for name in alone_pages for copy in range(1, COPIES))
    assert batch.exit_code == (1 if any(alone_codes.values()) else 0), batch.stderr
    for name, page in alone_pages.items():
        assert batch_pages[name] == page, name
    assert len(batch_pages) == COPIES * len(alone_pages)
    shutil.rmtree(tmp_path / "big" / "sources")  # the copies are large; nothing more to read
