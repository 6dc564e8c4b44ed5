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

    def shown_as(self, path: str) -> SourceError:
        """The same error, naming the file as `path` (relative to the project)."""
        return SourceError(path, self.problem, self.line)

    def __reduce__(self) -> tuple:
        # Pickling rebuilds an exception from self.args (here the one formatted message), which
        # does not fit __init__: a worker process could not send the error back, and the
        # parent's whole pool broke (BrokenProcessPool) instead of one source failing.
        return (self.__class__, (self.path, self.problem, self.line))
