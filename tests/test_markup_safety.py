"""Whatever a source contains is text: it never becomes markup on the page."""

from __future__ import annotations

import json

import markdown
import pytest
import yaml

from scripts.checks.markdown_audit import audit_project
from scripts.common.typography import french
from scripts.model.pages import read_page
from scripts.model.registry import load_registry
from scripts.site.context import SCRIPT_SAFE
from scripts.site.csp import blocked_inline_code, render_policy, script_hash
from scripts.site.listings import _yaml_string
from tests.conftest import add_source, run_cli
from tests.site_builds import FIXTURE, copy_content

HOSTILE = """Titre : « guillemets », deux-points et — tirets

Un paragraphe d’introduction qui est assez long pour ne pas être un intertitre.

<script>alert(1)</script> dans le texte.

# pas un titre

> pas une citation

- pas une liste

1. pas une liste numérotée

[pas un lien](https://example.org) et *pas d’italique* et `pas de code` et {: .classe}

&lt; reste écrit ainsi.
"""


def render(body: str) -> str:
    return markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables", "toc", "admonition", "footnotes"])


def test_hostile_lines_stay_text(empty_project):
    add_source(empty_project, "hostile.txt", HOSTILE)
    assert run_cli(empty_project, "ingest").exit_code == 0
    page = read_page(next(empty_project.articles("fr").iterdir()))
    html = render(page.body)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for tag in ("<h1", "<h2", "<blockquote", "<ul", "<ol", "<a ", "<em>", "<code>", 'class="classe"'):
        assert tag not in html, tag
    for text in ("# pas un titre", "&gt; pas une citation", "- pas une liste", "1. pas une liste numérotée"):
        assert f"<p>{text}</p>" in html
    assert "[pas un lien](https://example.org) et *pas d’italique* et `pas de code` et {: .classe}" in html
    assert "&amp;lt; reste écrit ainsi." in html


def test_tricky_titles_round_trip_through_front_matter(empty_project):
    titles = ['Titre : avec "guillemets" et deux-points', "---", "Émoji 🚀 et accents : « çà »", "yes", "2024-01-01"]
    for index, title in enumerate(titles):
        add_source(
            empty_project,
            f"t{index}.txt",
            "Un corps d’article. Avec deux phrases.\n",
            f"date: 2024-05-01\ntitle: '{title}'",
        )
    assert run_cli(empty_project, "ingest").exit_code == 0
    found = sorted(read_page(p).meta["title"] for p in empty_project.articles("fr").iterdir())
    # As written, but for French typography, which ingest applies to titles (scripts/common/typography.py).
    assert found == sorted(french(title) for title in titles)
    for path in empty_project.articles("fr").iterdir():
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        assert isinstance(meta["title"], str)


# What a page's hand-written Markdown may hide from a reviewer, and the line `check` prints.
CONTRIBUTED = """---
title: À propos
---

# À propos

Du texte, un [lien](https://example.org), une ![image locale](../assets/images/logo.svg).

<img src="https://tracker.example/pixel.png" onerror="alert(1)">

[cliquer](JaVa&#x09;Script:alert(1)) et <data:text/html,bonjour>

![distante](//cdn.example/photo.jpg)

[ref]: data:text/html;base64,PHNjcmlwdD4=

Un paragraphe{: onclick="alert(1)" }

Du code `<b>montré tel quel</b>` et \\[pas un lien\\](javascript:x).

Une ![image par référence][pixel] et un [lien par référence][site].

[pixel]: https://tracker.example/ref.png
[site]: https://example.org/

```
<script>dans un bloc de code</script>
```
"""


def test_check_reports_contributed_markup_by_file_and_line(tmp_path):
    project = copy_content(tmp_path / "project", "docs", "data")
    (project.docs / "fr" / "a-propos.md").write_text(CONTRIBUTED, encoding="utf-8")
    result = run_cli(project, "check", "--no-build")
    assert result.exit_code == 1
    where = "docs/fr/a-propos.md"
    assert [line for line in result.stdout.splitlines() if not line.startswith("  fix: ")] == [
        f"{where}:9: raw HTML <img> (Markdown pages hold text; HTML is published as markup)",
        f"{where}:9: loads 'https://tracker.example/pixel.png' from another host (the site loads nothing from other hosts)",
        f"{where}:11: data: link 'data:text/html,bonjour' (it can run script or hide content)",
        f"{where}:11: javascript: link 'JaVa&#x09;Script:alert(1' (it can run script or hide content)",
        f"{where}:13: loads '//cdn.example/photo.jpg' from another host (the site loads nothing from other hosts)",
        f"{where}:15: data: link 'data:text/html;base64,PHNjcmlwdD4=' (it can run script or hide content)",
        f"{where}:17: attribute list sets 'onclick' (attributes are markup)",
        f"{where}:23: loads 'https://tracker.example/ref.png' from another host (the site loads nothing from other hosts)",
    ]
    hints = {line for line in result.stdout.splitlines() if line.startswith("  fix: ")}
    assert hints == {"  fix: edit the page's text at that line (write it as text, or link to this site)"}


def test_check_leaves_ingested_and_generated_pages_alone():
    assert audit_project(FIXTURE) == []


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("- name: NVIDIA\n", '- name: "NVIDIA\\nhide: [toc]"\n', "name: 'NVIDIA\\nhide: [toc]' contains a line break"),
        ("- name: NVIDIA\n", "- name: NVIDIA <img src=x onerror=alert(1)>\n", "contains '<' (markup is not allowed)"),
        ("- name: NVIDIA\n", '- name: "NVIDIA\\u202e"\n', "contains a line break or invisible character (U+202E)"),
        ("website: https://www.nvidia.com", "website: javascript:alert(1)", "is not an http(s) URL"),
        ("website: https://www.nvidia.com", 'website: "https://x.example/\\" onclick=\\"a"', "is not an http(s) URL"),
    ],
)
def test_registry_refuses_names_that_are_not_one_line_of_text(tmp_path, old, new, message):
    project = copy_content(tmp_path / "project", "data")
    text = project.companies.read_text(encoding="utf-8")
    assert old in text
    project.companies.write_text(text.replace(old, new, 1), encoding="utf-8")
    _, problems = load_registry(project)
    assert len(problems) == 1 and problems[0].startswith("data/companies.yml: entry 1 (") and message in problems[0]
    assert "\n" not in problems[0]


def test_registry_refuses_markup_in_a_topic_label(tmp_path):
    project = copy_content(tmp_path / "project", "data")
    text = project.topics.read_text(encoding="utf-8")
    project.topics.write_text(text.replace("  fr: Open source et licences", '  fr: "Open <b>source</b>"', 1), "utf-8")
    _, problems = load_registry(project)
    assert problems == [
        "data/topics.yml: entry 1 (open-source): fr label: 'Open <b>source</b>' contains '<' (markup is not allowed)"
    ]


@pytest.mark.parametrize("text", ['a "b" \\ c', "a\nb: c", "---\n", "a\u2028b\u0085c\x1b[31m", "# x"])
def test_listing_front_matter_title_is_one_line(text):
    line = _yaml_string(text)
    assert "\n" not in line and "\u2028" not in line and "\x85" not in line
    assert yaml.safe_load(f"title: {line}") == {"title": text}


def test_json_ld_cannot_end_or_swallow_its_script():
    payload = {"headline": "<!--<script> </script> & \u2028"}
    text = json.dumps(payload, ensure_ascii=False).translate(SCRIPT_SAFE)
    assert not set("<>&\u2028") & set(text)
    assert json.loads(text) == payload


def test_policy_allows_only_the_templates_scripts():
    trusted = (
        '<script>var a = 1</script>\n  <script type="application/json">{"x": 1}</script><script src="x.js"></script>'
    )
    policy = render_policy(trusted)
    assert script_hash("var a = 1") in policy and "'unsafe-inline'" not in policy
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    page = f'<meta http-equiv="Content-Security-Policy" content="{policy}"><script>var a = 1</script><script>alert(1)</script>'
    page += '<img src=x onerror="alert(1)"><a href=" javascript:alert(1)">x</a>'
    page += '<meta content="escaped text: x onload=1 &lt;a href=javascript:x&gt;">'
    assert blocked_inline_code(page) == ["alert(1)", "onerror= attribute", 'href=" javascript:alert(1)"']
    # `mkdocs serve` injects a live-reload script of its own into every page: a preview allows it.
    preview = render_policy(trusted, preview=True)
    assert "script-src 'self' 'unsafe-inline';" in preview and "sha256" not in preview
