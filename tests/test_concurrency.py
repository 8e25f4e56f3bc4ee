"""Two builds at once, an output that cannot be written, an indexer that never answers:
site/ is whole or untouched, every wait has a deadline, every failure is a clean message."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from acsdocs import pagefind_service
from acsdocs.lock import BuildLock
from catalogue import digest
from conftest import EPOCH, ROOT, mini_project, mkdocs_build

pytestmark = pytest.mark.build


def start_build(project: Path, dest: Path, **env) -> subprocess.Popen:
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks"), "SOURCE_DATE_EPOCH": EPOCH, **env}
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(dest)],
                            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environ)


def whole(site: Path, langs=("", "en")) -> bool:
    return all((site / lang / "index.html").is_file() for lang in langs) and (site / "sitemap.xml").is_file() and (site / "assets").is_dir()


def test_two_builds_at_once_leave_a_whole_site(tmp_path):
    """Two builds of one checkout into one site/ (a save under `mkdocs serve` and `make site`):
    while a third holds the checkout, both wait and say so; then each builds in turn."""
    project = mini_project(tmp_path / "project")
    site = tmp_path / "site"
    held = BuildLock()
    held.acquire(project, lambda message: None)
    try:
        builds = [start_build(project, site) for _ in range(2)]
        time.sleep(8.0)  # both have checked their input and wait for the lock
    finally:
        held.release()
    outputs = [p.communicate(timeout=600)[0] for p in builds]
    assert [p.returncode for p in builds] == [0, 0], outputs
    assert all("waiting for it" in output for output in outputs), outputs
    assert whole(site), sorted(p.name for p in site.iterdir())
    assert not list(tmp_path.glob(".site.*")), "a build left its folder behind"


def test_a_build_that_cannot_wait_stops_cleanly_and_keeps_the_site(tmp_path):
    project = mini_project(tmp_path / "project")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    before = digest(site)
    held = BuildLock()
    held.acquire(project, lambda message: None)
    try:
        result = mkdocs_build(project, site, env={"ACSDOCS_LOCK_WAIT": "0"})
    finally:
        held.release()
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "another build or preview (process" in result.stderr
    assert digest(site) == before


def test_an_output_that_cannot_be_written_is_a_clean_error(tmp_path):
    project = mini_project(tmp_path / "project")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the site's folder should be", encoding="utf-8")
    result = mkdocs_build(project, blocker / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "the site cannot be written to" in result.stderr


def test_a_site_that_cannot_be_replaced_stays_as_it_was(tmp_path, monkeypatch):
    from mkdocs.exceptions import Abort
    from mkdocs_adapter import publish

    final, partial = tmp_path / "site", publish.building(tmp_path / "site")
    final.mkdir()
    (final / "index.html").write_text("old", encoding="utf-8")
    partial.mkdir()
    (partial / "index.html").write_text("new", encoding="utf-8")
    real = Path.rename

    def refuse(self, target):
        if self == partial:
            raise PermissionError(13, "Permission denied")
        return real(self, target)

    monkeypatch.setattr(Path, "rename", refuse)
    with pytest.raises(Abort, match="was left as it was"):
        publish.replace_site(final, True, None)
    assert (final / "index.html").read_text(encoding="utf-8") == "old"
    assert not partial.exists()


def test_an_indexer_that_never_answers_is_stopped(tmp_path, monkeypatch):
    silent = tmp_path / "pagefind"
    silent.write_text("#!/bin/sh\nexec sleep 600\n", encoding="utf-8")
    silent.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(silent))
    monkeypatch.setenv("ACSDOCS_INDEX_TIMEOUT", "1")
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="gave no answer for 1 s"):
        pagefind_service.write_index([], tmp_path / "out")
    assert time.monotonic() - started < 30
