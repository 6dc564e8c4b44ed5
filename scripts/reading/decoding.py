"""Turn a source's bytes into text, whatever encoding the scraper saved it in."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

from scripts.common.errors import SourceError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# A whole web page copied by hand has a few thousand lines; a hard-wrapped 5 MB text, 65,000.
# Past this a source is not one article, and every stage's cost per line adds up to minutes.
MAX_LINES = 100_000

# Byte order marks, longest first: UTF-32 LE starts with the UTF-16 LE mark.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Legacy encodings a French page is plausibly saved in when it is not UTF-8.
_LEGACY = ("cp1252", "latin_1", "iso8859_15", "mac_roman")


CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
# A terminal escape sequence pasted with the text (colours, cursor moves): ESC [ ... letter, or
# ESC ] ... BEL / ESC \ (a window title). Removed whole, or its "[31m" would stay in the text.
ANSI_RE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?")
# Vertical tab and form feed separate words the way a space does.
SPACING_CONTROL_RE = re.compile(r"[\x0b\x0c]")
# What is left of control characters once tab, newline and carriage return are spared: C0, DEL, C1.
STRAY_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Characters that change how text looks without being seen: bidirectional overrides and isolates
# (U+202E shows "gpj.exe" as "exe.jpg"), marks, zero-width spaces and joiners, word joiner, BOM.
INVISIBLE_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
# Below this many, control characters are strays in a text, not the sign of a binary file.
STRAY_CONTROLS_ALLOWED = 8


def _looks_binary(text: str) -> bool:
    """True when decoded text has more than 1 % control characters (an image, a PDF, an archive)."""
    sample = ANSI_RE.sub("", text[:4096])
    return len(CONTROL_RE.findall(sample)) > max(STRAY_CONTROLS_ALLOWED, len(sample) // 100)


# Any character clean_characters changes: one search tells whether a text needs it at all.
UNCLEAN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def clean_characters(text: str) -> str:
    """Remove terminal escapes, stray control characters and invisible formatting characters."""
    if not UNCLEAN_RE.search(text):
        return text
    if "\x1b" in text:
        text = ANSI_RE.sub("", text)
    text = SPACING_CONTROL_RE.sub(" ", text)
    text = STRAY_CONTROL_RE.sub("", text)
    return INVISIBLE_RE.sub("", text)


def decode_source(path: Path, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, list[str]]:
    """Decode a source's bytes to text with Unix line ends; returns (text, notes)."""
    if not data:
        raise SourceError(path, "empty file")
    if len(data) > max_bytes:
        raise SourceError(path, f"file is {len(data):,} bytes, over the limit of {max_bytes:,} (--max-bytes)")
    notes: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                problem = f"starts with a {encoding} byte order mark but is not {encoding}: {exc.reason}"
                raise SourceError(path, problem) from None
            notes.append(f"decoded as {encoding} (byte order mark removed)")
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text, encoding = _decode_legacy(path, data)
            notes.append(f"not UTF-8: decoded as {encoding}")
    if "\x00" in text or _looks_binary(text):
        raise SourceError(path, "binary file, not text")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise SourceError(path, f"{lines:,} lines, over the limit of {MAX_LINES:,}: not one article")
    cleaned = clean_characters(text)
    if len(cleaned) != len(text):
        notes.append(f"{len(text) - len(cleaned):,} control or invisible character(s) removed")
    return cleaned, notes


def _decode_legacy(path: Path, data: bytes) -> tuple[str, str]:
    """Decode text that is not UTF-8: UTF-16 without a mark, or a Western 8-bit code page."""
    if b"\x00" in data[:4096]:
        guess = from_bytes(data[:65536], cp_isolation=["utf_16_le", "utf_16_be"]).best()
        if guess is None:
            raise SourceError(path, "binary file, not text")
        return data.decode(guess.encoding), guess.encoding
    guess = from_bytes(data[:65536], cp_isolation=list(_LEGACY)).best()
    encoding = guess.encoding if guess is not None else "cp1252"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 decodes every byte.
        encoding = "latin_1"
        text = data.decode(encoding)
    return text, encoding
