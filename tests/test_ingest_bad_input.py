"""Bad input: one clear line naming the file, the rest of the batch converted, exit status 1."""

from __future__ import annotations

import codecs

import pytest

from tests.conftest import add_source, run_cli

GOOD = "Un titre d’article\n\nNVIDIA publie un nouveau modèle. Il est rapide.\n"


@pytest.mark.parametrize(
    ("name", "content", "entry", "message"),
    [
        ("empty.txt", b"", "date: 2024-05-01", "error: sources/empty.txt: empty file"),
        ("image.txt", bytes(range(256)) * 8, "date: 2024-05-01", "error: sources/image.txt: binary file, not text"),
        (
            "nodate.txt",
            GOOD,
            None,
            "error: sources/nodate.txt: no entry in sources/sources.yml (date is required)",
        ),
        (
            "baddate.txt",
            GOOD,
            "date: 2024-13-45",
            "error: sources/sources.yml:5: baddate.txt: date: '2024-13-45' is not an ISO date (YYYY-MM-DD)",
        ),
        (
            "typo.txt",
            GOOD,
            "date: 2024-05-01\nautor: X",
            "error: sources/sources.yml:5: typo.txt: autor: unknown key (see scripts/model/schema.py for the keys a page may have)",
        ),
        (
            "blank.html",
            "<html><head><title>Rien</title></head><body><script>track()</script></body></html>",
            "date: 2024-05-01",
            "error: sources/blank.html: HTML page has no extractable article text",
        ),
        (
            "notes.docx",
            b"PK\x03\x04",
            "date: 2024-05-01",
            "error: sources/notes.docx: unknown format '.docx': sources are .txt or .html files",
        ),
        (
            "noise.txt",
            "Advertisement\n\nPhysical Address\n",
            "date: 2024-05-01",
            "error: sources/noise.txt: no article text left after cleaning",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and "." in v and len(v) < 20 else None,
)
def test_bad_source_is_reported_and_the_batch_goes_on(empty_project, name, content, entry, message):
    add_source(empty_project, "good.txt", GOOD)
    add_source(empty_project, name, content, entry)
    result = run_cli(empty_project, "ingest")
    assert result.exit_code == 1
    assert message in result.stderr.splitlines(), result.stderr
    assert result.stdout.strip() == "1 converted, 0 unchanged, 0 kept (edited by hand), 1 failed"
    assert [p.name for p in empty_project.articles("fr").iterdir()] == ["un-titre-d-article.md"]


def test_manifest_entry_without_file(empty_project):
    add_source(empty_project, "good.txt", GOOD)
    empty_project.manifest.write_text(
        empty_project.manifest.read_text(encoding="utf-8") + "gone.txt:\n  date: 2024-05-02\n", encoding="utf-8"
    )
    result = run_cli(empty_project, "ingest")
    assert result.exit_code == 1
    assert "error: sources/sources.yml:4: gone.txt: entry has no file in sources/" in result.stderr.splitlines()
    assert "1 converted" in result.stdout


def test_size_limit_is_configurable(empty_project):
    add_source(empty_project, "big.txt", GOOD + "Une phrase de plus. " * 100)
    result = run_cli(empty_project, "ingest", "--max-bytes", "1000")
    assert result.exit_code == 1
    assert "error: sources/big.txt: file is 2,071 bytes, over the limit of 1,000 (--max-bytes)" in result.stderr
    assert run_cli(empty_project, "ingest").exit_code == 0


@pytest.mark.parametrize(
    ("encoded", "note"),
    [
        (GOOD.replace("\n", "\r\n").encode("utf-8"), None),
        (codecs.BOM_UTF8 + GOOD.encode("utf-8"), "decoded as utf-8 (byte order mark removed)"),
        (GOOD.encode("utf-16"), "decoded as utf-16-le (byte order mark removed)"),
        (GOOD.replace("’", "'").encode("cp1252"), "not UTF-8: decoded as cp1252"),
        (GOOD.replace("’", "'").encode("latin-1"), "not UTF-8: decoded as"),
    ],
    ids=["crlf", "utf8-bom", "utf16", "cp1252", "latin1"],
)
def test_decodable_encodings_are_decoded_with_a_note(empty_project, encoded, note):
    add_source(empty_project, "article.txt", encoded)
    result = run_cli(empty_project, "ingest")
    assert result.exit_code == 0, result.stderr
    page = (empty_project.articles("fr") / "un-titre-d-article.md").read_text(encoding="utf-8")
    assert "NVIDIA publie un nouveau modèle. Il est rapide.\n" in page
    assert "title: Un titre d’article\n" in page
    assert "\r" not in page and "\ufeff" not in page
    if note:
        assert f"note: article.txt: {note}" in result.stderr
    else:
        assert "note:" not in result.stderr
