"""How titles and names become file names (python-slugify), shared by ingest and the site."""

from __future__ import annotations

MAX_SLUG_LENGTH = 80
# "l’IA" must give "l-ia", not "lia": an apostrophe separates words in French.
APOSTROPHES = [["’", "-"], ["'", "-"]]
