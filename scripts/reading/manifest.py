"""sources/sources.yml: what a source's text cannot tell (date, original URL, outlet, author)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from yaml.nodes import ScalarNode

from scripts.common.errors import SourceError
from scripts.common.files import read_regular_file
from scripts.common.safe_yaml import Loader, describe_error
from scripts.model.schema import IsoDate, Url, format_errors
from scripts.reading.decoding import clean_characters

# Thousands of entries of a few lines each; a manifest far past this is not one.
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
# A value from the manifest goes into the page as it is, so it is cleaned like a source's text.
CleanText = Annotated[str, AfterValidator(lambda value: clean_characters(value).strip())]


class ManifestEntry(BaseModel):
    """One source's entry; unknown keys are rejected so a typo never goes unnoticed."""

    model_config = ConfigDict(extra="forbid")

    date: IsoDate
    date_estimated: bool = False
    url: Url | None = None
    outlet: CleanText | None = None
    author: CleanText | None = None
    title: Annotated[CleanText, Field(min_length=1)] | None = None


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
    if not path.exists() and not path.is_symlink():
        return Manifest({}, {}, {})
    raw_bytes = read_regular_file(path, MAX_MANIFEST_BYTES, shown)
    try:
        text = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw_bytes.count(b"\n", 0, exc.start) + 1
        raise SourceError(shown, f"not UTF-8 text (byte {exc.start}: {exc.reason})", line) from None
    try:
        # One parse gives both the data and where each entry starts (for error messages).
        loader = Loader(text)
        try:
            node = loader.get_single_node()
            data = (loader.construct_document(node) if node is not None else None) or {}
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        problem, line = describe_error(exc)
        raise SourceError(shown, f"not valid YAML: {problem}", line) from None
    if not isinstance(data, dict):
        raise SourceError(shown, "must map source file names to their entries", 1)
    lines = {
        key.value: key.start_mark.line + 1 for key, _ in (node.value if node else ()) if isinstance(key, ScalarNode)
    }
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
