"""Careless and broken input through the real `mkdocs build --strict`: a clean message with
its place, a non-zero exit, no traceback, and the last good site left exactly as it was.

Two catalogues: tests/cases/edits.yml (pages, configuration, interface words, files on
disk) and tests/cases/errors/*.yml (plan files), each built in this process by the real
command line. For every plan case, `python -m acsdocs validate` and the build report the
same problems: whatever validate accepts, the build renders."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest
import yaml
from acsdocs.__main__ import main as validate
from catalogue import apply, build, digest, write_plan_case
from conftest import ROOT, mini_project

pytestmark = pytest.mark.build
CASES = Path(__file__).parent / "cases"
EDITS = yaml.safe_load((CASES / "edits.yml").read_text(encoding="utf-8"))
ERRORS = sorted((CASES / "errors").glob("*.yml"))


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    """A good mini site and its build: each case starts from copies of both."""
    project = mini_project(tmp_path_factory.mktemp("good") / "project")
    site = project.parent / "site"
    outcome = build(project, site)
    assert outcome.code == 0, outcome.output
    return project, site


def start(good, tmp_path) -> tuple[Path, Path, str]:
    project, site = tmp_path / "project", tmp_path / "site"
    shutil.copytree(good[0], project, symlinks=True, ignore=shutil.ignore_patterns(".cache"))
    shutil.copytree(good[1], site)
    return project, site, digest(site)


def problem_lines(text: str) -> list[str]:
    return sorted(line.strip().removeprefix("WARNING -  ").removeprefix("ERROR   -  ") for line in text.splitlines() if ": error: " in line or ": warning: " in line)


def test_the_catalogue_is_large():
    assert len(EDITS) + len(ERRORS) >= 60
    assert len({case["name"] for case in EDITS}) == len(EDITS)


@pytest.mark.parametrize("case", EDITS, ids=[case["name"] for case in EDITS])
def test_careless_edit(good, tmp_path, case):
    project, site, before = start(good, tmp_path)
    apply(project, case, ROOT)
    outcome = build(project, site)
    assert outcome.code != 0, outcome.output[-2000:]
    assert not outcome.traceback, outcome.exception
    assert "Traceback" not in outcome.output
    for line in case["expect"]:
        assert line in outcome.output, outcome.output[-3000:]
    assert digest(site) == before, "the last good site was changed"
    assert not list(tmp_path.glob(".site.*")), "an unfinished build was left behind"
    assert_validate_agrees(project, outcome)


def assert_validate_agrees(project: Path, outcome) -> None:
    """validate says what the build says: the same lines, and a failure where it fails."""
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        code = validate(["validate", "--strict", "-f", str(project / "mkdocs.yml")])
    assert code != 0, f"validate accepted what the build refused:\n{outcome.output[-2000:]}"
    assert re.search(r"^\S+:\d+:\d+: (error|warning): ", stderr.getvalue(), re.M), stderr.getvalue()  # at its place
    if "Invalid input" in outcome.output:
        assert problem_lines(stderr.getvalue()) == problem_lines(outcome.output.split("Invalid input; nothing was published.", 1)[1])


@pytest.mark.parametrize("case", ERRORS, ids=[c.stem for c in ERRORS])
def test_validate_and_build_agree_on_plan_errors(good, tmp_path, case):
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    project, site, before = start(good, tmp_path)
    write_plan_case(spec, project / "plans")
    outcome = build(project, site)
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        code = validate(["validate", "--strict", "-f", str(project / "mkdocs.yml")])
    assert code == 1 and outcome.code != 0 and not outcome.traceback
    assert problem_lines(outcome.output) == problem_lines(stderr.getvalue())
    assert problem_lines(stderr.getvalue()) == sorted(spec["expect"])
    assert digest(site) == before
