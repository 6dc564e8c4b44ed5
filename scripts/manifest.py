"""sources/sources.yml: what a source's text cannot tell (date, original URL, outlet, author)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from scripts.errors import SourceError
from scripts.pages import Loader
from scripts.schema import IsoDate, Url, format_errors


class ManifestEntry(BaseModel):
    """One source's entry; unknown keys are rejected so a typo never goes unnoticed."""

    model_config = ConfigDict(extra="forbid")

    date: IsoDate
    date_estimated: bool = False
    url: Url | None = None
    outlet: str | None = None
    author: str | None = None
    title: Annotated[str, Field(min_length=1)] | None = None


@dataclass
class Manifest:
    """The valid entries, the per-source errors, and where each entry starts in the file."""

    entries: dict[str, ManifestEntry]
    errors: dict[str, SourceError]
    lines: dict[str, int]


def read_manifest(path: Path, shown: str | None = None) -> Manifest:
    """Read and validate the manifest; an invalid entry is an error for that source only.

    `shown` is the path as error messages print it (relative to the project).
    """
    shown = shown or str(path)
    if not path.exists():
        return Manifest({}, {}, {})
    text = path.read_text(encoding="utf-8")
    try:
        # One parse gives both the data and where each entry starts (for error messages).
        loader = Loader(text)
        try:
            node = loader.get_single_node()
            data = (loader.construct_document(node) if node is not None else None) or {}
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise SourceError(shown, f"not valid YAML: {getattr(exc, 'problem', exc)}", line) from None
    if not isinstance(data, dict):
        raise SourceError(shown, "must map source file names to their entries", 1)
    lines = {key.value: key.start_mark.line + 1 for key, _ in node.value} if node is not None else {}
    entries: dict[str, ManifestEntry] = {}
    errors: dict[str, SourceError] = {}
    for name, raw in data.items():
        name = str(name)
        try:
            entries[name] = ManifestEntry.model_validate(raw or {})
        except ValidationError as exc:
            key, problem = format_errors(exc)[0]
            errors[name] = SourceError(shown, f"{name}: {key}: {problem}", lines.get(name))
    return Manifest(entries, errors, lines)
