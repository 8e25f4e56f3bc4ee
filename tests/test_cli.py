"""The validate command: exit codes and output a pre-commit hook or CI can use."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT


def run(*args, cwd=ROOT):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    return subprocess.run([sys.executable, "-m", "acsdocs", "validate", *args], cwd=cwd, capture_output=True, text=True, env=env)


def test_valid_site_exits_zero():
    result = run("--strict")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")


def test_errors_exit_one_without_traceback(mini):
    (mini / "plans" / "bad.yml").write_text("activities:\n  - id: x\n", encoding="utf-8")
    result = run(cwd=mini)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith("plans/bad.yml:2:5: error: activity is missing the required field")


def test_content_pages_are_checked_too(mini):
    """validate runs the build's checks, not only plans/: a marker typo fails it."""
    page = mini / "content" / "en" / "dec.md"
    page.write_text(page.read_text(encoding="utf-8").replace("acs:attributes", "acs:atributes"), encoding="utf-8")
    result = run("-f", str(mini / "mkdocs.yml"))
    assert result.returncode == 1
    assert "content/en/dec.md:6:1: error: unknown marker 'acs:atributes'; did you mean 'attributes'?" in result.stderr


def test_warning_fails_only_under_strict(mini):
    (mini / "plans" / "w.yml").write_text("glossary:\n  - id: t\n    term: {vi: a, en: b}\n    definition: {vi: chỉ tiếng Việt}\n", encoding="utf-8")
    assert run(cwd=mini).returncode == 0
    strict = run("--strict", cwd=mini)
    assert strict.returncode == 1
    assert "plans/w.yml:4:17: warning: 'definition' has no en text" in strict.stderr


def test_missing_configuration_is_a_clear_error(tmp_path):
    result = run(cwd=tmp_path)
    assert result.returncode == 1  # as the build: 1 for a problem of the input (2 is a wrong command line)
    assert "cannot read the site configuration" in result.stderr and "Traceback" not in result.stderr
