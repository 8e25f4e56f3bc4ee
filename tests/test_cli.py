"""The validate command: exit codes and output a pre-commit hook or CI can use."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args, cwd=ROOT):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    return subprocess.run([sys.executable, "-m", "acsdocs", "validate", *args], cwd=cwd, capture_output=True, text=True, env=env)


def test_valid_plans_exit_zero():
    result = run("--strict")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")


def test_errors_exit_one_without_traceback(mini_plans):
    (mini_plans / "bad.yml").write_text("activities:\n  - id: x\n", encoding="utf-8")
    result = run(str(mini_plans))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith("plans/bad.yml:2:5: error: activity is missing the required field")


def test_warning_fails_only_under_strict(mini_plans):
    (mini_plans / "w.yml").write_text("glossary:\n  - id: t\n    vi: a\n    en: b\n    definition: {vi: chỉ tiếng Việt}\n", encoding="utf-8")
    assert run(str(mini_plans)).returncode == 0
    strict = run(str(mini_plans), "--strict")
    assert strict.returncode == 1
    assert "warning: 'definition' has no en text" in strict.stderr


def test_missing_folder_is_a_clear_error(tmp_path):
    result = run(str(tmp_path / "nope"))
    assert result.returncode == 2
    assert "no such folder" in result.stderr
