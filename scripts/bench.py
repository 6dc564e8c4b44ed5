"""`bench`: how fast the pipeline is, measured on synthetic articles in a temporary folder."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from scripts.ingest import Ingest
from scripts.synthetic import make_project


def bench_ingest(count: int) -> dict:
    """Time a full ingest of `count` .txt sources, then a re-run with nothing changed."""
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        project = make_project(Path(folder), count)
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
