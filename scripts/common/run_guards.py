"""What keeps a run within bounds: a time limit per source, and one page-writing run at a time."""

from __future__ import annotations

import fcntl
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scripts.common.errors import SourceError
from scripts.common.paths import Project

# Seconds one source may take to convert: a few milliseconds is usual, a second is a huge page.
DEFAULT_TIME_LIMIT = 30.0


class TimeLimitExceeded(BaseException):
    """Raised in the middle of a conversion that ran out of time.

    A BaseException, so that libraries' `except Exception` blocks do not swallow it."""


def _expire(signum: int, frame: object) -> None:
    raise TimeLimitExceeded


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise TimeLimitExceeded in the block after `seconds` of wall time.

    SIGALRM interrupts pure Python and the regular-expression engine alike, which checks for
    signals as it backtracks. Signals reach only the main thread: elsewhere there is no limit.
    """
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def lock_path(project: Project) -> Path:
    """The file whose lock a page-writing run holds."""
    return project.root / ".cache" / "pages.lock"


@contextmanager
def exclusive_run(project: Project, command: str) -> Iterator[None]:
    """Hold the project's page-writing lock; SourceError when another run holds it.

    Two ingest runs at once both found a source new and each wrote a page for it under another
    slug. flock is released by the kernel when its holder exits, crashed or not: no stale lock.
    """
    path = lock_path(project)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError:
        yield  # a read-only checkout: nothing will be written to race over
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another run"
            raise SourceError(
                project.relative(path),
                f"{holder} is writing this project's pages: wait until it has finished, then run `{command}` again",
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"`{command}` (process {os.getpid()})".encode(), 0)
        yield
    finally:
        os.close(fd)
