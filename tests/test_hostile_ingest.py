"""Hostile and broken sources (issue 13): the batch goes on, one line names each bad file, exit 1.

Every case runs through the real CLI, in a batch of one and in a batch past the parallel
threshold, where conversions run in worker processes and errors must travel back to the parent.
"""

from __future__ import annotations

import os
import pickle
import stat

import pytest

from scripts.common import files
from scripts.common.errors import SourceError
from scripts.reading import conversion
from scripts.reading.ingest import PARALLEL_MIN_JOBS
from tests.conftest import add_source, run_cli

GOOD = "Un titre d’article\n\nNVIDIA publie un nouveau modèle. Il est rapide.\n"
# A batch this large goes through the worker processes (ingest's PARALLEL_MIN_JOBS is 40).
LARGE = 120


def add_many(project, count: int) -> list[str]:
    """`count` good sources with distinct titles, in one manifest write; their page names."""
    entries = []
    for number in range(count):
        name = f"{number:03d}_good.txt"
        (project.sources / name).write_text(
            f"Article numéro {number} sur les puces\n\nNVIDIA publie le modèle {number}. Il est rapide.\n",
            encoding="utf-8",
        )
        entries.append(f"{name}:\n  date: 2024-05-01\n")
    project.manifest.write_text("".join(entries), encoding="utf-8")
    return [f"article-numero-{number}-sur-les-puces.md" for number in range(count)]


def summary(converted: int, failed: int) -> str:
    return f"{converted} converted, 0 unchanged, 0 kept (edited by hand), {failed} failed"


def test_source_error_survives_pickling():
    error = pickle.loads(pickle.dumps(SourceError("sources/x.txt", "empty file", 3)))
    assert (str(error), error.path, error.problem, error.line) == (
        "sources/x.txt:3: empty file",
        "sources/x.txt",
        "empty file",
        3,
    )


@pytest.mark.parametrize("good", [0, 1, LARGE], ids=["alone", "pair", "parallel"])
def test_an_empty_source_fails_alone(empty_project, good):
    pages = add_many(empty_project, good)
    add_source(empty_project, "empty.txt", b"")
    assert good < PARALLEL_MIN_JOBS or good + 1 >= PARALLEL_MIN_JOBS
    result = run_cli(empty_project, "ingest")
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
        "error: sources/empty.txt: empty file"
    ]
    assert result.stdout.strip() == summary(good, 1)
    assert sorted(p.name for p in empty_project.articles("fr").iterdir()) == sorted(pages)


@pytest.mark.parametrize("good", [1, LARGE], ids=["serial", "parallel"])
def test_an_unexpected_failure_in_a_conversion_is_that_source_s_alone(empty_project, monkeypatch, good):
    # A bug or a library failure (not a SourceError) on one source; worker processes are
    # forked after the patch, so they carry it too.
    real = conversion.structure

    def structure(document, *args, **kwargs):
        if document.path.name == "bad.txt":
            raise RuntimeError("the parser fell over")
        return real(document, *args, **kwargs)

    monkeypatch.setattr(conversion, "structure", structure)
    add_many(empty_project, good)
    add_source(empty_project, "bad.txt", GOOD)
    result = run_cli(empty_project, "ingest")
    assert result.exit_code == 1
    assert "error: sources/bad.txt: could not be converted: RuntimeError: the parser fell over" in result.stderr
    assert result.stdout.strip() == summary(good, 1)


def test_a_worker_that_dies_takes_only_its_own_source_down(empty_project, monkeypatch):
    # A crash no Python code can catch (a C library's, or the kernel's out-of-memory killer):
    # the conversions the dead pool held are done again, each in a pool of its own.
    real = conversion.structure

    def structure(document, *args, **kwargs):
        if document.path.name == "bad.txt":
            os._exit(1)
        return real(document, *args, **kwargs)

    monkeypatch.setattr(conversion, "structure", structure)
    pages = add_many(empty_project, LARGE)
    add_source(empty_project, "bad.txt", GOOD)
    result = run_cli(empty_project, "ingest")
    assert result.exit_code == 1
    assert "error: sources/bad.txt: the process converting it died (out of memory?)" in result.stderr.splitlines()
    assert result.stdout.strip() == summary(LARGE, 1)
    assert sorted(p.name for p in empty_project.articles("fr").iterdir()) == sorted(pages)


@pytest.mark.parametrize("good", [1, LARGE], ids=["serial", "parallel"])
def test_a_source_over_its_time_limit_is_left_out(empty_project, good):
    # A cleaning rule that backtracks exponentially on one line: the regex engine sees the alarm.
    rules = empty_project.cleaning_rules
    rules.write_text(
        rules.read_text(encoding="utf-8")
        + "  - kind: drop\n    pattern: '(a+)+b'\n    why: a rule written badly, on purpose\n",
        encoding="utf-8",
    )
    add_many(empty_project, good)
    add_source(empty_project, "slow.txt", GOOD + "a" * 40 + "\n")
    result = run_cli(empty_project, "ingest", "--time-limit", "1")
    assert result.exit_code == 1
    assert "error: sources/slow.txt: took over 1 s to convert: left out (--time-limit)" in result.stderr
    assert result.stdout.strip() == summary(good, 1)


def pathological_sources() -> dict[str, str]:
    """Small inputs that took minutes (regex backtracking, quadratic joining) before the fixes."""
    lowercase = "\n".join(f"{w} {w} {w}" for w in ("alpha", "beta", "gamma", "delta") * 24_000)
    paragraph = "NVIDIA présente le processeur {n}, conçu pour l’IA. Les ventes progressent de 30 %. " * 6
    return {
        "nbsp.txt": "Un titre\n\nDébut" + "\u00a0" * 200_000 + "fin. Il est rapide.\n",
        "hashtags.txt": "Titre " + " ".join(f"#tag{n}" for n in range(22_000)) + " fin.\n\nUn paragraphe. Fin.\n",
        "lowercase.txt": "Un titre\n" + lowercase + "\n",
        "page.txt": "Un grand titre\n\n" + "\n\n".join(paragraph.format(n=n) for n in range(2_000)) + "\n",
    }


def test_pathological_inputs_convert_within_the_time_limit(empty_project):
    # No timing is asserted: the per-source limit is the guard. Before the fixes, each of these
    # ran for minutes and would be reported as over the limit.
    sizes = {}
    for name, text in pathological_sources().items():
        add_source(empty_project, name, text)
        sizes[name] = len(text.encode())
    assert sizes["nbsp.txt"] > 400_000 and sizes["hashtags.txt"] > 180_000
    assert sizes["lowercase.txt"] > 1_500_000 and sizes["page.txt"] > 1_000_000
    result = run_cli(empty_project, "ingest", "--time-limit", "120")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == summary(4, 0)


def test_a_source_of_too_many_lines_is_refused(empty_project):
    # 4 MB of short lines: 220,001 of them, not one article.
    lines = "\n".join(f"{w} {w} {w}" for w in ("alpha", "beta", "gamma", "delta") * 55_000)
    add_source(empty_project, "good.txt", GOOD)
    add_source(empty_project, "lines.txt", "Un titre\n" + lines + "\n")
    result = run_cli(empty_project, "ingest")
    assert result.exit_code == 1
    assert "error: sources/lines.txt: 220,002 lines, over the limit of 100,000: not one article" in result.stderr
    assert result.stdout.strip() == summary(1, 1)


@pytest.mark.parametrize(
    ("content", "kept"),
    [
        ("Un titre\n\nNVIDIA publie \x1b[31mun nouveau\x1b[0m modèle. Il est rapide.\n", "publie un nouveau modèle"),
        ("Un titre\n\nNVIDIA publie un\x0bnouveau modèle. Il est rapide.\n", "publie un nouveau modèle"),
        ("Un titre\n\nNVIDIA publie un nouveau\x07 modèle. Il est rapide.\n", "publie un nouveau modèle"),
    ],
    ids=["ansi", "vertical-tab", "bell"],
)
def test_a_stray_control_character_is_removed(empty_project, content, kept):
    add_source(empty_project, "article.txt", content)
    result = run_cli(empty_project, "ingest")
    assert result.exit_code == 0, result.stderr
    page = (empty_project.articles("fr") / "un-titre.md").read_text(encoding="utf-8")
    assert kept in page
    assert not any(ord(c) < 32 and c != "\n" for c in page)


def test_bidi_and_zero_width_characters_are_removed_from_title_and_text(empty_project):
    disguised = (
        "Un ti\u202etre\u200b d’article\n\nNVIDIA\u2066 pub\u200dlie\ufeff un nouveau modèle.\u2069 Il est rapide.\n"
    )
    add_source(empty_project, "article.txt", disguised, "date: 2024-05-01\nauthor: Jea\u202en\u2060ne")
    result = run_cli(empty_project, "ingest")
    assert result.exit_code == 0, result.stderr
    page = (empty_project.articles("fr") / "un-titre-d-article.md").read_text(encoding="utf-8")
    assert "title: Un titre d’article\n" in page
    assert "NVIDIA publie un nouveau modèle. Il est rapide.\n" in page
    assert "author: Jeanne\n" in page


def test_tabs_and_line_breaks_in_a_title_outlet_or_author_become_spaces(empty_project):
    # The page schema refuses them in a title: ingest must not write a page that check then refuses.
    add_source(
        empty_project,
        "article.txt",
        "Un titre\tavec une tabulation\n\nNVIDIA publie un nouveau modèle. Il est rapide.\n",
        'date: 2024-05-01\noutlet: "Le\\tJournal"\nauthor: "Jeanne\\nDupont"',
    )
    result = run_cli(empty_project, "ingest")
    assert result.exit_code == 0, result.stderr
    page = (empty_project.articles("fr") / "un-titre-avec-une-tabulation.md").read_text(encoding="utf-8")
    assert "title: Un titre avec une tabulation\n" in page
    assert "outlet: Le Journal\n" in page and "author: Jeanne Dupont\n" in page
    assert run_cli(empty_project, "check", "--no-build").exit_code == 0


def test_real_binary_is_still_refused(empty_project):
    add_source(empty_project, "good.txt", GOOD)
    add_source(empty_project, "photo.txt", bytes(range(256)) * 8)
    result = run_cli(empty_project, "ingest")
    assert "error: sources/photo.txt: binary file, not text" in result.stderr.splitlines()


def test_a_symbolic_link_in_sources_is_refused(empty_project, tmp_path):
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n" * 3, encoding="utf-8")
    add_source(empty_project, "good.txt", GOOD)
    (empty_project.sources / "leak.txt").symlink_to(secret)
    add_source(empty_project, "leak-entry.txt", GOOD)  # a real file, so the manifest gains an entry
    empty_project.manifest.write_text(
        empty_project.manifest.read_text(encoding="utf-8").replace("leak-entry.txt", "leak.txt"), encoding="utf-8"
    )
    (empty_project.sources / "leak-entry.txt").unlink()
    result = run_cli(empty_project, "ingest")
    assert result.exit_code == 1
    assert "error: sources/leak.txt: is a symbolic link: copy the file itself into the project" in result.stderr
    assert result.stdout.strip() == summary(1, 1)
    assert "root:x" not in "".join(p.read_text(encoding="utf-8") for p in empty_project.articles("fr").iterdir())


def test_an_unreadable_source_fails_alone(empty_project, monkeypatch):
    add_source(empty_project, "good.txt", GOOD)
    add_source(empty_project, "locked.txt", GOOD.replace("titre", "autre titre"))
    # Tests may run as root, whom file modes do not stop: the refusal is simulated.
    original = files.os.open

    def deny(path, flags, *args):
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied")
        return original(path, flags, *args)

    monkeypatch.setattr(files.os, "open", deny)
    result = run_cli(empty_project, "ingest")
    assert result.exit_code == 1
    assert "error: sources/locked.txt: cannot be read: Permission denied" in result.stderr.splitlines()
    assert result.stdout.strip() == summary(1, 1)


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
def test_written_pages_get_the_mode_the_umask_gives(empty_project, umask, mode):
    add_source(empty_project, "good.txt", GOOD)
    previous = os.umask(umask)
    try:
        assert run_cli(empty_project, "ingest").exit_code == 0
    finally:
        os.umask(previous)
    page = empty_project.articles("fr") / "un-titre-d-article.md"
    assert stat.S_IMODE(page.stat().st_mode) == mode
