"""French news pages from more public test suites, appended to the development corpus.

`python -m scripts.quality.suites_fr GIT_DIR ...` (bare or working clones of the suites below)
writes each page's three forms as `scripts.quality.corpus` does and appends its manifest entry,
leaving the entries already there alone. The reference text is the suite's own expected article
text when it has one (fundus), else the article our HTML reader extracts from the page; those
references were read and trimmed by hand where they carried furniture (the labelled tagging set,
data/labelled/tagging-dev.yml, is built on them). Pages also present in trafilatura's
evaluation set (`tests/eval`, `tests/cache`) are left out: that set is kept aside.
`python -m scripts.quality.corpus` writes the manifest afresh with Readability's pages only: run
this again after it to append these pages.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import yaml

from scripts.common import safe_yaml
from scripts.quality.corpus import CORPUS, _copied_texts, html_to_text

# The site's name after a <title>'s headline: "… ‹ Wara Conservation Project", "… | Slate".
SITE_NAME_RE = re.compile(r"\s+[-|–—‹›·]\s+(?!.*\s[-|–—‹›·]\s).*$")


@dataclass(frozen=True)
class SuitePage:
    """One French page of a suite: its corpus name, path in the suite and the suite's reference."""

    name: str
    path: str
    expected: str = ""  # fundus: the JSON of expected parses
    version: str = ""  # fundus: the parser version whose parse is this page's
    commit: str = ""  # a page the suite has since removed: the last commit that held it


# htmldate's French pages (Apache-2.0) not also in trafilatura's evaluation set; medef.fr's page
# is in English.
HTMLDATE = (
    "adbar/htmldate",
    "Apache-2.0",
    [
        SuitePage("htmldate-cric-grenoble", "tests/cache/cric-grenoble.info.radio.html"),
        SuitePage("htmldate-la-bas", "tests/cache/la-bas.org.porte.html"),
        SuitePage("htmldate-loldf", "tests/cache/loldf.org.html"),
        SuitePage("htmldate-mediapart", "tests/cache/mediapart.fr.violences.html"),
        SuitePage("htmldate-paris-luttes", "tests/cache/paris-luttes.info.html"),
        SuitePage("htmldate-revolutionpermanente", "tests/cache/revolutionpermanente.fr.antonin.html"),
        SuitePage("htmldate-wara", "tests/cache/wara-enforcement.org.guinee.html"),
        SuitePage("htmldate-20minutes", "tests/eval/20minutes.fr-Ciaran.html"),
        SuitePage("htmldate-courrierinternational", "tests/eval/courrierinternational.com-Hamas.html"),
        SuitePage("htmldate-leparisien", "tests/eval/leparisien.fr-Ciaran.html"),
        SuitePage("htmldate-lepoint", "tests/eval/lepoint.fr-terrorisme.html"),
        SuitePage("htmldate-lesechos", "tests/eval/lesechos.fr-Macron.html"),
        SuitePage("htmldate-liberation", "tests/eval/liberation.fr-Gaza.html"),
        SuitePage("htmldate-medium-recherche", "tests/eval/medium.com.recherche.html"),
        SuitePage("htmldate-ouest-france", "tests/eval/ouest-france.fr-gaza.html"),
        SuitePage("htmldate-set-1551001635", "tests/test_set/1551001635.html"),
        SuitePage("htmldate-set-1556056486", "tests/test_set/1556056486.html"),
        SuitePage("htmldate-set-1560424903", "tests/test_set/1560424903.html"),
        SuitePage("htmldate-set-1691900941", "tests/test_set/1691900941.html"),
        SuitePage("htmldate-set-1759902081", "tests/test_set/1759902081.html"),
        SuitePage("htmldate-set-1806102460", "tests/test_set/1806102460.html"),
        SuitePage("htmldate-set-1808011241", "tests/test_set/1808011241.html"),
    ],
)
FUNDUS_DIR = "tests/resources/parser/test_data/fr"
FUNDUS = (
    "flairNLP/fundus",
    "MIT",
    [
        SuitePage(f"fundus-{stem.split('_')[0].lower()}-{stem[-10:]}", f"{FUNDUS_DIR}/{stem}.html.gz", json, version)
        for stem, json, version in (
            ("EuronewsFR_2024_04_30", "EuronewsFR.json", "V1"),
            ("EuronewsFR_2026_01_06", "EuronewsFR.json", "V1_1"),
            ("LeFigaro_2024_11_22", "LeFigaro.json", "V1"),
            ("LeMonde_2023_09_01", "LeMonde.json", "V1"),
            ("LesEchos_2024_07_18", "LesEchos.json", "V1"),
        )
    ]
    # Pages fundus replaced by newer ones, as they were before their removal.
    + [
        SuitePage(
            "fundus-lefigaro-2024_04_29",
            f"{FUNDUS_DIR}/LeFigaro_2024_04_29.html.gz",
            "LeFigaro.json",
            "V1",
            "e5300d0dc2d35f2665592e045bdbc6e05fe3d771",
        ),
        SuitePage(
            "fundus-lefigaro-2024_04_30",
            f"{FUNDUS_DIR}/LeFigaro_2024_04_30.html.gz",
            "LeFigaro.json",
            "V1",
            "64956abda5f697783fff22ec519dd37ff8c1e6ca",
        ),
    ],
)
GOOSE3 = (
    "goose3/goose3",
    "Apache-2.0",
    [
        SuitePage("goose3-liberation", "tests/data/content/test_liberation.html"),
        SuitePage("goose3-issue4", "tests/data/content/test_issue4.html"),
        SuitePage("goose3-lefigaro", "tests/data/content/test_lefigaro.html"),
    ],
)
POSTLIGHT = (
    "postlight/parser",
    "MIT OR Apache-2.0",
    [
        SuitePage("postlight-lemonde", "fixtures/www.lemonde.fr.html"),
        SuitePage("postlight-radio-canada", "fixtures/ici.radio-canada.ca.html"),
    ],
)
# Readability-style suites: the reference is the suite's expected.html. Mozilla's videos-2
# (Libération) is not among the pages scripts.quality.corpus takes; fivefilters' challenges is
# a page of its own.
READABILITY = (
    "mozilla/readability",
    "Apache-2.0",
    [SuitePage("readability-videos-2", "test/test-pages/videos-2/source.html")],
)
FIVEFILTERS = (
    "fivefilters/readability.php",
    "Apache-2.0",
    [SuitePage("fivefilters-challenges", "test/test-pages/challenges/source.html")],
)
LICENCE_FILES = {
    "adbar/htmldate": "LICENSE",
    "flairNLP/fundus": "LICENSE",
    "goose3/goose3": "LICENSE.txt",
    "postlight/parser": "LICENSE-MIT",
    "mozilla/readability": "LICENSE.md",
    "fivefilters/readability.php": "LICENSE",
}
SUITES = {suite[0]: suite for suite in (HTMLDATE, FUNDUS, GOOSE3, POSTLIGHT, READABILITY, FIVEFILTERS)}


# What our HTML reader kept around the article, removed by hand after reading each page: the
# headline repeated above the text, kickers, bylines and dates, captions, "Lire aussi" teasers,
# sign-up prompts, related-article lists, source boxes. Line numbers (1-based) of the reader's
# text; a prefix is cut from a line that glues a teaser to a paragraph.
TRIMS: dict[str, tuple[set[int], dict[int, str]]] = {
    "htmldate-20minutes": ({1}, {2: "gros temps "}),
    "htmldate-courrierinternational": ({13}, {}),
    "htmldate-leparisien": ({1}, {}),
    "htmldate-lepoint": (
        {1, 2, 3, 4, 5, 18},
        {11: "À LIRE AUSSI Guerre Hamas-Israël : les images insoutenables du pogrom"},
    ),
    "htmldate-lesechos": ({1, 3, 6, 7, 8, 9}, {}),
    "htmldate-mediapart": ({1, 2, 3, 4, 79, 82}, {}),
    "htmldate-medium-recherche": ({1, 2, 3}, {}),
    "htmldate-ouest-france": ({1, 6, 19}, {}),
    "htmldate-revolutionpermanente": ({1, 2, 4, 14, 15}, {}),
    "htmldate-set-1556056486": ({1}, {}),
    "htmldate-set-1560424903": ({1, 4, 19, 20}, {}),
    "htmldate-set-1691900941": ({1, 2, 3, 9}, {}),
    "htmldate-wara": ({1}, {}),
    "goose3-issue4": ({1, 3, 14}, {}),
    "goose3-liberation": ({4, *range(9, 35)}, {}),
    "postlight-lemonde": ({18}, {}),
    "postlight-radio-canada": ({1, 3, 11}, {}),
}


READER_REFERENCE = (
    "our HTML reader (scripts/reading/readers/html.py), read and trimmed by hand"
    " (TRIMS in scripts/quality/suites_fr.py)"
)


def _trimmed(name: str, text: str) -> str:
    """A reader-made reference without the furniture listed in TRIMS."""
    drop, prefixes = TRIMS.get(name, (set(), {}))
    lines = []
    for number, line in enumerate(text.splitlines(), 1):
        if number in drop:
            continue
        lines.append(line.removeprefix(prefixes.get(number, "")))
    return "\n".join(lines) + "\n"


def _git(git_dir: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(git_dir), *args], check=True, capture_output=True).stdout


def _fundus_reference(parse: dict) -> tuple[str, str]:
    """(title, text) of one fundus page: the expected parse of its parser version."""
    body = parse.get("body") or {}
    blocks = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        blocks += (section.get("headline") or []) + (section.get("paragraphs") or [])
    return parse.get("title") or "", "\n".join(" ".join(b.split()) for b in blocks if b.strip()) + "\n"


def _reader_reference(html: str, name: str) -> tuple[str, str]:
    """(title, text) when the suite has no reference: the text our HTML reader extracts (trimmed
    by hand afterwards), and the page's own headline, its og:title or else its <title> without the
    site's name. Never the reader's title: a reference made by the reader under test only agrees
    with it (htmldate-wara's was a menu label, "Magazine Wildlife Justice")."""
    from scripts.reading.readers.html import read_html

    document = read_html(Path(name), html)
    text = "\n".join(" ".join(line.split()) for line in document.lines if line.strip())
    tree = lxml.html.fromstring(html)
    og = " ".join(tree.xpath("string(//meta[@property='og:title']/@content)").split())
    title = og or SITE_NAME_RE.sub("", " ".join(tree.xpath("string(//title)").split()))
    return title, text + "\n"


def add_suite(repo: str, git_dir: Path, root: Path = CORPUS) -> list[str]:
    """Write a suite's French pages into the corpus and append their manifest entries."""
    _repo, licence, pages = SUITES[repo]
    commit = _git(git_dir, "rev-parse", "HEAD").decode().strip()
    manifest_path = root / "manifest.yml"
    htmls, entries = {}, []
    for page in pages:
        at = page.commit or commit
        raw = _git(git_dir, "show", f"{at}:{page.path}")
        html = (gzip.decompress(raw) if page.path.endswith(".gz") else raw).decode("utf-8", errors="replace")
        if page.expected:
            expected = json.loads(_git(git_dir, "show", f"{at}:{FUNDUS_DIR}/{page.expected}"))
            title, text = _fundus_reference(expected[page.version])
            reference = f"{FUNDUS_DIR}/{page.expected}"
        elif page.path.endswith("/source.html"):
            folder = page.path.rsplit("/", 1)[0]
            meta = json.loads(_git(git_dir, "show", f"{at}:{folder}/expected-metadata.json"))
            title, text = (
                meta.get("title") or "",
                html_to_text(_git(git_dir, "show", f"{at}:{folder}/expected.html").decode()),
            )
            reference = f"{folder}/expected.html, {folder}/expected-metadata.json"
        else:
            title, text = _reader_reference(html, page.name)
            text = _trimmed(page.name, text)
            reference = READER_REFERENCE
        out = root / "pages" / page.name
        out.mkdir(parents=True, exist_ok=True)
        # mtime=0: the same page always gzips to the same bytes.
        (out / "source.html.gz").write_bytes(gzip.compress(html.encode("utf-8"), 9, mtime=0))
        (out / "reference.txt").write_text(text, encoding="utf-8")
        htmls[page.name] = html
        entries.append(
            {
                "name": page.name,
                "lang": "fr",
                "title": title,
                "source": {"repo": repo, "commit": at, "path": page.path},
                "reference": reference,
                "licence": licence,
            }
        )
    for name, text in _copied_texts(htmls).items():
        (root / "pages" / name / "copied.txt").write_text(text.rstrip() + "\n", encoding="utf-8")
    # The suite's licence travels with its pages (Apache-2.0 and MIT both ask for it).
    (root / f"LICENSE-{repo.split('/')[1]}").write_bytes(_git(git_dir, "show", f"{commit}:{LICENCE_FILES[repo]}"))
    # Re-read right before writing: another run may have appended meanwhile.
    manifest = safe_yaml.load(manifest_path.read_text(encoding="utf-8"))
    known = {entry["name"] for entry in manifest["pages"]}
    manifest["pages"] += [entry for entry in entries if entry["name"] not in known]
    manifest_path.write_text(yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return [entry["name"] for entry in entries]


def main() -> None:
    """Command line: one git directory per suite, named by its repository."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("suites", nargs="+", metavar="OWNER/NAME=GIT_DIR")
    for spec in parser.parse_args().suites:
        repo, git_dir = spec.split("=", 1)
        print(repo, len(add_suite(repo, Path(git_dir))), "pages")


if __name__ == "__main__":
    main()
