"""Errors the pipeline reports to a contributor: always about one file."""

from __future__ import annotations

from pathlib import Path


class SourceError(Exception):
    """A source or page that cannot be processed; str() is the one-line report."""

    def __init__(self, path: Path | str, problem: str, line: int | None = None) -> None:
        self.path = str(path)
        self.problem = problem
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {problem}")
