"""The same repository builds unchanged with ProperDocs, the MkDocs 1.x continuation, into
the same bytes as the session's MkDocs build: a second, independent build of the same commit
(SOURCE_DATE_EPOCH fixed) that shows the output is reproducible too.

MkDocs 1.x gets no more releases and 2.0 drops plugins and hooks; if the project moves,
this test shows the move needs no change to content, data, hooks or configuration."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import EPOCH, ROOT

pytestmark = pytest.mark.build
pytest.importorskip("properdocs")

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_bytes(built_project, built_site, tmp_path):
    theirs_dir = tmp_path / "properdocs"
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(theirs_dir)],
        cwd=built_project, capture_output=True, text=True, timeout=600,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks")})
    assert result.returncode == 0, result.stderr[-3000:]
    ours = sorted(p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(theirs_dir) for p in theirs_dir.rglob("*") if p.is_file())
    assert ours == theirs
    for rel in ours:
        if rel.suffix == ".gz":
            continue
        a, b = (built_site / rel).read_bytes(), (theirs_dir / rel).read_bytes()
        assert GENERATOR.sub(b"", a) == GENERATOR.sub(b"", b), rel
