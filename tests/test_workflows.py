"""Every GitHub workflow passes zizmor, a security linter for GitHub Actions (script injection,
excessive permissions, credentials left on disk, unpinned actions), installed from
requirements-dev.txt and run offline; and the rules the linter does not enforce on its own:
no expression in a script, a permission block per job, pins with their release, timeouts."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ZIZMOR = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")


def _jobs(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"]


def test_there_are_workflows_to_check():
    assert {p.name for p in WORKFLOWS} >= {"pages.yml", "material.yml"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_zizmor_finds_nothing(workflow):
    assert ZIZMOR, "zizmor is missing: install requirements-dev.txt (make setup-dev)"
    result = subprocess.run([ZIZMOR, "--offline", "--no-progress", "--strict-collection", "--color", "never", str(workflow)],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_scripts_expand_no_expression(workflow):
    """Untrusted text reaches a script only through the environment (GitHub's guidance)."""
    for name, job in _jobs(workflow).items():
        for step in job.get("steps", []):
            assert "${{" not in step.get("run", ""), f"{workflow.name}: job {name}: pass the value through `env:`, not `${{{{ }}}}` in `run:`"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_jobs_are_bounded_and_actions_pinned(workflow):
    text = workflow.read_text(encoding="utf-8")
    for name, job in _jobs(workflow).items():
        assert job.get("timeout-minutes"), f"{workflow.name}: job {name} has no timeout-minutes"
    for action, comment in re.findall(r"^\s*(?:- )?uses:\s*(\S+)(.*)$", text, flags=re.M):
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), f"{action}: pin it by commit SHA"
        assert re.fullmatch(r"\s*# v\d+(\.\d+)*", comment), f"{action}: add the release as a comment (# v1.2.3)"


def test_the_material_workflow_gives_each_job_only_what_it_needs():
    workflow = ROOT / ".github" / "workflows" / "material.yml"
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    assert data["permissions"] == {}
    assert {name: job["permissions"] for name, job in data["jobs"].items()} == {
        "check": {"contents": "read"},
        "comment": {"issues": "write"},
        "propose": {"contents": "write", "pull-requests": "write"},
    }
    steps = [step for job in data["jobs"].values() for step in job["steps"]]
    assert [s["env"]["ISSUE_BODY"] for s in steps if "ISSUE_BODY" in s.get("env", {})] == ["${{ github.event.issue.body }}"]
    assert all(s.get("with", {}).get("persist-credentials") is False for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    pages = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert all(s["uses"] in pages for s in steps if "uses" in s), "reuse the actions (and SHAs) of pages.yml"
