"""The one schema every article page's front matter must match, in both languages."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    ValidationError,
    model_validator,
)

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Characters no front-matter value may hold: control characters (a form feed in a title passed
# the schema, then broke the build), and the invisible ones that disguise text (bidirectional
# overrides and isolates, zero-width spaces and joiners, word joiner, byte order mark).
FORBIDDEN_CHARACTER_RE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def _parse_iso_date(value: object) -> object:
    # YAML reads 2025-01-07 as a date; a quoted or odd value must still be an ISO date.
    if isinstance(value, dt.datetime):
        raise ValueError("must be a date (YYYY-MM-DD), not a date and time")
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None
    if not isinstance(value, dt.date):
        # Pydantic would read a number as seconds since 1970 (86400 is 1970-01-02).
        raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD)")
    return value


def _one_line_of_text(value: str) -> str:
    found = FORBIDDEN_CHARACTER_RE.search(value)
    if found:
        code = f"U+{ord(found.group()):04X}"
        raise ValueError(f"contains a control or invisible character ({code}) at position {found.start() + 1}")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_parse_iso_date)]
# Strict: text must be text. In lax mode pydantic takes bytes (YAML's `!!binary`) as a string,
# which the page's hash (json.dumps of the front matter) then cannot read.
Url = Annotated[str, Strict(), Field(pattern=r"^https?://\S+$"), AfterValidator(_one_line_of_text)]
SHA256 = Annotated[str, Strict(), Field(pattern=r"^[0-9a-f]{64}$")]
Text = Annotated[str, Strict(), Field(min_length=1), AfterValidator(_one_line_of_text)]
MAX_DESCRIPTION = 160


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False)


class SourceInfo(_Strict):
    url: Url | None = None
    outlet: Text | None = None
    author: Text | None = None
    author_bio: Text | None = None
    cites: list[Text] = []


class ImageCredit(_Strict):
    caption: Text | None = None
    credit: Text | None = None


class Tagged(_Strict):
    companies: list[Text] = []
    tags: list[Text] = []


class Provenance(_Strict):
    source_file: Text
    input_sha256: SHA256
    page_sha256: SHA256
    tagged: Tagged = Tagged()


class Translation(_Strict):
    status: Literal["reviewed", "machine"]
    source_sha256: SHA256
    backend: Text | None = None
    # A machine draft's own hash when written: a draft whose content differs was edited by hand.
    page_sha256: SHA256 | None = None


class ArticlePage(_Strict):
    title: Text
    slug: Annotated[str, Strict(), Field(pattern=SLUG_RE.pattern, max_length=100)]
    date: IsoDate
    date_estimated: bool = False
    description: Annotated[
        str, Strict(), Field(min_length=1, max_length=MAX_DESCRIPTION), AfterValidator(_one_line_of_text)
    ]
    lang: Literal["fr", "en"]
    source: SourceInfo = SourceInfo()
    images: list[ImageCredit] = []
    hashtags: list[Text] = []
    companies: list[Text] = []
    tags: list[Text] = []
    provenance: Provenance | None = None
    translation: Translation | None = None

    @model_validator(mode="after")
    def _per_language(self) -> ArticlePage:
        if self.lang == "en" and self.translation is None:
            raise ValueError("an English article needs `translation:` (status, source_sha256)")
        if self.lang == "fr" and self.translation is not None:
            raise ValueError("`translation:` belongs on English editions only")
        return self


def order_keys(meta: dict, model: type[BaseModel] = ArticlePage) -> dict:
    """Front matter with its keys in the schema's order, the order contributors read (the one
    place that order is decided); keys the schema does not know go last, as they came."""
    fields = model.model_fields
    ordered = {key: meta[key] for key in fields if key in meta}
    ordered |= {key: value for key, value in meta.items() if key not in fields}
    for key, value in ordered.items():
        nested = _nested_model(fields[key].annotation) if key in fields else None
        if nested and isinstance(value, dict):
            ordered[key] = order_keys(value, nested)
        elif nested and isinstance(value, list):
            ordered[key] = [order_keys(item, nested) if isinstance(item, dict) else item for item in value]
    return ordered


def _nested_model(annotation: object) -> type[BaseModel] | None:
    """The model a field holds (`Provenance | None`, `list[ImageCredit]`), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next(filter(None, map(_nested_model, getattr(annotation, "__args__", ()))), None)


def schema_problem(error: ValidationError) -> str:
    """The one-line problem of front matter that fails the schema, every key named."""
    return "front matter does not match the schema: " + "; ".join(
        f"{key}: {problem}" for key, problem in format_errors(error)
    )


def format_errors(error: ValidationError) -> list[tuple[str, str]]:
    """Pydantic's errors as (key, problem) pairs a contributor can act on."""
    problems = []
    for item in error.errors():
        key = ".".join(str(part) for part in item["loc"]) or "front matter"
        if item["type"] == "extra_forbidden":
            problem = "unknown key (see scripts/model/schema.py for the keys a page may have)"
        elif item["type"] == "missing":
            problem = "required key is missing"
        elif item["type"] == "string_too_long":
            problem = f"{len(item['input'])} characters, at most {item['ctx']['max_length']}"
        elif item["type"] == "string_pattern_mismatch":
            problem = f"{item['input']!r} does not match {item['ctx']['pattern']}"
        else:
            problem = item["msg"].removeprefix("Value error, ")
        problems.append((key, problem))
    return problems
