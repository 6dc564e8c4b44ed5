"""Line-level cleaning: the rules of data/cleaning.yml, and repairs of scraping damage."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from scripts.common import safe_yaml
from scripts.common.errors import SourceError

KINDS = {"drop", "end", "credit", "caption", "cite"}

# A bullet glyph at the start of a scraped line: the page had a list there.
BULLET_RE = re.compile(r"^[•●▪◦‣·]\s*")
# "l IA", "d heures", "qu il": an elision whose apostrophe the scraper lost. Only before a
# vowel or h, and not after a digit ("100 m au-dessus" is a unit, not "m’au").
LOST_APOSTROPHE_RE = re.compile(
    r"\b(?<![’'.\-])(?<!\d )([LlDdJjMmNnSsTtCc]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu) "
    r"(?=[aeiouyhàâäéèêëîïôöûüœAEIOUYHÀÂÄÉÈÊËÎÏÔÖÛÜŒ])"
)
# A typewriter apostrophe between letters is an apostrophe, not a quotation mark.
STRAIGHT_APOSTROPHE_RE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")
# A closing guillemet typed as an opening one at the end of a quotation: «… étrangers.« .»
REVERSED_CLOSING_GUILLEMET_RE = re.compile(r"([.!?…])\s*«\s*\.\s*$")
# A tab, or a run of any white space (non-breaking ones too), becomes one space.
SPACES_RE = re.compile(r"\t|\s{2,}")
# Noise lines (ads, share prompts, credits, comment forms) are short. A longer line is text, and
# is not matched at all: a rule such as `(\W*\s*)?click here` takes time quadratic in the
# length of a line of 400 KB of non-breaking spaces.
MAX_RULE_LINE_CHARS = 1_000


@dataclass(frozen=True)
class Rule:
    kind: str
    pattern: re.Pattern[str]
    ends_article: bool
    why: str


@dataclass(frozen=True)
class Match:
    rule: Rule
    groups: dict[str, str]


@lru_cache(maxsize=8)
def _parse_rules(path: Path, text: str) -> tuple[Rule, ...]:
    try:
        data = safe_yaml.load(text) or {}
    except yaml.YAMLError as exc:
        problem, line = safe_yaml.describe_error(exc)
        raise SourceError(path, f"not valid YAML: {problem}", line) from None
    if not isinstance(data, dict) or not isinstance(data.get("rules", []), list):
        raise SourceError(path, "must be a mapping with a list of `rules`")
    rules = []
    for number, entry in enumerate(data.get("rules", []), start=1):
        where = f"rules[{number}]"
        if not isinstance(entry, dict):
            raise SourceError(path, f"{where}: must be a mapping (kind, pattern, why)")
        unknown = set(entry) - {"kind", "pattern", "ends_article", "why"}
        if unknown:
            raise SourceError(path, f"{where}: unknown key(s) {sorted(unknown)}")
        if entry.get("kind") not in KINDS:
            raise SourceError(path, f"{where}: kind must be one of {sorted(KINDS)}, got {entry.get('kind')!r}")
        if not entry.get("why"):
            raise SourceError(path, f"{where}: every rule needs a `why`")
        try:
            pattern = re.compile(entry["pattern"], re.IGNORECASE)
        except (re.error, KeyError, TypeError) as exc:
            raise SourceError(path, f"{where}: invalid pattern: {exc}") from None
        rules.append(Rule(entry["kind"], pattern, bool(entry.get("ends_article")), entry["why"]))
    return tuple(rules)


def load_rules(path: Path) -> tuple[Rule, ...]:
    """The cleaning rules, validated; the first matching rule wins. Parsed once per content."""
    return _parse_rules(path, path.read_text(encoding="utf-8"))


def match_rule(text: str, rules: tuple[Rule, ...]) -> Match | None:
    """The first rule a line matches, with its named groups."""
    if len(text) > MAX_RULE_LINE_CHARS:
        return None
    for rule in rules:
        found = rule.pattern.fullmatch(text)
        if found:
            groups = {k: v.strip() for k, v in found.groupdict().items() if v and v.strip()}
            return Match(rule, groups)
    return None


def repair_text(text: str) -> str:
    """Repair scraping damage that is certain: lost and straight apostrophes, spacing."""
    # Each repair runs only where it can apply: most lines need none, and a call to re.sub with
    # a group reference costs more in Python than a search in C (a million-line source).
    if "  " in text or "\t" in text or not text.isascii():
        text = SPACES_RE.sub(" ", text)
    text = text.strip()
    if "'" in text:
        text = STRAIGHT_APOSTROPHE_RE.sub("’", text)
    if LOST_APOSTROPHE_RE.search(text):
        text = LOST_APOSTROPHE_RE.sub(r"\1’", text)
    if "«" in text:
        text = REVERSED_CLOSING_GUILLEMET_RE.sub(r"\1 »", text)
    return text


def split_bullet(line: str) -> tuple[bool, str]:
    """(is a list item, text without its bullet) for a stripped line."""
    found = BULLET_RE.match(line)
    return (True, line[found.end() :]) if found else (False, line)
