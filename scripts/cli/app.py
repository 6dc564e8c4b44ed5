"""The Typer application the commands register on, and what they share."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="Content pipeline of the bilingual tech-news site.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ProjectRoot = Annotated[
    Path, typer.Option("--root", envvar="NEWS_ROOT", help="Project folder (default: this repository).")
]


@app.callback()
def main() -> None:
    """Content pipeline of the bilingual tech-news site: ingest, tag, translate, check."""


def err(message: str) -> None:
    print(message, file=sys.stderr)
