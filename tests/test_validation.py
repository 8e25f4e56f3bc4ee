"""Level 1: loading and validating plan files, with golden error messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from acsdocs.load import load_folder
from acsdocs.mkdocsyml import read_mkdocs_yml
from acsdocs.problems import ERROR, format_problems
from catalogue import write_plan_case
from conftest import ROOT

CASES = sorted((Path(__file__).parent / "cases" / "errors").glob("*.yml"))


def test_shipped_plans_are_valid():
    settings, _ = read_mkdocs_yml(ROOT / "mkdocs.yml")
    site, problems = load_folder(ROOT / "plans", settings)
    assert [str(p) for p in problems] == []
    assert {"asean-2017", "asean-2021", "qd-1439", "qd-896"} <= set(site.documents)


def test_mini_fixture_is_valid(mini_plans, mini_settings):
    site, problems = load_folder(mini_plans, mini_settings)
    assert problems == []
    assert set(site.items) == {"decl#pa-1", "decl#pa-2", "dec#solution-1", "local#milestone-1"}


def test_there_are_at_least_fifteen_named_error_cases():
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_error_message(case, mini_plans, mini_settings):
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    write_plan_case(spec, mini_plans)
    _, problems = load_folder(mini_plans, mini_settings)
    assert [str(p) for p in problems] == spec["expect"]


def test_every_problem_is_reported_in_one_run(mini_plans, mini_settings):
    (mini_plans / "a.yml").write_text("sources:\n  - id: x\n    title: T\n", encoding="utf-8")
    (mini_plans / "b.yml").write_text("documents: [\n", encoding="utf-8")
    _, problems = load_folder(mini_plans, mini_settings)
    files = {p.path for p in problems}
    assert files == {"plans/a.yml", "plans/b.yml"}
    assert all(p.severity == ERROR for p in problems)


def test_dates_stay_as_written(mini_plans, mini_settings):
    site, _ = load_folder(mini_plans, mini_settings)
    assert site.documents["dec"]["issued"] == "2018-10-29"
    assert isinstance(site.activities[0]["date"], str)


def test_discrepancy_note_allows_disagreeing_totals(mini_plans, mini_settings):
    (mini_plans / "case.yml").write_text(
        "figures:\n  - id: r2\n    document: decl\n    date: '2022'\n    source: src-a\n    title: {vi: a, en: b}\n"
        "    rows:\n      - {item: decl#pa-2, framework: accsm, total: 18, counts: {planned: 10, completed: 5},"
        " discrepancy: {vi: Nguồn ghi 18 nhưng cộng được 15., en: The source says 18 but its parts add to 15.}}\n",
        encoding="utf-8")
    _, problems = load_folder(mini_plans, mini_settings)
    assert problems == []


def test_broken_twin_reports_every_mistake_at_once(mini_plans, mini_settings):
    """tests/fixtures/mini-broken is tests/fixtures/mini with four mistakes of different kinds."""
    twin = Path(__file__).parent / "fixtures" / "mini-broken"
    shutil.copytree(twin / "plans", mini_plans, dirs_exist_ok=True)
    _, problems = load_folder(mini_plans, mini_settings)
    expected = (twin / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert format_problems(problems).splitlines() == expected
