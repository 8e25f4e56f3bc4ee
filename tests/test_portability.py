"""The same repository builds unchanged with ProperDocs, the MkDocs 1.x continuation.

MkDocs 1.x gets no more releases and 2.0 drops plugins and hooks; if the project moves,
this test shows the move needs no change to content, data, hooks or configuration."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import ROOT, copy_project, mkdocs_build

pytestmark = pytest.mark.build
pytest.importorskip("properdocs")

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site(tmp_path):
    project = copy_project(tmp_path / "project")
    env = {"SOURCE_DATE_EPOCH": "1795389662"}
    reference = mkdocs_build(project, tmp_path / "mkdocs", env=env)
    assert reference.returncode == 0, reference.stderr[-2000:]
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(tmp_path / "properdocs")],
        cwd=project, capture_output=True, text=True, timeout=600,
        env={**os.environ, **env, "PYTHONPATH": str(ROOT / "hooks")})
    assert result.returncode == 0, result.stderr[-3000:]
    ours = sorted(p.relative_to(tmp_path / "mkdocs") for p in (tmp_path / "mkdocs").rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(tmp_path / "properdocs") for p in (tmp_path / "properdocs").rglob("*") if p.is_file())
    assert ours == theirs
    for rel in ours:
        if rel.suffix == ".gz":
            continue
        a, b = ((tmp_path / side / rel).read_bytes() for side in ("mkdocs", "properdocs"))
        assert GENERATOR.sub(b"", a) == GENERATOR.sub(b"", b), rel
