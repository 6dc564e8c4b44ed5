"""Precision and recall of the tagger over the labelled sets.

Two sets: the snippets of data/labelled/tagging.yml (short texts, one trap each, which the tests
require to come out exactly) and the development set of data/labelled/tagging-dev.yml (real
articles of the development corpus, labelled by reading them), on which rules are tuned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from scripts.common import safe_yaml
from scripts.common.paths import Project
from scripts.tagging.tagger import TAG_THRESHOLD, TOPIC_THRESHOLD, Tagger

# The time that heads a brief of a live page ("8h16 - Semiconducteurs : …") is not its title.
BRIEF_TIME_RE = re.compile(r"^\d{1,2}h\d{2} - ")


@dataclass
class Score:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positive + self.false_negative
        return self.true_positive / expected if expected else 1.0

    def add(self, expected: set[str], found: set[str]) -> None:
        self.true_positive += len(expected & found)
        self.false_positive += len(found - expected)
        self.false_negative += len(expected - found)


@dataclass
class DevResult:
    """The development set's scores and every disagreement with the labels."""

    articles: int
    outlets: int
    companies: Score
    topics: Score
    disagreements: list[str] = field(default_factory=list)


@dataclass
class Evaluation:
    snippets: int
    by_threshold: dict[int, tuple[Score, Score]]  # threshold -> (companies, topics)
    mistakes: list[str] = field(default_factory=list)  # at the threshold in use
    dev: DevResult | None = None


def labelled_path(project: Project) -> Path:
    return project.data / "labelled" / "tagging.yml"


def dev_path(project: Project) -> Path:
    return project.data / "labelled" / "tagging-dev.yml"


@dataclass(frozen=True)
class LabelledArticle:
    """One article of the development set, as the tagger reads it, with its labels."""

    id: str
    outlet: str
    title: str
    lead: str
    body: str
    companies: frozenset[str]
    topics: frozenset[str]
    passing: dict[str, str]


def _brief(lines: list[str], item: str, heads: list[str]) -> tuple[str, list[str]]:
    """(heading, lines) of one brief of a live page: from its heading to the next brief's."""
    start = next(i for i, line in enumerate(lines) if line.startswith(item))
    others = [h for h in heads if h != item]
    end = next((i for i in range(start + 1, len(lines)) if any(lines[i].startswith(h) for h in others)), len(lines))
    return BRIEF_TIME_RE.sub("", lines[start]), lines[start + 1 : end]


def read_dev_set(project: Project) -> list[LabelledArticle]:
    """The development set's articles, read from the corpus pages they name."""
    data = safe_yaml.load(dev_path(project).read_text(encoding="utf-8"))
    corpus = project.root / data["corpus"]
    manifest = safe_yaml.load((corpus / "manifest.yml").read_text(encoding="utf-8"))
    titles = {entry["name"]: entry["title"] for entry in manifest["pages"]}
    heads: dict[str, list[str]] = {}
    for entry in data["articles"]:
        if entry.get("item"):
            heads.setdefault(entry["page"], []).append(entry["item"])
    articles = []
    for entry in data["articles"]:
        reference = (corpus / "pages" / entry["page"] / "reference.txt").read_text("utf-8")
        lines = [line for line in reference.split("\n") if line.strip()]
        title = titles[entry["page"]]
        if entry.get("item"):
            heading, brief = _brief(lines, entry["item"], heads[entry["page"]])
            # A brief's heading is its title; when the label gives a title (a page's standfirst,
            # whose first line is a sentence), the heading is its lead.
            lines, title = ([heading, *brief], entry["title"]) if entry.get("title") else (brief, heading)
        title = entry.get("title") or title
        articles.append(
            LabelledArticle(
                entry["id"],
                entry.get("outlet", ""),
                title,
                lines[0] if lines else "",
                "\n".join(lines[1:]),
                frozenset(entry.get("companies") or []),
                frozenset(entry.get("topics") or []),
                dict(entry.get("passing") or {}),
            )
        )
    return articles


def _difference(kind: str, expected: set[str] | frozenset[str], found: set[str], why: dict[str, str]) -> str:
    extra = [f"+{name}" + (f" (passing: {why[name]})" if name in why else "") for name in sorted(found - expected)]
    missed = [f"-{name}" for name in sorted(expected - found)]
    return f"{kind} {' '.join(extra + missed)}" if extra or missed else ""


def evaluate_dev(project: Project, tagger: Tagger) -> DevResult:
    """Score the tagger's decisions on every article of the development set."""
    articles = read_dev_set(project)
    result = DevResult(len(articles), len({a.outlet for a in articles}), Score(), Score())
    for article in articles:
        companies, topics = tagger.tag(article.title, article.lead, article.body)
        result.companies.add(set(article.companies), set(companies))
        result.topics.add(set(article.topics), set(topics))
        parts = [
            _difference("companies", article.companies, set(companies), article.passing),
            _difference("topics", article.topics, set(topics), {}),
        ]
        if any(parts):
            result.disagreements.append(f"{article.id}: " + "; ".join(p for p in parts if p))
    return result


def evaluate(project: Project, thresholds: tuple[int, ...] = (2, 3, 4, 5)) -> Evaluation:
    """Score the tagger on every labelled snippet, at the threshold in use and its neighbours,
    and on the development set when the project has one."""
    snippets = safe_yaml.load(labelled_path(project).read_text(encoding="utf-8"))
    tagger = Tagger.load(project)
    results = {t: (Score(), Score()) for t in thresholds}
    mistakes = []
    for snippet in snippets:
        paragraphs = [p for p in snippet["text"].strip().split("\n\n") if p.strip()]
        companies, topics = tagger.scores(
            snippet["title"], paragraphs[0], "\n".join(paragraphs[1:]), lang=snippet["lang"]
        )
        expected_companies, expected_topics = set(snippet["companies"]), set(snippet["topics"])
        # Mistakes at the thresholds in use (companies and topics each have theirs).
        found_companies = {c for c, s in companies.items() if s >= TAG_THRESHOLD}
        found_topics = {t for t, s in topics.items() if s >= TOPIC_THRESHOLD}
        if found_companies != expected_companies or found_topics != expected_topics:
            mistakes.append(
                f"{snippet['id']}: companies {sorted(found_companies)} (expected {sorted(expected_companies)}), "
                f"topics {sorted(found_topics)} (expected {sorted(expected_topics)})"
            )
        for threshold, (company_score, topic_score) in results.items():
            found_companies = {c for c, s in companies.items() if s >= threshold}
            found_topics = {t for t, s in topics.items() if s >= threshold}
            company_score.add(expected_companies, found_companies)
            topic_score.add(expected_topics, found_topics)
    dev = evaluate_dev(project, tagger) if dev_path(project).exists() else None
    return Evaluation(len(snippets), results, mistakes, dev)


def format_report(evaluation: Evaluation) -> str:
    """Precision and recall per set; the snippets per threshold, the threshold in use marked."""
    lines = [
        f"{evaluation.snippets} labelled snippets (data/labelled/tagging.yml)",
        "threshold  companies P / R     topics P / R",
    ]
    for threshold, (companies, topics) in evaluation.by_threshold.items():
        used = [kind for kind, t in (("companies", TAG_THRESHOLD), ("topics", TOPIC_THRESHOLD)) if t == threshold]
        mark = "  <- in use" if len(used) == 2 else "".join(f"  <- in use ({kind})" for kind in used)
        lines.append(
            f"{threshold:>9}  {companies.precision:6.1%} / {companies.recall:6.1%}"
            f"   {topics.precision:6.1%} / {topics.recall:6.1%}{mark}"
        )
    lines += [f"mismatch: {m}" for m in evaluation.mistakes] or ["every snippet tagged as labelled"]
    dev = evaluation.dev
    if dev is not None:
        lines += [
            "",
            f"development set (data/labelled/tagging-dev.yml): {dev.articles} articles from {dev.outlets} outlets",
            f"companies  precision {dev.companies.precision:.3f}  recall {dev.companies.recall:.3f}"
            f"  ({dev.companies.true_positive} right, {dev.companies.false_positive} wrong, "
            f"{dev.companies.false_negative} missed)",
            f"topics     precision {dev.topics.precision:.3f}  recall {dev.topics.recall:.3f}"
            f"  ({dev.topics.true_positive} right, {dev.topics.false_positive} wrong, "
            f"{dev.topics.false_negative} missed)",
        ]
        lines += [f"disagreement: {d}" for d in dev.disagreements] or ["every article tagged as labelled"]
    return "\n".join(lines)
