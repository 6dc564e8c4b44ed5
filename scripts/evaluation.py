"""Precision and recall of the tagger over the labelled set (data/labelled/tagging.yml)."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from scripts import tagging
from scripts.paths import Project
from scripts.tagging import Tagger


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
class Evaluation:
    snippets: int
    by_threshold: dict[int, tuple[Score, Score]]  # threshold -> (companies, topics)
    mistakes: list[str] = field(default_factory=list)  # at the threshold in use


def labelled_path(project: Project):
    return project.data / "labelled" / "tagging.yml"


def evaluate(project: Project, thresholds: tuple[int, ...] = (2, 3, 4, 5)) -> Evaluation:
    """Score the tagger on every labelled snippet, at the threshold in use and its neighbours."""
    snippets = yaml.safe_load(labelled_path(project).read_text(encoding="utf-8"))
    tagger = Tagger.load(project)
    results = {t: (Score(), Score()) for t in thresholds}
    mistakes = []
    for snippet in snippets:
        paragraphs = [p for p in snippet["text"].strip().split("\n\n") if p.strip()]
        companies, topics = tagger.scores(
            snippet["title"], paragraphs[0], "\n".join(paragraphs[1:]), lang=snippet["lang"]
        )
        expected_companies, expected_topics = set(snippet["companies"]), set(snippet["topics"])
        for threshold, (company_score, topic_score) in results.items():
            found_companies = {c for c, s in companies.items() if s >= threshold}
            found_topics = {t for t, s in topics.items() if s >= threshold}
            company_score.add(expected_companies, found_companies)
            topic_score.add(expected_topics, found_topics)
            if threshold == tagging.TAG_THRESHOLD and (
                found_companies != expected_companies or found_topics != expected_topics
            ):
                mistakes.append(
                    f"{snippet['id']}: companies {sorted(found_companies)} (expected {sorted(expected_companies)}), "
                    f"topics {sorted(found_topics)} (expected {sorted(expected_topics)})"
                )
    return Evaluation(len(snippets), results, mistakes)


def format_report(evaluation: Evaluation) -> str:
    """A table of precision and recall per threshold; the threshold in use is marked."""
    lines = [
        f"{evaluation.snippets} labelled snippets (data/labelled/tagging.yml)",
        "threshold  companies P / R     topics P / R",
    ]
    for threshold, (companies, topics) in evaluation.by_threshold.items():
        mark = "  <- in use" if threshold == tagging.TAG_THRESHOLD else ""
        lines.append(
            f"{threshold:>9}  {companies.precision:6.1%} / {companies.recall:6.1%}"
            f"   {topics.precision:6.1%} / {topics.recall:6.1%}{mark}"
        )
    lines += [f"mismatch: {m}" for m in evaluation.mistakes] or ["every snippet tagged as labelled"]
    return "\n".join(lines)
