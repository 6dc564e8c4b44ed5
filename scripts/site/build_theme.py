"""Material's asset names, read from the built site: it hashes them (bundle.<hash>.min.js), and
a new release changes the hash, so no name is written by hand."""

from __future__ import annotations

from pathlib import Path

BUNDLE = "assets/javascripts/bundle.*.min.js"


def theme_asset(site: Path, pattern: str) -> str:
    """The path, in the built site, of the one file matching pattern (BUNDLE, the stemmers)."""
    found = sorted(p.relative_to(site).as_posix() for p in site.glob(pattern))
    if len(found) != 1:
        raise LookupError(f"{site}: expected one file matching {pattern}, found {found or 'none'}")
    return found[0]
